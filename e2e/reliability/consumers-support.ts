import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { FEATURES_GET, type FeatureVector } from '@cdp/feature-store/contracts';
import { EVENTS_RESOLVED } from '@cdp/identity/contracts';
import { createTestDatabase, deleteBusNamespace, type TestDatabase } from '@cdp/shared/testing';
import {
  busConfigFor,
  consumeEventBatches,
  createBus,
  sendRequest,
  type Bus,
  type Subscription,
} from '@cdp/shared/util-messaging';
import { runCli } from '../support.js';
import type { Ending, ServiceProcess } from './service-process.js';
import type { Ledger } from './ledger.js';

/** What a consumers test runs on, made before its tests and cleaned up after them. */
export interface ConsumersSuite {
  /** Prefix of the ledger's ids and of the test's user ids. */
  readonly run: string;
  readonly namespace: string;
  /** DATABASE_URL, NATS_URL, NATS_NAMESPACE and the suite's extra variables: every service's base env. */
  readonly env: Record<string, string>;
  readonly pool: pg.Pool;
  /** The suite's own client of the bus. */
  readonly bus: Bus;
  /** Processes the test started; each is stopped after the tests. */
  readonly processes: ServiceProcess[];
}

/**
 * A database and a bus namespace of the suite's own, `extra` added to the services' environment;
 * dropped, deleted and stopped after the tests.
 */
export function useConsumersSuite(
  label: string,
  natsUrl: string,
  extra: Record<string, string> = {},
): ConsumersSuite {
  const run = `${label.slice(0, 2)}${randomBytes(3).toString('hex')}`;
  const namespace = `e2e-consumers-${label}-${randomBytes(3).toString('hex')}`;
  const processes: ServiceProcess[] = [];
  let database: TestDatabase | undefined;
  let env: Record<string, string> | undefined;
  let pool: pg.Pool | undefined;
  let bus: Bus | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(`e2e_consumers_${label}`);
    env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace, ...extra };
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    bus = await createBus(
      busConfigFor(`consumers-${label}-e2e`, {
        DATABASE_URL: database.url,
        NATS_URL: natsUrl,
        NATS_NAMESPACE: namespace,
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await bus?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await pool?.end();
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useConsumersSuite: only inside tests and hooks');
    return value;
  };
  return {
    run,
    namespace,
    processes,
    get env() {
      return ready(env);
    },
    get pool() {
      return ready(pool);
    },
    get bus() {
      return ready(bus);
    },
  };
}

/**
 * The fault injection's promise: the process ends by SIGKILL (it killed itself after a commit,
 * before the ack). Then it is started again without the fault.
 */
export async function restartAfterFault(service: ServiceProcess, timeoutMs: number): Promise<Ending> {
  const ending = await Promise.race([
    service.ended(),
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${service.name} did not die within ${timeoutMs} ms`)),
        timeoutMs,
      ).unref(),
    ),
  ]);
  if (ending.signal !== 'SIGKILL') {
    throw new Error(`${service.name} ended with ${ending.signal ?? `code ${ending.code}`}: ${ending.output}`);
  }
  await service.start();
  return ending;
}

// Events and what they should add up to

/** The features the expected values are computed for (each event of the run is dated today). */
export const CHECKED_FEATURES = [
  'intent.clicks_7d',
  'intent.searches_7d',
  'ads.impressions_7d',
  'commerce.orders_lifetime',
  'commerce.revenue_lifetime',
  'traits.plan',
] as const;

export interface SentEvent {
  messageId: string;
  userId: string;
  type: 'identify' | 'track' | 'page';
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

/**
 * `perUser` events for each of `users` people (user ids `<run>-u<n>`), ids from the ledger: an
 * identify first (the plan), then pages, searches, ad impressions and orders in turn. The order
 * across people is interleaved, so every request carries many people.
 */
export function generateEvents(ledger: Ledger, users: number, perUser: number): SentEvent[] {
  const events: SentEvent[] = [];
  for (let k = 0; k < perUser; k++) {
    for (let u = 0; u < users; u++) {
      const userId = `${ledger.run}-u${u}`;
      const messageId = ledger.next();
      if (k === 0) {
        events.push({ messageId, userId, type: 'identify', traits: { plan: u % 2 ? 'gold' : 'free' } });
        continue;
      }
      switch ((k + u) % 4) {
        case 0:
          events.push({ messageId, userId, type: 'page', name: 'Home', properties: { path: `/p${k % 3}` } });
          break;
        case 1:
          events.push({
            messageId,
            userId,
            type: 'track',
            event: 'Products Searched',
            properties: { query: `q${k}` },
          });
          break;
        case 2:
          events.push({
            messageId,
            userId,
            type: 'track',
            event: 'Ad Impression',
            properties: { adId: `a${k}` },
          });
          break;
        default:
          events.push({
            messageId,
            userId,
            type: 'track',
            event: 'Order Completed',
            properties: { orderId: `${messageId}-o`, revenue: 10 + ((u + k) % 7) },
          });
      }
    }
  }
  return events;
}

/** The checked features of each person, computed from the events themselves (the client's recompute). */
export function expectedFeatures(events: readonly SentEvent[]): Map<string, FeatureVector> {
  const byUser = new Map<string, FeatureVector>();
  for (const e of events) {
    let v = byUser.get(e.userId);
    if (!v) {
      v = Object.fromEntries(CHECKED_FEATURES.map((name) => [name, name === 'traits.plan' ? null : 0]));
      byUser.set(e.userId, v);
    }
    const add = (name: string, by: number): void => {
      v[name] = Number(v[name]) + by;
    };
    if (e.type === 'identify') v['traits.plan'] = String(e.traits?.['plan']);
    else if (e.type === 'page') add('intent.clicks_7d', 1);
    else if (e.event === 'Products Searched') add('intent.searches_7d', 1);
    else if (e.event === 'Ad Impression') add('ads.impressions_7d', 1);
    else if (e.event === 'Order Completed') {
      add('commerce.orders_lifetime', 1);
      add('commerce.revenue_lifetime', Number(e.properties?.['revenue']));
    }
  }
  return byUser;
}

/** The events as a Segment batch item (no timestamp: the server stamps them now). */
export function toSegment(e: SentEvent): Record<string, unknown> {
  const { messageId, userId, type, event, name, properties, traits } = e;
  return { messageId, userId, type, event, name, properties, traits };
}

/** POSTs `events` to ingestion's /v1/batch; on a 200 the ledger marks them acknowledged. */
export async function postBatch(
  ingestionUrl: string,
  writeKey: string,
  ledger: Ledger,
  events: readonly SentEvent[],
): Promise<void> {
  const response = await fetch(`${ingestionUrl}/v1/batch`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ batch: events.map(toSegment) }),
  });
  if (response.status !== 200)
    throw new Error(`ingestion answered ${response.status}: ${await response.text()}`);
  for (const e of events) ledger.acknowledge(e.messageId);
}

/** Sends `events` in requests of `size`, `concurrency` requests at a time. */
export async function sendAll(
  ingestionUrl: string,
  writeKey: string,
  ledger: Ledger,
  events: readonly SentEvent[],
  size: number,
  concurrency: number,
): Promise<void> {
  const requests: SentEvent[][] = [];
  for (let i = 0; i < events.length; i += size) requests.push(events.slice(i, i + size));
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests.length) {
        const request = requests[next++];
        if (request) await postBatch(ingestionUrl, writeKey, ledger, request);
      }
    }),
  );
}

// What the platform kept

/** How many times each message id of the run is in `sql` (a query of `message_id` rows, `$1` = LIKE pattern). */
export async function countIds(pool: pg.Pool, sql: string, run: string): Promise<Map<string, number>> {
  const result = await pool.query<{ id: string; n: string }>(sql, [`${run}-%`]);
  return new Map(result.rows.map((r) => [r.id, Number(r.n)]));
}

/** The feature store's event log: the events it applied, per message id. */
export const FEATURE_EVENTS_SQL =
  'SELECT message_id AS id, count(*) AS n FROM feature_store.events WHERE message_id LIKE $1 GROUP BY 1';

/** Ingestion's raw event store. */
export const RAW_EVENTS_SQL =
  'SELECT message_id AS id, count(*) AS n FROM ingestion.raw_events WHERE message_id LIKE $1 GROUP BY 1';

/** Identity's per-call links: one row per identify call (`link_key` = `event:<source>:<messageId>`). */
export const IDENTIFY_LINKS_SQL = `SELECT message_id AS id, count(*) AS n FROM identity.links
  WHERE message_id LIKE $1 AND link_key LIKE 'event:%' GROUP BY 1`;

/** The profile identity holds each user id of the run with, and how many live profiles the run made. */
export async function identityProfiles(
  pool: pg.Pool,
  run: string,
): Promise<{ byUser: Map<string, string>; liveProfiles: number }> {
  const owners = await pool.query<{ value: string; profile_id: string }>(
    `SELECT value, profile_id FROM identity.identifiers WHERE type = 'user_id' AND value LIKE $1`,
    [`${run}-%`],
  );
  const live = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM identity.profiles p
     WHERE p.merged_into IS NULL AND EXISTS (SELECT 1 FROM identity.links l WHERE l.profile_id = p.id AND l.message_id LIKE $1)`,
    [`${run}-%`],
  );
  return {
    byUser: new Map(owners.rows.map((r) => [r.value, r.profile_id])),
    liveProfiles: Number(live.rows[0]?.n),
  };
}

/** The online values of the checked features, per profile id. */
export async function onlineFeatures(
  bus: Bus,
  profileIds: readonly string[],
): Promise<Map<string, FeatureVector>> {
  const out = new Map<string, FeatureVector>();
  for (let i = 0; i < profileIds.length; i += 500) {
    const { profiles } = await sendRequest(
      bus,
      FEATURES_GET,
      { profileIds: profileIds.slice(i, i + 500), names: [...CHECKED_FEATURES] },
      20_000,
    );
    for (const p of profiles) out.set(p.profileId, p.features);
  }
  return out;
}

/** The people (by key) whose online vector differs from the expected one, with both. */
export function featureDifferences(
  expected: ReadonlyMap<string, FeatureVector>,
  actual: ReadonlyMap<string, FeatureVector | undefined>,
): Array<{ key: string; expected: FeatureVector; actual: FeatureVector | undefined }> {
  const differ: Array<{ key: string; expected: FeatureVector; actual: FeatureVector | undefined }> = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    const same = got && CHECKED_FEATURES.every((name) => got[name] === want[name]);
    if (!same) differ.push({ key, expected: want, actual: got });
  }
  return differ;
}

/** The feature store's own offline recompute, compared with the online values (`features backfill --verify`). */
export async function verifyOffline(
  env: Record<string, string>,
): Promise<{ state: string; mismatches: number; events: number; profilesTotal: number }> {
  // A mismatch exits 1 with the status still printed: keep the status.
  const result = await runCli(['features', 'backfill', '--verify', '--json'], env);
  if (!result.stdout.trim())
    throw new Error(`features backfill --verify exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as {
    state: string;
    mismatches: number;
    events: number;
    profilesTotal: number;
  };
}

/** Counts every event id of EVENTS_RESOLVED envelopes as they reach a consumer of the test's own. */
export async function auditResolved(
  bus: Bus,
  durable: string,
): Promise<{ counts: Map<string, number>; subscription: Subscription }> {
  const counts = new Map<string, number>();
  const subscription = await consumeEventBatches(bus, EVENTS_RESOLVED, { durable }, async (messages) => {
    for (const m of messages) {
      for (const e of m.data.events) {
        counts.set(e.event.messageId, (counts.get(e.event.messageId) ?? 0) + 1);
      }
    }
  });
  return { counts, subscription };
}
