/**
 * Labels as code (issue #8), computed from a profile's history at a cut-off. A label only looks at
 * events after the cut-off and the features are read as of the cut-off, so a training row never
 * mixes what was known at the cut-off with what happened next.
 *
 * Timestamps are ms since the epoch. Activity and conversion lists must be sorted ascending (they
 * are binary-searched; `trainingRows` checks the order once per profile).
 */

export const DAY_MS = 86_400_000;
export const DEFAULT_HORIZON_DAYS = 30;
export const HIGHLY_ENGAGED = 'Highly Engaged';

export type Timestamps = Float64Array | readonly number[];

/** 1 = the outcome happened, 0 = it did not, null = no label (not eligible, or not known yet). */
export type Label = 0 | 1 | null;

export interface TierChange {
  readonly at: number;
  readonly tier: string;
}

export interface ProfileHistory {
  readonly activity?: Timestamps;
  readonly conversions?: Timestamps;
  readonly tiers?: readonly TierChange[];
}

export interface LabelledProfile extends ProfileHistory {
  readonly id: string;
}

export interface LabelOptions {
  /**
   * The time the history was read. A window ending after it is still open, so its outcome is
   * unknown: without this, a profile with no activity *yet* would be labelled churned.
   */
  readonly now: number;
}

export interface EngagementOptions extends LabelOptions {
  /** Tier that counts as engaged, default 'Highly Engaged'. */
  readonly tier?: string;
}

export interface TrainingRows {
  readonly profileIds: string[];
  /** Cut-off of each row: the label window starts after it and the features are read `asOf` it. */
  readonly cutoffs: Float64Array;
  readonly labels: Uint8Array;
}

export interface TimeSplit {
  readonly train: number[];
  readonly validation: number[];
  /** Cut-offs left out of both sets because their label window reaches past the first validation cut-off. */
  readonly gap: number[];
}

/**
 * Churn at `cutoff`: 1 when the profile was active in the horizon before the cut-off,
 * (cutoff − horizon, cutoff], and has no activity in (cutoff, cutoff + horizon]; 0 when it has.
 * null when it was not active in the horizon before (someone who left long ago has nothing left to
 * churn from, and would teach the model only that absence predicts absence), or the window ends
 * after `now`.
 */
export function churnLabel(
  activity: Timestamps,
  cutoff: number,
  horizonDays: number = DEFAULT_HORIZON_DAYS,
  options: LabelOptions,
): Label {
  const end = windowEnd(cutoff, horizonDays);
  if (end > options.now) return null;
  const before = countAtOrBefore(activity, cutoff);
  if (before === countAtOrBefore(activity, cutoff - horizonDays * DAY_MS)) return null;
  return countAtOrBefore(activity, end) > before ? 0 : 1;
}

/**
 * Engagement at `cutoff`: 1 when within (cutoff, cutoff + horizon] the profile converts or moves
 * into the target tier, else 0. Already being in the tier at the cut-off does not count by itself:
 * the model predicts the change, and the current tier is a feature. null when the window ends after
 * `now`, or when `activity` is given and the profile was never active by the cut-off.
 */
export function engagementLabel(
  history: ProfileHistory,
  cutoff: number,
  horizonDays: number,
  options: EngagementOptions,
): Label {
  const end = windowEnd(cutoff, horizonDays);
  if (end > options.now) return null;
  if (history.activity && countAtOrBefore(history.activity, cutoff) === 0) return null;
  const conversions = history.conversions;
  if (conversions && countAtOrBefore(conversions, end) > countAtOrBefore(conversions, cutoff)) return 1;
  const tier = options.tier ?? HIGHLY_ENGAGED;
  for (const change of history.tiers ?? []) {
    if (change.tier === tier && change.at > cutoff && change.at <= end) return 1;
  }
  return 0;
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

/**
 * Every eligible (profile, cut-off) pair with its label, grouped by cut-off in the given order.
 * These rows are what the feature store's point-in-time read is asked for, with `asOf` = the row's
 * cut-off, so features never see an event after it.
 */
export function trainingRows<P extends LabelledProfile>(
  profiles: Iterable<P>,
  cutoffList: readonly number[],
  label: (profile: P, cutoff: number) => Label,
): TrainingRows {
  const list = [...profiles];
  for (const profile of list) {
    checkSorted(profile.activity, profile.id, 'activity');
    checkSorted(profile.conversions, profile.id, 'conversions');
  }
  const profileIds: string[] = [];
  let rowCutoffs = new Float64Array(1024);
  let labels = new Uint8Array(1024);
  let rows = 0;
  for (const cutoff of cutoffList) {
    for (const profile of list) {
      const value = label(profile, cutoff);
      if (value === null) continue;
      if (rows === labels.length) {
        rowCutoffs = grow(rowCutoffs, new Float64Array(rows * 2));
        labels = grow(labels, new Uint8Array(rows * 2));
      }
      profileIds.push(profile.id);
      rowCutoffs[rows] = cutoff;
      labels[rows] = value;
      rows++;
    }
  }
  return { profileIds, cutoffs: rowCutoffs.slice(0, rows), labels: labels.slice(0, rows) };
}

function windowEnd(cutoff: number, horizonDays: number): number {
  if (!Number.isFinite(cutoff)) throw new RangeError(`cutoff must be a finite timestamp (got ${cutoff})`);
  if (!(horizonDays > 0) || !Number.isFinite(horizonDays))
    throw new RangeError(`horizonDays must be a positive number (got ${horizonDays})`);
  return cutoff + horizonDays * DAY_MS;
}

/** How many timestamps are ≤ t (upper bound in a sorted list). */
function countAtOrBefore(times: Timestamps, t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkSorted(times: Timestamps | undefined, id: string, name: string): void {
  if (!times) return;
  for (let i = 1; i < times.length; i++) {
    if (!((times[i - 1] as number) <= (times[i] as number)))
      throw new RangeError(`profile ${id}: ${name} must be sorted ascending (entry ${i} breaks the order)`);
  }
}

function grow<T extends Float64Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
