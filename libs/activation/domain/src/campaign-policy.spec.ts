import { describe, expect, it } from 'vitest';
import {
  checkFrequencyCap,
  consentAllows,
  DEFAULT_CONSENT_POLICY,
  deliveryKey,
  inHoldout,
  quietHours,
  upliftReport,
} from './campaign-policy.js';

const at = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('deliveryKey', () => {
  const base = { campaignId: 'cmp_1', profileId: 'prf_1', trigger: 'entry:2026-06-01T10:00:00.000Z' };

  it('gives a redelivered trigger the same key, and never changes across releases', () => {
    expect(deliveryKey({ ...base })).toBe(deliveryKey(base));
    // Pinned: keys of sends already recorded must keep matching after a deploy.
    expect(deliveryKey(base)).toBe('435943a6070c55015a9fb514077556f1c27a22dd9de5762533dd3b0ce535332c');
  });

  it('differs when the campaign, the profile or the occurrence differs', () => {
    const keys = new Set([
      deliveryKey(base),
      deliveryKey({ ...base, campaignId: 'cmp_2' }),
      deliveryKey({ ...base, profileId: 'prf_2' }),
      deliveryKey({ ...base, trigger: 'entry:2026-06-02T10:00:00.000Z' }),
      deliveryKey({ ...base, trigger: 'schedule:2026-06-01T10:00:00.000Z' }),
    ]);
    expect(keys.size).toBe(5);
  });

  it('cannot be fooled by separators inside the ids', () => {
    const a = deliveryKey({ campaignId: 'a:b', profileId: 'c', trigger: 't' });
    const b = deliveryKey({ campaignId: 'a', profileId: 'b:c', trigger: 't' });
    const c = deliveryKey({ campaignId: 'a","b', profileId: 'c', trigger: 't' });
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('rejects an empty part', () => {
    expect(() => deliveryKey({ ...base, trigger: '' })).toThrow(/trigger/);
  });
});

describe('inHoldout', () => {
  const ids = Array.from({ length: 100_000 }, (_, i) => `profile-${i}`);

  it.each([0.05, 0.1, 0.25, 0.5])('holds out a share of %s of 100k profiles', (share) => {
    const rate = ids.filter((id) => inHoldout('cmp_spring', id, share)).length / ids.length;
    expect(Math.abs(rate - share)).toBeLessThan(0.01);
    // Tighter: within 4 standard errors of a fair coin with this share.
    expect(Math.abs(rate - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / ids.length));
  });

  it('always gives the same profile the same answer', () => {
    const first = ids.slice(0, 2000).map((id) => inHoldout('cmp_spring', id, 0.2));
    const again = ids.slice(0, 2000).map((id) => inHoldout('cmp_spring', id, 0.2));
    expect(again).toEqual(first);
    expect(first.some(Boolean)).toBe(true);
  });

  it('keeps a profile held out when the share grows, so raising it only adds profiles', () => {
    const small = ids.slice(0, 5000).filter((id) => inHoldout('cmp_spring', id, 0.1));
    expect(small.every((id) => inHoldout('cmp_spring', id, 0.3))).toBe(true);
  });

  it("draws two campaigns' holdouts independently (overlap ≈ share²)", () => {
    const share = 0.2;
    const both = ids.filter((id) => inHoldout('cmp_a', id, share) && inHoldout('cmp_b', id, share)).length;
    const overlap = both / ids.length;
    const expected = share * share;
    expect(Math.abs(overlap - expected)).toBeLessThan(
      4 * Math.sqrt((expected * (1 - expected)) / ids.length),
    );
  });

  it('holds out nobody at 0', () => {
    expect(ids.slice(0, 10_000).some((id) => inHoldout('cmp_a', id, 0))).toBe(false);
  });

  it.each([-0.1, 0.51, 1, Number.NaN])('rejects a share of %s, naming it', (share) => {
    expect(() => inHoldout('cmp_a', 'p', share)).toThrow(RangeError);
    expect(() => inHoldout('cmp_a', 'p', share)).toThrow(String(share));
  });
});

describe('checkFrequencyCap', () => {
  // 2026-06-10 in Paris is UTC+2: local midnights are 22:00 UTC.
  const now = at('2026-06-10T13:00:00Z');

  it('allows with no caps and under the caps', () => {
    expect(checkFrequencyCap([now - HOUR], now, {}, 'Europe/Paris')).toEqual({ allowed: true });
    expect(checkFrequencyCap([now - HOUR], now, { perDay: 2, perWeek: 5 }, 'Europe/Paris')).toEqual({
      allowed: true,
    });
  });

  it("counts the recipient's local day, not the UTC day, and retries at their next midnight", () => {
    const sends = [
      at('2026-06-09T23:00:00Z'), // 01:00 on the 10th in Paris, still the 9th in UTC: counts
      at('2026-06-10T07:00:00Z'),
    ];
    const decision = checkFrequencyCap(sends, now, { perDay: 2 }, 'Europe/Paris');
    expect(decision).toEqual({
      allowed: false,
      reason: 'Already sent 2 of 2 allowed today (Europe/Paris).',
      retryAt: at('2026-06-10T22:00:00Z'),
    });
    // 23:30 on the 9th in Paris is yesterday there, though it is the 9th-to-10th night in UTC too.
    const yesterday = [at('2026-06-09T21:30:00Z'), at('2026-06-10T07:00:00Z')];
    expect(checkFrequencyCap(yesterday, now, { perDay: 2 }, 'Europe/Paris')).toEqual({ allowed: true });
  });

  it('finds the next local midnight on both DST days in Paris', () => {
    // Eve of spring-forward: midnight is still CET (UTC+1).
    const spring = at('2026-03-28T20:00:00Z');
    expect(checkFrequencyCap([spring - HOUR], spring, { perDay: 1 }, 'Europe/Paris')).toMatchObject({
      retryAt: at('2026-03-28T23:00:00Z'),
    });
    // The fall-back day lasts 25 hours: it starts at 22:00 UTC (CEST) and ends at 23:00 UTC (CET).
    const autumn = at('2026-10-25T12:00:00Z');
    const early = at('2026-10-24T22:30:00Z'); // 00:30 CEST on the 25th: same local day
    expect(checkFrequencyCap([early], autumn, { perDay: 1 }, 'Europe/Paris')).toMatchObject({
      allowed: false,
      retryAt: at('2026-10-25T23:00:00Z'),
    });
  });

  it('starts the next day at 01:00 where clocks skip midnight (Santiago, September)', () => {
    const now = at('2026-09-05T20:00:00Z'); // 16:00 at UTC−4; at midnight clocks jump to 01:00 (UTC−3)
    expect(checkFrequencyCap([now - HOUR], now, { perDay: 1 }, 'America/Santiago')).toMatchObject({
      retryAt: at('2026-09-06T04:00:00Z'),
    });
  });

  it('uses a rolling 7 × 24 h window for the week cap and retries when the oldest send leaves it', () => {
    const sends = [now - 6 * DAY, now - 3 * DAY, now - HOUR];
    expect(checkFrequencyCap(sends, now, { perWeek: 3 }, 'UTC')).toEqual({
      allowed: false,
      reason: 'Already sent 3 of 3 allowed in the last 7 days.',
      retryAt: now + DAY,
    });
    // A send exactly 7 days old has left the window.
    expect(checkFrequencyCap([now - 7 * DAY, now - HOUR], now, { perWeek: 2 }, 'UTC')).toEqual({
      allowed: true,
    });
  });

  it('waits for enough sends to leave when already over the week cap (cap lowered)', () => {
    const sends = [now - 6 * DAY, now - 5 * DAY, now - 2 * DAY, now - HOUR];
    // 4 sent, cap 2: one more is allowed once only 1 remains, when the third oldest leaves.
    expect(checkFrequencyCap(sends, now, { perWeek: 2 }, 'UTC')).toMatchObject({
      allowed: false,
      retryAt: now - 2 * DAY + 7 * DAY,
    });
  });

  it('retries at the later of both when both caps bind', () => {
    const sends = [now - 6 * DAY - 20 * HOUR, now - 2 * HOUR];
    // Day cap frees at 22:00 UTC today; week cap frees when the first send leaves, 4 h from now.
    const decision = checkFrequencyCap(sends, now, { perDay: 1, perWeek: 2 }, 'Europe/Paris');
    expect(decision).toMatchObject({ allowed: false, retryAt: at('2026-06-10T22:00:00Z') });
    expect(decision.allowed === false && decision.reason).toContain('today');
    expect(decision.allowed === false && decision.reason).toContain('last 7 days');

    const later = [now - 5 * DAY, now - 2 * HOUR];
    expect(checkFrequencyCap(later, now, { perDay: 1, perWeek: 2 }, 'Europe/Paris')).toMatchObject({
      retryAt: now - 5 * DAY + 7 * DAY,
    });
  });

  it('never allows with a cap of 0', () => {
    expect(checkFrequencyCap([], now, { perDay: 0 }, 'UTC')).toEqual({
      allowed: false,
      reason: 'The campaign allows no sends per day.',
      retryAt: Number.POSITIVE_INFINITY,
    });
    expect(checkFrequencyCap([], now, { perWeek: 0 }, 'UTC')).toMatchObject({
      allowed: false,
      retryAt: Number.POSITIVE_INFINITY,
    });
  });

  it('counts a send stamped after now (clock skew) as sent now', () => {
    expect(checkFrequencyCap([now + 5_000], now, { perDay: 1 }, 'UTC')).toMatchObject({ allowed: false });
  });

  it('rejects unknown time zones and invalid caps, naming them', () => {
    expect(() => checkFrequencyCap([], now, { perDay: 1 }, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => checkFrequencyCap([], now, { perDay: 1 }, 'Mars/Olympus')).toThrow('Mars/Olympus');
    expect(() => checkFrequencyCap([], now, { perDay: 1.5 }, 'UTC')).toThrow(/perDay.*1\.5/);
    expect(() => checkFrequencyCap([], now, { perWeek: -1 }, 'UTC')).toThrow(/perWeek.*-1/);
    expect(() => checkFrequencyCap([Number.NaN], now, { perWeek: 1 }, 'UTC')).toThrow(RangeError);
  });
});

describe('quietHours', () => {
  const night = { start: '22:00', end: '08:00' };

  it('is quiet inside a window that crosses midnight and ends at local 08:00 the next morning', () => {
    // 23:30 in Paris (UTC+2) on 10 June.
    expect(quietHours(at('2026-06-10T21:30:00Z'), night, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-06-11T06:00:00Z'),
    });
    // 03:00 in Paris, after midnight: ends the same local morning.
    expect(quietHours(at('2026-06-11T01:00:00Z'), night, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-06-11T06:00:00Z'),
    });
  });

  it('includes start and excludes end', () => {
    expect(quietHours(at('2026-06-10T20:00:00Z'), night, 'Europe/Paris')).toMatchObject({ quiet: true });
    expect(quietHours(at('2026-06-10T19:59:59Z'), night, 'Europe/Paris')).toEqual({ quiet: false });
    expect(quietHours(at('2026-06-11T06:00:00Z'), night, 'Europe/Paris')).toEqual({ quiet: false });
    expect(quietHours(at('2026-06-11T05:59:59Z'), night, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-06-11T06:00:00Z'),
    });
  });

  it('handles a window within one day', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(quietHours(at('2026-06-10T10:30:00Z'), lunch, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-06-10T12:00:00Z'),
    });
    expect(quietHours(at('2026-06-10T12:30:00Z'), lunch, 'Europe/Paris')).toEqual({ quiet: false });
  });

  it('has no quiet hours when start equals end', () => {
    expect(quietHours(at('2026-06-10T21:30:00Z'), { start: '22:00', end: '22:00' }, 'UTC')).toEqual({
      quiet: false,
    });
  });

  it('ends at local 08:00 on the spring-forward night in Paris (a 9-hour night, not 10)', () => {
    // 00:00 CET on 29 March 2026; clocks jump 02:00 → 03:00, so 08:00 CEST is 06:00 UTC.
    expect(quietHours(at('2026-03-28T23:00:00Z'), night, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-03-29T06:00:00Z'),
    });
  });

  it('ends at local 08:00 on the fall-back night in Paris (an 11-hour night, not 10)', () => {
    // 00:00 CEST on 25 October 2026; clocks go back 03:00 → 02:00, so 08:00 CET is 07:00 UTC.
    expect(quietHours(at('2026-10-24T22:00:00Z'), night, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-10-25T07:00:00Z'),
    });
  });

  it('ends at the jump when the end time does not exist (spring-forward)', () => {
    // 01:30 CET on 29 March; 02:30 never happens, local time reaches it at the jump, 01:00 UTC.
    expect(quietHours(at('2026-03-29T00:30:00Z'), { start: '01:00', end: '02:30' }, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-03-29T01:00:00Z'),
    });
  });

  it('ends at the first of two 02:30s on the fall-back night, and the repeated hour is quiet again', () => {
    const window = { start: '01:00', end: '02:30' };
    // 01:30 CEST: ends at 02:30 CEST = 00:30 UTC.
    expect(quietHours(at('2026-10-24T23:30:00Z'), window, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-10-25T00:30:00Z'),
    });
    // 02:10 CET, in the repeated hour: ends at 02:30 CET = 01:30 UTC.
    expect(quietHours(at('2026-10-25T01:10:00Z'), window, 'Europe/Paris')).toEqual({
      quiet: true,
      until: at('2026-10-25T01:30:00Z'),
    });
  });

  it('works in a zone with a 30-minute offset (Asia/Kolkata, UTC+5:30)', () => {
    expect(quietHours(at('2026-06-01T16:29:00Z'), night, 'Asia/Kolkata')).toEqual({ quiet: false }); // 21:59
    expect(quietHours(at('2026-06-01T16:30:00Z'), night, 'Asia/Kolkata')).toEqual({
      quiet: true,
      until: at('2026-06-02T02:30:00Z'),
    }); // 22:00
    expect(quietHours(at('2026-06-02T02:29:00Z'), night, 'Asia/Kolkata')).toMatchObject({ quiet: true }); // 07:59
    expect(quietHours(at('2026-06-02T02:30:00Z'), night, 'Asia/Kolkata')).toEqual({ quiet: false }); // 08:00
  });

  it('rejects malformed times and unknown zones, naming them', () => {
    expect(() => quietHours(0, { start: '25:00', end: '08:00' }, 'UTC')).toThrow(/start.*25:00/);
    expect(() => quietHours(0, { start: '22:00', end: '8:00' }, 'UTC')).toThrow(/end.*8:00/);
    expect(() => quietHours(0, night, 'Europe/Pariss')).toThrow('Europe/Pariss');
  });
});

describe('consentAllows', () => {
  it('requires an opt-in for email and SMS by default, not for push, webhook or Segment', () => {
    expect(DEFAULT_CONSENT_POLICY.requireOptIn).toEqual({ email: true, sms: true });
    const none = { optIns: {} };
    expect(consentAllows('email', none, DEFAULT_CONSENT_POLICY)).toEqual({
      allowed: false,
      reason: 'The profile has not opted in to email, which requires it.',
    });
    expect(consentAllows('sms', none)).toMatchObject({ allowed: false });
    expect(consentAllows('push', none)).toEqual({ allowed: true });
    expect(consentAllows('webhook', none)).toEqual({ allowed: true });
    expect(consentAllows('segment', none)).toEqual({ allowed: true });
    expect(consentAllows('email', { optIns: { email: true } })).toEqual({ allowed: true });
  });

  it('lets suppression win over every opt-in', () => {
    const consent = { optIns: { email: true, push: true }, globallySuppressed: true };
    expect(consentAllows('email', consent)).toEqual({
      allowed: false,
      reason: 'The profile is suppressed on every channel.',
    });
    expect(consentAllows('push', consent)).toMatchObject({ allowed: false });
  });

  it('lets an unsubscribe win over an opt-in, on that channel only', () => {
    const consent = { optIns: { email: true, sms: true }, unsubscribed: { email: '2026-05-01T09:00:00Z' } };
    expect(consentAllows('email', consent)).toEqual({
      allowed: false,
      reason: 'The profile unsubscribed from email on 2026-05-01T09:00:00Z.',
    });
    expect(consentAllows('sms', consent)).toEqual({ allowed: true });
  });

  it('honours a declined channel even where the policy needs no opt-in', () => {
    expect(consentAllows('push', { optIns: { push: false } })).toEqual({
      allowed: false,
      reason: 'The profile declined push.',
    });
  });

  it('follows a custom policy', () => {
    const policy = { requireOptIn: { push: true } };
    expect(consentAllows('push', { optIns: {} }, policy)).toMatchObject({ allowed: false });
    expect(consentAllows('email', { optIns: {} }, policy)).toEqual({ allowed: true });
  });
});

describe('upliftReport', () => {
  it("matches Newcombe's published example (a): 56/70 vs 48/80, method 10", () => {
    const report = upliftReport({
      treatment: { size: 70, converted: 56 },
      holdout: { size: 80, converted: 48 },
    });
    expect(report.treatmentRate).toBeCloseTo(0.8, 10);
    expect(report.holdoutRate).toBeCloseTo(0.6, 10);
    expect(report.uplift).toBeCloseTo(0.2, 10);
    expect(report.relativeUplift).toBeCloseTo(1 / 3, 10);
    expect(report.interval[0]).toBeCloseTo(0.0524, 4);
    expect(report.interval[1]).toBeCloseTo(0.3339, 4);
    expect(report.significant).toBe(true);
  });

  it.each([
    // Newcombe 1998, table II, method 10.
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
  ])('matches Newcombe example %i/%i vs %i/%i: [%s, %s]', (x1, n1, x2, n2, low, high) => {
    const report = upliftReport({
      treatment: { size: n1, converted: x1 },
      holdout: { size: n2, converted: x2 },
    });
    expect(report.interval[0]).toBeCloseTo(low, 4);
    expect(report.interval[1]).toBeCloseTo(high, 4);
  });

  it('is not significant when the interval spans 0, and has no relative uplift over a zero rate', () => {
    const report = upliftReport({
      treatment: { size: 56, converted: 5 },
      holdout: { size: 29, converted: 0 },
    });
    expect(report.significant).toBe(false);
    expect(report.relativeUplift).toBeNull();
  });

  it('widens with the confidence level', () => {
    const groups = { treatment: { size: 70, converted: 56 }, holdout: { size: 80, converted: 48 } };
    const [low95, high95] = upliftReport(groups).interval;
    const [low99, high99] = upliftReport(groups, 0.99).interval;
    expect(low99).toBeLessThan(low95);
    expect(high99).toBeGreaterThan(high95);
  });

  it('rejects impossible counts and confidence levels', () => {
    const ok = { size: 10, converted: 1 };
    expect(() => upliftReport({ treatment: { size: 10, converted: 11 }, holdout: ok })).toThrow(
      /treatment.*11/,
    );
    expect(() => upliftReport({ treatment: ok, holdout: { size: 0, converted: 0 } })).toThrow(/holdout size/);
    expect(() => upliftReport({ treatment: ok, holdout: { size: 5, converted: -1 } })).toThrow(RangeError);
    expect(() => upliftReport({ treatment: ok, holdout: ok }, 1)).toThrow(/Confidence/);
  });
});
