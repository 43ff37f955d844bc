// Identifier normalisation and hashing for ad-platform feeds (issue #10). Each partner matches on its
// own normal form, and a hash of a differently normalised value is a valid-looking digest that matches
// no one, so the rules follow each platform's published guidance exactly:
// - Google (Data Manager API / Customer Match):
//   https://developers.google.com/data-manager/api/devguides/concepts/formatting
// - Meta (Marketing API customer files; Conversions API customer information parameters):
//   https://developers.facebook.com/docs/marketing-api/conversions-api/parameters/customer-information-parameters
// - UID2 (The Trade Desk): https://unifiedid.com/docs/getting-started/gs-normalization-encoding
// A value that cannot be normalised gives `{ ok: false, reason }` rather than a throw, so one bad row
// is counted and skipped instead of killing a feed.

import { createHash } from 'node:crypto';
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

export const AD_PLATFORMS = ['google', 'meta', 'uid2'] as const;
export type AdPlatform = (typeof AD_PLATFORMS)[number];

/** Why an identifier was left out of a feed; a short code, so feeds can count rejections by kind. */
export type IdentifierRejection =
  | 'empty'
  | 'not_an_email'
  | 'not_a_phone_number'
  | 'no_country_code'
  | 'impossible_phone_number'
  | 'invalid_phone_number'
  | 'not_a_device_id'
  | 'zero_device_id';

export type IdentifierResult = { ok: true; value: string } | { ok: false; reason: IdentifierRejection };

const ok = (value: string): IdentifierResult => ({ ok: true, value });
const rejected = (reason: IdentifierRejection): IdentifierResult => ({ ok: false, reason });

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** UID2 wants the Base64 of the digest bytes, not of the hex string. */
export function sha256Base64(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('base64');
}

/** SHA-256 in the encoding each platform documents: lowercase hex for Google and Meta, Base64 for UID2. */
export function hashFor(platform: AdPlatform, normalized: string): string {
  return platform === 'uid2' ? sha256Base64(normalized) : sha256Hex(normalized);
}

// A deliberately loose shape check: one @, something on both sides, a dot in the domain. Mail servers
// accept far more than any regex; the point is only to keep obvious junk out of a feed.
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Google drops dots and `+tags` in the local part of both its consumer domains. */
const GOOGLE_CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
/** UID2's published rule names gmail.com only. */
const UID2_CONSUMER_DOMAINS = new Set(['gmail.com']);

/**
 * The email in the form `platform` matches on:
 * - google: trim, drop whitespace anywhere, lowercase; on gmail.com/googlemail.com also drop every `.`
 *   and any `+tag` in the local part (Google's current formatting guide; its older guides named the
 *   dots only, and since `+tag` mail reaches the same inbox, dropping it can only add matches);
 * - meta: trim and lowercase, nothing else (Meta does not ask for Gmail rewriting);
 * - uid2: trim and lowercase; on gmail.com also drop every `.` and any `+tag` in the local part.
 */
export function normalizeEmail(raw: string, platform: AdPlatform): IdentifierResult {
  let email = raw.trim();
  if (platform === 'google') email = email.replace(/\s+/g, '');
  email = email.toLowerCase();
  if (email === '') return rejected('empty');
  if (!EMAIL_SHAPE.test(email)) return rejected('not_an_email');

  const at = email.lastIndexOf('@');
  let local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const consumerDomains =
    platform === 'google' ? GOOGLE_CONSUMER_DOMAINS : platform === 'uid2' ? UID2_CONSUMER_DOMAINS : null;
  if (consumerDomains?.has(domain)) {
    const plus = local.indexOf('+');
    if (plus >= 0) local = local.slice(0, plus);
    local = local.replaceAll('.', '');
    if (local === '') return rejected('not_an_email');
  }
  return ok(`${local}@${domain}`);
}

/** The normalised email hashed as `platform` expects it (hex SHA-256, or Base64 SHA-256 for UID2). */
export function hashEmail(raw: string, platform: AdPlatform): IdentifierResult {
  const normalized = normalizeEmail(raw, platform);
  return normalized.ok ? ok(hashFor(platform, normalized.value)) : normalized;
}

export interface PhoneOptions {
  /** Country assumed for a number written without a country code (`(650) 555-1212` with `US`). */
  defaultCountry?: CountryCode;
  /**
   * `possible` (default) checks only the length for the country; `valid` also checks the number ranges
   * in libphonenumber's metadata, which rejects numbers allocated after the metadata was built.
   */
  check?: 'possible' | 'valid';
}

/**
 * The phone number in the form `platform` matches on: E.164 with the `+` for Google and UID2
 * (`+16505551212`), the same digits without the `+` for Meta (`16505551212`).
 */
export function normalizePhone(raw: string, platform: AdPlatform, opts: PhoneOptions = {}): IdentifierResult {
  const text = raw.trim();
  if (text === '') return rejected('empty');
  if (!/\d/.test(text)) return rejected('not_a_phone_number');

  let parsed;
  try {
    parsed = parsePhoneNumberFromString(text, opts.defaultCountry);
  } catch {
    // parsePhoneNumberFromString returns undefined for junk; this only guards a feed against a
    // metadata bug turning into a crash.
    return rejected('not_a_phone_number');
  }
  if (!parsed) {
    const international = text.startsWith('+') || text.startsWith('00');
    return rejected(international || opts.defaultCountry ? 'not_a_phone_number' : 'no_country_code');
  }
  if (!parsed.isPossible()) return rejected('impossible_phone_number');
  if (opts.check === 'valid' && !parsed.isValid()) return rejected('invalid_phone_number');

  const e164 = parsed.number;
  return ok(platform === 'meta' ? e164.slice(1) : e164);
}

/** The normalised phone number hashed as `platform` expects it. */
export function hashPhone(raw: string, platform: AdPlatform, opts: PhoneOptions = {}): IdentifierResult {
  const normalized = normalizePhone(raw, platform, opts);
  return normalized.ok ? ok(hashFor(platform, normalized.value)) : normalized;
}

export type DeviceIdMode = 'raw' | 'sha256';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * A mobile advertising id (IDFA or Android advertising id) in its canonical form: lowercase, with
 * hyphens. Meta documents MADID as "all lowercase, keep hyphens", unhashed; Google's Data Manager API
 * says not to hash mobile ids and sets no case. `sha256` (hex of the lowercase form) is for partners
 * configured to take hashed device ids. The all-zero id is what iOS and Android report when the user
 * has limited ad tracking: it names no one, so it is rejected.
 */
export function deviceId(raw: string, mode: DeviceIdMode): IdentifierResult {
  const id = raw.trim().toLowerCase();
  if (id === '') return rejected('empty');
  if (!UUID_SHAPE.test(id)) return rejected('not_a_device_id');
  if (id === ZERO_UUID) return rejected('zero_device_id');
  return ok(mode === 'sha256' ? sha256Hex(id) : id);
}
