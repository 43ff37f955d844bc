import { describe, expect, it } from 'vitest';
import {
  WEBHOOK_TOLERANCE_S,
  segmentSignature,
  signWebhook,
  verifySegmentSignature,
  verifyWebhookSignature,
  webhookReplayKey,
  type VerifyWebhookInput,
} from './webhook-signatures.js';

const body = '{"type":"track","event":"Ad Clicked","userId":"u1"}';
// Computed independently (Python's hmac module), so these pin the algorithm, not just round trips.
const SEGMENT_SECRET = 'whsec_segment';
const SEGMENT_SIG = '668dfb14b4026e0c5227f5a089eb730e03937cf0';
const CDP_SECRET = 'whsec_cdp';
const TS = 1714557600; // 2024-05-01T10:00:00Z
const CDP_SIG = 'f148e7795f0aa0fbec8499200874afea0563f1cc9ea4442809fc661c3a737b13';
const now = new Date(TS * 1000 + 12_000);

function reason(check: { ok: boolean; reason?: string }): string {
  if (check.ok) throw new Error('expected the check to fail');
  return check.reason ?? '';
}

describe('Segment X-Signature (HMAC-SHA1 of the raw body)', () => {
  it('signs the raw body as Segment does', () => {
    expect(segmentSignature(SEGMENT_SECRET, body)).toBe(SEGMENT_SIG);
    expect(segmentSignature(SEGMENT_SECRET, Buffer.from(body))).toBe(SEGMENT_SIG);
  });

  it('accepts the right signature, in either case and with stray whitespace', () => {
    expect(verifySegmentSignature(SEGMENT_SECRET, body, SEGMENT_SIG)).toEqual({ ok: true });
    expect(
      verifySegmentSignature(SEGMENT_SECRET, Buffer.from(body), ` ${SEGMENT_SIG.toUpperCase()} `),
    ).toEqual({ ok: true });
  });

  it('hashes a binary body byte for byte', () => {
    const raw = Buffer.from([0xff, 0xfe, 0x00, 0x7b]);
    expect(verifySegmentSignature('s', raw, segmentSignature('s', raw))).toEqual({ ok: true });
    expect(verifySegmentSignature('s', raw.toString('utf8'), segmentSignature('s', raw)).ok).toBe(false);
  });

  it('gives a distinct reason for a missing, a malformed and a wrong header', () => {
    expect(reason(verifySegmentSignature(SEGMENT_SECRET, body, undefined))).toBe(
      'missing X-Signature header',
    );
    expect(reason(verifySegmentSignature(SEGMENT_SECRET, body, '  '))).toBe('missing X-Signature header');
    expect(reason(verifySegmentSignature(SEGMENT_SECRET, body, 'sha1=' + SEGMENT_SIG))).toMatch(
      /^malformed X-Signature header: expected 40 hex characters/,
    );
    expect(reason(verifySegmentSignature(SEGMENT_SECRET, body, SEGMENT_SIG.slice(0, 39)))).toMatch(
      /^malformed/,
    );
    expect(reason(verifySegmentSignature('other secret', body, SEGMENT_SIG))).toBe(
      'X-Signature does not match the body',
    );
    expect(reason(verifySegmentSignature(SEGMENT_SECRET, body + ' ', SEGMENT_SIG))).toBe(
      'X-Signature does not match the body',
    );
  });

  it('never accepts anything when no secret is configured', () => {
    expect(reason(verifySegmentSignature('', body, segmentSignature('x', body)))).toMatch(
      /no signing secret/,
    );
    expect(() => segmentSignature('', body)).toThrow(/must not be empty/);
  });
});

describe('generic webhook (x-cdp-timestamp + x-cdp-signature: v1=HMAC-SHA256 of "ts.body")', () => {
  const input = (overrides: Partial<VerifyWebhookInput> = {}): VerifyWebhookInput => ({
    secret: CDP_SECRET,
    rawBody: body,
    timestamp: String(TS),
    signature: `v1=${CDP_SIG}`,
    now,
    ...overrides,
  });

  it('signs `${timestamp}.${body}` and returns the header value', () => {
    expect(signWebhook(CDP_SECRET, TS, body)).toBe(`v1=${CDP_SIG}`);
    expect(signWebhook(CDP_SECRET, TS, Buffer.from(body))).toBe(`v1=${CDP_SIG}`);
  });

  it('refuses to sign with a fractional or negative timestamp or an empty secret', () => {
    expect(() => signWebhook(CDP_SECRET, 1714557600.5, body)).toThrow(/whole unix seconds/);
    expect(() => signWebhook(CDP_SECRET, -1, body)).toThrow(/whole unix seconds/);
    expect(() => signWebhook('', TS, body)).toThrow(/must not be empty/);
  });

  it('accepts a fresh, correctly signed delivery and says which signature matched', () => {
    expect(verifyWebhookSignature(input())).toEqual({ ok: true, signature: CDP_SIG });
    expect(verifyWebhookSignature(input({ rawBody: Buffer.from(body) })).ok).toBe(true);
  });

  it('accepts any matching v1 among several (secret rotation) and ignores other schemes', () => {
    const old = signWebhook('old secret', TS, body);
    expect(verifyWebhookSignature(input({ signature: `${old}, v1=${CDP_SIG}` }))).toEqual({
      ok: true,
      signature: CDP_SIG,
    });
    expect(verifyWebhookSignature(input({ signature: `v1=${CDP_SIG},${old}` })).ok).toBe(true);
    expect(verifyWebhookSignature(input({ signature: `v2=whatever, v1=${CDP_SIG.toUpperCase()}` })).ok).toBe(
      true,
    );
    expect(reason(verifyWebhookSignature(input({ signature: old })))).toBe(
      'x-cdp-signature does not match the timestamp and body',
    );
  });

  it('accepts timestamps up to the tolerance either way, and no further', () => {
    expect(WEBHOOK_TOLERANCE_S).toBe(300);
    const at = (offsetS: number) => verifyWebhookSignature(input({ now: new Date((TS + offsetS) * 1000) }));
    expect(at(300).ok).toBe(true);
    expect(at(-300).ok).toBe(true);
    expect(reason(at(301))).toBe('x-cdp-timestamp is 301 s in the past; the tolerance is ±300 s');
    expect(reason(at(-3600))).toBe('x-cdp-timestamp is 3600 s in the future; the tolerance is ±300 s');
    expect(verifyWebhookSignature(input({ now: new Date((TS + 500) * 1000), toleranceS: 600 })).ok).toBe(
      true,
    );
  });

  it('hints at milliseconds when the timestamp is far too large', () => {
    const ms = String(TS * 1000);
    const check = verifyWebhookSignature(
      input({ timestamp: ms, signature: signWebhook(CDP_SECRET, TS * 1000, body) }),
    );
    expect(reason(check)).toMatch(/in the future; the tolerance is ±300 s \(it looks like milliseconds/);
  });

  it('rejects missing headers, each by name', () => {
    expect(reason(verifyWebhookSignature(input({ timestamp: undefined })))).toBe(
      'missing x-cdp-timestamp header',
    );
    expect(reason(verifyWebhookSignature(input({ signature: undefined })))).toBe(
      'missing x-cdp-signature header',
    );
    expect(reason(verifyWebhookSignature(input({ signature: ' ' })))).toBe('missing x-cdp-signature header');
  });

  it('rejects a timestamp that is not whole unix seconds', () => {
    for (const timestamp of ['1714557600.5', '2024-05-01T10:00:00Z', '-1714557600', '1e9', 'abc']) {
      expect(reason(verifyWebhookSignature(input({ timestamp })))).toBe(
        `x-cdp-timestamp must be an integer number of unix seconds, got "${timestamp}"`,
      );
    }
  });

  it('rejects a malformed signature header', () => {
    for (const signature of [CDP_SIG, 'v1=', `v1=${CDP_SIG.slice(1)}`, 'sha256=abc', `v2=${CDP_SIG}`, 'v1']) {
      expect(reason(verifyWebhookSignature(input({ signature })))).toMatch(
        /^malformed x-cdp-signature header: expected v1=<64 hex characters>/,
      );
    }
  });

  it('rejects a signature over another body, timestamp or secret', () => {
    const mismatch = 'x-cdp-signature does not match the timestamp and body';
    expect(reason(verifyWebhookSignature(input({ rawBody: body.replace('u1', 'u2') })))).toBe(mismatch);
    expect(reason(verifyWebhookSignature(input({ timestamp: String(TS + 1) })))).toBe(mismatch);
    expect(reason(verifyWebhookSignature(input({ secret: 'whsec_other' })))).toBe(mismatch);
    expect(reason(verifyWebhookSignature(input({ secret: '' })))).toMatch(/no signing secret/);
  });
});

describe('webhookReplayKey', () => {
  it('is a sha256 hex that is the same for the same delivery', () => {
    const key = webhookReplayKey(String(TS), CDP_SIG);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(webhookReplayKey(String(TS), CDP_SIG)).toBe(key);
  });

  it('gives the matched signature and its one-value header the same key', () => {
    expect(webhookReplayKey(String(TS), `v1=${CDP_SIG}`)).toBe(webhookReplayKey(String(TS), CDP_SIG));
    expect(webhookReplayKey(String(TS), CDP_SIG.toUpperCase())).toBe(webhookReplayKey(String(TS), CDP_SIG));
  });

  it('differs when the timestamp or the signature differs', () => {
    const key = webhookReplayKey(String(TS), CDP_SIG);
    expect(webhookReplayKey(String(TS + 1), CDP_SIG)).not.toBe(key);
    expect(webhookReplayKey(String(TS), signWebhook('x', TS, body).slice(3))).not.toBe(key);
  });

  it('catches a replay that reshuffles the header, when keyed on the matched signature', () => {
    const original = verifyWebhookSignature({
      secret: CDP_SECRET,
      rawBody: body,
      timestamp: String(TS),
      signature: `v1=${CDP_SIG}`,
      now,
    });
    const replay = verifyWebhookSignature({
      secret: CDP_SECRET,
      rawBody: body,
      timestamp: String(TS),
      signature: `${signWebhook('junk', TS, body)}, v1=${CDP_SIG}`,
      now,
    });
    if (!original.ok || !replay.ok) throw new Error('both should verify');
    expect(webhookReplayKey(String(TS), replay.signature)).toBe(
      webhookReplayKey(String(TS), original.signature),
    );
  });
});
