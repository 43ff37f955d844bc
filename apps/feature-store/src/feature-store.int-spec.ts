import { randomUUID } from 'node:crypto';
import {
  FEATURES_BACKFILL_START,
  FEATURES_BACKFILL_STATUS,
  FEATURES_GET,
  FEATURES_UPDATED,
  type ProfileFeatures,
} from '@cdp/feature-store/contracts';
import { FeatureStoreDb } from '@cdp/feature-store/data-access-db';
import {
  FEATURE_CATALOG,
  daysFromEvents,
  featuresFromEvents,
  measuresOf,
  type DayMeasures,
  type FeatureEvent,
} from '@cdp/feature-store/domain';
import {
  EVENTS_RESOLVED,
  PROFILE_DELETED,
  PROFILE_MERGED,
  type ResolvedEvent,
} from '@cdp/identity/contracts';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { createTestDatabase, seededRandom, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import {
  busConfigFor,
  consumeEvents,
  createBus,
  publishEvent,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { startService, type RunningService } from '@cdp/shared/util-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from './service.js';

let database: TestDatabase;
let running: RunningService;
let bus: Bus;
let client: DbClient;
let store: FeatureStoreDb;
const updates: ProfileFeatures[] = [];

beforeAll(async () => {
  database = await createTestDatabase('feature_store');
  running = await startService(service, {
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    FEATURES_DEBOUNCE_MS: '200',
  });
  bus = await createBus(busConfigFor('feature-store-test', { DATABASE_URL: database.url }));
  client = createDbClient({ url: database.url, max: 2 });
  store = new FeatureStoreDb(client.pool);
  await consumeEvents(bus, FEATURES_UPDATED, { durable: 'test-updates' }, async (m) => {
    updates.push(...m.data.events);
  });
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await client?.close();
  await running?.close();
  await database?.drop();
}, 60_000);

const NOW = Date.now();
const DAY = 86_400_000;

/** One person's events over the last 40 days, on 1–3 devices, the kinds the catalog reads. */
function personEvents(next: () => number, person: number, count: number): NormalizedEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const devices = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, d) => ({
    anonymousId: `anon-${person}-${d}`,
    type: pick(['ios', 'android', 'windows', 'macos', 'ipad']),
  }));
  return Array.from({ length: count }, (_, n) => {
    const device = pick(devices);
    // Some exactly at midnight UTC: the edge of a day and of a window.
    const at =
      n % 17 === 0 ? Math.floor((NOW - next() * 40 * DAY) / DAY) * DAY : Math.floor(NOW - next() * 40 * DAY);
    const base = {
      messageId: `p${person}-e${n}`,
      anonymousId: device.anonymousId,
      userId: `user-${person}`,
      context: { device: { type: device.type } },
      integrations: {},
      timestamp: new Date(at).toISOString(),
      receivedAt: new Date(at + 500).toISOString(),
    };
    const r = next();
    if (r < 0.3)
      return {
        ...base,
        type: 'page',
        name: pick(['Home', 'Article', 'Search Results', 'Product']),
        properties: { path: `/p/${Math.floor(next() * 8)}` },
      };
    if (r < 0.45)
      return {
        ...base,
        type: 'track',
        event: 'Article Viewed',
        properties: { category: pick(['news', 'sport']), seconds: Math.round(next() * 300) / 2 },
      };
    if (r < 0.55)
      return {
        ...base,
        type: 'track',
        event: 'Products Searched',
        properties: { query: pick(['shoes', 'tv', 'tent']) },
      };
    if (r < 0.7) return { ...base, type: 'track', event: 'Ad Impression', properties: { adId: 'ad1' } };
    if (r < 0.75) return { ...base, type: 'track', event: 'Ad Clicked', properties: { adId: 'ad1' } };
    if (r < 0.82)
      return {
        ...base,
        type: 'track',
        event: 'Product Added',
        properties: {
          category: pick(['shoes', 'tv']),
          productId: `prod-${Math.floor(next() * 5)}`,
          price: 19.99,
        },
      };
    if (r < 0.86)
      return {
        ...base,
        type: 'track',
        event: 'Order Completed',
        properties: { revenue: Math.round(next() * 50_000) / 100 },
      };
    if (r < 0.92)
      return {
        ...base,
        type: 'track',
        event: pick(['Email Opened', 'Email Link Clicked', 'Push Opened']),
        properties: {},
      };
    return {
      ...base,
      type: 'identify',
      traits: { age: 18 + Math.floor(next() * 60), gender: pick(['f', 'm']), income: pick([30_000, 85_000]) },
    };
  }) as NormalizedEvent[];
}

function shuffle<T>(items: T[], next: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

async function publishResolved(events: ResolvedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 50) {
    await publishEvent(bus, EVENTS_RESOLVED, { events: events.slice(i, i + 50) });
  }
}

const asFeatureEvent = (e: NormalizedEvent): FeatureEvent => e as unknown as FeatureEvent;

async function storedEventCount(): Promise<number> {
  const result = await client.pool.query<{ n: string }>('SELECT count(*) AS n FROM feature_store.events');
  return Number(result.rows[0]?.n);
}

describe('feature store', () => {
  const next = seededRandom(7);
  const people = Array.from({ length: 12 }, (_, i) => ({
    profileId: randomUUID(),
    events: personEvents(next, i, 120),
  }));
  const [ann, bob, cat] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
  const measures = measuresOf(FEATURE_CATALOG);

  it('applies resolved events once each, in any order, and merges two profiles: online equals the offline recompute', async () => {
    // Bob's first half arrives under his own profile; then identity merges him into Ann, and
    // his second half arrives resolved to Ann.
    const half = bob.events.length / 2;
    const first: ResolvedEvent[] = [];
    for (const person of people) {
      const events = person === bob ? person.events.slice(0, half) : person.events;
      for (const event of events) first.push({ profileId: person.profileId, sourceId: 'src', event });
    }
    shuffle(first, next);
    await publishResolved(first);
    // Redelivered: the same events again (no msgId, so the bus delivers them a second time).
    await publishResolved(first.slice(0, 200));
    await waitFor(
      async () => (await storedEventCount()) === first.length,
      30_000,
      'the first events applied',
    );

    await publishEvent(bus, PROFILE_MERGED, {
      mergeId: randomUUID(),
      profileId: ann.profileId,
      mergedProfileId: bob.profileId,
      linkedBy: [{ type: 'user_id', value: 'user-0' }],
      sourceId: 'src',
      eventMessageId: 'p1-e0',
      at: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await client.pool.query('SELECT 1 FROM feature_store.daily WHERE profile_id = $1', [bob.profileId]))
          .rowCount === 0,
      15_000,
      "bob's days moved to ann",
    );
    await publishResolved(
      // A few resolved to Bob before the merge but delivered after it: they must land on Ann.
      bob.events
        .slice(half)
        .map((event, i) => ({ profileId: i < 5 ? bob.profileId : ann.profileId, sourceId: 'src', event })),
    );
    const total = people.reduce((n, p) => n + p.events.length, 0);
    await waitFor(async () => (await storedEventCount()) === total, 30_000, 'every event applied');

    // Every (profile, day) of the online store equals the SQL recompute from the event log.
    const online = await store.daily.load(people.map((p) => p.profileId));
    const offline = await store.offline.profiles(
      measures,
      people.map((p) => p.profileId),
    );
    expect(online.get(bob.profileId)).toBeUndefined();
    const flat = (m: Map<string, Map<string, DayMeasures>>) =>
      Object.fromEntries([...m].map(([p, days]) => [p, Object.fromEntries([...days].sort())]));
    expect(flat(online)).toEqual(flat(offline));

    // And the served vectors equal the reference evaluation over each person's events.
    const annEvents = [...ann.events, ...bob.events].map(asFeatureEvent);
    const { profiles } = await sendRequest(bus, FEATURES_GET, { profileIds: [ann.profileId, cat.profileId] });
    expect(profiles[0]?.features).toEqual(featuresFromEvents(annEvents, profiles[0]!.asOf, FEATURE_CATALOG));
    expect(profiles[1]?.features).toEqual(
      featuresFromEvents(cat.events.map(asFeatureEvent), profiles[1]!.asOf, FEATURE_CATALOG),
    );
    expect(profiles[0]?.features['intent.clicks_30d']).toBeGreaterThan(0);
  }, 120_000);

  it('moves a batch onto the survivor when a merge commits while the batch waits for the profile', async () => {
    const [survivor, merged] = [randomUUID(), randomUUID()];
    const event = (messageId: string, profileId: string): ResolvedEvent => ({
      profileId,
      sourceId: 'race',
      event: {
        type: 'track',
        event: 'Ad Clicked',
        messageId,
        anonymousId: 'race-device',
        context: {},
        timestamp: new Date(NOW - DAY).toISOString(),
        receivedAt: new Date(NOW - DAY).toISOString(),
        integrations: {},
        properties: {},
      } as unknown as NormalizedEvent,
    });
    const before = await storedEventCount();
    await publishResolved([event('race-1', survivor)]);
    await waitFor(async () => (await storedEventCount()) === before + 1, 15_000, 'the first event');
    // A merge holding both profiles: the batch for the merged-away profile is stored as it was
    // resolved, then waits for the profile's lock until the merge has committed.
    await store.transaction(async (tx) => {
      await tx.lockProfiles([survivor, merged]);
      await publishResolved([event('race-2', merged)]);
      await waitFor(
        async () =>
          Number(
            (
              await client.pool.query<{ n: string }>(
                "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
              )
            ).rows[0]?.n,
          ) > 0,
        15_000,
        'the batch waiting for the lock',
      );
      await tx.redirects.record(merged, survivor);
    });
    await waitFor(async () => (await storedEventCount()) === before + 2, 15_000, 'the second event');
    const where = await client.pool.query<{ profile_id: string; n: string }>(
      `SELECT profile_id, count(*) AS n FROM (
         SELECT profile_id FROM feature_store.events WHERE source_id = 'race'
         UNION ALL SELECT profile_id FROM feature_store.daily WHERE profile_id = ANY($1::uuid[])) AS r
       GROUP BY profile_id`,
      [[survivor, merged]],
    );
    // Both events and the one day on the survivor, nothing left on the merged-away profile.
    expect(where.rows.map((r) => [r.profile_id, Number(r.n)])).toEqual([[survivor, 3]]);
    const days = await store.daily.load([survivor]);
    expect(days.get(survivor)).toEqual(
      daysFromEvents(
        [event('race-1', survivor), event('race-2', survivor)].map((r) => asFeatureEvent(r.event)),
        measures,
      ),
    );
  }, 60_000);

  it('reads a profile as of a past time from its history: nothing after that time leaks in', async () => {
    const asOf = new Date(NOW - 12 * DAY + 3_600_000).toISOString();
    const { profiles } = await sendRequest(bus, FEATURES_GET, { profileIds: [cat.profileId], asOf });
    const before = cat.events.filter((e) => Date.parse(e.timestamp) <= Date.parse(asOf)).map(asFeatureEvent);
    expect(profiles[0]?.features).toEqual(featuresFromEvents(before, asOf, FEATURE_CATALOG));
    const now = await sendRequest(bus, FEATURES_GET, { profileIds: [cat.profileId] });
    expect(profiles[0]?.features['intent.clicks_90d']).toBeLessThan(
      now.profiles[0]?.features['intent.clicks_90d'] as number,
    );
  });

  it('publishes features.updated per profile, debounced, with the vector as stored', async () => {
    await waitFor(
      () => people.every((p) => p === bob || updates.some((u) => u.profileId === p.profileId)),
      15_000,
      'an update for every profile',
    );
    const last = [...updates].reverse().find((u) => u.profileId === cat.profileId);
    const { profiles } = await sendRequest(bus, FEATURES_GET, { profileIds: [cat.profileId] });
    expect(last?.features).toEqual(profiles[0]?.features);
    // 120 events of one profile arrived within a few debounce intervals: far fewer updates.
    expect(updates.filter((u) => u.profileId === cat.profileId).length).toBeLessThan(20);
  });

  it('verifies online against the recompute, and a backfill repairs a day that went wrong', async () => {
    const run = async (request: { verifyOnly?: boolean }) => {
      const { jobId } = await sendRequest(bus, FEATURES_BACKFILL_START, request);
      let status = await sendRequest(bus, FEATURES_BACKFILL_STATUS, { jobId });
      await waitFor(
        async () =>
          (status = await sendRequest(bus, FEATURES_BACKFILL_STATUS, { jobId })).state !== 'running',
        30_000,
        'the backfill job',
      );
      return status;
    };
    const clean = await run({ verifyOnly: true });
    expect(clean).toMatchObject({ state: 'done', mismatches: 0, profilesDone: clean.profilesTotal });
    expect(clean.events).toBeGreaterThan(1_000);

    // A day whose measures were lost (say, restored from an old backup).
    await client.pool.query(
      `UPDATE feature_store.daily SET measures = '{}'::jsonb
       WHERE (profile_id, day) = (SELECT profile_id, day FROM feature_store.daily WHERE profile_id = $1 LIMIT 1)`,
      [cat.profileId],
    );
    expect(await run({ verifyOnly: true })).toMatchObject({ state: 'done', mismatches: 1 });
    expect(await run({})).toMatchObject({ state: 'done' });
    expect(await run({ verifyOnly: true })).toMatchObject({ state: 'done', mismatches: 0 });
  }, 120_000);

  it('names an unknown feature instead of answering without it', async () => {
    await expect(
      sendRequest(bus, FEATURES_GET, { profileIds: [cat.profileId], names: ['intent.nope'] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('intent.nope') });
  });

  it('erases a deleted person: no event and no day of theirs is left', async () => {
    const victim = people[3] as (typeof people)[0];
    await publishEvent(bus, PROFILE_DELETED, {
      profileId: victim.profileId,
      mergedProfileIds: [],
      identifiers: [],
      auditId: randomUUID(),
      deletedAt: new Date().toISOString(),
    });
    const left = async () =>
      (
        await client.pool.query(
          'SELECT (SELECT count(*) FROM feature_store.events WHERE profile_id = $1) + (SELECT count(*) FROM feature_store.daily WHERE profile_id = $1) AS n',
          [victim.profileId],
        )
      ).rows[0] as { n: string };
    await waitFor(async () => Number((await left()).n) === 0, 15_000, 'the erasure');
  });
});
