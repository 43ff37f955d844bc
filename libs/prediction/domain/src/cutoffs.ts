/**
 * Cut-offs and the time split of a training set (issue #8). Labels look at the horizon after a
 * cut-off and features are read as of it (see training-set.ts), so a training row never mixes what
 * was known at the cut-off with what happened next. Times are ms since the epoch.
 */

export const DAY_MS = 86_400_000;
export const DEFAULT_HORIZON_DAYS = 30;
export const HIGHLY_ENGAGED = 'Highly Engaged';

/** 1 = the outcome happened, 0 = it did not, null = no label (not eligible, or not known yet). */
export type Label = 0 | 1 | null;

/** A profile entering a tier (a behaviour segment) at `at`. */
export interface TierChange {
  readonly at: number;
  readonly tier: string;
}

export interface TimeSplit {
  readonly train: number[];
  readonly validation: number[];
  /** Cut-offs left out of both sets because their label window reaches past the first validation cut-off. */
  readonly gap: number[];
}

/**
 * Cut-offs at the last millisecond of a UTC day (23:59:59.999) every `everyDays` days, from the
 * first at or after `from` up to `to` inclusive. A day's events all fall on one side of a cut-off,
 * and a feature read at the cut-off sees its whole last day: the feature store's 7-day window is
 * the day read and the 6 before it, so a cut-off at midnight would see only 6 days.
 */
export function cutoffs({ from, to, everyDays }: { from: number; to: number; everyDays: number }): number[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || from > to)
    throw new RangeError(`cut-offs need finite from ≤ to (got ${from} and ${to})`);
  if (!Number.isInteger(everyDays) || everyDays < 1)
    throw new RangeError(`everyDays must be a whole number ≥ 1 (got ${everyDays})`);
  const result: number[] = [];
  for (let at = Math.ceil((from + 1) / DAY_MS) * DAY_MS - 1; at <= to; at += everyDays * DAY_MS)
    result.push(at);
  return result;
}

/**
 * Time-based split: the latest `validationShare` of the cut-offs (at least one) validate, the
 * earlier ones train. Gap rule: a train cut-off c is kept only if c + horizon ≤ the first
 * validation cut-off, so every training label window has closed before any validation row's
 * features are read; otherwise training would learn outcomes from the validation period and the
 * validation score would flatter the model. Cut-offs in between are returned as `gap`.
 */
export function timeSplit(
  cutoffList: readonly number[],
  { horizonDays, validationShare = 0.25 }: { horizonDays: number; validationShare?: number },
): TimeSplit {
  if (!(validationShare > 0 && validationShare < 1))
    throw new RangeError(`validationShare must be in (0, 1) (got ${validationShare})`);
  if (!(horizonDays >= 0) || !Number.isFinite(horizonDays))
    throw new RangeError(`horizonDays must be a number ≥ 0 (got ${horizonDays})`);
  const sorted = [...new Set(cutoffList)].sort((a, b) => a - b);
  const validationCount = Math.max(1, Math.round(sorted.length * validationShare));
  const validation = sorted.slice(sorted.length - validationCount);
  const firstValidation = validation[0];
  if (firstValidation === undefined) throw new RangeError('no cut-offs to split');
  const earlier = sorted.slice(0, sorted.length - validationCount);
  const limit = firstValidation - horizonDays * DAY_MS;
  const train = earlier.filter((c) => c <= limit);
  if (train.length === 0)
    throw new RangeError(
      `no train cut-off is ${horizonDays} days before the first validation cut-off ${new Date(firstValidation).toISOString()}: add earlier cut-offs`,
    );
  return { train, validation, gap: earlier.filter((c) => c > limit) };
}
