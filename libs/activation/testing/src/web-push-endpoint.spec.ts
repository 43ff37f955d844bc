import { createECDH } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptWebPushPayload, startWebPushEndpoint, type WebPushEndpoint } from './web-push-endpoint.js';

// RFC 8291 Appendix A: the user agent's keys and auth secret, and the body the example sends.
const RFC_UA_PRIVATE = 'q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94';
const RFC_UA_PUBLIC =
  'BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4';
const RFC_AUTH = 'BTBZMqHH6r4Tts7J_aSIgg';
const RFC_BODY =
  'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml' +
  'mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT' +
  'pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN';

describe('decryptWebPushPayload', () => {
  const rfc = {
    body: Buffer.from(RFC_BODY, 'base64url'),
    privateKey: Buffer.from(RFC_UA_PRIVATE, 'base64url'),
    authSecret: Buffer.from(RFC_AUTH, 'base64url'),
  };

  it('decrypts the RFC 8291 Appendix A example', () => {
    // The example's private key is the one behind its published public key.
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(rfc.privateKey);
    expect(ecdh.getPublicKey().toString('base64url')).toBe(RFC_UA_PUBLIC);
    expect(decryptWebPushPayload(rfc).toString('utf8')).toBe('When I grow up, I want to be a watermelon');
  });

  it('refuses a tampered body or the wrong auth secret', () => {
    const tampered = Buffer.from(rfc.body);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 0x40;
    expect(() => decryptWebPushPayload({ ...rfc, body: tampered })).toThrow(/does not decrypt/);
    expect(() => decryptWebPushPayload({ ...rfc, authSecret: Buffer.alloc(16) })).toThrow(/does not decrypt/);
  });
});

describe('startWebPushEndpoint', () => {
  let endpoint: WebPushEndpoint;
  const vapid = webpush.generateVAPIDKeys();
  const vapidDetails = {
    subject: 'mailto:ops@example.test',
    publicKey: vapid.publicKey,
    privateKey: vapid.privateKey,
  };

  beforeAll(async () => {
    endpoint = await startWebPushEndpoint();
  });
  afterAll(() => endpoint.close());

  async function push(
    subscription: webpush.PushSubscription,
    payload: string,
    options: webpush.RequestOptions = {},
  ): Promise<number> {
    const details = webpush.generateRequestDetails(subscription, payload, {
      vapidDetails,
      contentEncoding: 'aes128gcm',
      ...options,
    });
    const headers = Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)]));
    const response = await fetch(details.endpoint, { method: 'POST', headers, body: details.body });
    return response.status;
  }

  it('gives subscriptions shaped like a browser’s, and decrypts what web-push encrypts for them', async () => {
    const subscription = endpoint.subscribe();
    expect(subscription.endpoint).toBe(`${endpoint.url}/push/${subscription.id}`);
    expect(Buffer.from(subscription.keys.p256dh, 'base64url')).toHaveLength(65);
    expect(Buffer.from(subscription.keys.auth, 'base64url')).toHaveLength(16);

    expect(await push(subscription, 'hello', { TTL: 60, urgency: 'high' })).toBe(201);
    expect(endpoint.received.at(-1)).toEqual({
      subscriptionId: subscription.id,
      payload: 'hello',
      ttl: 60,
      urgency: 'high',
      topic: null,
      subject: 'mailto:ops@example.test',
    });
  });

  it('refuses a push without VAPID, signed by another key or for another audience', async () => {
    const subscription = endpoint.subscribe();
    expect(await push(subscription, 'x', { vapidDetails: null as never })).toBe(401);

    const details = webpush.generateRequestDetails(subscription, 'x', {
      vapidDetails,
      contentEncoding: 'aes128gcm',
    });
    const other = webpush.generateVAPIDKeys();
    const forged = String(details.headers['Authorization']).replace(/k=.*$/, `k=${other.publicKey}`);
    const headers = {
      ...Object.fromEntries(Object.entries(details.headers).map(([k, v]) => [k, String(v)])),
    };
    const status = (
      await fetch(details.endpoint, {
        method: 'POST',
        headers: { ...headers, Authorization: forged },
        body: details.body,
      })
    ).status;
    expect(status).toBe(401);

    const wrongAudience = webpush.getVapidHeaders(
      'http://elsewhere.test',
      vapidDetails.subject,
      vapid.publicKey,
      vapid.privateKey,
      'aes128gcm',
    );
    const response = await fetch(details.endpoint, {
      method: 'POST',
      headers: { ...headers, Authorization: wrongAudience.Authorization },
      body: details.body,
    });
    expect(response.status).toBe(401);
    expect(endpoint.rejected.at(-1)?.reason).toMatch(/aud/);
  });

  it('refuses 403 a key other than the one the subscription is restricted to', async () => {
    const subscription = endpoint.subscribe({ applicationServerKey: webpush.generateVAPIDKeys().publicKey });
    expect(await push(subscription, 'x')).toBe(403);
  });

  it('answers 410 for an expired subscription and injected failures in order', async () => {
    const subscription = endpoint.subscribe();
    endpoint.failNext(2, 503);
    expect(await push(subscription, 'a')).toBe(503);
    expect(await push(subscription, 'a')).toBe(503);
    expect(await push(subscription, 'a')).toBe(201);
    endpoint.expire(subscription.id);
    expect(await push(subscription, 'a')).toBe(410);
  });
});
