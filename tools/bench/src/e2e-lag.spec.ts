import { describe, expect, it } from 'vitest';
import { eventNumber, eventsDue, firstUpdateCovering, storeCheck } from './e2e-lag.js';

describe('firstUpdateCovering', () => {
  const updates = [
    { at: 100, count: 3 },
    { at: 1_100, count: 3 },
    { at: 2_100, count: 7 },
  ];

  it('is the first update whose vector counts the event: the one that published it', () => {
    expect(firstUpdateCovering(updates, 1)).toEqual({ at: 100, count: 3 });
    expect(firstUpdateCovering(updates, 3)).toEqual({ at: 100, count: 3 });
    expect(firstUpdateCovering(updates, 4)).toEqual({ at: 2_100, count: 7 });
    expect(firstUpdateCovering(updates, 7)).toEqual({ at: 2_100, count: 7 });
  });

  it('is undefined for an event no update counts yet, and refuses an uncounted event', () => {
    expect(firstUpdateCovering(updates, 8)).toBeUndefined();
    expect(firstUpdateCovering([], 1)).toBeUndefined();
    expect(() => firstUpdateCovering(updates, 0)).toThrow(RangeError);
  });
});

describe('eventNumber', () => {
  it('reads the bench’s own messageIds and nothing else', () => {
    expect(eventNumber('e2e-ab12-0', 'e2e-ab12-')).toBe(0);
    expect(eventNumber('e2e-ab12-41527', 'e2e-ab12-')).toBe(41_527);
    expect(eventNumber('e2e-cd34-7', 'e2e-ab12-')).toBe(-1);
    expect(eventNumber('e2e-ab12-7x', 'e2e-ab12-')).toBe(-1);
    expect(eventNumber('e2e-ab12-', 'e2e-ab12-')).toBe(-1);
  });
});

describe('storeCheck', () => {
  it('counts acknowledged events missing from the store as lost, those stored twice as duplicated', () => {
    const stored = new Map([
      ['m1', 1],
      ['m2', 2],
      ['m4', 1],
      ['other', 3],
    ]);
    expect(storeCheck(['m1', 'm2', 'm3', 'm4'], stored)).toEqual({ lost: 1, duplicated: 1 });
    expect(storeCheck([], stored)).toEqual({ lost: 0, duplicated: 0 });
  });
});

describe('eventsDue', () => {
  it('paces a stream: rate × elapsed, whole events, nothing before the start', () => {
    expect(eventsDue(2_000, 0)).toBe(0);
    expect(eventsDue(2_000, 50)).toBe(100);
    expect(eventsDue(2_000, 1_234)).toBe(2_468);
    expect(eventsDue(333, 1_000)).toBe(333);
    expect(eventsDue(2_000, -5)).toBe(0);
  });
});
