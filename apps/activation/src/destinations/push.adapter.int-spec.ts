import {
  startFcmServer,
  startWebPushEndpoint,
  type FcmServer,
  type WebPushEndpoint,
} from '@cdp/activation/testing';
import type { PushDestination } from '@cdp/activation/contracts';
import { generateKeyPairSync } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessage, type OutboundMessageOverrides } from './__tests__/outbound-message.js';
import type { OutboundMessage, PushSubscription } from './destination.js';
import { createPushAdapter } from './push.adapter.js';

/** The fixture's default campaign (`cmp_1`, Spring sale) as a push to `subscriptions`. */
function message(
  subscriptions: PushSubscription[],
  overrides: OutboundMessageOverrides = {},
): OutboundMessage {
  return outboundMessage(
    {
      key: 'c'.repeat(64),
      deliveryId: 'dlv_push_1',
      trigger: 'entry:2026-06-01T10:00:00.000Z',
      recipient: { traits: { first_name: 'Ada & Bob' }, features: { 'intent.clicks_7d': 7 } },
      template: {
        title: 'Hi {{traits.first_name}}',
        body: '{{features.intent_clicks_7d}} clicks this week in {{campaign.name}}',
        url: 'https://shop.example.test/sale?c={{campaign.id}}',
      },
      subscriptions,
    },
    overrides,
  );
}

const vapid = webpush.generateVAPIDKeys();
const webPushConfig = {
  vapidPublicKey: vapid.publicKey,
  vapidPrivateKey: vapid.privateKey,
  subject: 'mailto:ops@example.test',
  ttlSeconds: 3600,
};

describe('push adapter: Web Push against a browser and push service', () => {
  let endpoint: WebPushEndpoint;
  beforeAll(async () => {
    endpoint = await startWebPushEndpoint();
  });
  afterAll(() => endpoint.close());

  const adapter = (): ReturnType<typeof createPushAdapter> =>
    createPushAdapter({ kind: 'push', webPush: webPushConfig });
  const webPushSubscription = (): PushSubscription & { kind: 'webpush' } => {
    const { id, endpoint: url, keys } = endpoint.subscribe({ applicationServerKey: vapid.publicKey });
    return { id, kind: 'webpush', endpoint: url, keys };
  };

  it('the browser decrypts the rendered title, body and url, sent with VAPID and the TTL', async () => {
    const subscription = webPushSubscription();
    const outcome = await adapter().send(message([subscription]));
    expect(outcome).toMatchObject({
      kind: 'sent',
      providerId: expect.stringContaining(`${endpoint.url}/message/`),
    });
    const received = endpoint.received.find((push) => push.subscriptionId === subscription.id);
    expect(received).toMatchObject({ ttl: 3600, subject: 'mailto:ops@example.test' });
    // Not HTML-escaped: push text is shown as text.
    expect(JSON.parse(received?.payload ?? '')).toEqual({
      title: 'Hi Ada & Bob',
      body: '7 clicks this week in Spring sale',
      url: 'https://shop.example.test/sale?c=cmp_1',
      deliveryId: 'dlv_push_1',
    });
  });

  it('an expired subscription (410) is gone with its id', async () => {
    const subscription = webPushSubscription();
    endpoint.expire(subscription.id);
    expect(await adapter().send(message([subscription]))).toMatchObject({
      kind: 'gone',
      subscriptionIds: [subscription.id],
    });
  });

  it('sent to one of two: sent, with the gone id in the detail', async () => {
    const live = webPushSubscription();
    const expired = webPushSubscription();
    endpoint.expire(expired.id);
    const outcome = await adapter().send(message([live, expired]));
    expect(outcome).toMatchObject({ kind: 'sent', goneSubscriptionIds: [expired.id] });
  });

  it('a push service that is down (503) → retry', async () => {
    endpoint.failNext(1, 503);
    expect(await adapter().send(message([webPushSubscription()]))).toMatchObject({ kind: 'retry' });
  });

  it('no subscriptions → skipped; a template without a title → failed', async () => {
    expect(await adapter().send(message([]))).toMatchObject({ kind: 'skipped' });
    expect(await adapter().send(message([webPushSubscription()], { template: { body: 'x' } }))).toMatchObject(
      {
        kind: 'failed',
      },
    );
  });

  it('signs VAPID with the configured key only: a subscription bound to another key refuses (403 → failed)', async () => {
    const {
      id,
      endpoint: url,
      keys,
    } = endpoint.subscribe({
      applicationServerKey: webpush.generateVAPIDKeys().publicKey,
    });
    expect(await adapter().send(message([{ id, kind: 'webpush', endpoint: url, keys }]))).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('403'),
    });
  });
});

describe('push adapter: FCM HTTP v1 with a service account', () => {
  const projectId = 'cdp-test';
  const clientEmail = 'activation@cdp-test.iam.gserviceaccount.com';
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  let fcm: FcmServer;
  let config: PushDestination;

  beforeAll(async () => {
    fcm = await startFcmServer({ projectId, clientEmail, publicKeyPem: keys.publicKey });
    config = {
      kind: 'push',
      fcm: { baseUrl: fcm.url, projectId, clientEmail, privateKey: keys.privateKey, tokenUri: fcm.tokenUri },
    };
  });
  afterAll(() => fcm.close());

  const fcmSubscription = (token: string): PushSubscription => ({ id: `sub-${token}`, kind: 'fcm', token });

  it('exchanges the service account JWT once and reuses the token for later sends', async () => {
    const adapter = createPushAdapter(config);
    const before = fcm.tokenExchanges;
    const outcomes = [];
    for (const token of ['t1', 't2', 't3'])
      outcomes.push(await adapter.send(message([fcmSubscription(token)])));
    expect(outcomes.map((o) => o.kind)).toEqual(['sent', 'sent', 'sent']);
    expect(fcm.tokenExchanges - before).toBe(1);
    expect(outcomes[0]).toMatchObject({
      providerId: expect.stringMatching(/^projects\/cdp-test\/messages\//),
    });
    expect(fcm.messages.find((m) => m.token === 't1')).toMatchObject({
      notification: { title: 'Hi Ada & Bob', body: '7 clicks this week in Spring sale' },
      data: { deliveryId: 'dlv_push_1', url: 'https://shop.example.test/sale?c=cmp_1' },
    });
  });

  it('a revoked access token (401) is exchanged again once, and the send goes through', async () => {
    const adapter = createPushAdapter(config);
    await adapter.send(message([fcmSubscription('warm')]));
    const before = fcm.tokenExchanges;
    fcm.revokeAccessTokens();
    expect(await adapter.send(message([fcmSubscription('after-revoke')]))).toMatchObject({ kind: 'sent' });
    expect(fcm.tokenExchanges - before).toBe(1);
  });

  it('an UNREGISTERED token is gone with its subscription id', async () => {
    fcm.unregister('uninstalled');
    expect(await createPushAdapter(config).send(message([fcmSubscription('uninstalled')]))).toMatchObject({
      kind: 'gone',
      subscriptionIds: ['sub-uninstalled'],
      error: expect.stringContaining('UNREGISTERED'),
    });
  });

  it('503 UNAVAILABLE → retry; 400 → failed', async () => {
    const adapter = createPushAdapter(config);
    fcm.failNext(1, 503);
    expect(await adapter.send(message([fcmSubscription('busy')]))).toMatchObject({
      kind: 'retry',
      error: expect.stringContaining('UNAVAILABLE'),
    });
    fcm.failNext(1, 400);
    expect(await adapter.send(message([fcmSubscription('bad')]))).toMatchObject({ kind: 'failed' });
  });

  it('a service account key the token endpoint rejects → failed, not retried forever', async () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const wrong = createPushAdapter({ kind: 'push', fcm: { ...config.fcm!, privateKey: other.privateKey } });
    expect(await wrong.send(message([fcmSubscription('t')]))).toMatchObject({
      kind: 'failed',
      error: expect.stringContaining('invalid_grant'),
    });
  });

  it('a subscription of a kind the destination is not configured for → failed', async () => {
    const webOnly = createPushAdapter({ kind: 'push', webPush: webPushConfig });
    expect(await webOnly.send(message([fcmSubscription('t')]))).toMatchObject({ kind: 'failed' });
  });
});
