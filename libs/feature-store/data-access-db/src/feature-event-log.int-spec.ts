import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureEventLog, toFeatureEvent, type EventRow } from './feature-event-log.repository.js';
import { FeatureStoreDb } from './feature-store-db.js';
import { featureStoreMigrations } from './migrations.js';

const database = useTestDatabase('feature_store_events');
let client: DbClient;
let log: FeatureEventLog;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, featureStoreMigrations);
  log = new FeatureEventLog(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const ANN = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';
const CAT = '00000000-0000-4000-8000-0000000000c3';

function row(messageId: string, profileId: string, ts: string, extra: Partial<EventRow> = {}): EventRow {
  return { sourceId: 'web', messageId, profileId, ts, type: 'track', event: 'Clicked', ...extra };
}

describe('FeatureEventLog', () => {
  it('returns only the events it had not stored: a redelivered event is not new again', async () => {
    const a = row('a', ANN, '2024-05-01T10:00:00.000Z', {
      userId: 'u1',
      anonymousId: 'x1',
      properties: { seconds: 12.5, tags: ['x'] },
      context: { device: { type: 'ios' } },
      receivedAt: '2024-05-01T10:00:01.000Z',
    });
    const b = row('b', ANN, '2024-05-01T09:00:00.000Z');
    const first = await log.append([a, b, { ...a, properties: { seconds: 1 } }]);
    expect(first).toEqual([
      { ...a, receivedAt: '2024-05-01T10:00:01.000Z' },
      { ...b, receivedAt: expect.any(String) },
    ]);

    // Redelivered with another: only the other is new. The same messageId from another source is
    // another event.
    const c = row('c', ANN, '2024-05-01T11:00:00.000Z');
    const otherSource = { ...b, sourceId: 'app' };
    const again = await log.append([b, c, a, otherSource]);
    expect(again.map((r) => [r.sourceId, r.messageId])).toEqual([
      ['web', 'c'],
      ['app', 'b'],
    ]);
    expect(await log.append([a, b])).toEqual([]);

    // The history, in time order, as it was first stored (the repeat's properties were not taken).
    const history = await log.forProfile(ANN);
    expect(history.map((r) => [r.sourceId, r.messageId])).toEqual([
      ['app', 'b'],
      ['web', 'b'],
      ['web', 'a'],
      ['web', 'c'],
    ]);
    expect(history[2]).toEqual({ ...a, receivedAt: '2024-05-01T10:00:01.000Z' });
    expect(toFeatureEvent(history[2] as EventRow)).toEqual({
      messageId: 'a',
      type: 'track',
      event: 'Clicked',
      userId: 'u1',
      anonymousId: 'x1',
      timestamp: '2024-05-01T10:00:00.000Z',
      properties: { seconds: 12.5, tags: ['x'] },
      context: { device: { type: 'ios' } },
    });
    // Up to and including `until`.
    expect((await log.forProfile(ANN, '2024-05-01T10:00:00.000Z')).map((r) => r.messageId)).toEqual([
      'b',
      'b',
      'a',
    ]);
  });

  it('moves a profile merged away, moves single events back on a split, and erases profiles', async () => {
    await log.append([
      row('m1', BOB, '2024-05-02T10:00:00.000Z'),
      row('m2', BOB, '2024-05-02T11:00:00.000Z'),
      row('m3', CAT, '2024-05-02T12:00:00.000Z'),
    ]);
    expect(await log.reassign(BOB, CAT)).toBe(2);
    expect(await log.forProfile(BOB)).toEqual([]);
    expect((await log.forProfile(CAT)).map((r) => r.messageId)).toEqual(['m1', 'm2', 'm3']);

    expect(await log.moveEvents([{ sourceId: 'web', messageId: 'm2' }], BOB)).toBe(1);
    expect((await log.forProfile(BOB)).map((r) => r.messageId)).toEqual(['m2']);

    expect(await log.deleteProfiles([BOB, CAT])).toBe(3);
    expect(await log.forProfile(CAT)).toEqual([]);
    // A redelivery after erasure is new again: the caller drops events of erased people upstream.
    expect(await log.append([row('m3', CAT, '2024-05-02T12:00:00.000Z')])).toHaveLength(1);
  });
});

describe('FeatureStoreDb.transaction', () => {
  it('rolls every table back when the work fails, and serialises writers of one profile', async () => {
    const db = new FeatureStoreDb(client.pool);
    await expect(
      db.transaction(async (tx) => {
        await tx.events.append([row('t1', ANN, '2024-05-03T10:00:00.000Z')]);
        await tx.daily.save([
          { profileId: ANN, day: '2024-05-03', measures: { m: { kind: 'count', n: 1 } } },
        ]);
        throw new Error('apply failed');
      }),
    ).rejects.toThrow('apply failed');
    expect((await db.events.forProfile(ANN)).map((r) => r.messageId)).not.toContain('t1');
    expect(await db.daily.load([ANN])).toEqual(new Map());

    // The second writer waits for the first's lock on the profile until the first commits.
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.transaction(async (tx) => {
      await tx.lockProfiles([ANN, BOB]);
      order.push('first locked');
      await held;
      order.push('first done');
    });
    await new Promise((r) => setTimeout(r, 100));
    const second = db.transaction(async (tx) => {
      await tx.lockProfiles([BOB]);
      order.push('second locked');
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(order).toEqual(['first locked']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'first done', 'second locked']);
  });

  it('stores an event of a profile merged away on the survivor, and says so', async () => {
    const db = new FeatureStoreDb(client.pool);
    const gone = '00000000-0000-4000-8000-0000000000d4';
    await db.transaction((tx) => tx.redirects.record(gone, BOB));
    const [stored] = await log.append([row('merged-1', gone, '2024-05-03T10:00:00.000Z')]);
    expect(stored?.profileId).toBe(BOB);
    expect((await log.forProfile(BOB)).map((r) => r.messageId)).toContain('merged-1');
    expect(await log.countFor([gone])).toBe(0);
  });
});
