import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  churnLabel,
  cutoffs,
  engagementLabel,
  timeSplit,
  trainingRows,
  type LabelledProfile,
} from './labels.js';

const cutoff = Date.UTC(2026, 0, 1);
const end = cutoff + 30 * DAY_MS;
const later = Date.UTC(2026, 6, 1);
const known = { now: later };

describe('churnLabel', () => {
  it('is 1 for a profile active before the cut-off and silent for the 30 days after', () => {
    expect(churnLabel([cutoff - 5 * DAY_MS], cutoff, 30, known)).toBe(1);
    expect(churnLabel([cutoff - 5 * DAY_MS, cutoff + 10 * DAY_MS], cutoff, 30, known)).toBe(0);
  });

  it('counts activity exactly at the cut-off as before it, and exactly at the horizon as inside', () => {
    // Active only at the cut-off: eligible, and that event is not in the window.
    expect(churnLabel([cutoff], cutoff, 30, known)).toBe(1);
    expect(churnLabel([cutoff, end], cutoff, 30, known)).toBe(0);
    expect(churnLabel([cutoff, end + 1], cutoff, 30, known)).toBe(1);
  });

  it('has no label for a profile not active yet at the cut-off', () => {
    expect(churnLabel([cutoff + 1], cutoff, 30, known)).toBeNull();
    // Gone before the horizon ahead of the cut-off: nothing left to churn from.
    expect(churnLabel([cutoff - 30 * DAY_MS], cutoff, 30, known)).toBeNull();
    expect(churnLabel([cutoff - 30 * DAY_MS + 1], cutoff, 30, known)).toBe(1);
    expect(churnLabel(new Float64Array(0), cutoff, 30, known)).toBeNull();
  });

  it('has no label while the window is still open', () => {
    expect(churnLabel([cutoff - DAY_MS], cutoff, 30, { now: end - 1 })).toBeNull();
    expect(churnLabel([cutoff - DAY_MS], cutoff, 30, { now: end })).toBe(1);
  });

  it('uses the horizon it is given, 30 days by default', () => {
    const activity = Float64Array.from([cutoff - DAY_MS, cutoff + 20 * DAY_MS]);
    expect(churnLabel(activity, cutoff, 14, known)).toBe(1);
    expect(churnLabel(activity, cutoff, undefined, known)).toBe(0);
  });
});

describe('engagementLabel', () => {
  const active = [cutoff - DAY_MS];

  it('is 1 when the profile converts within (cutoff, cutoff + horizon]', () => {
    const label = (conversions: number[]) =>
      engagementLabel({ activity: active, conversions }, cutoff, 30, known);
    expect(label([cutoff + DAY_MS])).toBe(1);
    expect(label([end])).toBe(1);
    expect(label([cutoff])).toBe(0);
    expect(label([end + 1])).toBe(0);
  });

  it('is 1 when the profile moves into the target tier within the window', () => {
    const label = (tiers: { at: number; tier: string }[], tier?: string) =>
      engagementLabel({ activity: active, tiers }, cutoff, 30, { now: later, ...(tier ? { tier } : {}) });
    expect(label([{ at: cutoff + 3 * DAY_MS, tier: 'Highly Engaged' }])).toBe(1);
    expect(label([{ at: cutoff + 3 * DAY_MS, tier: 'Engaged' }])).toBe(0);
    expect(label([{ at: cutoff + 3 * DAY_MS, tier: 'Engaged' }], 'Engaged')).toBe(1);
    // Already Highly Engaged before the cut-off: no change to predict.
    expect(label([{ at: cutoff - 3 * DAY_MS, tier: 'Highly Engaged' }])).toBe(0);
  });

  it('has no label while the window is open, or for a profile not active yet', () => {
    const conversions = [cutoff + DAY_MS];
    expect(engagementLabel({ activity: active, conversions }, cutoff, 30, { now: end - 1 })).toBeNull();
    expect(engagementLabel({ activity: [cutoff + 1], conversions }, cutoff, 30, known)).toBeNull();
    // Without an activity list, every profile is eligible.
    expect(engagementLabel({ conversions }, cutoff, 30, known)).toBe(1);
  });
});

describe('cutoffs', () => {
  it('falls on the last millisecond of each UTC day from the first at or after `from`, including `to`', () => {
    const from = Date.UTC(2026, 0, 1, 15, 30);
    expect(
      cutoffs({ from, to: Date.UTC(2026, 0, 16), everyDays: 7 }).map((t) => new Date(t).toISOString()),
    ).toEqual(['2026-01-01T23:59:59.999Z', '2026-01-08T23:59:59.999Z', '2026-01-15T23:59:59.999Z']);
    const dayEnd = cutoff + DAY_MS - 1;
    expect(cutoffs({ from: dayEnd, to: dayEnd, everyDays: 1 })).toEqual([dayEnd]);
    // A day's first instant belongs to that day: its cut-off is the same day's end.
    expect(cutoffs({ from: cutoff, to: dayEnd, everyDays: 1 })).toEqual([dayEnd]);
  });

  it('rejects a reversed range and a step that is not a whole number of days', () => {
    expect(() => cutoffs({ from: later, to: cutoff, everyDays: 7 })).toThrow(
      'cut-offs need finite from ≤ to',
    );
    expect(() => cutoffs({ from: cutoff, to: later, everyDays: 0.5 })).toThrow(
      'everyDays must be a whole number ≥ 1 (got 0.5)',
    );
  });
});

describe('timeSplit', () => {
  const weekly = cutoffs({ from: cutoff, to: cutoff + 11 * 7 * DAY_MS + DAY_MS, everyDays: 7 });

  it('validates on the latest cut-offs and leaves a horizon-long gap after training', () => {
    const split = timeSplit(weekly, { horizonDays: 30 });
    expect(split.validation).toEqual(weekly.slice(9));
    // Week 4's window ends 5 days before week 9; week 5's would end 2 days into it.
    expect(split.train).toEqual(weekly.slice(0, 5));
    expect(split.gap).toEqual(weekly.slice(5, 9));
    const lastTrain = Math.max(...split.train);
    const firstValidation = Math.min(...split.validation);
    expect(firstValidation - lastTrain).toBeGreaterThanOrEqual(30 * DAY_MS);
  });

  it('keeps the cut-off whose window ends exactly at the first validation cut-off', () => {
    const split = timeSplit(weekly, { horizonDays: 28, validationShare: 0.25 });
    expect(split.train).toEqual(weekly.slice(0, 6));
  });

  it('refuses a split with no training cut-off before the gap', () => {
    expect(() => timeSplit(weekly.slice(0, 4), { horizonDays: 30 })).toThrow(
      'no train cut-off is 30 days before the first validation cut-off 2026-01-22T23:59:59.999Z',
    );
  });
});

describe('trainingRows', () => {
  const cutoffList = [cutoff, cutoff + 7 * DAY_MS];
  const churn = (profile: LabelledProfile, at: number) => churnLabel(profile.activity ?? [], at, 30, known);

  it('returns one row per eligible profile and cut-off, read as of the cut-off', () => {
    const profiles: LabelledProfile[] = [
      { id: 'stays', activity: [cutoff - DAY_MS, cutoff + 20 * DAY_MS] },
      { id: 'leaves', activity: [cutoff - DAY_MS] },
      { id: 'new', activity: [cutoff + 3 * DAY_MS] },
    ];
    const rows = trainingRows(profiles, cutoffList, churn);
    expect(rows.profileIds).toEqual(['stays', 'leaves', 'stays', 'leaves', 'new']);
    expect([...rows.cutoffs]).toEqual([
      cutoff,
      cutoff,
      cutoff + 7 * DAY_MS,
      cutoff + 7 * DAY_MS,
      cutoff + 7 * DAY_MS,
    ]);
    expect([...rows.labels]).toEqual([0, 1, 0, 1, 1]);
  });

  it('labels from events after the cut-off only, while the features are read at the cut-off', () => {
    const after = cutoff + 10 * DAY_MS;
    const before = cutoff - 10 * DAY_MS;
    const rowOf = (activity: number[]) => trainingRows([{ id: 'p', activity }], [cutoff], churn);

    const activeAfter = rowOf([cutoff - 20 * DAY_MS, after]);
    expect(activeAfter.cutoffs[0]).toBe(cutoff);
    expect(activeAfter.labels[0]).toBe(0);

    // The same event moved before the cut-off: the feature read (as of the cut-off) may now see
    // it, and the label no longer can.
    const activeBefore = rowOf([cutoff - 20 * DAY_MS, before]);
    expect(activeBefore.cutoffs[0]).toBe(cutoff);
    expect(activeBefore.labels[0]).toBe(1);

    // More history before the cut-off never changes the label.
    expect(rowOf([cutoff - 25 * DAY_MS, cutoff - 20 * DAY_MS, before, after]).labels[0]).toBe(0);
  });

  it('rejects an activity list out of order, which would mislabel silently', () => {
    expect(() => trainingRows([{ id: 'p', activity: [cutoff, cutoff - DAY_MS] }], [cutoff], churn)).toThrow(
      'profile p: activity must be sorted ascending (entry 1 breaks the order)',
    );
  });
});
