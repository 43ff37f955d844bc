import { createHmac, timingSafeEqual } from 'node:crypto';

// Outbound webhooks are signed the way Stripe signs its own: an HMAC over the timestamp and the raw
// body, so a receiver can check both who sent a request and that it is not a replay.

export const WEBHOOK_SIGNATURE_HEADER = 'X-CDP-Signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'X-CDP-Timestamp';

const SCHEME = 'v1';

function hmacHex(secret: string, timestampSeconds: number | string, body: string | Uint8Array): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');
}

/** The `X-CDP-Signature` value for one request: `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`. */
export function signWebhook(secret: string, timestampSeconds: number, body: string | Uint8Array): string {
  return `${SCHEME}=${hmacHex(secret, timestampSeconds, body)}`;
}

export interface VerifyWebhookInput {
  secret: string;
  /** The `X-CDP-Timestamp` header as received. */
  timestamp: string | null | undefined;
  /** The `X-CDP-Signature` header as received; several `v1=` values (comma-separated) during a secret rotation. */
  signature: string | null | undefined;
  /** The raw body bytes, exactly as received (never a re-serialised parse). */
  body: string | Uint8Array;
  nowSeconds: number;
  toleranceSeconds?: number;
}

export type VerifyWebhookResult = { ok: true } | { ok: false; reason: string };

/** Checks a received webhook's signature and freshness. */
export function verifyWebhook({
  secret,
  timestamp,
  signature,
  body,
  nowSeconds,
  toleranceSeconds = 300,
}: VerifyWebhookInput): VerifyWebhookResult {
  if (!timestamp) return { ok: false, reason: `missing ${WEBHOOK_TIMESTAMP_HEADER} header` };
  if (!signature) return { ok: false, reason: `missing ${WEBHOOK_SIGNATURE_HEADER} header` };
  if (!/^\d{1,15}$/.test(timestamp.trim())) {
    return { ok: false, reason: `${WEBHOOK_TIMESTAMP_HEADER} is not unix seconds` };
  }
  const sentAt = Number(timestamp.trim());
  if (nowSeconds - sentAt > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is stale: ${nowSeconds - sentAt}s old, tolerance ${toleranceSeconds}s`,
    };
  }
  if (sentAt - nowSeconds > toleranceSeconds) {
    return {
      ok: false,
      reason: `timestamp is in the future: ${sentAt - nowSeconds}s ahead, tolerance ${toleranceSeconds}s`,
    };
  }
  const candidates = signature
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SCHEME}=`))
    .map((part) => part.slice(SCHEME.length + 1));
  if (candidates.length === 0) return { ok: false, reason: `no ${SCHEME}= signature in the header` };
  // Over the received timestamp text, so a re-formatted number cannot change what was signed.
  const expected = Buffer.from(hmacHex(secret, timestamp.trim(), body), 'hex');
  // Every candidate is compared (no early exit), each in constant time.
  let matched = false;
  for (const candidate of candidates) {
    const wellFormed = /^[0-9a-f]{64}$/i.test(candidate);
    const given = wellFormed ? Buffer.from(candidate, 'hex') : Buffer.alloc(expected.length);
    if (timingSafeEqual(given, expected) && wellFormed) matched = true;
  }
  return matched ? { ok: true } : { ok: false, reason: 'signature does not match' };
}
