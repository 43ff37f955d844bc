import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SmsDestination } from '@cdp/activation/contracts';
import { verifyTwilioSignature } from '@cdp/activation/domain';
import { startTwilioServer, type TwilioServer } from '@cdp/activation/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundMessage, type OutboundMessageOverrides } from './__tests__/outbound-message.js';
import type { DestinationAdapter, OutboundMessage } from './destination.js';
import { createSmsAdapter } from './sms.adapter.js';

const ACCOUNT_SID = `AC${'0'.repeat(32)}`;
const AUTH_TOKEN = 'twilio-test-token';

interface Callback {
  url: string;
  params: Record<string, string>;
  signature: string | undefined;
}

/** Stands in for the activation service's status-callback endpoint: records what Twilio posts. */
async function startCallbackEndpoint(): Promise<{ url: string; callbacks: Callback[]; server: Server }> {
  const callbacks: Callback[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      callbacks.push({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${req.url ?? '/'}`,
        params: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
        signature: req.headers['x-twilio-signature'] as string | undefined,
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, callbacks, server };
}

function smsMessage(statusCallback: string, overrides: OutboundMessageOverrides = {}): OutboundMessage {
  return outboundMessage(
    {
      key: 'c'.repeat(64),
      deliveryId: 'del-sms-1',
      campaign: { id: 'camp-2', name: 'Reminder' },
      audience: { id: 'aud-2', name: 'Cart abandoners', key: 'cart_abandoners' },
      recipient: {
        profileId: 'prof-2',
        userId: null,
        traits: { phone: '+15555550100', first_name: 'Bo & <Co>' },
      },
      template: { body: 'Hi {{traits.first_name}}, your cart is waiting.' },
      links: {
        unsubscribe: 'https://act.example/u/t',
        openPixel: 'https://act.example/o/t.gif',
        click: 'https://act.example/c/t',
        statusCallback,
      },
    },
    overrides,
  );
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SMS adapter over Twilio', () => {
  let twilio: TwilioServer;
  let endpoint: Awaited<ReturnType<typeof startCallbackEndpoint>>;
  let adapter: DestinationAdapter;
  let config: SmsDestination;

  beforeAll(async () => {
    twilio = await startTwilioServer({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    endpoint = await startCallbackEndpoint();
    config = {
      kind: 'sms',
      baseUrl: twilio.url,
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: '+15555550999',
    };
    adapter = createSmsAdapter(config);
  });

  afterAll(async () => {
    await adapter.close();
    await twilio.close();
    await new Promise<void>((resolve) => endpoint.server.close(() => resolve()));
  });

  it("sends the rendered, unescaped body and returns Twilio's message sid", async () => {
    const callbackUrl = `${endpoint.url}/status/twilio?delivery=del-sms-1`;
    const outcome = await adapter.send(smsMessage(callbackUrl));

    expect(outcome).toMatchObject({ kind: 'sent' });
    const sid = outcome.kind === 'sent' ? outcome.providerId : undefined;
    expect(sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.messages.at(-1)).toMatchObject({
      sid,
      to: '+15555550100',
      from: '+15555550999',
      body: 'Hi Bo & <Co>, your cart is waiting.',
      status_callback: callbackUrl,
    });
  });

  it('gets signed status callbacks that verify, and a tampered one does not', async () => {
    const callbackUrl = `${endpoint.url}/status/twilio?delivery=del-sms-2`;
    const outcome = await adapter.send(smsMessage(callbackUrl, { deliveryId: 'del-sms-2' }));
    const sid = outcome.kind === 'sent' ? outcome.providerId : undefined;

    await until(() => endpoint.callbacks.filter((c) => c.params['MessageSid'] === sid).length === 2);
    const received = endpoint.callbacks.filter((c) => c.params['MessageSid'] === sid);
    expect(received.map((c) => c.params['MessageStatus'])).toEqual(['sent', 'delivered']);
    for (const callback of received) {
      expect(callback.url).toBe(callbackUrl);
      expect(callback.params).toMatchObject({
        AccountSid: ACCOUNT_SID,
        To: '+15555550100',
        From: '+15555550999',
      });
      expect(verifyTwilioSignature(AUTH_TOKEN, callback.url, callback.params, callback.signature)).toBe(true);
    }
    const [first] = received;
    if (first === undefined) throw new Error('no callback');
    // A forged "delivered", another URL or another token: none verify.
    expect(
      verifyTwilioSignature(
        AUTH_TOKEN,
        first.url,
        { ...first.params, MessageStatus: 'delivered' },
        first.signature,
      ),
    ).toBe(false);
    expect(verifyTwilioSignature(AUTH_TOKEN, `${first.url}x`, first.params, first.signature)).toBe(false);
    expect(verifyTwilioSignature('other-token', first.url, first.params, first.signature)).toBe(false);
  });

  it('sends through a Messaging Service when the sender is an MG sid', async () => {
    const service = createSmsAdapter({ ...config, from: `MG${'1'.repeat(32)}` });
    expect(await service.send(smsMessage(`${endpoint.url}/status/twilio`))).toMatchObject({ kind: 'sent' });
    expect(twilio.messages.at(-1)).toMatchObject({
      from: null,
      messaging_service_sid: `MG${'1'.repeat(32)}`,
    });
    await service.close();
  });

  it('asks for a retry on 429, honouring Retry-After, and on a 500', async () => {
    twilio.failNext(1, 429, 7);
    const limited = await adapter.send(smsMessage(`${endpoint.url}/status/twilio`));
    expect(limited).toMatchObject({ kind: 'retry', retryAfterMs: 7_000 });

    twilio.failNext(1, 500);
    expect(await adapter.send(smsMessage(`${endpoint.url}/status/twilio`))).toMatchObject({ kind: 'retry' });
  });

  it("fails an invalid number without retry, naming Twilio's error 21211", async () => {
    const count = twilio.messages.length;
    const outcome = await adapter.send(
      smsMessage(`${endpoint.url}/status/twilio`, {
        recipient: { traits: { phone: '555-0100' } },
      }),
    );
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(outcome.kind === 'failed' && outcome.error).toMatch(/21211.*not a valid phone number/);
    expect(twilio.messages).toHaveLength(count);
  });

  it('fails on wrong credentials (401) without retry', async () => {
    const wrong = createSmsAdapter({ ...config, authToken: 'wrong' });
    const outcome = await wrong.send(smsMessage(`${endpoint.url}/status/twilio`));
    expect(outcome).toMatchObject({ kind: 'failed' });
    expect(outcome.kind === 'failed' && outcome.error).toContain('20003');
    await wrong.close();
  });

  it('skips a profile without a phone trait', async () => {
    const outcome = await adapter.send(
      smsMessage(`${endpoint.url}/status/twilio`, {
        recipient: { traits: { email: 'a@example.test' } },
      }),
    );
    expect(outcome).toEqual({ kind: 'skipped', reason: 'no phone trait' });
  });

  it('asks for a retry when Twilio cannot be reached', async () => {
    const down = createSmsAdapter({ ...config, baseUrl: 'http://127.0.0.1:1' });
    expect(await down.send(smsMessage(`${endpoint.url}/status/twilio`))).toMatchObject({ kind: 'retry' });
  });
});
