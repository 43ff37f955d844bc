import { randomUUID } from 'node:crypto';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { carriesSuppressedIdentifier, erasureCriteria, suppressionEntries } from '@cdp/ingestion/domain';
import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestionMigrations } from './migrations.js';
import { RawEventStore } from './raw-event-store.js';
import { SourcesRepository } from './sources.repository.js';
import { SuppressedIdentifiersRepository } from './suppressed-identifiers.repository.js';

const database = useTestDatabase('ingestion_suppression');
let client: DbClient;
let store: RawEventStore;
let sources: SourcesRepository;
let suppressions: SuppressedIdentifiersRepository;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, ingestionMigrations);
  store = new RawEventStore(client.pool);
  sources = new SourcesRepository(client.db);
  suppressions = new SuppressedIdentifiersRepository(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const at = '2026-11-22T10:00:00.000Z';

function ev(messageId: string, fields: Partial<NormalizedEvent>): NormalizedEvent {
  return {
    messageId,
    type: 'track',
    event: 'Article Viewed',
    context: {},
    integrations: {},
    timestamp: at,
    receivedAt: at,
    ...fields,
  };
}

async function messageIds(sourceId: string, table: 'raw_events' | 'message_ids'): Promise<string[]> {
  const result = await client.pool.query<{ message_id: string }>(
    `SELECT message_id FROM ingestion.${table} WHERE source_id = $1 ORDER BY message_id`,
    [sourceId],
  );
  return result.rows.map((row) => row.message_id);
}

describe('SuppressedIdentifiersRepository', () => {
  it('stores each key once and hands out what is new by seq', async () => {
    const before = await suppressions.latestSeq();
    const entries = suppressionEntries([
      { type: 'email', value: 'repo@example.com' },
      { type: 'user_id', value: 'repo-user' },
    ]);
    const by = { profileId: randomUUID(), auditId: randomUUID() };
    expect(await suppressions.suppress(entries, by)).toBe(2);
    expect(await suppressions.suppress(entries, by)).toBe(0);
    const changes = await suppressions.since(before);
    expect(changes.keyHashes.sort()).toEqual(entries.map((e) => e.keyHash).sort());
    expect(changes.seq).toBe(await suppressions.latestSeq());
    expect(await suppressions.since(changes.seq)).toEqual({ seq: changes.seq, keyHashes: [] });
    const rows = await client.pool.query('SELECT * FROM ingestion.suppressed_identifiers');
    expect(JSON.stringify(rows.rows)).not.toMatch(/repo@example\.com|repo-user/);
  });
});

describe('RawEventStore with suppressions', () => {
  it('drops screened events: not stored, not in the ledger, counted as suppressed', async () => {
    const { id: sourceId } = await sources.create('screened', 'http');
    const keys = new Set(suppressionEntries([{ type: 'user_id', value: 'gone' }]).map((e) => e.keyHash));
    const result = await store.append(
      [{ sourceId, requestId: 'r', events: [ev('a', { userId: 'gone' }), ev('b', { userId: 'here' })] }],
      { screen: async () => (event) => carriesSuppressedIdentifier(event, keys) },
    );
    expect(result).toEqual({ stored: 1, duplicates: 0, suppressed: 1 });
    expect(await messageIds(sourceId, 'raw_events')).toEqual(['b']);
    expect(await messageIds(sourceId, 'message_ids')).toEqual(['b']);
    expect((await store.stats()).find((s) => s.sourceId === sourceId)).toMatchObject({
      stored: 1,
      suppressed: 1,
    });
  });

  it("erases a person's events found by every identifier, with their ledger rows and counts, once", async () => {
    const { id: sourceId } = await sources.create('erase', 'http');
    const person = [
      ev('p-user', { userId: 'ann-1' }),
      ev('p-anon', { anonymousId: 'anon-ann' }),
      ev('p-email', { anonymousId: 'x1', type: 'identify', traits: { email: ' ANN@example.com' } }),
      ev('p-ctx-email', { anonymousId: 'x2', context: { traits: { email: 'Ann@Example.com' } } }),
      ev('p-phone', { anonymousId: 'x3', context: { traits: { phone: '+1 (415) 555-0123' } } }),
      ev('p-device', { anonymousId: 'x4', context: { device: { id: 'DEV-ANN' } } }),
      ev('p-adid', { anonymousId: 'x5', context: { device: { advertisingId: 'AD-ANN' } } }),
      ev('p-external', { anonymousId: 'x6', context: { externalIds: [{ id: 'hs-ann', type: 'hubspot' }] } }),
      ev('p-alias', { type: 'alias', previousId: 'anon-ann', userId: 'ann-1' }),
    ];
    const others = [
      ev('o-user', { userId: 'bob' }),
      ev('o-email', { anonymousId: 'y1', traits: { email: 'bob@example.com' } }),
      // Contains Ann's national number but is another number: the pre-filter finds it, the key rules keep it.
      ev('o-phone', { anonymousId: 'y2', traits: { phone: '+44 4155550123' } }),
      ev('o-external', { anonymousId: 'y3', context: { externalIds: 'not a list' } }),
      ev('o-device-email', { anonymousId: 'y4', context: { device: 'DEV-ANN', traits: 'ann@example.com' } }),
    ];
    await store.append([{ sourceId, requestId: 'r', events: [...person, ...others] }]);

    const identifiers = [
      { type: 'user_id', value: 'ann-1' },
      { type: 'anonymous_id', value: 'anon-ann' },
      { type: 'email', value: 'ann@example.com' },
      { type: 'phone', value: '+14155550123' },
      { type: 'device_id', value: 'dev-ann' },
      { type: 'idfa', value: 'ad-ann' },
      { type: 'external:hubspot', value: 'hs-ann' },
    ];
    expect(await store.erase(erasureCriteria(identifiers))).toEqual({
      events: person.length,
      ledgerRows: person.length,
    });
    const left = others.map((e) => e.messageId).sort();
    expect(await messageIds(sourceId, 'raw_events')).toEqual(left);
    expect(await messageIds(sourceId, 'message_ids')).toEqual(left);
    expect((await store.stats()).find((s) => s.sourceId === sourceId)).toMatchObject({
      stored: others.length,
      byType: { track: others.length },
    });

    expect(await store.erase(erasureCriteria(identifiers))).toEqual({ events: 0, ledgerRows: 0 });
    expect((await store.stats()).find((s) => s.sourceId === sourceId)?.stored).toBe(others.length);
    expect(await store.erase(erasureCriteria([]))).toEqual({ events: 0, ledgerRows: 0 });
  });
});
