import { describe, expect, it } from 'vitest';
import {
  engagedReadersRule,
  engagedSegments,
  historyStart,
  parseDatagenProgress,
  parseDatagenSummary,
  stepLabel,
} from './demo-plan.js';

describe('the demo plan', () => {
  it("ends the history at the start of the demo source's creation day, whatever the hour", () => {
    expect(historyStart('2026-11-22T21:49:23.000Z', 60)).toBe('2026-09-23T00:00:00.000Z');
    // A load resumed the next day sends the events of the same window.
    expect(historyStart('2026-11-22T00:00:00.000Z', 60)).toBe('2026-09-23T00:00:00.000Z');
  });

  it("reads datagen's progress lines and its summary", () => {
    expect(parseDatagenProgress('users 112/400, 31765 events, 2500 events/s')).toEqual({
      users: 112,
      totalUsers: 400,
      events: 31_765,
    });
    expect(parseDatagenProgress('retry 1 in 0.5 s: 503')).toBeUndefined();

    const summary = parseDatagenSummary(
      [
        'users: 400',
        'events: 106093 in 43.1 s (2461 events/s)',
        'events by type:',
        '  page                         45333',
        '  track:Article Viewed         20111',
        '  identify                     391',
        'purchasers: 30 (7.5% of users)',
        'sent: 106093 events in 1061 requests to http://127.0.0.1:3001, 0 retries',
      ].join('\n'),
    );
    expect(summary).toEqual({
      events: 106_093,
      byType: { page: 45_333, 'track:Article Viewed': 20_111, identify: 391 },
    });
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
    expect(stepLabel('events')).toBe('1/7 events');
    expect(stepLabel('ad partner')).toBe('7/7 ad partner');
  });
});
