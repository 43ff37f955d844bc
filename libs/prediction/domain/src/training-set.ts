import { DAY_MS, timeSplit, type Label, type TierChange } from './cutoffs.js';

/**
 * Training sets from point-in-time reads (issue #8). Labels come from the same history the
 * features do, read at the end of each label window; a row's features are read as of its cut-off
 * and never later, so nothing that happened after the cut-off enters the row.
 */

/** Whole days since the last activity, as the feature store computes it at any instant. */
export const CHURN_LABEL_FEATURE = 'engagement.days_since_last_seen_lifetime';
/** Orders completed so far: an increase over the label window is a conversion. */
export const CONVERSION_LABEL_FEATURE = 'commerce.orders_lifetime';

export type PredictionTarget = 'churn' | 'engagement';

export interface PointRead {
  readonly profileId: string;
  /** ms since the epoch. */
  readonly at: number;
}

/** Values of `names` for each row as of its `at` (null: no value); one array per row, in order. */
export type PointInTimeReader = (
  rows: readonly PointRead[],
  names: readonly string[],
) => Promise<ReadonlyArray<ReadonlyArray<number | null>>>;

/** Tier changes per profile within [from, to] (ms), for the engagement label. */
export type TierReader = (
  profileIds: readonly string[],
  from: number,
  to: number,
) => Promise<ReadonlyMap<string, readonly TierChange[]>>;

export interface TrainingSetSpec {
  readonly target: PredictionTarget;
  readonly profileIds: readonly string[];
  readonly cutoffs: readonly number[];
  readonly horizonDays: number;
  /** When the history was read: a label window ending after it is still open (no label). */
  readonly now: number;
  /** Feature names, the matrix's columns. */
  readonly features: readonly string[];
  readonly read: PointInTimeReader;
  /** For engagement: tier changes (reaching `tier` in the window counts). */
  readonly tiers?: TierReader;
  readonly tier?: string;
  readonly validationShare?: number;
  /** Called after each cut-off: (cut-offs done, of how many). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface TrainingSet {
  readonly names: readonly string[];
  readonly profileIds: string[];
  /** Each row's cut-off, ms. */
  readonly cutoffs: Float64Array;
  readonly labels: Uint8Array;
  /** 1: the row validates (a later cut-off), 0: it trains. */
  readonly validation: Uint8Array;
  /** rows × names, row-major; NaN is missing. */
  readonly x: Float32Array;
  readonly rows: number;
  readonly split: { readonly train: number[]; readonly validation: number[] };
}

/**
 * Labels every (profile, cut-off) pair and reads its features as of the cut-off. Churn: the profile
 * was active in the horizon before the cut-off (days since last seen < horizon) and is not active in
 * the horizon after it (days since last seen at the window's end ≥ horizon). Engagement: it converts (orders increase) or reaches the tier within the
 * horizon. Cut-offs whose window is still open, and those in the gap before the validation period
 * (see `timeSplit`), give no rows.
 */
export async function buildTrainingSet(spec: TrainingSetSpec): Promise<TrainingSet> {
  const { horizonDays, now, target } = spec;
  const open = spec.cutoffs.filter((c) => c + horizonDays * DAY_MS > now);
  if (open.length > 0)
    throw new RangeError(
      `cut-off ${new Date(open[0] as number).toISOString()} has a label window that ends after now: use cut-offs at least ${horizonDays} days old`,
    );
  const split = timeSplit(spec.cutoffs, {
    horizonDays,
    ...(spec.validationShare !== undefined ? { validationShare: spec.validationShare } : {}),
  });
  const validationSet = new Set(split.validation);
  const used = [...split.train, ...split.validation];
  const labelNames =
    target === 'churn' ? [CHURN_LABEL_FEATURE] : [CHURN_LABEL_FEATURE, CONVERSION_LABEL_FEATURE];
  // Per cut-off: the label names of everyone (who is eligible, orders so far), then the features
  // of the eligible only (most of a long history's profiles are not), then the label names at the
  // window's end.
  const column = new Map(labelNames.map((name, i) => [name, i]));
  const width = spec.features.length;

  const profileIds: string[] = [];
  const rowCutoffs: number[] = [];
  const labels: number[] = [];
  const validation: number[] = [];
  let x = new Float32Array(Math.max(1024, spec.profileIds.length * width));
  let rows = 0;

  for (let step = 0; step < used.length; step++) {
    const cutoff = used[step] as number;
    const end = cutoff + horizonDays * DAY_MS;
    const before = await spec.read(
      spec.profileIds.map((profileId) => ({ profileId, at: cutoff })),
      labelNames,
    );
    // Engagement: profiles active by the cut-off. Churn: active within the horizon before it (see
    // Churn: someone long gone has nothing left to churn from).
    const eligible: number[] = [];
    before.forEach((values, i) => {
      const daysSince = values[column.get(CHURN_LABEL_FEATURE) as number];
      if (daysSince === null || daysSince === undefined) return;
      if (target === 'churn' && daysSince >= horizonDays) return;
      eligible.push(i);
    });
    const ids = eligible.map((i) => spec.profileIds[i] as string);
    const features =
      ids.length === 0 || width === 0
        ? []
        : await spec.read(
            ids.map((profileId) => ({ profileId, at: cutoff })),
            spec.features,
          );
    const after =
      ids.length === 0
        ? []
        : await spec.read(
            ids.map((profileId) => ({ profileId, at: end })),
            labelNames,
          );
    const tierChanges =
      target === 'engagement' && spec.tiers && ids.length > 0
        ? await spec.tiers(ids, cutoff, end)
        : undefined;
    eligible.forEach((i, k) => {
      const id = spec.profileIds[i] as string;
      const label = labelOf(
        target,
        horizonDays,
        before[i] as ReadonlyArray<number | null>,
        after[k] as ReadonlyArray<number | null>,
        column,
        {
          cutoff,
          end,
          tiers: tierChanges?.get(id),
          tier: spec.tier ?? 'Highly Engaged',
        },
      );
      if (label === null) return;
      if ((rows + 1) * width > x.length) {
        const grown = new Float32Array(x.length * 2);
        grown.set(x);
        x = grown;
      }
      const values = features[k] as ReadonlyArray<number | null>;
      for (let f = 0; f < width; f++) {
        const value = values[f];
        x[rows * width + f] = value === null || value === undefined ? Number.NaN : value;
      }
      profileIds.push(id);
      rowCutoffs.push(cutoff);
      labels.push(label);
      validation.push(validationSet.has(cutoff) ? 1 : 0);
      rows++;
    });
    spec.onProgress?.(step + 1, used.length);
  }
  return {
    names: [...spec.features],
    profileIds,
    cutoffs: Float64Array.from(rowCutoffs),
    labels: Uint8Array.from(labels),
    validation: Uint8Array.from(validation),
    x: x.slice(0, rows * width),
    rows,
    split: { train: split.train, validation: split.validation },
  };
}

function labelOf(
  target: PredictionTarget,
  horizonDays: number,
  before: ReadonlyArray<number | null>,
  after: ReadonlyArray<number | null>,
  column: ReadonlyMap<string, number>,
  window: { cutoff: number; end: number; tiers: readonly TierChange[] | undefined; tier: string },
): Label {
  const seenAfter = after[0];
  if (seenAfter === null || seenAfter === undefined) return null;
  if (target === 'churn') return seenAfter >= horizonDays ? 1 : 0;
  const ordersBefore = before[column.get(CONVERSION_LABEL_FEATURE) as number] ?? 0;
  const ordersAfter = after[1] ?? 0;
  if (ordersAfter > ordersBefore) return 1;
  for (const change of window.tiers ?? [])
    if (change.tier === window.tier && change.at > window.cutoff && change.at <= window.end) return 1;
  return 0;
}

/** Columns `names` of a row-major matrix with columns `from`, in that order (missing names → NaN). */
export function selectColumns(
  x: Float32Array,
  rows: number,
  from: readonly string[],
  names: readonly string[],
): Float32Array {
  const index = new Map(from.map((name, i) => [name, i]));
  const width = from.length;
  const out = new Float32Array(rows * names.length);
  names.forEach((name, c) => {
    const source = index.get(name);
    for (let r = 0; r < rows; r++)
      out[r * names.length + c] = source === undefined ? Number.NaN : (x[r * width + source] as number);
  });
  return out;
}

/** Rows of a row-major matrix where `keep[r] === value`. */
export function selectRows(x: Float32Array, width: number, keep: Uint8Array, value: 0 | 1): Float32Array {
  let count = 0;
  for (const k of keep) if (k === value) count++;
  const out = new Float32Array(count * width);
  let at = 0;
  keep.forEach((k, r) => {
    if (k !== value) return;
    out.set(x.subarray(r * width, (r + 1) * width), at);
    at += width;
  });
  return out;
}
