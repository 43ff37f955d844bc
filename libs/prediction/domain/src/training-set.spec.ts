import { describe, expect, it } from 'vitest';
import { DAY_MS, cutoffs, timeSplit, type TierChange } from './cutoffs.js';
import {
  CHURN_LABEL_FEATURE,
  CONVERSION_LABEL_FEATURE,
  buildTrainingSet,
  selectColumns,
  selectRows,
  type PointInTimeReader,
  type TierReader,
  type TrainingSet,
  type TrainingSetSpec,
} from './training-set.js';

/** A profile's history: sorted activity and order timestamps (ms). */
interface History {
  readonly activity: readonly number[];
  readonly orders?: readonly number[];
}

interface LoggedRead {
  readonly profileId: string;
  readonly at: number;
  readonly names: readonly string[];
}

const LABEL_NAMES = new Set([CHURN_LABEL_FEATURE, CONVERSION_LABEL_FEATURE]);

const atOrBefore = (times: readonly number[], at: number) => times.filter((t) => t <= at);

/**
 * What a point-in-time feature store answers at `at`, computed only from events at or before it:
 * whole days since the last activity, orders so far, and `<scope>.visits_<n>d` = activity in
 * (at − n days, at]. Any other name has no value.
 */
function valueAt(history: History, name: string, at: number): number | null {
  const seen = atOrBefore(history.activity, at);
  if (name === CHURN_LABEL_FEATURE) {
    const last = seen.at(-1);
    return last === undefined ? null : Math.floor((at - last) / DAY_MS);
  }
  if (name === CONVERSION_LABEL_FEATURE) return atOrBefore(history.orders ?? [], at).length;
  const window = /\.visits_(\d+)d$/.exec(name);
  if (window) return seen.filter((t) => t > at - Number(window[1]) * DAY_MS).length;
  return null;
}

/** A reader over in-test histories that logs every (profile, at, names) it is asked for. */
function historyReader(histories: Readonly<Record<string, History>>): {
  read: PointInTimeReader;
  log: LoggedRead[];
} {
  const log: LoggedRead[] = [];
  const read: PointInTimeReader = async (rows, names) =>
    rows.map(({ profileId, at }) => {
      log.push({ profileId, at, names: [...names] });
      const history = histories[profileId] ?? { activity: [] };
      return names.map((name) => valueAt(history, name, at));
    });
  return { read, log };
}

/** A tier reader honouring its contract: changes within [from, to] only. */
function tierReader(changes: Readonly<Record<string, readonly TierChange[]>>): TierReader {
  return async (profileIds, from, to) =>
    new Map(
      profileIds.map((id) => [
        id,
        (changes[id] ?? []).filter((change) => change.at >= from && change.at <= to),
      ]),
    );
}

// Eight weekly cut-offs (Thursdays at 23:59:59.999 UTC) and a 10-day horizon, so no label window
// ends on a cut-off: a read at c + horizon is never confused with a read at a cut-off. With the
// default 25% validation share, the last two validate and the one before them is in the gap.
const HORIZON = 10;
const weekly = cutoffs({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 20), everyDays: 7 });
const c0 = weekly[0] as number;
const last = weekly[weekly.length - 1] as number;
const now = Date.UTC(2026, 5, 1);
const FEATURES = ['x.visits_7d', 'x.unknown'];

function spec(histories: Record<string, History>, overrides: Partial<TrainingSetSpec> = {}): TrainingSetSpec {
  return {
    target: 'churn',
    profileIds: Object.keys(histories),
    cutoffs: weekly,
    horizonDays: HORIZON,
    now,
    features: FEATURES,
    read: historyReader(histories).read,
    ...overrides,
  };
}

/** The label of the row for (profile, cut-off), or undefined when there is no such row. */
function labelOf(set: TrainingSet, profileId: string, cutoff: number): number | undefined {
  for (let r = 0; r < set.rows; r++)
    if (set.profileIds[r] === profileId && set.cutoffs[r] === cutoff) return set.labels[r];
  return undefined;
}

function rowOf(set: TrainingSet, profileId: string, cutoff: number): number {
  for (let r = 0; r < set.rows; r++)
    if (set.profileIds[r] === profileId && set.cutoffs[r] === cutoff) return r;
  throw new Error(`no row for ${profileId} at ${new Date(cutoff).toISOString()}`);
}

describe('buildTrainingSet: no leakage', () => {
  it('reads features only at each row’s cut-off, and only label names at the window’s end', async () => {
    const histories: Record<string, History> = {
      steady: { activity: weekly.map((c) => c - 2 * DAY_MS), orders: [c0 + 3 * DAY_MS] },
      leaves: { activity: [c0 - DAY_MS] },
      late: { activity: [weekly[3] as number] },
    };
    const { read, log } = historyReader(histories);
    const set = await buildTrainingSet(spec(histories, { read, features: [...FEATURES, 'x.visits_30d'] }));
    const split = timeSplit(weekly, { horizonDays: HORIZON });
    const used = new Set([...split.train, ...split.validation]);
    const windowEnds = new Set([...used].map((c) => c + HORIZON * DAY_MS));

    expect(set.rows).toBeGreaterThan(0);
    expect(log.length).toBeGreaterThan(0);
    for (const entry of log) {
      if (entry.names.some((name) => !LABEL_NAMES.has(name))) expect(used.has(entry.at)).toBe(true);
      else expect(windowEnds.has(entry.at) || used.has(entry.at)).toBe(true);
      // The horizon is not a multiple of the cut-off step: a read at a window's end is never a
      // cut-off, so it must carry label names only.
      if (windowEnds.has(entry.at)) expect(entry.names.every((name) => LABEL_NAMES.has(name))).toBe(true);
    }
    // Every row's features were read for that profile at that very cut-off, and match the history
    // as of the cut-off.
    for (let r = 0; r < set.rows; r++) {
      const profileId = set.profileIds[r] as string;
      const cutoff = set.cutoffs[r] as number;
      const featureReads = log.filter(
        (entry) => entry.profileId === profileId && entry.names.includes('x.visits_30d'),
      );
      expect(featureReads.some((entry) => entry.at === cutoff)).toBe(true);
      expect(featureReads.every((entry) => entry.at <= last)).toBe(true);
      expect(set.x[r * 3]).toBe(valueAt(histories[profileId] as History, 'x.visits_7d', cutoff));
      expect(set.x[r * 3 + 2]).toBe(valueAt(histories[profileId] as History, 'x.visits_30d', cutoff));
    }
  });

  it('keeps a burst of activity right after the cut-off out of that row’s features', async () => {
    const burst = [1, 2, 3, 4, 5].map((h) => c0 + h * 3_600_000);
    const histories: Record<string, History> = {
      burst: { activity: [c0 - DAY_MS, ...burst] },
      quiet: { activity: [c0 - DAY_MS] },
    };
    const set = await buildTrainingSet(spec(histories));
    const r = rowOf(set, 'burst', c0);
    // One visit in the 7 days up to the cut-off; the five just after it are not seen...
    expect(set.x[r * 2]).toBe(1);
    // ...but they are what makes the profile active in the window: not churned.
    expect(set.labels[r]).toBe(0);
    expect(labelOf(set, 'quiet', c0)).toBe(1);
    // A week later the burst is in the past and the 7-day count sees it.
    expect(set.x[rowOf(set, 'burst', weekly[1] as number) * 2]).toBe(5);
  });
});

describe('buildTrainingSet: churn labels', () => {
  const end = c0 + HORIZON * DAY_MS;
  const histories: Record<string, History> = {
    stays: { activity: [c0 - 2 * DAY_MS, c0 + 3 * DAY_MS] },
    leaves: { activity: [c0 - 2 * DAY_MS] },
    'not-yet': { activity: [c0 + DAY_MS] },
    'at-end': { activity: [c0 - 2 * DAY_MS, end] },
    'after-end': { activity: [c0 - 2 * DAY_MS, end + 1] },
    'at-cutoff': { activity: [c0] },
  };

  it('is 0 for a profile active in the window, 1 for one silent in (cut-off, cut-off + horizon]', async () => {
    const set = await buildTrainingSet(spec(histories));
    expect(labelOf(set, 'stays', c0)).toBe(0);
    expect(labelOf(set, 'leaves', c0)).toBe(1);
    // Activity exactly at the cut-off is before it: eligible, and not in the window.
    expect(labelOf(set, 'at-cutoff', c0)).toBe(1);
  });

  it('has no row for a profile never active by the cut-off', async () => {
    const set = await buildTrainingSet(spec(histories));
    expect(labelOf(set, 'not-yet', c0)).toBeUndefined();
    // Once active, it has rows.
    expect(labelOf(set, 'not-yet', weekly[1] as number)).toBe(1);
  });

  it('counts activity exactly at cut-off + horizon as active, 1 ms later as not', async () => {
    const set = await buildTrainingSet(spec(histories));
    expect(labelOf(set, 'at-end', c0)).toBe(0);
    expect(labelOf(set, 'after-end', c0)).toBe(1);
  });
});

describe('buildTrainingSet: engagement labels', () => {
  const end = c0 + HORIZON * DAY_MS;
  const active = [c0 - DAY_MS];
  const histories: Record<string, History> = {
    buyer: { activity: active, orders: [c0 + 2 * DAY_MS] },
    'buyer-at-end': { activity: active, orders: [end] },
    'past-buyer': { activity: active, orders: [c0 - 3 * DAY_MS, end + 1] },
    browser: { activity: active },
    climber: { activity: active },
    'climber-at-end': { activity: active },
    'climber-at-cutoff': { activity: active },
    'late-climber': { activity: active },
    'other-tier': { activity: active },
  };
  const changes: Record<string, TierChange[]> = {
    climber: [{ at: c0 + 2 * DAY_MS, tier: 'Highly Engaged' }],
    'climber-at-end': [{ at: end, tier: 'Highly Engaged' }],
    'climber-at-cutoff': [{ at: c0, tier: 'Highly Engaged' }],
    'late-climber': [{ at: end + 1, tier: 'Highly Engaged' }],
    'other-tier': [{ at: c0 + 2 * DAY_MS, tier: 'Engaged' }],
  };

  it('is 1 for an order within the window and 0 without one', async () => {
    const set = await buildTrainingSet(spec(histories, { target: 'engagement', tiers: tierReader(changes) }));
    expect(labelOf(set, 'buyer', c0)).toBe(1);
    expect(labelOf(set, 'buyer-at-end', c0)).toBe(1);
    // Orders before the cut-off or after the window are not conversions in it.
    expect(labelOf(set, 'past-buyer', c0)).toBe(0);
    expect(labelOf(set, 'browser', c0)).toBe(0);
  });

  it('is 1 when the profile reaches Highly Engaged inside the window, 0 outside it', async () => {
    const calls: Array<{ from: number; to: number }> = [];
    const tiers: TierReader = (ids, from, to) => {
      calls.push({ from, to });
      return tierReader(changes)(ids, from, to);
    };
    const set = await buildTrainingSet(spec(histories, { target: 'engagement', tiers }));
    expect(calls).toContainEqual({ from: c0, to: end });
    expect(labelOf(set, 'climber', c0)).toBe(1);
    expect(labelOf(set, 'climber-at-end', c0)).toBe(1);
    expect(labelOf(set, 'climber-at-cutoff', c0)).toBe(0);
    expect(labelOf(set, 'late-climber', c0)).toBe(0);
    expect(labelOf(set, 'other-tier', c0)).toBe(0);
  });

  it('counts another tier when told to', async () => {
    const set = await buildTrainingSet(
      spec(histories, { target: 'engagement', tiers: tierReader(changes), tier: 'Engaged' }),
    );
    expect(labelOf(set, 'other-tier', c0)).toBe(1);
    expect(labelOf(set, 'climber', c0)).toBe(0);
  });
});

describe('buildTrainingSet: split and shape', () => {
  const histories: Record<string, History> = {
    weekly: { activity: weekly.map((c) => c - DAY_MS) },
    once: { activity: [c0 - 3 * DAY_MS] },
    late: { activity: [(weekly[4] as number) - DAY_MS, (weekly[4] as number) + DAY_MS] },
  };
  const split = timeSplit(weekly, { horizonDays: HORIZON });

  it('flags the rows of the latest cut-offs as validation and gives gap cut-offs no rows', async () => {
    expect(split.gap).toHaveLength(1);
    const gap = split.gap[0] as number;
    const { read, log } = historyReader(histories);
    const set = await buildTrainingSet(spec(histories, { read }));
    expect(set.split).toEqual({ train: split.train, validation: split.validation });
    expect(set.validation).toHaveLength(set.rows);
    for (let r = 0; r < set.rows; r++) {
      const cutoff = set.cutoffs[r] as number;
      expect(set.validation[r]).toBe(split.validation.includes(cutoff) ? 1 : 0);
      expect(split.gap.includes(cutoff)).toBe(false);
    }
    // Only the weekly visitor was active in the horizon before the validation cut-offs: the others
    // had left, and have nothing left to churn from.
    expect([...set.validation].filter((v) => v === 1)).toHaveLength(split.validation.length);
    // The gap cut-off is not even read.
    expect(log.some((entry) => entry.at === gap || entry.at === gap + HORIZON * DAY_MS)).toBe(false);
  });

  it('lays x out row-major with NaN for a missing value, aligned with ids, cut-offs and labels', async () => {
    const set = await buildTrainingSet(spec(histories));
    expect(set.names).toEqual(FEATURES);
    // weekly: every used cut-off. once: only c0, 3 days after its visit; 10 days later it is gone.
    // late: only weekly[4] (weekly[5] is the gap; by weekly[6] it is 13 days gone).
    expect(set.rows).toBe(7 + 1 + 1);
    expect(set.x).toHaveLength(set.rows * FEATURES.length);
    expect(set.profileIds).toHaveLength(set.rows);
    expect(set.cutoffs).toHaveLength(set.rows);
    expect(set.labels).toHaveLength(set.rows);
    for (let r = 0; r < set.rows; r++) {
      const history = histories[set.profileIds[r] as string] as History;
      const cutoff = set.cutoffs[r] as number;
      expect(set.x[r * 2]).toBe(valueAt(history, 'x.visits_7d', cutoff));
      expect(set.x[r * 2 + 1]).toBeNaN();
    }
    const w = rowOf(set, 'weekly', c0);
    const o = rowOf(set, 'once', c0);
    expect([set.x[w * 2], set.labels[w]]).toEqual([1, 0]);
    expect([set.x[o * 2], set.labels[o]]).toEqual([1, 1]);
    const l = rowOf(set, 'late', weekly[4] as number);
    expect([set.x[l * 2], set.labels[l]]).toEqual([1, 0]);
  });

  it('refuses a cut-off whose label window ends after now, naming it', async () => {
    const { read, log } = historyReader(histories);
    const open = spec(histories, { read, now: last + HORIZON * DAY_MS - 1 });
    await expect(buildTrainingSet(open)).rejects.toThrow(RangeError);
    await expect(buildTrainingSet(open)).rejects.toThrow(new Date(last).toISOString());
    expect(log).toHaveLength(0);
    // A window ending exactly now is closed.
    const closed = await buildTrainingSet(spec(histories, { now: last + HORIZON * DAY_MS }));
    expect(closed.rows).toBeGreaterThan(0);
  });

  it('reports progress once per used cut-off', async () => {
    const progress: Array<[number, number]> = [];
    await buildTrainingSet(spec(histories, { onProgress: (done, total) => progress.push([done, total]) }));
    const used = split.train.length + split.validation.length;
    expect(used).toBe(7);
    expect(progress).toEqual(Array.from({ length: used }, (_, i) => [i + 1, used]));
  });
});

describe('selectColumns', () => {
  // Two rows of columns a, b, c.
  const x = Float32Array.from([1, 2, 3, 4, 5, 6]);

  it('reorders columns and fills a missing name with NaN', () => {
    expect([...selectColumns(x, 2, ['a', 'b', 'c'], ['c', 'a', 'z'])]).toEqual([3, 1, NaN, 6, 4, NaN]);
    expect([...selectColumns(x, 2, ['a', 'b', 'c'], ['b'])]).toEqual([2, 5]);
    expect(selectColumns(x, 2, ['a', 'b', 'c'], [])).toHaveLength(0);
  });
});

describe('selectRows', () => {
  // Three rows of width 2.
  const x = Float32Array.from([1, 2, 3, 4, 5, 6]);
  const keep = Uint8Array.from([1, 0, 1]);

  it('keeps the rows whose flag equals the value, in order', () => {
    expect([...selectRows(x, 2, keep, 1)]).toEqual([1, 2, 5, 6]);
    expect([...selectRows(x, 2, keep, 0)]).toEqual([3, 4]);
    expect(selectRows(x, 2, Uint8Array.from([0, 0, 0]), 1)).toHaveLength(0);
  });
});

describe('buildTrainingSet: who can churn', () => {
  it('labels churn only for profiles active in the horizon before the cut-off; engagement for anyone seen', async () => {
    const histories: Record<string, History> = {
      recent: { activity: [c0 - (HORIZON - 1) * DAY_MS] },
      edge: { activity: [c0 - HORIZON * DAY_MS] },
      gone: { activity: [c0 - 40 * DAY_MS] },
    };
    const churn = await buildTrainingSet(spec(histories));
    expect(labelOf(churn, 'recent', c0)).toBe(1);
    // Whole days since the visit: exactly the horizon is already gone.
    expect(labelOf(churn, 'edge', c0)).toBeUndefined();
    expect(labelOf(churn, 'gone', c0)).toBeUndefined();
    // Features are read for eligible profiles only: the gone ones cost a two-name read, no more.
    const { read, log } = historyReader(histories);
    await buildTrainingSet(spec(histories, { read }));
    const featureReads = log.filter((entry) => entry.names.some((name) => !LABEL_NAMES.has(name)));
    expect(featureReads.some((entry) => entry.profileId === 'recent' && entry.at === c0)).toBe(true);
    expect(featureReads.filter((entry) => entry.profileId !== 'recent')).toEqual([]);
    const engagement = await buildTrainingSet(spec(histories, { target: 'engagement' }));
    expect(['recent', 'edge', 'gone'].map((id) => labelOf(engagement, id, c0))).toEqual([0, 0, 0]);
  });
});
