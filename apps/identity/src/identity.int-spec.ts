import { randomUUID } from 'node:crypto';
import { RAW_EVENTS_RECEIVED, type NormalizedEvent } from '@cdp/ingestion/contracts';
import {
  EVENTS_RESOLVED,
  PROFILE_DELETE,
  PROFILE_DELETED,
  PROFILE_GET,
  PROFILE_MERGED,
  PROFILE_UNMERGE,
  PROFILE_UNMERGED,
  type EventsResolved,
  type ProfileDeleted,
  type ProfileMerged,
  type ProfileUnmerged,
} from '@cdp/identity/contracts';
import { captureLogs, createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import {
  BusError,
  busConfigFor,
  consumeEventBatches,
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
let db: DbClient;
const logs = captureLogs();
const resolved = new Map<string, string>(); // messageId → profileId
const merged: ProfileMerged[] = [];
const unmerged: ProfileUnmerged[] = [];
const deleted: ProfileDeleted[] = [];

beforeAll(async () => {
  database = await createTestDatabase('identity');
  running = await startService(
    service,
    { DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'warn' },
    { logDestination: logs.stream },
  );
  bus = await createBus(busConfigFor('identity-test', { DATABASE_URL: database.url }));
  db = createDbClient({ url: database.url, max: 2 });
  await consumeEventBatches(bus, EVENTS_RESOLVED, { durable: 'test-resolved' }, async (messages) => {
    for (const m of messages as Array<{ data: EventsResolved }>) {
      for (const e of m.data.events) resolved.set(e.event.messageId, e.profileId);
    }
  });
  await consumeEvents(bus, PROFILE_MERGED, { durable: 'test-merged' }, async (m) => void merged.push(m.data));
  await consumeEvents(
    bus,
    PROFILE_UNMERGED,
    { durable: 'test-unmerged' },
    async (m) => void unmerged.push(m.data),
  );
  await consumeEvents(
    bus,
    PROFILE_DELETED,
    { durable: 'test-deleted' },
    async (m) => void deleted.push(m.data),
  );
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await db?.close();
  await running?.close();
  await database?.drop();
}, 60_000);

let clock = Date.parse('2026-11-01T10:00:00Z');
function event(fields: Partial<NormalizedEvent> & Pick<NormalizedEvent, 'type'>): NormalizedEvent {
  clock += 1_000;
  const at = new Date(clock).toISOString();
  return {
    messageId: randomUUID(),
    context: {},
    integrations: {},
    timestamp: at,
    receivedAt: at,
    ...(fields.type === 'track' && !fields.event ? { event: 'Clicked' } : {}),
    ...fields,
  };
}

/** Publishes events as ingestion would and waits until identity has resolved them all. */
async function send(...events: NormalizedEvent[]): Promise<string[]> {
  await publishEvent(bus, RAW_EVENTS_RECEIVED, {
    sourceId: 'src-test',
    requestId: randomUUID(),
    receivedAt: new Date().toISOString(),
    events,
  });
  await waitFor(
    () => events.every((e) => resolved.has(e.messageId)),
    15_000,
    `${events.length} events resolved`,
  );
  return events.map((e) => resolved.get(e.messageId) ?? '');
}

const profile = (identifier: string) => sendRequest(bus, PROFILE_GET, { identifier });

async function rowsMentioning(values: string[]): Promise<number> {
  const tables = await db.pool.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'identity' AND table_name NOT LIKE '\\_%'",
  );
  let found = 0;
  for (const { table_name } of tables.rows) {
    const rows = await db.pool.query<{ row: string }>(
      `SELECT t::text AS row FROM identity."${table_name}" t`,
    );
    found += rows.rows.filter((r) => values.some((v) => r.row.includes(v))).length;
  }
  return found;
}

describe('resolution across devices', () => {
  it("joins a person's devices through their logins and merges the anonymous profile into the known one", async () => {
    const [phoneVisit] = await send(event({ type: 'page', anonymousId: 'anon-phone-1', name: 'Home' }));
    const [login] = await send(
      event({
        type: 'identify',
        anonymousId: 'anon-phone-1',
        userId: 'ann',
        traits: { email: 'Ann@Example.com', plan: 'free' },
      }),
    );
    expect(login).toBe(phoneVisit);

    const [laptopVisit] = await send(event({ type: 'track', anonymousId: 'anon-laptop-1', event: 'Search' }));
    expect(laptopVisit).not.toBe(phoneVisit);
    const [laptopLogin] = await send(
      event({
        type: 'identify',
        anonymousId: 'anon-laptop-1',
        userId: 'ann',
        traits: { email: ' ann@example.com', plan: 'pro' },
      }),
    );
    expect(laptopLogin).toBe(phoneVisit);
    await waitFor(() => merged.some((m) => m.mergedProfileId === laptopVisit), 10_000, 'the merge published');
    expect(merged.find((m) => m.mergedProfileId === laptopVisit)).toMatchObject({
      profileId: phoneVisit,
      // The event's identifiers held by either side: the evidence that they are one person.
      linkedBy: expect.arrayContaining([
        { type: 'anonymous_id', value: 'anon-laptop-1' },
        { type: 'user_id', value: 'ann' },
      ]),
    });

    const view = await profile('email:ANN@example.com');
    expect(view.profileId).toBe(phoneVisit);
    expect(view.identifiers.map((i) => `${i.type}:${i.value}`).sort()).toEqual([
      'anonymous_id:anon-laptop-1',
      'anonymous_id:anon-phone-1',
      'email:ann@example.com',
      'user_id:ann',
    ]);
    expect(view.traits).toMatchObject({ plan: 'pro' }); // the later identify wins
    expect(view.merges).toEqual([expect.objectContaining({ mergedProfileId: laptopVisit, undone: false })]);
    expect(Date.parse(view.lastSeen)).toBeGreaterThan(Date.parse(view.firstSeen));

    // The console links to a profile by its id; a merged-away profile id is no longer a profile.
    expect(await profile(`profile_id:${phoneVisit}`)).toEqual(view);
    await expect(profile(`profile_id:${laptopVisit}`)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('resolves an alias from the previous id to the user id', async () => {
    const [before] = await send(event({ type: 'track', anonymousId: 'anon-alias-1' }));
    const [known] = await send(event({ type: 'identify', userId: 'bob' }));
    await send(event({ type: 'alias', previousId: 'anon-alias-1', userId: 'bob' }));
    expect((await profile('anonymous_id:anon-alias-1')).profileId).toBe(known);
    expect(merged.some((m) => m.mergedProfileId === before || m.profileId === before)).toBe(true);
  });
});

describe('merge protection', () => {
  it('keeps two people on a shared family computer apart and records why', async () => {
    const [dad] = await send(event({ type: 'identify', userId: 'dad', anonymousId: 'anon-family-pc' }));
    const [kid] = await send(event({ type: 'identify', userId: 'kid', anonymousId: 'anon-family-pc' }));
    expect(kid).not.toBe(dad);
    expect((await profile('user_id:kid')).identifiers.map((i) => i.type)).toEqual(['user_id']);
    const dropped = await db.pool.query<{ type: string; value: string; reason: string }>(
      "SELECT type, value, reason FROM identity.dropped_identifiers WHERE value = 'anon-family-pc'",
    );
    expect(dropped.rows).toEqual([
      expect.objectContaining({ type: 'anonymous_id', reason: expect.stringMatching(/user_id/) }),
    ]);
    const twoUserIds = await db.pool.query<{ n: string }>(
      "SELECT count(*) AS n FROM (SELECT profile_id FROM identity.identifiers WHERE type = 'user_id' GROUP BY profile_id HAVING count(*) > 1) x",
    );
    expect(Number(twoUserIds.rows[0]?.n)).toBe(0);
  });

  it('drops blocked junk identifiers instead of gluing everyone who sends them together', async () => {
    const [a] = await send(event({ type: 'track', userId: 'null', anonymousId: 'anon-junk-a' }));
    const [b] = await send(event({ type: 'track', userId: 'null', anonymousId: 'anon-junk-b' }));
    const [c] = await send(
      event({ type: 'track', userId: 'carol', anonymousId: '00000000-0000-0000-0000-000000000000' }),
    );
    const [d] = await send(
      event({ type: 'track', userId: 'dave', anonymousId: '00000000-0000-0000-0000-000000000000' }),
    );
    expect(new Set([a, b, c, d]).size).toBe(4);
    await expect(profile('user_id:null')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not merge past the email limit: the sixth email is dropped', async () => {
    const emails = Array.from({ length: 6 }, (_, i) => `erin${i}@example.com`);
    for (const email of emails) await send(event({ type: 'identify', userId: 'erin', traits: { email } }));
    const view = await profile('user_id:erin');
    expect(view.identifiers.filter((i) => i.type === 'email')).toHaveLength(5);
    await expect(profile('email:erin5@example.com')).rejects.toBeInstanceOf(BusError);
  });
});

describe('unmerge and erasure', () => {
  it('splits a wrong merge back into two profiles and tells downstream', async () => {
    const [frank] = await send(event({ type: 'identify', userId: 'frank', anonymousId: 'anon-frank' }));
    const [shared] = await send(event({ type: 'track', anonymousId: 'anon-kiosk' }));
    // A kiosk's anonymous id wrongly aliased to frank.
    await send(event({ type: 'alias', previousId: 'anon-kiosk', userId: 'frank' }));
    const mergedView = await profile('user_id:frank');
    expect(mergedView.profileId).toBe(frank);
    const merge = mergedView.merges.find((m) => m.mergedProfileId === shared);
    if (!merge) throw new Error('expected the kiosk profile to be merged into frank');

    const split = await sendRequest(bus, PROFILE_UNMERGE, { profileId: frank, mergeId: merge.mergeId });
    expect(split.profiles).toHaveLength(2);
    expect((await profile('anonymous_id:anon-kiosk')).profileId).toBe(shared);
    // The resolver's cache held anon-kiosk → frank; the unmerge must have emptied it.
    const [kioskAgain, frankAgain] = await send(
      event({ type: 'track', anonymousId: 'anon-kiosk' }),
      event({ type: 'track', anonymousId: 'anon-frank' }),
    );
    expect(kioskAgain).toBe(shared);
    expect(frankAgain).toBe(frank);
    expect((await profile('anonymous_id:anon-frank')).profileId).toBe(frank);
    expect((await profile('user_id:frank')).merges.find((m) => m.mergeId === merge.mergeId)?.undone).toBe(
      true,
    );
    await waitFor(() => unmerged.some((u) => u.mergeId === merge.mergeId), 10_000, 'unmerged published');
    await expect(
      sendRequest(bus, PROFILE_UNMERGE, { profileId: frank, mergeId: merge.mergeId }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('keeps one link row per repeated identifier set, and an unmerge still gives each side its first and last seen', async () => {
    const phoneVisits = [1, 2, 3].map(() => event({ type: 'track', anonymousId: 'anon-henry-phone' }));
    const [phone] = await send(...phoneVisits);
    const [henry] = await send(event({ type: 'identify', userId: 'henry', anonymousId: 'anon-henry-pc' }));
    await send(event({ type: 'track', anonymousId: 'anon-henry-pc' }));
    // Redelivered: the same event again changes no row.
    await send(phoneVisits[1] as NormalizedEvent, event({ type: 'page', anonymousId: 'anon-henry-marker' }));
    const phoneLinks = () =>
      db.pool.query<{ link_key: string; at: Date; last_at: Date }>(
        `SELECT link_key, at, last_at FROM identity.links
         WHERE identifiers = '[{"type":"anonymous_id","value":"anon-henry-phone"}]'::jsonb`,
      );
    const [first, , last] = phoneVisits.map((e) => e.timestamp);
    expect((await phoneLinks()).rows).toEqual([
      { link_key: expect.stringMatching(/^set:/), at: new Date(first ?? ''), last_at: new Date(last ?? '') },
    ]);

    await send(event({ type: 'alias', previousId: 'anon-henry-phone', userId: 'henry' }));
    const merge = (await profile('user_id:henry')).merges.find((m) => m.mergedProfileId === phone);
    if (!merge) throw new Error('expected the phone profile to be merged into henry');
    // The merging event has a row of its own: that is the link the unmerge leaves out.
    const merging = await db.pool.query<{ link_key: string }>(
      'SELECT l.link_key FROM identity.links l JOIN identity.merges m ON m.link_id = l.id WHERE m.id = $1',
      [merge.mergeId],
    );
    expect(merging.rows).toEqual([{ link_key: expect.stringMatching(/^event:src-test:/) }]);

    await sendRequest(bus, PROFILE_UNMERGE, { profileId: henry, mergeId: merge.mergeId });
    const phoneView = await profile('anonymous_id:anon-henry-phone');
    expect(phoneView.profileId).toBe(phone);
    expect([phoneView.firstSeen, phoneView.lastSeen]).toEqual([first, last]);
    expect((await phoneLinks()).rows).toHaveLength(1);
  });

  it('erases a person from every identity table, audits it, publishes it, and drops their later events', async () => {
    await send(
      event({
        type: 'identify',
        userId: 'gina',
        anonymousId: 'anon-gina',
        traits: { email: 'gina@example.com', phone: '+1 415 555 0100' },
      }),
      event({ type: 'track', anonymousId: 'anon-gina-2', userId: 'gina' }),
    );
    const values = ['gina', 'anon-gina', 'gina@example.com', '+14155550100'];
    expect(await rowsMentioning(values)).toBeGreaterThan(0);
    const result = await sendRequest(bus, PROFILE_DELETE, {
      identifier: 'email:GINA@example.com',
      actor: 'dpo@example.com',
    });
    expect(result.identifiers).toBeGreaterThanOrEqual(4);
    expect(await rowsMentioning(values)).toBe(0);
    await expect(profile('user_id:gina')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const audit = await db.pool.query('SELECT actor FROM identity.deletion_audit WHERE id = $1', [
      result.auditId,
    ]);
    expect(audit.rows).toEqual([{ actor: 'dpo@example.com' }]);
    await waitFor(() => deleted.some((d) => d.auditId === result.auditId), 10_000, 'deletion published');

    // A later event from a suppressed identifier is not resolved: no profile comes back.
    const later = event({ type: 'track', anonymousId: 'anon-gina' });
    const marker = event({ type: 'track', anonymousId: 'anon-after-gina' });
    await publishEvent(bus, RAW_EVENTS_RECEIVED, {
      sourceId: 'src-test',
      requestId: randomUUID(),
      receivedAt: new Date().toISOString(),
      events: [later, marker],
    });
    await waitFor(() => resolved.has(marker.messageId), 15_000, 'the marker resolved');
    expect(resolved.has(later.messageId)).toBe(false);
    expect(await rowsMentioning(['anon-gina'])).toBe(0);
  });
});
