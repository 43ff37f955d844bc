import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature.js';

const secret = 'whsec_0123456789abcdef';
const body = '{"id":"k1","type":"audience.campaign"}';
const now = 1_780_000_000;

describe('signWebhook', () => {
  it('is HMAC-SHA256 over "<timestamp>.<body>" in hex, prefixed v1=', () => {
    // Computed independently: the literal string a receiver would HMAC.
    const expected = createHmac('sha256', secret)
      .update('1780000000.{"id":"k1","type":"audience.campaign"}')
      .digest('hex');
    expect(signWebhook(secret, now, body)).toBe(`v1=${expected}`);
    // Pinned, so a change of scheme cannot pass unnoticed by changing both sides.
    expect(signWebhook('secret', 1, 'x')).toBe(
      `v1=${createHmac('sha256', 'secret').update('1.x').digest('hex')}`,
    );
  });

  it('signs bytes and the same text identically', () => {
    expect(signWebhook(secret, now, Buffer.from(body))).toBe(signWebhook(secret, now, body));
  });
});

describe('verifyWebhook', () => {
  const signature = signWebhook(secret, now, body);
  const valid = { secret, timestamp: String(now), signature, body, nowSeconds: now };

  it('accepts a request signed with the secret', () => {
    expect(verifyWebhook(valid)).toEqual({ ok: true });
    expect(verifyWebhook({ ...valid, nowSeconds: now + 299 })).toEqual({ ok: true });
  });

  it('rejects a tampered body, timestamp, signature or a wrong secret', () => {
    expect(verifyWebhook({ ...valid, body: body.replace('k1', 'k2') })).toMatchObject({ ok: false });
    expect(verifyWebhook({ ...valid, timestamp: String(now + 1) })).toMatchObject({ ok: false });
    const flipped = signature.slice(0, -1) + (signature.endsWith('0') ? '1' : '0');
    expect(verifyWebhook({ ...valid, signature: flipped })).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    expect(verifyWebhook({ ...valid, secret: 'whsec_another_secret!' })).toMatchObject({ ok: false });
    expect(verifyWebhook({ ...valid, signature: signature.replace('v1=', 'v0=') })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no v1='),
    });
    expect(verifyWebhook({ ...valid, signature: 'v1=zz' })).toMatchObject({ ok: false });
  });

  it('accepts any of several v1 values, so a secret can be rotated', () => {
    const old = signWebhook('whsec_previous_secret', now, body);
    expect(verifyWebhook({ ...valid, signature: `${old}, ${signature}` })).toEqual({ ok: true });
    expect(verifyWebhook({ ...valid, signature: `${signature},${old}` })).toEqual({ ok: true });
    expect(verifyWebhook({ ...valid, signature: old })).toMatchObject({ ok: false });
  });

  it('says whether a timestamp is stale or in the future', () => {
    expect(verifyWebhook({ ...valid, nowSeconds: now + 301 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('stale'),
    });
    expect(verifyWebhook({ ...valid, nowSeconds: now - 301 })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('future'),
    });
    expect(verifyWebhook({ ...valid, nowSeconds: now + 30, toleranceSeconds: 10 })).toMatchObject({
      reason: expect.stringContaining('stale'),
    });
  });

  it('names a missing or malformed header', () => {
    expect(verifyWebhook({ ...valid, timestamp: undefined })).toMatchObject({
      reason: expect.stringContaining('X-CDP-Timestamp'),
    });
    expect(verifyWebhook({ ...valid, signature: null })).toMatchObject({
      reason: expect.stringContaining('X-CDP-Signature'),
    });
    expect(verifyWebhook({ ...valid, timestamp: '2026-01-01' })).toMatchObject({
      reason: expect.stringContaining('unix seconds'),
    });
  });
});
