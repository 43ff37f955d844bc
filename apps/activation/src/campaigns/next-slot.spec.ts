import { describe, expect, it } from 'vitest';
import { nextSlot } from './campaigns.service.js';

const t = (iso: string): Date => new Date(iso);

describe('nextSlot', () => {
  const slot = t('2026-11-22T12:00:00.000Z');

  it('is the next slot when run on time', () => {
    expect(nextSlot(slot, 60, slot)).toEqual(t('2026-11-22T13:00:00.000Z'));
    expect(nextSlot(slot, 60, t('2026-11-22T12:00:05.000Z'))).toEqual(t('2026-11-22T13:00:00.000Z'));
  });

  it('skips slots missed while nothing ran, staying on the grid', () => {
    expect(nextSlot(slot, 60, t('2026-11-22T15:30:00.000Z'))).toEqual(t('2026-11-22T16:00:00.000Z'));
    expect(nextSlot(slot, 15, t('2026-11-23T00:01:00.000Z'))).toEqual(t('2026-11-23T00:15:00.000Z'));
  });

  it('moves past a now that falls exactly on a slot', () => {
    expect(nextSlot(slot, 60, t('2026-11-22T14:00:00.000Z'))).toEqual(t('2026-11-22T15:00:00.000Z'));
  });

  it('is one step on when the slot is still ahead of now', () => {
    expect(nextSlot(slot, 30, t('2026-11-22T11:00:00.000Z'))).toEqual(t('2026-11-22T12:30:00.000Z'));
  });

  it('is always in the future and on the grid', () => {
    const every = 7;
    for (let minutes = 0; minutes < 500; minutes += 13) {
      const now = new Date(slot.getTime() + minutes * 60_000 + 1234);
      const next = nextSlot(slot, every, now);
      expect(next.getTime()).toBeGreaterThan(now.getTime());
      expect(next.getTime() - now.getTime()).toBeLessThanOrEqual(every * 60_000);
      expect((next.getTime() - slot.getTime()) % (every * 60_000)).toBe(0);
    }
  });
});
