import { gzipSync } from 'node:zlib';
import { EVENTS_STATS, SOURCE_CREATE, SOURCE_DISABLE, SOURCE_ROTATE_KEY } from '@cdp/ingestion/contracts';
import { RawEventStore } from '@cdp/ingestion/data-access-db';
import { segmentSignature, signWebhook, type NormalizedEvent } from '@cdp/ingestion/domain';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import { captureLogs, createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { startService, type RunningService } from '@cdp/shared/util-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from './service.js';

// The embedded transport: the bus lives in this suite's own database, so nothing is shared.
let database: TestDatabase;
let running: RunningService;
let bus: Bus;
let db: DbClient;
let store: RawEventStore;
const logs = captureLogs();

beforeAll(async () => {
  database = await createTestDatabase('ingestion_api');
  running = await startService(
    service,
    { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn' },
    { logDestination: logs.stream },
  );
  bus = await createBus(busConfigFor('ingestion-test', { DATABASE_URL: database.url }));
  db = createDbClient({ url: database.url, max: 2 });
  store = new RawEventStore(db.pool);
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await db?.close();
  await running?.close();
  await database?.drop();
}, 60_000);

async function createSource(name: string, kind: 'http' | 'webhook' | 'import' = 'http') {
  return sendRequest(bus, SOURCE_CREATE, { name, kind });
}

function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

async function post(
  path: string,
  body: unknown,
  init: { writeKey?: string; headers?: Record<string, string>; raw?: string | Buffer } = {},
): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.writeKey ? { authorization: basic(init.writeKey) } : {}),
      ...init.headers,
    },
    body: init.raw ?? JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    headers: response.headers,
  };
}

async function stored(sourceId: string): Promise<NormalizedEvent[]> {
  return (await store.read(sourceId)).map((row) => row.event);
}

async function storedCount(sourceId: string, expected: number): Promise<NormalizedEvent[]> {
  let rows: NormalizedEvent[] = [];
  await waitFor(
    async () => {
      rows = await stored(sourceId);
      return rows.length >= expected;
    },
    15_000,
    `${expected} events stored for ${sourceId}`,
  );
  return rows;
}

const now = () => new Date().toISOString();

describe('Segment tracking API', () => {
  it('takes every call type with Basic auth and stores each event with its fields and a skew-corrected timestamp', async () => {
    const source = await createSource('api-calls');
    const k = source.writeKey;
    const sentAt = new Date(Date.now() + 60_000).toISOString(); // the client clock is a minute fast
    const original = new Date(Date.now() + 60_000 - 5_000).toISOString();
    const calls: Array<[string, Record<string, unknown>]> = [
      ['identify', { messageId: 'c-identify', userId: 'u1', traits: { email: 'a@b.co', plan: 'pro' } }],
      [
        'track',
        {
          messageId: 'c-track',
          anonymousId: 'anon-1',
          event: 'Article Viewed',
          properties: { seconds: 42, tags: ['x'] },
          context: { ip: '1.2.3.4', device: { id: 'dev-1' } },
          integrations: { All: false },
          originalTimestamp: original,
          sentAt,
        },
      ],
      ['page', { messageId: 'c-page', userId: 'u1', name: 'Home', properties: { path: '/' } }],
      ['screen', { messageId: 'c-screen', userId: 'u1', name: 'Settings' }],
      ['group', { messageId: 'c-group', userId: 'u1', groupId: 'g1', traits: { name: 'Acme' } }],
      ['alias', { messageId: 'c-alias', previousId: 'anon-1', userId: 'u1' }],
    ];
    for (const [kind, body] of calls) {
      const response = await post(`/v1/${kind}`, body, { writeKey: k });
      expect(response.status, `${kind}: ${JSON.stringify(response.json)}`).toBe(200);
      expect(response.json).toEqual({ success: true });
    }
    const rows = await storedCount(source.id, 6);
    expect(rows.map((r) => r.type).sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
    const track = rows.find((r) => r.messageId === 'c-track');
    expect(track).toMatchObject({
      event: 'Article Viewed',
      anonymousId: 'anon-1',
      properties: { seconds: 42, tags: ['x'] },
      context: { ip: '1.2.3.4', device: { id: 'dev-1' } },
      integrations: { All: false },
      originalTimestamp: original,
      sentAt,
    });
    // timestamp = receivedAt − (sentAt − originalTimestamp): 5 s before receipt, on our clock.
    expect(Date.parse(track?.timestamp ?? '')).toBe(Date.parse(track?.receivedAt ?? '') - 5_000);
    expect(rows.find((r) => r.messageId === 'c-page')).toMatchObject({ name: 'Home' });
    expect(rows.find((r) => r.messageId === 'c-identify')).toMatchObject({
      traits: { plan: 'pro' },
    });
  });

  it('takes a batch with the write key in the body, gzip-compressed, and generates missing messageIds', async () => {
    const source = await createSource('api-batch');
    const body = {
      writeKey: source.writeKey,
      batch: [
        { type: 'track', userId: 'u2', event: 'Search', properties: { query: 'shoes' }, timestamp: now() },
        { type: 'identify', userId: 'u2', traits: { age: 31 } },
      ],
    };
    const response = await post('/v1/batch', undefined, {
      raw: gzipSync(JSON.stringify(body)),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const rows = await storedCount(source.id, 2);
    expect(rows.every((r) => r.messageId.length > 0 && r.messageId.length <= 100)).toBe(true);
    expect(rows.map((r) => r.type).sort()).toEqual(['identify', 'track']);
  });

  it('stores a retried request once and counts the duplicates', async () => {
    const source = await createSource('api-retry');
    const batch = Array.from({ length: 100 }, (_, i) => ({
      type: 'track',
      messageId: `retry-${i}`,
      userId: `u${i % 7}`,
      event: 'Ad Clicked',
    }));
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await post('/v1/import', { batch }, { writeKey: source.writeKey })).status).toBe(200);
    }
    // The same messageIds in another batch, after the bus's dedup window would have let them through.
    expect(
      (await post('/v1/batch', { batch: batch.slice(0, 10) }, { writeKey: source.writeKey })).status,
    ).toBe(200);
    await storedCount(source.id, 100);
    await waitFor(
      async () => {
        const stats = await sendRequest(bus, EVENTS_STATS, {});
        const mine = stats.sources.find((s) => s.sourceId === source.id);
        return mine?.stored === 100 && mine.duplicates === 210;
      },
      15_000,
      'stats: 100 stored, 210 duplicates (2 retried requests, 10 repeated messageIds)',
    );
    expect(await stored(source.id)).toHaveLength(100);
    const stats = await sendRequest(bus, EVENTS_STATS, {});
    expect(stats.sources.find((s) => s.sourceId === source.id)).toMatchObject({
      name: 'api-retry',
      kind: 'http',
      byType: { track: 100 },
    });
    expect(stats.totals.stored).toBeGreaterThanOrEqual(100);
  });
});

describe('tracking API errors: a clear status and message, and nothing stored', () => {
  let writeKey: string;
  let sourceId: string;

  beforeAll(async () => {
    const source = await createSource('api-errors');
    writeKey = source.writeKey;
    sourceId = source.id;
  });

  it('401 without a write key, with an unknown one, a rotated one or a disabled source', async () => {
    const event = { userId: 'u', event: 'E' };
    const none = await post('/v1/track', event);
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/no write key/) });
    const unknown = await post('/v1/track', event, { writeKey: 'not-a-key' });
    expect(unknown.status).toBe(401);
    expect(unknown.json['message']).toBe('unknown write key');

    const other = await createSource('api-errors-rotated');
    const rotated = await sendRequest(bus, SOURCE_ROTATE_KEY, { source: 'api-errors-rotated' });
    expect((await post('/v1/track', event, { writeKey: other.writeKey })).status).toBe(401);
    expect((await post('/v1/track', event, { writeKey: rotated.writeKey })).status).toBe(200);
    await sendRequest(bus, SOURCE_DISABLE, { source: other.id });
    const disabled = await post('/v1/track', event, { writeKey: rotated.writeKey });
    expect(disabled.status).toBe(401);
    expect(disabled.json['message']).toMatch(/api-errors-rotated.*disabled/);
  });

  it('400 for a body that is not JSON', async () => {
    const response = await post('/v1/track', undefined, { writeKey, raw: '{"userId": "u",' });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ index: null, field: '$', message: expect.stringMatching(/not valid JSON/) }],
    });
  });

  it('400 naming the field and the event index when ids are missing; the whole batch is refused', async () => {
    const response = await post(
      '/v1/batch',
      {
        batch: [
          { type: 'track', messageId: 'ok-1', userId: 'u', event: 'Fine' },
          { type: 'track', messageId: 'bad-1', event: 'No one' },
          { type: 'alias', messageId: 'bad-2', userId: 'u' },
        ],
      },
      { writeKey },
    );
    expect(response.status).toBe(400);
    const errors = response.json['errors'] as Array<{ index: number; field: string }>;
    expect(errors.map((e) => [e.index, e.field])).toEqual([
      [1, 'batch[1].userId'],
      [2, 'batch[2].previousId'],
    ]);
    expect(response.json['message']).toMatch(/batch\[1\]\.userId \(event 1\)/);
  });

  it('400 for an event over 32 KB, a batch over 500 KB and a batch over 2,500 events', async () => {
    const big = await post(
      '/v1/track',
      { userId: 'u', event: 'Big', properties: { blob: 'x'.repeat(33_000) } },
      { writeKey },
    );
    expect(big.status).toBe(400);
    expect(big.json['errors']).toEqual([
      expect.objectContaining({ index: 0, message: expect.stringMatching(/32768/) }),
    ]);

    const heavy = Array.from({ length: 20 }, (_, i) => ({
      type: 'track',
      userId: 'u',
      event: 'Heavy',
      properties: { blob: 'y'.repeat(30_000), i },
    }));
    const overBytes = await post('/v1/batch', { batch: heavy }, { writeKey });
    expect(overBytes.status).toBe(400);
    expect(overBytes.json['message']).toMatch(/512000/);

    const many = Array.from({ length: 2_501 }, () => ({ type: 'track', userId: 'u', event: 'E' }));
    const overCount = await post('/v1/batch', { batch: many }, { writeKey });
    expect(overCount.status).toBe(400);
    expect(overCount.json['errors']).toEqual([
      expect.objectContaining({ field: 'batch', message: expect.stringMatching(/2501/) }),
    ]);
  });

  it('400 for a body that claims gzip but is not, 415 for an encoding we cannot read', async () => {
    const corrupt = await post('/v1/track', undefined, {
      writeKey,
      raw: '{"userId":"u","event":"E"}',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(corrupt.status, JSON.stringify(corrupt.json)).toBe(400);
    expect(corrupt.json['message']).toMatch(/not valid gzip/);
    const brotli = await post('/v1/track', undefined, {
      writeKey,
      raw: 'x',
      headers: { 'content-encoding': 'br' },
    });
    expect(brotli.status).toBe(415);
    expect(brotli.json['message']).toMatch(/Content-Encoding "br"/);
  });

  it('404 for a call Segment does not have', async () => {
    const response = await post('/v1/purchase', { userId: 'u' }, { writeKey });
    expect(response.status).toBe(404);
    expect(response.json['message']).toMatch(/identify, track, page/);
  });

  it('stored nothing from any refused request', async () => {
    // A good request after the bad ones: once it is stored, everything before it would be too.
    expect(
      (await post('/v1/track', { userId: 'u', event: 'Marker', messageId: 'marker' }, { writeKey })).status,
    ).toBe(200);
    const rows = await storedCount(sourceId, 1);
    expect(rows.map((r) => r.messageId)).toEqual(['marker']);
  });
});

describe('CDP webhooks', () => {
  it('Segment: verifies X-Signature (HMAC-SHA1 of the body) and keeps the upstream timestamp', async () => {
    const source = await createSource('hook-segment', 'webhook');
    const secret = source.signingSecret ?? '';
    const event = {
      type: 'track',
      event: 'Order Completed',
      userId: 'u9',
      messageId: 'seg-1',
      properties: { revenue: 19.99 },
      timestamp: '2026-11-01T10:00:00.000Z',
      sentAt: '2026-11-01T10:00:01.000Z',
      receivedAt: '2026-11-01T10:00:02.000Z',
    };
    const raw = JSON.stringify(event);
    const good = await post('/v1/webhooks/segment', undefined, {
      writeKey: source.writeKey,
      raw,
      headers: { 'x-signature': segmentSignature(secret, raw) },
    });
    expect(good.status, JSON.stringify(good.json)).toBe(200);
    const bad = await post('/v1/webhooks/segment', undefined, {
      writeKey: source.writeKey,
      raw: raw.replace('19.99', '0.01'),
      headers: { 'x-signature': segmentSignature(secret, raw) },
    });
    expect(bad.status).toBe(401);
    expect(bad.json['code']).toBe('UNAUTHORIZED');
    const unsigned = await post('/v1/webhooks/segment', undefined, { writeKey: source.writeKey, raw });
    expect(unsigned.status).toBe(401);
    const rows = await storedCount(source.id, 1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ timestamp: '2026-11-01T10:00:00.000Z', properties: { revenue: 19.99 } });
  });

  it('RudderStack: takes its event format with the write key as ?writeKey=', async () => {
    const source = await createSource('hook-rudder', 'webhook');
    const event = {
      type: 'identify',
      userId: 'r1',
      anonymousId: 'ra1',
      rudderId: 'b7d0c3f2-1',
      messageId: 'rs-1',
      channel: 'server',
      context: {
        traits: { email: 'r1@example.com' },
        library: { name: 'rudder-sdk-node', version: '3.0.13' },
      },
      originalTimestamp: '2026-11-01T09:00:00.000Z',
      sentAt: '2026-11-01T09:00:00.500Z',
      receivedAt: '2026-11-01T09:00:01.000Z',
      timestamp: '2026-11-01T09:00:00.500Z',
      request_ip: '10.0.0.1',
    };
    const response = await post(`/v1/webhooks/rudderstack?writeKey=${source.writeKey}`, event);
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const rows = await storedCount(source.id, 1);
    expect(rows[0]).toMatchObject({ type: 'identify', userId: 'r1', anonymousId: 'ra1' });
    expect(rows[0]).toMatchObject({
      channel: 'server',
      context: { upstream: { source: 'rudderstack' } },
    });
  });

  it('generic: HMAC-SHA256 over timestamp.body within 300 s; a replay is refused', async () => {
    const source = await createSource('hook-generic', 'webhook');
    const secret = source.signingSecret ?? '';
    const raw = JSON.stringify([
      { type: 'track', userId: 'g1', event: 'Push Opened', messageId: 'gen-1' },
      { type: 'track', userId: 'g1', event: 'Push Clicked', messageId: 'gen-2' },
    ]);
    const ts = Math.floor(Date.now() / 1000);
    const headers = { 'x-cdp-timestamp': String(ts), 'x-cdp-signature': signWebhook(secret, ts, raw) };
    const first = await post(`/v1/webhooks/${source.id}`, undefined, { raw, headers });
    expect(first.status, JSON.stringify(first.json)).toBe(200);
    const replay = await post(`/v1/webhooks/${source.id}`, undefined, { raw, headers });
    expect(replay.status).toBe(409);
    expect(replay.json['message']).toMatch(/already received/);

    const tampered = await post(`/v1/webhooks/${source.id}`, undefined, {
      raw: raw.replace('Clicked', 'Ignored'),
      headers: { ...headers, 'x-cdp-timestamp': String(ts + 1) },
    });
    expect(tampered.status).toBe(401);
    const old = ts - 301;
    const stale = await post(`/v1/webhooks/${source.id}`, undefined, {
      raw,
      headers: { 'x-cdp-timestamp': String(old), 'x-cdp-signature': signWebhook(secret, old, raw) },
    });
    expect(stale.status).toBe(401);
    expect(stale.json['message']).toMatch(/tolerance/);
    expect((await storedCount(source.id, 2)).map((r) => r.event)).toEqual(['Push Opened', 'Push Clicked']);
  });
});
