import { randomUUID } from 'node:crypto';
import { PROFILE_DELETED, type ProfileDeleted } from '@cdp/identity/contracts';
import { EVENTS_STATS, RAW_EVENTS_RECEIVED, SOURCE_CREATE } from '@cdp/ingestion/contracts';
import { SuppressedIdentifiersRepository } from '@cdp/ingestion/data-access-db';
import { suppressionEntries } from '@cdp/ingestion/domain';
import { captureLogs, createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import { busConfigFor, createBus, publishEvent, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { startService, type RunningService } from '@cdp/shared/util-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from './service.js';

// Ingestion obeying identity's profile.deleted: the embedded transport in this suite's own database.
let database: TestDatabase;
let running: RunningService;
let bus: Bus;
let db: DbClient;
const logs = captureLogs();

beforeAll(async () => {
  database = await createTestDatabase('ingestion_privacy');
  running = await startService(
    service,
    { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'info' },
    { logDestination: logs.stream },
  );
  bus = await createBus(busConfigFor('test', { DATABASE_URL: database.url }));
  db = createDbClient({ url: database.url, max: 2 });
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await db?.close();
  await running?.close();
  await database?.drop();
}, 60_000);

function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
}

async function post(path: string, body: unknown, writeKey?: string): Promise<number> {
  const response = await fetch(`${running.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(writeKey ? { authorization: basic(writeKey) } : {}),
    },
    body: JSON.stringify(body),
  });
  await response.text();
  return response.status;
}

async function storedIds(sourceId: string): Promise<string[]> {
  const result = await db.pool.query<{ message_id: string }>(
    'SELECT message_id FROM ingestion.raw_events WHERE source_id = $1 ORDER BY message_id',
    [sourceId],
  );
  return result.rows.map((row) => row.message_id);
}

async function sourceStats(sourceId: string) {
  const stats = await sendRequest(bus, EVENTS_STATS, {});
  const mine = stats.sources.find((s) => s.sourceId === sourceId);
  if (!mine) throw new Error(`no stats for ${sourceId}`);
  return mine;
}

/** Every row of every table of the ingestion schema (partitions included), as JSON text. */
async function everyIngestionRow(): Promise<Array<{ table: string; row: string }>> {
  const tables = await db.pool.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'ingestion' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  expect(tables.rows.map((t) => t.name)).toEqual(
    expect.arrayContaining(['raw_events', 'message_ids', 'event_counts', 'suppressed_identifiers']),
  );
  const rows: Array<{ table: string; row: string }> = [];
  for (const { name } of tables.rows) {
    const result = await db.pool.query<{ row: string }>(
      `SELECT row_to_json(t)::text AS row FROM ingestion."${name}" t`,
    );
    for (const { row } of result.rows) rows.push({ table: name, row });
  }
  return rows;
}

const ANN = { userId: 'ann-1', anonymousId: 'anon-ann', email: 'ann@example.com' };

describe('profile.deleted: ingestion forgets a person and drops their later events', () => {
  let sourceId: string;
  let writeKey: string;
  let deleted: ProfileDeleted;
  const annIds = ['ann-track', 'ann-anon-page', 'ann-email-identify', 'ann-ctx-email'];
  const bobIds = ['bob-identify', 'bob-track'];

  beforeAll(async () => {
    const source = await sendRequest(bus, SOURCE_CREATE, { name: 'privacy-web', kind: 'webhook' });
    sourceId = source.id;
    writeKey = source.writeKey;
    const batch = [
      { type: 'track', messageId: 'ann-track', userId: ANN.userId, event: 'Article Viewed' },
      { type: 'page', messageId: 'ann-anon-page', anonymousId: ANN.anonymousId, name: 'Home' },
      // Only her email links these two to her (in varying case, with spaces).
      {
        type: 'identify',
        messageId: 'ann-email-identify',
        anonymousId: 'anon-laptop',
        traits: { email: ' Ann@Example.COM' },
      },
      {
        type: 'track',
        messageId: 'ann-ctx-email',
        anonymousId: 'anon-phone',
        event: 'Ad Clicked',
        context: { traits: { email: 'ANN@example.com' } },
      },
      { type: 'track', messageId: 'bob-track', userId: 'bob-1', event: 'Article Viewed' },
      { type: 'identify', messageId: 'bob-identify', userId: 'bob-1', traits: { email: 'bob@example.com' } },
    ];
    expect(await post('/v1/batch', { batch }, writeKey)).toBe(200);
    await waitFor(async () => (await storedIds(sourceId)).length === 6, 15_000, '6 events stored');

    deleted = {
      profileId: randomUUID(),
      mergedProfileIds: [randomUUID()],
      identifiers: [
        { type: 'user_id', value: ANN.userId },
        { type: 'anonymous_id', value: ANN.anonymousId },
        // Not her other devices' anonymous ids: those events must be found by the email alone.
        { type: 'email', value: ANN.email },
      ],
      auditId: randomUUID(),
      deletedAt: new Date().toISOString(),
    };
    await publishEvent(bus, PROFILE_DELETED, deleted);
    await waitFor(
      async () => (await storedIds(sourceId)).length === 2,
      15_000,
      "Ann's events deleted from the raw store",
    );
  });

  it('leaves no row of hers in any ingestion table, only hashed suppressions', async () => {
    expect(await storedIds(sourceId)).toEqual(bobIds);
    const rows = await everyIngestionRow();
    const personal = [ANN.userId, ANN.anonymousId, 'anon-laptop', 'anon-phone', ...annIds];
    for (const { table, row } of rows) {
      for (const value of personal) expect(row, `${table} holds ${value}`).not.toContain(value);
      expect(row.toLowerCase(), `${table} holds her email`).not.toContain(ANN.email);
    }
    const suppressed = rows.filter((r) => r.table === 'suppressed_identifiers').map((r) => JSON.parse(r.row));
    expect(suppressed).toHaveLength(3);
    expect(suppressed.map((s: { key_hash: string }) => s.key_hash).sort()).toEqual(
      suppressionEntries(deleted.identifiers)
        .map((e) => e.keyHash)
        .sort(),
    );
    expect(suppressed[0]).toMatchObject({ profile_id: deleted.profileId, audit_id: deleted.auditId });
  });

  it("leaves other people's events and keeps the counters honest", async () => {
    const stats = await sourceStats(sourceId);
    expect(stats).toMatchObject({ stored: 2, byType: { track: 1, identify: 1 } });
  });

  it('logs the audit id and counts, no personal data', () => {
    const erased = logs.lines().filter((line) => line['msg'] === 'erased profile from ingestion');
    expect(erased[0]).toMatchObject({
      auditId: deleted.auditId,
      identifiers: 3,
      newlySuppressed: 3,
      rawEventsDeleted: 4,
      ledgerRowsDeleted: 4,
    });
    const text = JSON.stringify(logs.lines()).toLowerCase();
    for (const value of [ANN.userId, ANN.anonymousId, ANN.email]) expect(text).not.toContain(value);
  });

  it('answers 200 to her later events, stores none of them and counts them as suppressed', async () => {
    const before = await sourceStats(sourceId);
    expect(await post('/v1/track', { userId: ANN.userId, event: 'Came Back' }, writeKey)).toBe(200);
    expect(
      await post(
        '/v1/identify',
        { anonymousId: 'new-device', traits: { email: '  ANN@EXAMPLE.com ' } },
        writeKey,
      ),
    ).toBe(200);
    // A batch with someone else in it: hers dropped, his kept.
    const mixed = [
      { type: 'track', messageId: 'ann-again', anonymousId: ANN.anonymousId, event: 'Search' },
      { type: 'track', messageId: 'bob-again', userId: 'bob-1', event: 'Search' },
    ];
    expect(await post('/v1/batch', { batch: mixed }, writeKey)).toBe(200);
    // The webhook doors go through the same intake.
    expect(
      await post(`/v1/webhooks/rudderstack?writeKey=${writeKey}`, {
        type: 'track',
        userId: ANN.userId,
        event: 'Forwarded',
        messageId: 'ann-forwarded',
      }),
    ).toBe(200);
    await waitFor(async () => (await storedIds(sourceId)).includes('bob-again'), 15_000, 'bob-again stored');
    expect(await storedIds(sourceId)).toEqual([...bobIds, 'bob-again'].sort());
    const after = await sourceStats(sourceId);
    expect(after.suppressed - before.suppressed).toBe(4);
    expect(after.stored).toBe(3);
    const stats = await sendRequest(bus, EVENTS_STATS, {});
    expect(stats.totals.suppressed).toBeGreaterThanOrEqual(4);
  });

  it('drops her events published straight to the bus (an import) in the raw store', async () => {
    const before = await sourceStats(sourceId);
    const receivedAt = new Date().toISOString();
    const event = (messageId: string, userId: string) => ({
      messageId,
      type: 'track' as const,
      userId,
      event: 'Imported',
      context: {},
      integrations: {},
      timestamp: receivedAt,
      receivedAt,
    });
    await publishEvent(bus, RAW_EVENTS_RECEIVED, {
      sourceId,
      requestId: 'import-1',
      receivedAt,
      events: [event('ann-imported', ANN.userId), event('bob-imported', 'bob-1')],
    });
    await waitFor(async () => (await storedIds(sourceId)).includes('bob-imported'), 15_000, 'import stored');
    expect(await storedIds(sourceId)).not.toContain('ann-imported');
    expect((await sourceStats(sourceId)).suppressed - before.suppressed).toBe(1);
  });

  it('is harmless when the same profile.deleted comes again', async () => {
    const before = await storedIds(sourceId);
    const statsBefore = await sourceStats(sourceId);
    await publishEvent(bus, PROFILE_DELETED, deleted);
    await waitFor(
      () => logs.lines().filter((line) => line['msg'] === 'erased profile from ingestion').length === 2,
      15_000,
      'the redelivered profile.deleted handled',
    );
    const second = logs.lines().filter((line) => line['msg'] === 'erased profile from ingestion')[1];
    expect(second).toMatchObject({ newlySuppressed: 0, rawEventsDeleted: 0, ledgerRowsDeleted: 0 });
    expect(await storedIds(sourceId)).toEqual(before);
    expect(await sourceStats(sourceId)).toMatchObject({
      stored: statsBefore.stored,
      suppressed: statsBefore.suppressed,
    });
    const count = await db.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM ingestion.suppressed_identifiers',
    );
    expect(count.rows[0]?.n).toBe('3');
  });

  it("applies another replica's suppression in the raw store at once", async () => {
    // Written as another replica would: this one's intake has not refreshed yet, so the event
    // reaches the bus; the raw store reads the table inside its batch and drops it.
    await new SuppressedIdentifiersRepository(db.pool).suppress(
      suppressionEntries([{ type: 'device_id', value: 'carl-phone' }]),
      { profileId: randomUUID(), auditId: randomUUID() },
    );
    const before = await sourceStats(sourceId);
    const events = [
      {
        type: 'track',
        messageId: 'carl-1',
        anonymousId: 'carl-anon',
        event: 'E',
        context: { device: { id: 'CARL-PHONE' } },
      },
      { type: 'track', messageId: 'bob-marker', userId: 'bob-1', event: 'E' },
    ];
    expect(await post('/v1/batch', { batch: events }, writeKey)).toBe(200);
    await waitFor(async () => (await storedIds(sourceId)).includes('bob-marker'), 15_000, 'marker stored');
    expect(await storedIds(sourceId)).not.toContain('carl-1');
    expect((await sourceStats(sourceId)).suppressed - before.suppressed).toBe(1);
  });
});
