import { describe, expect, it } from 'vitest';
import { MEMBER_KEY_LENGTH, laplaceNoise, meetsKAnonymity, memberKey, reportedCount } from './privacy.js';

/** mulberry32: a small seeded PRNG, so the noise statistics are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('meetsKAnonymity', () => {
  it('uses a floor of 100 by default', () => {
    expect(meetsKAnonymity(99)).toBe(false);
    expect(meetsKAnonymity(100)).toBe(true);
  });

  it('takes another floor', () => {
    expect(meetsKAnonymity(49, 50)).toBe(false);
    expect(meetsKAnonymity(50, 50)).toBe(true);
  });

  it('rejects NaN', () => {
    expect(meetsKAnonymity(Number.NaN)).toBe(false);
  });
});

describe('laplaceNoise', () => {
  it('has mean count and variance 2/epsilon² (plus 1/12 from rounding)', () => {
    const random = seeded(42);
    const count = 1000;
    const epsilon = 0.5;
    const n = 20_000;
    const samples = Array.from({ length: n }, () => laplaceNoise(count, epsilon, random));
    const mean = samples.reduce((sum, x) => sum + x, 0) / n;
    const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
    const expectedVariance = 2 / epsilon ** 2 + 1 / 12;
    expect(Math.abs(mean - count)).toBeLessThan(0.15); // standard error ≈ 0.02
    expect(Math.abs(variance - expectedVariance)).toBeLessThan(0.8); // standard error ≈ 0.13
  });

  it('returns non-negative integers, even for a small count and heavy noise', () => {
    const random = seeded(7);
    for (let i = 0; i < 1000; i++) {
      const noisy = laplaceNoise(0, 0.1, random);
      expect(Number.isInteger(noisy)).toBe(true);
      expect(noisy).toBeGreaterThanOrEqual(0);
    }
  });

  it('stays finite at the edges of the uniform range', () => {
    expect(laplaceNoise(10, 1, () => 0)).toBe(0);
    expect(Number.isFinite(laplaceNoise(10, 1, () => 0.9999999999))).toBe(true);
    expect(laplaceNoise(10, 1, () => 0.5)).toBe(10);
  });

  it('rejects a non-positive epsilon', () => {
    expect(() => laplaceNoise(10, 0, Math.random)).toThrow(RangeError);
    expect(() => laplaceNoise(10, -1, Math.random)).toThrow(RangeError);
  });
});

describe('reportedCount', () => {
  it('withholds sizes under the floor', () => {
    expect(reportedCount(99, { min: 100 })).toEqual({ count: null, floored: true, noised: false });
    expect(reportedCount(99, { min: 100, epsilon: 1, random: seeded(1) })).toEqual({
      count: null,
      floored: true,
      noised: false,
    });
  });

  it('reports the exact size without epsilon', () => {
    expect(reportedCount(150, { min: 100 })).toEqual({ count: 150, floored: false, noised: false });
  });

  it('noises the size with epsilon, never below the floor', () => {
    const random = seeded(3);
    for (let i = 0; i < 200; i++) {
      const reported = reportedCount(101, { min: 100, epsilon: 0.1, random });
      expect(reported.noised).toBe(true);
      expect(reported.floored).toBe(false);
      expect(reported.count).toBeGreaterThanOrEqual(100);
    }
  });
});

describe('memberKey', () => {
  it('is stable, 22 base64url characters', () => {
    const key = memberKey('partner-secret', 'profile-123');
    expect(key).toHaveLength(MEMBER_KEY_LENGTH);
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(memberKey('partner-secret', 'profile-123')).toBe(key);
  });

  it('differs per partner secret and per profile', () => {
    const key = memberKey('partner-a', 'profile-123');
    expect(memberKey('partner-b', 'profile-123')).not.toBe(key);
    expect(memberKey('partner-a', 'profile-124')).not.toBe(key);
  });

  it('does not contain the profile id', () => {
    expect(memberKey('s', 'profile-123')).not.toContain('profile');
  });

  it('matches HMAC-SHA256 from RFC 4231 test case 2, truncated', () => {
    // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?" →
    // 5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843 (hex), here base64url-encoded.
    const expected = Buffer.from('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'hex')
      .toString('base64url')
      .slice(0, 22);
    expect(memberKey('Jefe', 'what do ya want for nothing?')).toBe(expected);
  });

  it('needs a secret', () => {
    expect(() => memberKey('', 'profile-123')).toThrow(RangeError);
  });
});
