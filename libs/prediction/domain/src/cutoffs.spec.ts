import { describe, expect, it } from 'vitest';
import { DAY_MS, cutoffs, timeSplit } from './cutoffs.js';

const cutoff = Date.UTC(2026, 0, 1);
const later = Date.UTC(2026, 6, 1);

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
