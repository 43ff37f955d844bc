// Privacy guards for what leaves the platform (issue #10): audience sizes are reported only above a
// k-anonymity floor, optionally with Laplace noise, and partners see a per-partner pseudonym instead of
// our profile ids.

import { createHmac } from 'node:crypto';

export const DEFAULT_MIN_AUDIENCE_SIZE = 100;

/** True when an audience is large enough to report or ship: at least `min` members. */
export function meetsKAnonymity(size: number, min = DEFAULT_MIN_AUDIENCE_SIZE): boolean {
  return Number.isFinite(size) && size >= min;
}

/**
 * `count` plus Laplace noise of scale 1/epsilon (a count query has sensitivity 1), rounded and floored
 * at zero. `random` returns uniform values in [0, 1), so tests can pass a seeded generator.
 */
export function laplaceNoise(count: number, epsilon: number, random: () => number): number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`epsilon must be a positive finite number, got ${epsilon}`);
  }
  const scale = 1 / epsilon;
  const u = random() - 0.5; // uniform in [-0.5, 0.5)
  // Inverse CDF of the Laplace distribution; the floor on the log argument keeps u = -0.5 finite.
  const noise = -scale * Math.sign(u) * Math.log(Math.max(1 - 2 * Math.abs(u), Number.MIN_VALUE));
  return Math.max(0, Math.round(count + noise));
}

export interface ReportedCountOptions {
  /** The k-anonymity floor; sizes under it are withheld. */
  min?: number;
  /** When set, the count is noised with Laplace noise of scale 1/epsilon. */
  epsilon?: number;
  random?: () => number;
}

export interface ReportedCount {
  /** The size to show or send, or null when the true size is under the floor. */
  count: number | null;
  floored: boolean;
  noised: boolean;
}

/**
 * The audience size a partner or a dashboard may see. Under the floor nothing is reported, so a small
 * audience does not leak through its size; a noised count is never shown under the floor either (it
 * would say the true size is near the floor).
 */
export function reportedCount(size: number, opts: ReportedCountOptions = {}): ReportedCount {
  const min = opts.min ?? DEFAULT_MIN_AUDIENCE_SIZE;
  if (!meetsKAnonymity(size, min)) return { count: null, floored: true, noised: false };
  if (opts.epsilon === undefined) return { count: size, floored: false, noised: false };
  const noisy = laplaceNoise(size, opts.epsilon, opts.random ?? Math.random);
  return { count: Math.max(min, noisy), floored: false, noised: true };
}

/** Length of a member key: 22 base64url characters carry 132 bits of the HMAC. */
export const MEMBER_KEY_LENGTH = 22;

/**
 * A stable pseudonymous id for one profile at one partner: HMAC-SHA256 keyed with the partner's
 * secret, base64url, 22 characters. Delta feeds name removed members by it without exposing profile
 * ids, and two partners cannot join their lists on it.
 */
export function memberKey(secret: string, profileId: string): string {
  if (secret === '') throw new RangeError('memberKey needs a non-empty secret');
  return createHmac('sha256', secret)
    .update(profileId, 'utf8')
    .digest('base64url')
    .slice(0, MEMBER_KEY_LENGTH);
}
