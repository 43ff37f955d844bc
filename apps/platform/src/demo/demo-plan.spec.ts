import { describe, expect, it } from 'vitest';
import {
  engagedReadersRule,
  engagedSegments,
  historyStart,
  deliveriesInFlight,
  recentCutoff,
  sentDeliveries,
  stepLabel,
  transitionCount,
  waveOf,
} from './demo-plan.js';

describe('the demo plan', () => {
  it("ends the history at the start of the demo source's creation day, whatever the hour", () => {
    expect(historyStart('2026-11-22T21:49:23.000Z', 60)).toBe('2026-09-23T00:00:00.000Z');
    // A load resumed the next day sends the events of the same window.
    expect(historyStart('2026-11-22T00:00:00.000Z', 60)).toBe('2026-09-23T00:00:00.000Z');
  });

  it('keeps the last week of the history for after the behaviour segmentation', () => {
    const start = historyStart('2026-11-22T21:49:23.000Z', 60);
    const cutoff = recentCutoff(start, 60);
    expect(new Date(cutoff).toISOString()).toBe('2026-11-15T00:00:00.000Z');
    expect(waveOf('2026-11-14T23:59:59.999Z', cutoff)).toBe('history');
    expect(waveOf('2026-11-15T00:00:00.000Z', cutoff)).toBe('recent');
    expect(waveOf('2026-11-21T18:00:00Z', cutoff)).toBe('recent');
    // Anything without a readable time goes with the history (sent first, as before).
    expect(waveOf(undefined, cutoff)).toBe('history');
    expect(waveOf('yesterday', cutoff)).toBe('history');
    // A history shorter than the recent window is all recent.
    expect(recentCutoff(start, 5)).toBe(Date.parse(start));
  });

  it("reads the campaign's deliveries as sent, in flight or neither", () => {
    const counts = { sent: 150, opened: 3, bounced: 1, pending: 4, sending: 2, skipped: 140, held_out: 30 };
    expect(sentDeliveries(counts)).toBe(154);
    expect(deliveriesInFlight(counts)).toBe(6);
    expect(deliveriesInFlight({ sent: 1, failed: 2 })).toBe(0);
    expect(transitionCount([{ count: 12 }, { count: 5 }])).toBe(17);
    expect(transitionCount([])).toBe(0);
  });

  it('calls the upper half of the engagement tiers engaged, at least the top one', () => {
    const tier = (rank: number) => ({ id: `s${rank}`, name: `tier ${rank}`, rank, size: 10 });
    expect(engagedSegments([tier(0), tier(3), tier(1), tier(2)]).map((s) => s.id)).toEqual(['s3', 's2']);
    expect(engagedSegments([tier(0), tier(1), tier(2)]).map((s) => s.id)).toEqual(['s2']);
    expect(engagedSegments([tier(0)]).map((s) => s.id)).toEqual(['s0']);
    expect(engagedReadersRule(['s3', 's2']).and[1]).toEqual({
      field: 'segments.features',
      op: 'in',
      values: ['s3', 's2'],
    });
  });

  it('numbers the steps', () => {
    expect(stepLabel('events')).toBe('1/9 events');
    expect(stepLabel('recent events')).toBe('5/9 recent events');
    expect(stepLabel('campaign')).toBe('9/9 campaign');
  });
});
