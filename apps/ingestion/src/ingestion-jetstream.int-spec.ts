import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STATS, SOURCE_CREATE } from '@cdp/ingestion/contracts';
import {
  canConnectToNats,
  captureLogs,
  createTestDatabase,
  deleteBusNamespace,
  type TestDatabase,
  waitFor,
} from '@cdp/shared/testing';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { startService, type RunningService } from '@cdp/shared/util-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from './service.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

// On JetStream, in a namespace of its own: the stream can be filled without touching anyone else's.
describe.skipIf(natsMissing)('tracking API on JetStream when the stream cannot take more', () => {
  const namespace = `ingest-${randomBytes(3).toString('hex')}`;
  const stream = `CDP_EVENTS_${namespace.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
  const logs = captureLogs();
  let database: TestDatabase;
  let running: RunningService;
  let bus: Bus;
  let nc: NatsConnection;

  beforeAll(async () => {
    database = await createTestDatabase('ingestion_jetstream');
    const env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
    running = await startService(
      service,
      { ...env, PORT: '0', LOG_LEVEL: 'warn' },
      { logDestination: logs.stream },
    );
    bus = await createBus(busConfigFor('ingestion-test', env));
    nc = await connect({ servers: natsUrl });
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await running?.close();
    await nc?.close();
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);

  async function limitStream(maxMsgs: number): Promise<void> {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.update(stream, { max_msgs: maxMsgs });
  }

  async function track(writeKey: string, messageId: string): Promise<Response> {
    return fetch(`${running.url}/v1/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
      },
      body: JSON.stringify({ batch: [{ type: 'track', userId: 'u', event: 'Clicked', messageId }] }),
    });
  }

  it('answers 503 with Retry-After, never 200, stores nothing, and takes the retry once there is room', async () => {
    const source = await sendRequest(bus, SOURCE_CREATE, { name: 'full-stream', kind: 'http' });
    expect((await track(source.writeKey, 'before')).status).toBe(200);
    const jsm = await jetstreamManager(nc);
    const held = (await jsm.streams.info(stream)).state.messages;
    await limitStream(held);

    const refused = await track(source.writeKey, 'while-full');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/maximum messages/),
    });

    await limitStream(-1);
    expect((await track(source.writeKey, 'while-full')).status).toBe(200);
    await waitFor(
      async () => {
        const stats = await sendRequest(bus, EVENTS_STATS, {});
        return stats.sources.find((s) => s.sourceId === source.id)?.stored === 2;
      },
      15_000,
      'both events stored',
    );
    const stats = await sendRequest(bus, EVENTS_STATS, {});
    expect(stats.sources.find((s) => s.sourceId === source.id)).toMatchObject({ stored: 2, duplicates: 0 });
  }, 60_000);
});
