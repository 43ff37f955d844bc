import { startWebhookReceiver, type WebhookReceiver } from '@cdp/activation/testing';
import type { WebhookDestination } from '@cdp/activation/contracts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessage, type OutboundMessageOverrides } from './__tests__/outbound-message.js';
import type { DestinationAdapter, OutboundMessage } from './destination.js';
import { createWebhookAdapter } from './webhook.adapter.js';

const SECRET = 'whsec_integration_0123456789';

/** A destination as the schema leaves it after defaults (the schema itself is not needed at runtime). */
function destination(url: string, overrides: Partial<WebhookDestination> = {}): WebhookDestination {
  return { kind: 'webhook', url, secret: SECRET, timeoutMs: 10_000, disableAfterFailures: 20, ...overrides };
}

/** The fixture's default send (key `a`×64, `dlv_1`, `cmp_1`, `aud_1`, `prf_1`) to a profile with these traits. */
function message(overrides: OutboundMessageOverrides = {}): OutboundMessage {
  return outboundMessage(
    {
      trigger: 'entry:2026-06-01T10:00:00.000Z',
      recipient: { traits: { email: 'ada@example.test', first_name: 'Ada', note: 'ünïcödé ✓' } },
    },
    overrides,
  );
}

describe('webhook adapter against a receiver that verifies signatures', () => {
  let receiver: WebhookReceiver;
  let adapter: DestinationAdapter;

  beforeAll(async () => {
    receiver = await startWebhookReceiver({ secret: SECRET });
    adapter = createWebhookAdapter(destination(receiver.url));
  });
  afterEach(() => {
    receiver.received.length = 0;
  });
  afterAll(async () => {
    await adapter.close();
    await receiver.close();
  });

  it('delivers a signed event the receiver verifies, with the idempotency key', async () => {
    const outcome = await adapter.send(message());
    expect(outcome.kind).toBe('sent');
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({
      valid: true,
      idempotencyKey: 'a'.repeat(64),
      userAgent: 'cdp-activation',
    });
    expect(request?.body).toEqual({
      id: 'a'.repeat(64),
      type: 'audience.campaign',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      campaign: { id: 'cmp_1', name: 'Spring sale' },
      audience: { id: 'aud_1', name: 'Recent buyers', key: 'recent-buyers' },
      trigger: 'entry:2026-06-01T10:00:00.000Z',
      profile: {
        id: 'prf_1',
        userId: 'user-42',
        traits: { email: 'ada@example.test', first_name: 'Ada', note: 'ünïcödé ✓' },
      },
    });
  });

  it("names the event after the template's event and signs every request", async () => {
    await adapter.send(message({ template: { event: 'vip.entered' } }));
    await adapter.send(message({ key: 'b'.repeat(64) }));
    expect(receiver.received.map((r) => [r.valid, (r.body as { type: string }).type])).toEqual([
      [true, 'vip.entered'],
      [true, 'audience.campaign'],
    ]);
  });

  it('a receiver with another secret refuses the request, and the send fails without retry', async () => {
    const other = await startWebhookReceiver({ secret: 'whsec_some_other_secret' });
    try {
      const wrong = createWebhookAdapter(destination(other.url));
      const outcome = await wrong.send(message());
      expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining('401') });
      expect(other.received[0]).toMatchObject({ valid: false, reason: 'signature does not match' });
    } finally {
      await other.close();
    }
  });

  it('410 → gone and the destination is disabled', async () => {
    receiver.respondWith(410);
    expect(await adapter.send(message())).toMatchObject({ kind: 'gone', disableDestination: true });
  });

  it('500 → retry', async () => {
    receiver.respondWith(500);
    expect(await adapter.send(message())).toMatchObject({
      kind: 'retry',
      error: expect.stringContaining('500'),
    });
  });

  it('400 → failed with the status and the start of the body', async () => {
    receiver.respondWith(400);
    const outcome = await adapter.send(message());
    expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining('400') });
    expect(outcome).toMatchObject({ error: expect.stringContaining('"status":400') });
  });

  it('429 with Retry-After seconds or an HTTP-date → retry after that long', async () => {
    receiver.respondWith(429, 1, { 'retry-after': '120' });
    expect(await adapter.send(message())).toMatchObject({ kind: 'retry', retryAfterMs: 120_000 });

    receiver.respondWith(503, 1, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() });
    const outcome = await adapter.send(message());
    expect(outcome.kind).toBe('retry');
    const after = outcome.kind === 'retry' ? (outcome.retryAfterMs ?? 0) : 0;
    // HTTP-dates have whole seconds, so up to a second is lost.
    expect(after).toBeGreaterThan(58_000);
    expect(after).toBeLessThanOrEqual(60_000);
  });

  it('an endpoint that does not answer in time → retry', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const slow = createWebhookAdapter(destination(`http://127.0.0.1:${port}/`, { timeoutMs: 200 }));
      expect(await slow.send(message())).toMatchObject({
        kind: 'retry',
        error: expect.stringContaining('200 ms'),
      });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a refused connection → retry', async () => {
    const closed = await startWebhookReceiver({ secret: SECRET });
    const url = closed.url;
    await closed.close();
    const down = createWebhookAdapter(destination(url));
    expect(await down.send(message())).toMatchObject({ kind: 'retry' });
  });
});
