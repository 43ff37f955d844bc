import { createHash } from 'node:crypto';

/*
 * The checks a campaign makes before each send (issue #9, part 3). Everything here is a pure function of
 * its arguments: the caller reads the send history, consent and clock, and records the outcome.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

// ---------------------------------------------------------------------------------------------------------
// Idempotency

/** What makes one send unique: a campaign, a recipient and the occurrence that triggered it. */
export interface DeliveryKeyInput {
  campaignId: string;
  profileId: string;
  /** `entry:<audience entered-at ISO>` or `schedule:<run ISO>`: one value per occurrence, not per attempt. */
  trigger: string;
}

/**
 * A stable key (64 hex characters) for one send, stored with a unique constraint before sending, so a
 * trigger the bus redelivers, or a run retried after a crash, never sends twice. The parts are encoded as a
 * JSON array before hashing so no choice of ids can collide (`a:b`+`c` and `a`+`b:c` differ). The encoding
 * must never change: keys of sends already recorded would stop matching.
 */
export function deliveryKey({ campaignId, profileId, trigger }: DeliveryKeyInput): string {
  requireNonEmpty('campaignId', campaignId);
  requireNonEmpty('profileId', profileId);
  requireNonEmpty('trigger', trigger);
  return createHash('sha256')
    .update(JSON.stringify(['delivery', campaignId, profileId, trigger]))
    .digest('hex');
}

// ---------------------------------------------------------------------------------------------------------
// Holdout

/** The largest holdout share: beyond half, the "holdout" would be the treated group. */
export const MAX_HOLDOUT_SHARE = 0.5;

/**
 * Whether a profile is held out of a campaign (never sent to, so the campaign's uplift can be measured).
 * Hashing (campaign, profile) instead of drawing at random keeps the answer the same on every run and every
 * worker with nothing stored; putting the campaign id in the hash makes each campaign's holdout independent
 * of the others, so no profile is held out of everything.
 */
export function inHoldout(campaignId: string, profileId: string, share: number): boolean {
  requireNonEmpty('campaignId', campaignId);
  requireNonEmpty('profileId', profileId);
  if (typeof share !== 'number' || !(share >= 0 && share <= MAX_HOLDOUT_SHARE)) {
    throw new RangeError(`Holdout share must be between 0 and ${MAX_HOLDOUT_SHARE}, got ${String(share)}.`);
  }
  return unitHash(['holdout', campaignId, profileId]) < share;
}

/** Uniform in [0, 1): the first 52 bits of a SHA-256, which a double holds exactly. */
function unitHash(parts: readonly string[]): number {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  const high = digest.readUInt32BE(0); // 32 bits
  const low = digest.readUInt32BE(4) >>> 12; // 20 bits
  return (high * 2 ** 20 + low) / 2 ** 52;
}

// ---------------------------------------------------------------------------------------------------------
// Frequency caps

/** Most sends a recipient may get; a missing cap does not limit, 0 means never. */
export interface FrequencyCaps {
  /** Sends per calendar day in the recipient's time zone. */
  perDay?: number;
  /** Sends in any 7 × 24 hours. */
  perWeek?: number;
}

export type FrequencyDecision = { allowed: true } | { allowed: false; reason: string; retryAt: number };

/**
 * Whether one more send keeps a recipient under the campaign's caps.
 *
 * - The day cap counts sends on the recipient's current local calendar day in `timeZone`, because "one a
 *   day" means one between their midnights, and those are 23 or 25 hours apart on DST days.
 * - The week cap is a rolling window, the 7 × 24 h before `now` (a send exactly 7 days old no longer
 *   counts), not a calendar week: a calendar week would allow twice the cap over a Sunday-to-Monday span,
 *   and there is no agreement on which day a week starts.
 * - Sends stamped after `now` (clocks of two workers disagree) count as sent at `now`, so a cap errs on the
 *   side of sending less.
 *
 * `retryAt` is the first instant at which the send becomes allowed, with no further sends: the start of the
 * recipient's next local day for the day cap; the moment enough counted sends leave the window for the week
 * cap (with the cap just reached, when the oldest leaves); the later of both when both bind. A cap of 0
 * never allows a send, so its `retryAt` is `Infinity`.
 */
export function checkFrequencyCap(
  sentAtMs: readonly number[],
  now: number,
  caps: FrequencyCaps,
  timeZone: string,
): FrequencyDecision {
  requireInstant('now', now);
  requireTimeZone(timeZone);
  const perDay = requireCap('perDay', caps.perDay);
  const perWeek = requireCap('perWeek', caps.perWeek);
  const sent = sentAtMs.map((at, i) => {
    requireInstant(`sentAtMs[${i}]`, at);
    return Math.min(at, now);
  });

  const reasons: string[] = [];
  let retryAt = -Infinity;

  if (perDay !== undefined) {
    const today = localDateKey(wallClock(now, timeZone));
    // A local day lasts at most 25 hours, so older sends cannot fall on it; skip formatting them.
    const sentToday = sent.filter(
      (at) => at > now - 2 * DAY_MS && localDateKey(wallClock(at, timeZone)) === today,
    ).length;
    if (sentToday >= perDay) {
      reasons.push(
        perDay === 0
          ? 'The campaign allows no sends per day.'
          : `Already sent ${sentToday} of ${perDay} allowed today (${timeZone}).`,
      );
      retryAt = Math.max(retryAt, perDay === 0 ? Infinity : startOfNextLocalDay(now, timeZone));
    }
  }

  if (perWeek !== undefined) {
    const inWindow = sent.filter((at) => at > now - WEEK_MS).sort((a, b) => a - b);
    if (inWindow.length >= perWeek) {
      reasons.push(
        perWeek === 0
          ? 'The campaign allows no sends per week.'
          : `Already sent ${inWindow.length} of ${perWeek} allowed in the last 7 days.`,
      );
      // One more is allowed once the count drops to perWeek - 1, that is when this send leaves the window.
      const release = perWeek === 0 ? Infinity : inWindow[inWindow.length - perWeek]! + WEEK_MS;
      retryAt = Math.max(retryAt, release);
    }
  }

  return reasons.length === 0 ? { allowed: true } : { allowed: false, reason: reasons.join(' '), retryAt };
}

function requireCap(name: string, cap: number | undefined): number | undefined {
  if (cap === undefined) return undefined;
  if (typeof cap !== 'number' || !Number.isInteger(cap) || cap < 0) {
    throw new RangeError(`Frequency cap ${name} must be a whole number of at least 0, got ${String(cap)}.`);
  }
  return cap;
}

// ---------------------------------------------------------------------------------------------------------
// Quiet hours

/** Local times `HH:MM` (00:00–23:59) in the recipient's time zone; the window may cross midnight. */
export interface QuietHoursWindow {
  start: string;
  end: string;
}

export type QuietHoursDecision = { quiet: false } | { quiet: true; until: number };

/**
 * Whether `now` falls in the recipient's quiet hours, `start` included and `end` excluded, judged by the
 * wall clock in `timeZone`; `start` equal to `end` means no quiet hours. When quiet, `until` is the first
 * instant after `now` at which the local clock reads `end`: on a DST day that is not `now` plus the
 * difference of wall-clock times. If `end` does not exist that day (clocks jump over it in spring) quiet
 * hours end at the jump; if it happens twice (autumn), they end at the first, and the repeated hour is
 * judged by its wall clock again, like any other.
 */
export function quietHours(now: number, window: QuietHoursWindow, timeZone: string): QuietHoursDecision {
  requireInstant('now', now);
  requireTimeZone(timeZone);
  const start = parseClockTime('start', window.start);
  const end = parseClockTime('end', window.end);
  if (start === end) return { quiet: false };

  const local = wallClock(now, timeZone);
  const minuteOfDay = local.hour * 60 + local.minute + local.second / 60;
  const crossesMidnight = start > end;
  const quiet = crossesMidnight
    ? minuteOfDay >= start || minuteOfDay < end
    : minuteOfDay >= start && minuteOfDay < end;
  if (!quiet) return { quiet: false };

  // Before midnight in a window that crosses it, the end is on the next local date.
  const endsTomorrow = crossesMidnight && minuteOfDay >= start;
  const endWall = Date.UTC(local.year, local.month - 1, local.day + (endsTomorrow ? 1 : 0)) + end * MINUTE_MS;
  return { quiet: true, until: firstInstantReaching(endWall, now, timeZone) };
}

function parseClockTime(name: string, value: string): number {
  const match = typeof value === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value) : null;
  if (!match)
    throw new RangeError(
      `Quiet hours ${name} must be a time HH:MM from 00:00 to 23:59, got ${String(value)}.`,
    );
  return Number(match[1]) * 60 + Number(match[2]);
}

// ---------------------------------------------------------------------------------------------------------
// Consent

export const CAMPAIGN_CHANNELS = ['email', 'sms', 'push', 'webhook', 'segment'] as const;
export type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

/** What a profile agreed to, as recorded. */
export interface ConsentState {
  /** `true`: opted in; `false`: declined; missing: never asked. */
  optIns: Partial<Record<CampaignChannel, boolean>>;
  /** When the profile unsubscribed from a channel (ISO 8601). */
  unsubscribed?: Partial<Record<CampaignChannel, string>>;
  /** Suppressed everywhere (legal request, hard bounce and complaint lists): nothing is ever sent. */
  globallySuppressed?: boolean;
}

/** Which channels need an explicit opt-in before anything is sent. */
export interface ConsentPolicy {
  requireOptIn: Partial<Record<CampaignChannel, boolean>>;
}

/**
 * Email and SMS need an opt-in (GDPR/ePrivacy and TCPA make marketing on them opt-in); push has its own
 * operating-system permission, and webhooks and Segment hand data to systems the customer already runs.
 */
export const DEFAULT_CONSENT_POLICY: ConsentPolicy = Object.freeze({
  requireOptIn: Object.freeze({ email: true, sms: true }),
});

export type ConsentDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * Whether consent allows a send on `channel`. Suppression and unsubscribe always win, even over an opt-in
 * recorded later, because re-subscribing must clear the unsubscribe record rather than race it. An explicit
 * `false` opt-in (the profile declined) also blocks, whatever the policy: a recorded refusal is never
 * overridden by a channel's defaults. Otherwise an opt-in is needed only where the policy requires one.
 */
export function consentAllows(
  channel: CampaignChannel,
  consent: ConsentState,
  policy: ConsentPolicy = DEFAULT_CONSENT_POLICY,
): ConsentDecision {
  if (!(CAMPAIGN_CHANNELS as readonly string[]).includes(channel)) {
    throw new RangeError(
      `Unknown channel ${String(channel)}; expected one of ${CAMPAIGN_CHANNELS.join(', ')}.`,
    );
  }
  if (consent.globallySuppressed === true) {
    return { allowed: false, reason: 'The profile is suppressed on every channel.' };
  }
  const unsubscribedAt = consent.unsubscribed?.[channel];
  if (unsubscribedAt !== undefined) {
    return { allowed: false, reason: `The profile unsubscribed from ${channel} on ${unsubscribedAt}.` };
  }
  const optIn = consent.optIns[channel];
  if (optIn === false) {
    return { allowed: false, reason: `The profile declined ${channel}.` };
  }
  if (policy.requireOptIn[channel] === true && optIn !== true) {
    return { allowed: false, reason: `The profile has not opted in to ${channel}, which requires it.` };
  }
  return { allowed: true };
}

// ---------------------------------------------------------------------------------------------------------
// Uplift

/** A group of recipients: how many, and how many of them converted. */
export interface ConversionCount {
  size: number;
  converted: number;
}

export interface UpliftReport {
  treatmentRate: number;
  holdoutRate: number;
  /** treatmentRate − holdoutRate. */
  uplift: number;
  /** uplift / holdoutRate; `null` when the holdout rate is 0. */
  relativeUplift: number | null;
  /** Confidence interval of `uplift`. */
  interval: [low: number, high: number];
  /** The interval excludes 0. */
  significant: boolean;
}

/**
 * The effect of a campaign: conversion of the treated group against its holdout. The interval is
 * Newcombe's hybrid score interval (Newcombe 1998, method 10), built from each group's Wilson interval:
 * unlike the textbook Wald interval it stays inside [−1, 1] and keeps its coverage with the small counts and
 * rates near 0 that holdouts produce.
 */
export function upliftReport(
  groups: { treatment: ConversionCount; holdout: ConversionCount },
  confidence = 0.95,
): UpliftReport {
  requireCount('treatment', groups.treatment);
  requireCount('holdout', groups.holdout);
  if (typeof confidence !== 'number' || !(confidence > 0 && confidence < 1)) {
    throw new RangeError(`Confidence must be strictly between 0 and 1, got ${String(confidence)}.`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p1 = groups.treatment.converted / groups.treatment.size;
  const p2 = groups.holdout.converted / groups.holdout.size;
  const [l1, u1] = wilsonInterval(groups.treatment.converted, groups.treatment.size, z);
  const [l2, u2] = wilsonInterval(groups.holdout.converted, groups.holdout.size, z);
  const uplift = p1 - p2;
  const low = uplift - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = uplift + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return {
    treatmentRate: p1,
    holdoutRate: p2,
    uplift,
    relativeUplift: p2 === 0 ? null : uplift / p2,
    interval: [low, high],
    significant: low > 0 || high < 0,
  };
}

function requireCount(name: string, group: ConversionCount): void {
  const { size, converted } = group;
  if (!Number.isInteger(size) || size <= 0) {
    throw new RangeError(`The ${name} size must be a whole number above 0, got ${String(size)}.`);
  }
  if (!Number.isInteger(converted) || converted < 0 || converted > size) {
    throw new RangeError(
      `The ${name} conversions must be a whole number from 0 to its size ${size}, got ${String(converted)}.`,
    );
  }
}

/** Wilson score interval of a proportion x / n. */
function wilsonInterval(x: number, n: number, z: number): [low: number, high: number] {
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The exact bounds at x = 0 and x = n are 0 and 1; rounding must not put them just outside.
  return [x === 0 ? 0 : centre - half, x === n ? 1 : centre + half];
}

/**
 * Quantile of the standard normal distribution: Acklam's rational approximation (relative error below
 * 1.2e-9), then one Halley step on an erfc accurate to about 1e-16 (Numerical Recipes' erfc, 3rd ed., §6.2),
 * which leaves it exact to double precision for the confidences anyone uses.
 */
function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`Probability must be strictly between 0 and 1, got ${p}.`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pLow = 0.02425;
  let x: number;
  if (p < pLow) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - pLow) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = 0.5 * erfc(-x / Math.SQRT2) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

const ERFC_COEFFICIENTS = [
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5, -1.624290004647e-6,
  1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
  -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13,
  3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17,
];

function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COEFFICIENTS.length - 1; j > 0; j--) {
    const previous = d;
    d = ty * d - dd + ERFC_COEFFICIENTS[j]!;
    dd = previous;
  }
  const value = t * Math.exp(-z * z + 0.5 * (ERFC_COEFFICIENTS[0]! + ty * d) - dd);
  return x >= 0 ? value : 2 - value;
}

// ---------------------------------------------------------------------------------------------------------
// Local time (Intl only: the zone rules come from the ICU data Node ships with)

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function requireTimeZone(timeZone: string): void {
  try {
    if (typeof timeZone !== 'string' || timeZone === '') throw new RangeError('empty');
    formatterFor(timeZone);
  } catch {
    throw new RangeError(`Unknown IANA time zone ${JSON.stringify(timeZone)}.`);
  }
}

function requireInstant(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite epoch time in milliseconds, got ${String(value)}.`);
  }
}

function requireNonEmpty(name: string, value: string): void {
  if (typeof value !== 'string' || value === '') throw new RangeError(`${name} must be a non-empty string.`);
}

function wallClock(instant: number, timeZone: string): WallClock {
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in clock) clock[part.type as keyof WallClock] = Number(part.value);
  }
  return clock;
}

function localDateKey(clock: WallClock): string {
  return `${clock.year}-${clock.month}-${clock.day}`;
}

/** The local wall-clock time at `instant`, written as if it were UTC, to subtract and compare. */
function wallMs(instant: number, timeZone: string): number {
  const c = wallClock(instant, timeZone);
  return (
    Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) +
    (instant - Math.floor(instant / 1000) * 1000)
  );
}

function offsetAt(instant: number, timeZone: string): number {
  return wallMs(instant, timeZone) - instant;
}

function startOfNextLocalDay(now: number, timeZone: string): number {
  const c = wallClock(now, timeZone);
  return firstInstantReaching(Date.UTC(c.year, c.month - 1, c.day + 1), now, timeZone);
}

/**
 * The first instant after `after` at which the local clock reads `wall` (a wall-clock time written as UTC),
 * or, where clocks jump over it, the instant of the jump. The solutions are `wall − offset` for the offsets
 * in force within a day of it (offsets stay within ±14 h); one is real if the zone has that offset then.
 */
function firstInstantReaching(wall: number, after: number, timeZone: string): number {
  const offsets = [
    ...new Set([
      offsetAt(wall - DAY_MS, timeZone),
      offsetAt(wall, timeZone),
      offsetAt(wall + DAY_MS, timeZone),
    ]),
  ];
  const real = offsets
    .map((offset) => wall - offset)
    .filter((instant) => instant > after && offsetAt(instant, timeZone) === wall - instant);
  if (real.length > 0) return Math.min(...real);

  // `wall` falls in a gap: find the jump, the first instant whose wall clock is past it.
  let low = wall - Math.max(...offsets);
  let high = wall - Math.min(...offsets);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallMs(middle, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high;
}
