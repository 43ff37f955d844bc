import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestionMigrations } from './migrations.js';
import { RawEventStore } from './raw-event-store.js';
import { SourceNameTakenError, SourcesRepository } from './sources.repository.js';
import { WebhookReceiptsRepository } from './webhook-receipts.repository.js';

const database = useTestDatabase('ingestion_store');
let client: DbClient;
let store: RawEventStore;
let sources: SourcesRepository;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, ingestionMigrations);
  store = new RawEventStore(client.pool);
  sources = new SourcesRepository(client.db);
});

afterAll(async () => {
  await client?.close();
});

function track(messageId: string, receivedAt = '2026-11-22T10:00:00.000Z'): NormalizedEvent {
  return {
    messageId,
    type: 'track',
    event: 'Article Viewed',
    userId: 'u1',
    properties: { seconds: 42 },
    context: {},
    integrations: {},
    timestamp: receivedAt,
    receivedAt,
  };
}

describe('RawEventStore', () => {
  it('stores each (source, messageId) once, within a batch, across batches and across envelopes', async () => {
    const { id: sourceId } = await sources.create('store-dedup', 'http');
    const first = await store.append([
      { sourceId, requestId: 'r1', events: [track('a'), track('b'), track('a')] },
      { sourceId, requestId: 'r2', events: [track('c'), track('b')] },
    ]);
    expect(first).toEqual({ stored: 3, duplicates: 2, suppressed: 0 });
    const again = await store.append([{ sourceId, requestId: 'r3', events: [track('a'), track('d')] }]);
    expect(again).toEqual({ stored: 1, duplicates: 1, suppressed: 0 });

    const rows = await client.pool.query<{
      message_id: string;
      request_id: string;
      payload: NormalizedEvent;
    }>(
      'SELECT message_id, request_id, payload FROM ingestion.raw_events WHERE source_id = $1 ORDER BY message_id',
      [sourceId],
    );
    expect(rows.rows.map((r) => [r.message_id, r.request_id])).toEqual([
      ['a', 'r1'],
      ['b', 'r1'],
      ['c', 'r2'],
      ['d', 'r3'],
    ]);
    expect(rows.rows[0]?.payload).toMatchObject({ event: 'Article Viewed', properties: { seconds: 42 } });
  });

  it('keeps the same messageId from two sources apart', async () => {
    const one = await sources.create('store-one', 'http');
    const two = await sources.create('store-two', 'import');
    const result = await store.append([
      { sourceId: one.id, requestId: 'r', events: [track('same')] },
      { sourceId: two.id, requestId: 'r', events: [track('same')] },
    ]);
    expect(result).toEqual({ stored: 2, duplicates: 0, suppressed: 0 });
  });

  it('partitions by month of receipt, creating partitions as months arrive', async () => {
    const { id: sourceId } = await sources.create('store-months', 'http');
    await store.append([
      {
        sourceId,
        requestId: 'r',
        events: [track('jan', '2025-01-31T23:59:59.000Z'), track('feb', '2025-02-01T00:00:00.000Z')],
      },
    ]);
    const parts = await client.pool.query<{ partition: string; n: string }>(
      `SELECT tableoid::regclass::text AS partition, count(*) AS n FROM ingestion.raw_events
       WHERE source_id = $1 GROUP BY 1 ORDER BY 1`,
      [sourceId],
    );
    expect(parts.rows).toEqual([
      { partition: 'ingestion.raw_events_p202501', n: '1' },
      { partition: 'ingestion.raw_events_p202502', n: '1' },
    ]);
    const kind = await client.pool.query<{ relkind: string }>(
      "SELECT relkind FROM pg_class WHERE oid = 'ingestion.raw_events'::regclass",
    );
    expect(kind.rows[0]?.relkind).toBe('p');
  });

  it('counts stored and duplicate events per source and type, with the last receipt', async () => {
    const { id: sourceId } = await sources.create('store-stats', 'http');
    const identify: NormalizedEvent = { ...track('i1'), type: 'identify', event: undefined };
    delete identify.event;
    await store.append([{ sourceId, requestId: 'r', events: [track('s1'), track('s2'), identify] }]);
    await store.append([{ sourceId, requestId: 'r', events: [track('s1', '2026-11-22T11:00:00.000Z')] }]);
    const stats = (await store.stats()).find((s) => s.sourceId === sourceId);
    expect(stats).toEqual({
      sourceId,
      stored: 3,
      duplicates: 1,
      suppressed: 0,
      byType: { identify: 1, track: 2 },
      lastReceivedAt: new Date('2026-11-22T11:00:00.000Z'),
    });
  });

  it('writes nothing of a batch that fails: the retry stores it whole', async () => {
    const { id: sourceId } = await sources.create('store-atomic', 'http');
    const bad = { ...track('x2'), timestamp: 'not a time' };
    await expect(store.append([{ sourceId, requestId: 'r', events: [track('x1'), bad] }])).rejects.toThrow(
      /timestamp|time/i,
    );
    expect(await store.append([{ sourceId, requestId: 'r', events: [track('x1'), track('x2')] }])).toEqual({
      stored: 2,
      duplicates: 0,
      suppressed: 0,
    });
  });
});

describe('RawEventStore.timeline', () => {
  function event(
    messageId: string,
    timestamp: string,
    ids: { userId?: string; anonymousId?: string },
    extra: Partial<NormalizedEvent> = {},
  ): NormalizedEvent {
    return {
      messageId,
      type: 'track',
      event: 'Article Viewed',
      ...ids,
      properties: { seconds: 5 },
      context: {},
      integrations: {},
      timestamp,
      receivedAt: timestamp,
      ...extra,
    };
  }

  it("returns a person's events by user id and anonymous id, newest first, across sources and months", async () => {
    const web = await sources.create('timeline-web', 'http');
    const shop = await sources.create('timeline-shop', 'import');
    const identify: NormalizedEvent = {
      ...event('t3', '2026-11-02T08:00:00.000Z', { userId: 'tl-ann', anonymousId: 'tl-anon' }),
      type: 'identify',
      traits: { email: 'ann@example.com' },
    };
    delete identify.event;
    delete identify.properties;
    await store.append([
      {
        sourceId: web.id,
        requestId: 'r',
        events: [
          event('t1', '2026-10-01T10:00:00.000Z', { userId: 'tl-ann' }),
          event(
            't2',
            '2026-11-01T09:00:00.000Z',
            { anonymousId: 'tl-anon' },
            { type: 'page', event: undefined, name: 'Home', properties: { path: '/' } },
          ),
          identify,
          // Someone else, and an anonymous id that only looks like Ann's user id: not hers.
          event('t4', '2026-11-03T08:00:00.000Z', { userId: 'tl-bob' }),
          event('t5', '2026-11-03T09:00:00.000Z', { anonymousId: 'tl-ann' }),
        ],
      },
      {
        sourceId: shop.id,
        requestId: 'r',
        events: [
          event(
            't6',
            '2026-11-04T12:30:00.000Z',
            { userId: 'tl-ann' },
            { event: 'Order Completed', properties: { total: 10 } },
          ),
        ],
      },
    ]);

    const ann = { userIds: ['tl-ann'], anonymousIds: ['tl-anon'] };
    const all = await store.timeline({ ...ann, limit: 100 });
    expect(all).toEqual([
      {
        messageId: 't6',
        sourceId: shop.id,
        type: 'track',
        event: 'Order Completed',
        timestamp: new Date('2026-11-04T12:30:00.000Z'),
        properties: { total: 10 },
      },
      // Both ids on one event: listed once.
      {
        messageId: 't3',
        sourceId: web.id,
        type: 'identify',
        event: null,
        timestamp: new Date('2026-11-02T08:00:00.000Z'),
        properties: {},
      },
      {
        messageId: 't2',
        sourceId: web.id,
        type: 'page',
        event: 'Home',
        timestamp: new Date('2026-11-01T09:00:00.000Z'),
        properties: { path: '/' },
      },
      {
        messageId: 't1',
        sourceId: web.id,
        type: 'track',
        event: 'Article Viewed',
        timestamp: new Date('2026-10-01T10:00:00.000Z'),
        properties: { seconds: 5 },
      },
    ]);
    // Paging: the newest two, then strictly older than the last one shown.
    expect((await store.timeline({ ...ann, limit: 2 })).map((e) => e.messageId)).toEqual(['t6', 't3']);
    expect(
      (await store.timeline({ ...ann, limit: 2, before: new Date('2026-11-02T08:00:00.000Z') })).map(
        (e) => e.messageId,
      ),
    ).toEqual(['t2', 't1']);
    expect(
      (await store.timeline({ userIds: [], anonymousIds: ['tl-anon'], limit: 10 })).map((e) => e.messageId),
    ).toEqual(['t3', 't2']);
    expect(await store.timeline({ userIds: [], anonymousIds: [], limit: 10 })).toEqual([]);

    // Each month's partition, created as events arrive, carries both timeline indexes.
    const indexes = await client.pool.query<{ tablename: string; n: string }>(
      `SELECT tablename, count(*) AS n FROM pg_indexes
        WHERE schemaname = 'ingestion' AND tablename IN ('raw_events_p202610', 'raw_events_p202611')
          AND indexdef LIKE '%(%_id, "timestamp")%'
        GROUP BY tablename ORDER BY tablename`,
    );
    expect(indexes.rows).toEqual([
      { tablename: 'raw_events_p202610', n: '2' },
      { tablename: 'raw_events_p202611', n: '2' },
    ]);
  });
});

describe('SourcesRepository', () => {
  it('shows the write key once, keeps only its hash, and finds the source by it', async () => {
    const created = await sources.create('repo-keys', 'http');
    expect(created.writeKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(created.signingSecret).toBeNull();
    const stored = await client.pool.query<Record<string, unknown>>(
      'SELECT * FROM ingestion.sources WHERE id = $1',
      [created.id],
    );
    expect(JSON.stringify(stored.rows[0])).not.toContain(created.writeKey);
    expect((await sources.findByWriteKey(created.writeKey))?.id).toBe(created.id);
    expect(await sources.findByWriteKey('nope')).toBeUndefined();
  });

  it('refuses a second source with the same name', async () => {
    await sources.create('repo-twice', 'http');
    await expect(sources.create('repo-twice', 'http')).rejects.toBeInstanceOf(SourceNameTakenError);
  });

  it('rotates a key (the old one stops working) and disables a source', async () => {
    const created = await sources.create('repo-rotate', 'webhook');
    expect(created.signingSecret).toMatch(/^whsec_/);
    const rotated = await sources.rotateKey('repo-rotate');
    expect(rotated?.writeKey).not.toBe(created.writeKey);
    expect(await sources.findByWriteKey(created.writeKey)).toBeUndefined();
    expect((await sources.findByWriteKey(rotated?.writeKey ?? ''))?.enabled).toBe(true);
    const disabled = await sources.disable(created.id);
    expect(disabled).toMatchObject({ enabled: false, name: 'repo-rotate' });
    expect((await sources.findByWriteKey(rotated?.writeKey ?? ''))?.enabled).toBe(false);
    expect(await sources.disable('no-such-source')).toBeUndefined();
  });
});

describe('WebhookReceiptsRepository', () => {
  it('claims a delivery once and forgets old ones', async () => {
    const receipts = new WebhookReceiptsRepository(client.db);
    const { id } = await sources.create('repo-webhook', 'webhook');
    const at = new Date('2026-11-22T10:00:00Z');
    expect(await receipts.claim(id, 'k1', at)).toBe(true);
    expect(await receipts.claim(id, 'k1', at)).toBe(false);
    expect(await receipts.prune(new Date('2026-11-22T10:10:00Z'))).toBe(1);
    expect(await receipts.claim(id, 'k1', at)).toBe(true);
  });
});
