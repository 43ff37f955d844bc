import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The outcome of checking an inbound request's signature; `reason` is safe to return to the caller. */
export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** What `verifyWebhookSignature` returns: on success, the `v1` signature that matched (for the replay key). */
export type WebhookSignatureCheck = { ok: true; signature: string } | { ok: false; reason: string };

/** How far (either way) a generic webhook's timestamp may be from our clock. */
export const WEBHOOK_TOLERANCE_S = 300;

export const SEGMENT_SIGNATURE_HEADER = 'x-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-cdp-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'x-cdp-signature';

const SHA1_HEX = /^[0-9a-f]{40}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const UNIX_SECONDS = /^\d{1,15}$/;

/** Segment's Webhooks destination: `X-Signature` is the hex HMAC-SHA1 of the raw body. */
export function segmentSignature(secret: string, rawBody: Buffer | string): string {
  assertSecret(secret);
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}

/** Checks Segment's `X-Signature` against the raw body, as received (never a re-serialised object). */
export function verifySegmentSignature(
  secret: string,
  rawBody: Buffer | string,
  header: string | undefined,
): SignatureCheck {
  if (secret === '') return { ok: false, reason: 'no signing secret is configured for this source' };
  const value = header?.trim() ?? '';
  if (value === '') return { ok: false, reason: 'missing X-Signature header' };
  if (!SHA1_HEX.test(value)) {
    return { ok: false, reason: 'malformed X-Signature header: expected 40 hex characters (HMAC-SHA1)' };
  }
  return hexEquals(segmentSignature(secret, rawBody), value)
    ? { ok: true }
    : { ok: false, reason: 'X-Signature does not match the body' };
}

/**
 * Our generic inbound webhook: the `x-cdp-signature` header value for a body sent at `timestampS`
 * (the same value goes in `x-cdp-timestamp`). Signing the timestamp with the body stops an old
 * delivery from being replayed with a fresh timestamp.
 */
export function signWebhook(secret: string, timestampS: number, rawBody: Buffer | string): string {
  assertSecret(secret);
  if (!Number.isSafeInteger(timestampS) || timestampS < 0) {
    throw new RangeError(`timestampS must be whole unix seconds, got ${timestampS}`);
  }
  return `v1=${webhookHmac(secret, String(timestampS), rawBody)}`;
}

export interface VerifyWebhookInput {
  secret: string;
  /** The body exactly as received. */
  rawBody: Buffer | string;
  /** The `x-cdp-timestamp` header. */
  timestamp: string | undefined;
  /** The `x-cdp-signature` header: one or more comma-separated `v1=<hex>` (several while a secret rotates). */
  signature: string | undefined;
  now: Date;
  toleranceS?: number;
}

/**
 * Checks a generic webhook delivery: both headers present, the timestamp within `toleranceS` of
 * `now`, and one of the `v1` signatures made with `secret`. Schemes other than `v1` are ignored, so
 * a sender can add a newer one alongside.
 */
export function verifyWebhookSignature(input: VerifyWebhookInput): WebhookSignatureCheck {
  const { secret, rawBody, now, toleranceS = WEBHOOK_TOLERANCE_S } = input;
  if (secret === '') return { ok: false, reason: 'no signing secret is configured for this source' };
  const timestamp = input.timestamp?.trim() ?? '';
  const header = input.signature?.trim() ?? '';
  if (timestamp === '') return { ok: false, reason: `missing ${WEBHOOK_TIMESTAMP_HEADER} header` };
  if (header === '') return { ok: false, reason: `missing ${WEBHOOK_SIGNATURE_HEADER} header` };

  if (!UNIX_SECONDS.test(timestamp)) {
    return {
      ok: false,
      reason: `${WEBHOOK_TIMESTAMP_HEADER} must be an integer number of unix seconds, got "${clip(timestamp)}"`,
    };
  }
  const skewS = Number(timestamp) - now.getTime() / 1000;
  if (Math.abs(skewS) > toleranceS) {
    const off = Math.round(Math.abs(skewS));
    const hint = Number(timestamp) > 1e11 ? ' (it looks like milliseconds; send seconds)' : '';
    return {
      ok: false,
      reason:
        `${WEBHOOK_TIMESTAMP_HEADER} is ${off} s in the ${skewS < 0 ? 'past' : 'future'}; ` +
        `the tolerance is ±${toleranceS} s${hint}`,
    };
  }

  const candidates = parseV1Signatures(header);
  if (!candidates.ok) return candidates;
  const expected = webhookHmac(secret, timestamp, rawBody);
  // Compare against every candidate, so the time taken does not depend on which one matched.
  let matched: string | undefined;
  for (const candidate of candidates.values) {
    if (hexEquals(expected, candidate) && matched === undefined) matched = expected;
  }
  return matched === undefined
    ? { ok: false, reason: `${WEBHOOK_SIGNATURE_HEADER} does not match the timestamp and body` }
    : { ok: true, signature: matched };
}

/**
 * The key under which the app remembers a delivery for the tolerance window, to refuse it a second
 * time. Pass the signature that matched (`check.signature` from `verifyWebhookSignature`): a whole
 * header with several values also works, but a replay could then drop or add values to change it.
 */
export function webhookReplayKey(timestamp: string, signature: string): string {
  const given = signature.trim().toLowerCase();
  const parsed = SHA256_HEX.test(given) ? undefined : parseV1Signatures(given);
  const values = parsed?.ok ? [...new Set(parsed.values)].sort() : [given];
  return createHash('sha256')
    .update(JSON.stringify([timestamp.trim(), values]))
    .digest('hex');
}

function webhookHmac(secret: string, timestamp: string, rawBody: Buffer | string): string {
  // Two updates instead of a concatenated string, so a binary body is hashed byte for byte.
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

type ParsedSignatures = { ok: true; values: string[] } | { ok: false; reason: string };

/** The `v1` values of `v1=<hex>[, v1=<hex>...]`, lower-cased. */
function parseV1Signatures(header: string): ParsedSignatures {
  const values: string[] = [];
  for (const part of header.split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const eq = entry.indexOf('=');
    if (eq <= 0) return malformed();
    const scheme = entry.slice(0, eq).trim();
    const value = entry.slice(eq + 1).trim();
    if (scheme !== 'v1') continue;
    if (!SHA256_HEX.test(value)) return malformed();
    values.push(value.toLowerCase());
  }
  return values.length > 0 ? { ok: true, values } : malformed();
}

function malformed(): { ok: false; reason: string } {
  return {
    ok: false,
    reason: `malformed ${WEBHOOK_SIGNATURE_HEADER} header: expected v1=<64 hex characters>, comma-separated`,
  };
}

/** Constant-time comparison of two hex strings of the same (validated) length. */
function hexEquals(expectedHex: string, givenHex: string): boolean {
  const expected = Buffer.from(expectedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function assertSecret(secret: string): void {
  if (secret === '') throw new RangeError('a signing secret must not be empty');
}

function clip(value: string): string {
  return value.length > 32 ? `${value.slice(0, 32)}…` : value;
}
