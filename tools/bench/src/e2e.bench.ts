import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JsMsg } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import {
  SEGMENTS_CHANGED,
  SEGMENTS_TRAIN,
  SEGMENTS_TRAIN_STATUS,
  type SegmentsChanged,
} from '@cdp/clustering/contracts';
import { FEATURES_UPDATED, type FeaturesUpdated } from '@cdp/feature-store/contracts';
import { EVENTS_RESOLVED } from '@cdp/identity/contracts';
import { SOURCE_CREATE, writeKeyAuthorization } from '@cdp/ingestion/contracts';
import { seededRandom } from '@cdp/shared/testing';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import type { Benchmark, BenchOptions } from './bench.js';
import { eventNumber, eventsDue, firstUpdateCovering, storeCheck, type ProfileUpdate } from './e2e-lag.js';
import { percentile } from './features.bench.js';
import { scanResolved } from './resolved-reader.js';
import { readStream, type StreamReader } from './stream-reader.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/**
 * Offered load of the measured phase, events/s (E2E_BENCH_RATE overrides it; E2E_BENCH_SECONDS the
 * duration). A tenth of what ingestion alone takes and about an eighth of identity's or the feature
 * store's rate alone: here all four services, NATS, PostgreSQL and the sender share 2 cores.
 */
const RATE = 2_000;
/** Requests in flight at once; a slower ingestion makes the sender fall behind, which shows. */
const MAX_IN_FLIGHT = 8;
/** The sender wakes this often and posts what is due (≤ 500 events a request). */
const TICK_MS = 50;
const MAX_BATCH = 500;
/** Sessions open at once in the measured phase; each event goes to one of them at random. */
const SESSIONS = 200;
/** Share of new sessions that are a person never seen before (their first event an identify). */
const NEW_PERSON_SHARE = 0.3;
const DAY_MS = 86_400_000;
/**
 * Warm-up history lies within the last 4 days, inside every 7-day window the bench counts with,
 * even if the run crosses midnight.
 */
const HISTORY_DAYS = 4;
/** The two features that count the bench's page views and article reads (7-day windows). */
const COUNTED_FEATURES = ['intent.clicks_7d', 'intent.article_views_7d'] as const;
/** Identity and the feature store run with the young generation their own benches use. */
const SERVICE_NODE_FLAGS = ['--max-semi-space-size=64'];

// A type, not an interface: it has to fit Benchmark's Record<string, unknown>. The contract.
type Figures = {
  events_per_s: number;
  lag_p99_ms: { identity: number; features: number; segments: number };
  lost: number;
  duplicated: number;
};

interface Person {
  userId: string;
  anonymousId: string;
  /** Engagement of the warm-up history: 0 low, 1 moderate, 2 high. */
  level: number;
  /** First seen in the measured phase. */
  fresh: boolean;
}

type Kind = 'page' | 'article' | 'identify';

/** Everything the bench knows of its events, by event number. */
class Ledger {
  readonly kind: Kind[] = [];
  readonly person: number[] = [];
  readonly sentAt: number[] = [];
  readonly acked: boolean[] = [];
  /** Stream time of the EVENTS_RESOLVED message that first carried it; NaN until then. */
  readonly resolvedAt: number[] = [];
  readonly profile: number[] = [];
  /** 1-based place among its profile's counted events in resolved order; 0 when not counted. */
  readonly ordinal: number[] = [];
  resolved = 0;
  /** Events of the measured phase start here. */
  measuredFrom = Number.POSITIVE_INFINITY;

  readonly profileIds = new Map<string, number>();
  readonly counted: number[] = [];
  readonly updates: ProfileUpdate[][] = [];
  /** The most counted events any update of the profile carried. */
  readonly published: number[] = [];
  /** Updates carrying fewer events than an earlier update of their profile: an older vector after a newer one. */
  staleUpdates = 0;
  /** Stream time of the profile's first `segments.changed`; NaN until then. */
  readonly firstSegmentAt: number[] = [];
  readonly profilePerson: number[] = [];
  featureUpdates = 0;
  segmentChanges = 0;
  segmentMoves = 0;

  add(kind: Kind, person: number): number {
    const n = this.kind.length;
    this.kind.push(kind);
    this.person.push(person);
    this.sentAt.push(Number.NaN);
    this.acked.push(false);
    this.resolvedAt.push(Number.NaN);
    this.profile.push(-1);
    this.ordinal.push(0);
    return n;
  }

  profileOf(profileId: string, person: number): number {
    let p = this.profileIds.get(profileId);
    if (p === undefined) {
      p = this.counted.length;
      this.profileIds.set(profileId, p);
      this.counted.push(0);
      this.updates.push([]);
      this.published.push(0);
      this.firstSegmentAt.push(Number.NaN);
      this.profilePerson.push(person);
    }
    return p;
  }

  onResolved(n: number, profileId: string, at: number): void {
    if (n < 0 || n >= this.kind.length || !Number.isNaN(this.resolvedAt[n] as number)) return;
    const p = this.profileOf(profileId, this.person[n] as number);
    this.resolvedAt[n] = at;
    this.profile[n] = p;
    if (this.kind[n] !== 'identify') this.ordinal[n] = ++(this.counted[p] as number);
    this.resolved++;
  }

  /** Resolved events of [from, to) that no features.updated counts yet. */
  stuck(from: number, to: number): number[] {
    const stuck: number[] = [];
    for (let n = from; n < to; n++) {
      const p = this.profile[n] as number;
      const ordinal = this.ordinal[n] as number;
      if (p >= 0 && ordinal > 0 && (this.published[p] as number) < ordinal) stuck.push(n);
    }
    return stuck;
  }

  /** Acknowledged events of [from, to) not yet resolved, or resolved but not yet in a features.updated. */
  behind(from: number, to: number): { unresolved: number; unpublished: number } {
    let unresolved = 0;
    let unpublished = 0;
    for (let n = from; n < to; n++) {
      if (!this.acked[n]) continue;
      const p = this.profile[n] as number;
      if (p < 0) unresolved++;
      else if ((this.ordinal[n] as number) > 0 && (this.published[p] as number) < (this.ordinal[n] as number))
        unpublished++;
    }
    return { unresolved, unpublished };
  }
}

export const e2eBenchmark: Benchmark = {
  name: 'e2e',
  description:
    'sustained events/s through ingestion → identity → feature-store → clustering (each its own process), with each stage’s lag from the client’s send',
  async run(options) {
    return runE2e(options);
  },
};

async function runE2e({ quick, root, print }: BenchOptions): Promise<Figures> {
  const rate = Number(process.env['E2E_BENCH_RATE'] ?? RATE);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`E2E_BENCH_RATE must be a positive number of events/s (got "${rate}")`);
  const seconds = Number(process.env['E2E_BENCH_SECONDS'] ?? (quick ? 15 : 180));
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`E2E_BENCH_SECONDS must be a positive number of seconds (got "${seconds}")`);
  const warmPeople = quick ? 200 : 1_500;
  const drainMs = quick ? 15_000 : 180_000;
  const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);

  const transport = await benchTransport('e2e');
  // The lags are read off the stream's own timestamps: JetStream only.
  if (!transport.jetstream)
    throw new Error(`the e2e bench needs NATS JetStream; none answered at ${transport.natsUrl}`);
  const runId = randomBytes(4).toString('hex');
  const prefix = `e2e-${runId}-`;
  const ledger = new Ledger();
  const random = seededRandom(7);
  const database = await benchDatabase();
  const services: Array<{ name: string; process: ServiceProcess }> = [];
  const readers: StreamReader[] = [];
  let nc: NatsConnection | undefined;
  let bus: Bus | undefined;
  let pool: pg.Pool | undefined;
  try {
    const env = { DATABASE_URL: database.url, ...transport.env };
    row('transport', transport.description);
    row(
      'load average',
      `${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')} before the run (the machine is shared)`,
    );
    const started = performance.now();
    const [ingestion, identity, featureStore, clustering] = await Promise.all([
      startServiceChild(root, 'ingestion', env),
      startServiceChild(root, 'identity', env, SERVICE_NODE_FLAGS),
      startServiceChild(root, 'feature-store', env, SERVICE_NODE_FLAGS),
      startServiceChild(root, 'clustering', { ...env, SEGMENTS_RETRAIN_MINUTES: '0' }),
    ]);
    services.push(
      { name: 'ingestion', process: ingestion },
      { name: 'identity', process: identity },
      { name: 'feature-store', process: featureStore },
      { name: 'clustering', process: clustering },
    );
    row('services', `4 processes ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    bus = await createBus(busConfigFor('bench', env));
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const source = await sendRequest(bus, SOURCE_CREATE, { name: `bench-e2e-${runId}`, kind: 'http' });

    // What each stage publishes, stamped with the stream's time of the message.
    nc = await connect({ servers: transport.natsUrl });
    const decoder = new TextDecoder();
    const at = (message: JsMsg): number => Number(message.timestampNanos / 1_000_000n);
    readers.push(
      await readStream(nc, transport.namespace, EVENTS_RESOLVED.subject, 'bench-e2e-resolved', (m) => {
        const time = at(m);
        scanResolved(decoder.decode(m.data), (messageId, profileId) =>
          ledger.onResolved(eventNumber(messageId, prefix), profileId, time),
        );
      }),
      await readStream(nc, transport.namespace, FEATURES_UPDATED.subject, 'bench-e2e-features', (m) => {
        const time = at(m);
        for (const vector of (JSON.parse(decoder.decode(m.data)) as FeaturesUpdated).events) {
          const p = ledger.profileIds.get(vector.profileId);
          if (p === undefined) continue;
          const count = COUNTED_FEATURES.reduce((sum, name) => sum + Number(vector.features[name] ?? 0), 0);
          (ledger.updates[p] as ProfileUpdate[]).push({ at: time, count });
          if (count < (ledger.published[p] as number)) ledger.staleUpdates++;
          ledger.published[p] = Math.max(count, ledger.published[p] as number);
          ledger.featureUpdates++;
        }
      }),
      await readStream(nc, transport.namespace, SEGMENTS_CHANGED.subject, 'bench-e2e-segments', (m) => {
        const time = at(m);
        for (const change of (JSON.parse(decoder.decode(m.data)) as SegmentsChanged).events) {
          const p = ledger.profileIds.get(change.subjectId);
          if (p === undefined) continue;
          ledger.segmentChanges++;
          if (change.previousSegmentId !== null) ledger.segmentMoves++;
          if (Number.isNaN(ledger.firstSegmentAt[p] as number)) ledger.firstSegmentAt[p] = time;
        }
      }),
    );

    // The sender: POST /v1/batch, the bench's own messageIds, each request timed from its send.
    const batchUrl = `${ingestion.url}/v1/batch`;
    const authorization = writeKeyAuthorization(source.writeKey);
    const people: Person[] = [];
    const requests = { ok: 0, failed: 0, retried: 0 };
    const inFlight = new Set<Promise<void>>();
    const post = async (numbers: number[], bodies: string[]): Promise<void> => {
      const sentAt = Date.now();
      for (const n of numbers) ledger.sentAt[n] = sentAt;
      const body = `{"batch":[${bodies.join(',')}]}`;
      for (let attempt = 1; ; attempt++) {
        let reason: string;
        try {
          const response = await fetch(batchUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body,
            signal: AbortSignal.timeout(30_000),
          });
          const text = await response.text();
          if (response.ok) {
            requests.ok++;
            for (const n of numbers) ledger.acked[n] = true;
            return;
          }
          reason = `${response.status} ${text.slice(0, 200)}`;
        } catch (error) {
          reason = error instanceof Error ? error.message : String(error);
        }
        requests.retried++;
        // The same messageIds again: the raw store's dedup keeps one of each.
        if (attempt >= 5) {
          requests.failed++;
          row('request', `failed ${attempt} times, the last: ${reason}`);
          return;
        }
        await sleep(250 * attempt);
      }
    };
    const send = async (numbers: number[], bodies: string[]): Promise<void> => {
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const request = post(numbers, bodies).finally(() => inFlight.delete(request));
      inFlight.add(request);
    };
    const eventBody = (n: number, kind: Kind, person: Person, timestamp: number): string => {
      const base = {
        messageId: `${prefix}${n}`,
        userId: person.userId,
        anonymousId: person.anonymousId,
        timestamp: new Date(timestamp).toISOString(),
        context: { library: { name: 'cdp-bench-e2e', version: '1' } },
      };
      if (kind === 'identify')
        return JSON.stringify({
          ...base,
          type: 'identify',
          traits: { email: `${person.userId}@example.com`, plan: ['free', 'pro'][person.level % 2] },
        });
      if (kind === 'page')
        return JSON.stringify({
          ...base,
          type: 'page',
          name: 'Article',
          properties: { path: `/articles/${Math.floor(random() * 40)}` },
        });
      return JSON.stringify({
        ...base,
        type: 'track',
        event: 'Article Viewed',
        properties: { seconds: Math.round(([20, 70, 240][person.level] ?? 60) * (0.6 + 0.8 * random())) },
      });
    };

    // Warm-up: a history for the segmentation to learn engagement tiers from, as fast as it goes.
    const now = Date.now();
    let bodies: string[] = [];
    let numbers: number[] = [];
    const flush = async (): Promise<void> => {
      if (numbers.length === 0) return;
      await send(numbers, bodies);
      numbers = [];
      bodies = [];
    };
    for (let i = 0; i < warmPeople; i++) {
      const person: Person = {
        userId: `u-${runId}-${i}`,
        anonymousId: `a-${runId}-${i}`,
        level: i % 3,
        fresh: false,
      };
      people.push(person);
      const views = ([3, 15, 50][person.level] as number) * (quick ? 1 : 2);
      const articles = ([1, 5, 20][person.level] as number) * (quick ? 1 : 2);
      for (let e = 0; e < views + articles; e++) {
        const kind: Kind = e < views ? 'page' : 'article';
        const n = ledger.add(kind, i);
        numbers.push(n);
        bodies.push(eventBody(n, kind, person, now - Math.floor(random() * HISTORY_DAYS * DAY_MS)));
        if (numbers.length === MAX_BATCH) await flush();
      }
    }
    await flush();
    await Promise.all(inFlight);
    const warmEvents = ledger.kind.length;
    row('warm-up', `${warmPeople} people, ${warmEvents} events over the last ${HISTORY_DAYS} days sent`);
    await waitFor(
      () => {
        const { unresolved, unpublished } = ledger.behind(0, warmEvents);
        return unresolved + unpublished === 0;
      },
      quick ? 60_000 : 180_000,
      () => {
        const { unresolved, unpublished } = ledger.behind(0, warmEvents);
        return `warm-up: ${unresolved} events not resolved, ${unpublished} not in a features.updated`;
      },
    );
    row(
      'warm-up',
      `resolved and in the feature store after ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );

    // The behaviour segmentation, trained and active: new profiles get a segment as their features come.
    const training = performance.now();
    const { jobId } = await sendRequest(
      bus,
      SEGMENTS_TRAIN,
      { k: 3, naming: 'tiers', seed: 1, stabilityRuns: 0 },
      30_000,
    );
    for (;;) {
      const status = await sendRequest(bus, SEGMENTS_TRAIN_STATUS, { jobId }, 30_000);
      if (status.state === 'failed') throw new Error(`training the segmentation failed: ${status.error}`);
      if (status.state === 'done') break;
      await sleep(200);
    }
    row(
      'segmentation',
      `k=3 engagement tiers trained on the warm-up profiles in ${((performance.now() - training) / 1000).toFixed(1)} s`,
    );

    // The measured phase: `rate` events/s into SESSIONS open sessions of 10-30 events each.
    interface Session {
      person: number;
      left: number;
      first: boolean;
    }
    const openSession = (): Session => {
      if (random() < NEW_PERSON_SHARE) {
        const i = people.length;
        people.push({ userId: `u-${runId}-${i}`, anonymousId: `a-${runId}-${i}`, level: i % 3, fresh: true });
        return { person: i, left: 10 + Math.floor(random() * 21), first: true };
      }
      return {
        person: Math.floor(random() * people.length),
        left: 10 + Math.floor(random() * 21),
        first: false,
      };
    };
    const sessions = Array.from({ length: SESSIONS }, openSession);
    const nextEvent = (timestamp: number): { n: number; body: string } => {
      const s = Math.floor(random() * sessions.length);
      const session = sessions[s] as Session;
      const person = people[session.person] as Person;
      const kind: Kind = session.first ? 'identify' : random() < 0.7 ? 'page' : 'article';
      session.first = false;
      if (--session.left === 0) sessions[s] = openSession();
      const n = ledger.add(kind, session.person);
      return { n, body: eventBody(n, kind, person, timestamp) };
    };

    ledger.measuredFrom = ledger.kind.length;
    row(
      'load',
      `${rate} events/s for ${seconds} s, ${SESSIONS} sessions open, ${NEW_PERSON_SHARE * 100}% of new sessions a new person`,
    );
    const loadStart = Date.now();
    let generated = 0;
    let lastProgress = loadStart;
    let progressFrom = ledger.measuredFrom;
    while (Date.now() - loadStart < seconds * 1000) {
      const due = eventsDue(rate, Date.now() - loadStart);
      while (generated < due) {
        const size = Math.min(MAX_BATCH, due - generated);
        const stamp = Date.now();
        for (let e = 0; e < size; e++) {
          const { n, body } = nextEvent(stamp);
          numbers.push(n);
          bodies.push(body);
        }
        generated += size;
        await flush();
      }
      if (Date.now() - lastProgress >= 5_000) {
        lastProgress = Date.now();
        progressFrom = progress(print, ledger, progressFrom, loadStart, requests);
      }
      await sleep(TICK_MS);
    }
    await Promise.all(inFlight);
    const loadEnd = Date.now();
    const measuredTo = ledger.kind.length;
    progress(print, ledger, progressFrom, loadStart, requests);

    // Drain: every acknowledged event resolved and published, every new person in a segment.
    const unsegmented = (): number => {
      let missing = 0;
      for (let p = 0; p < ledger.counted.length; p++)
        if (
          (people[ledger.profilePerson[p] as number] as Person).fresh &&
          Number.isNaN(ledger.firstSegmentAt[p] as number)
        )
          missing++;
      return missing;
    };
    const drained = await waitFor(
      () => {
        const { unresolved, unpublished } = ledger.behind(ledger.measuredFrom, measuredTo);
        return unresolved + unpublished + unsegmented() === 0;
      },
      drainMs,
      () => {
        const { unresolved, unpublished } = ledger.behind(ledger.measuredFrom, measuredTo);
        return `${unresolved} events not resolved, ${unpublished} not in a features.updated, ${unsegmented()} new profiles without a segment`;
      },
    ).then(
      () => undefined,
      (error: Error) => error.message,
    );
    // The people identity resolved to more than one profile (a merge moves counts off a profile).
    const profilesOfPerson = new Map<number, Set<number>>();
    for (let n = 0; n < measuredTo; n++) {
      const p = ledger.profile[n] as number;
      if (p < 0) continue;
      const set = profilesOfPerson.get(ledger.person[n] as number) ?? new Set<number>();
      set.add(p);
      profilesOfPerson.set(ledger.person[n] as number, set);
    }
    const split = [...profilesOfPerson.values()].filter((set) => set.size > 1).length;
    if (drained !== undefined) {
      for (const n of ledger.stuck(ledger.measuredFrom, measuredTo).slice(0, 5)) {
        const p = ledger.profile[n] as number;
        const updates = ledger.updates[p] as ProfileUpdate[];
        row(
          'stuck',
          `event ${prefix}${n} (${ledger.kind[n]}, person ${ledger.person[n]}): profile ${[...ledger.profileIds.keys()][p]} ordinal ${ledger.ordinal[n]} of ` +
            `${ledger.counted[p]}, ${updates.length} updates, counting ${updates.map((u) => u.count).join(', ')}, ` +
            `person on ${profilesOfPerson.get(ledger.person[n] as number)?.size ?? 0} profiles`,
        );
      }
    }
    const counts = await Promise.all(readers.map(async (r) => `${r.received()} of ${await r.stored()}`));
    row(
      'read',
      `messages read of those the stream holds: resolved ${counts[0]}, features ${counts[1]}, segments ${counts[2]}`,
    );
    row(
      'drained',
      drained === undefined
        ? `${((Date.now() - loadEnd) / 1000).toFixed(1)} s after the load ended`
        : `NOT: ${drained}`,
    );

    // Lags of the measured events, from the client's send to each stage's message.
    const identityLags: number[] = [];
    const featureLags: number[] = [];
    const segmentLags: number[] = [];
    const acknowledged: string[] = [];
    let lastFeatureAt = loadStart;
    const firstSentOfProfile = new Map<number, number>();
    for (let n = ledger.measuredFrom; n < measuredTo; n++) {
      if (!ledger.acked[n]) continue;
      acknowledged.push(`${prefix}${n}`);
      const sentAt = ledger.sentAt[n] as number;
      const p = ledger.profile[n] as number;
      if (p < 0) continue;
      identityLags.push((ledger.resolvedAt[n] as number) - sentAt);
      if (!firstSentOfProfile.has(p)) firstSentOfProfile.set(p, sentAt);
      const ordinal = ledger.ordinal[n] as number;
      if (ordinal === 0) continue;
      const update = firstUpdateCovering(ledger.updates[p] as ProfileUpdate[], ordinal);
      if (!update) continue;
      featureLags.push(update.at - sentAt);
      lastFeatureAt = Math.max(lastFeatureAt, update.at);
    }
    // A new person's first event to their first segment: only a change of segment is published,
    // so the profiles that are new in the run are the ones every step of the path shows for.
    for (const [p, firstSent] of firstSentOfProfile) {
      if (!(people[ledger.profilePerson[p] as number] as Person).fresh) continue;
      const segmentAt = ledger.firstSegmentAt[p] as number;
      if (!Number.isNaN(segmentAt)) segmentLags.push(segmentAt - firstSent);
    }

    // The raw store: every acknowledged event once (its consumer may still be writing).
    await waitFor(
      async () => {
        const result = await (pool as pg.Pool).query<{ n: string }>(
          'SELECT count(*) AS n FROM ingestion.raw_events WHERE source_id = $1',
          [source.id],
        );
        return Number(result.rows[0]?.n) >= ledger.acked.filter(Boolean).length;
      },
      60_000,
      () => 'the raw store did not reach the acknowledged count',
    ).catch(() => undefined);
    const stored = await pool.query<{ message_id: string; n: number }>(
      'SELECT message_id, count(*)::int AS n FROM ingestion.raw_events WHERE source_id = $1 GROUP BY message_id',
      [source.id],
    );
    const rowsPerMessageId = new Map(stored.rows.map((r) => [r.message_id, r.n]));
    const allAcknowledged = ledger.acked.flatMap((ok, n) => (ok ? [`${prefix}${n}`] : []));
    const store = storeCheck(allAcknowledged, rowsPerMessageId);

    const measured = measuredTo - ledger.measuredFrom;
    const p = (values: number[], q: number): number =>
      values.length ? Math.round(percentile(values, q)) : 0;
    const figures: Figures = {
      events_per_s: Math.round(acknowledged.length / ((lastFeatureAt - loadStart) / 1000)),
      lag_p99_ms: {
        identity: p(identityLags, 99),
        features: p(featureLags, 99),
        segments: p(segmentLags, 99),
      },
      lost: store.lost,
      duplicated: store.duplicated,
    };
    row(
      'sent',
      `${measured} events in ${((loadEnd - loadStart) / 1000).toFixed(1)} s (${Math.round(measured / ((loadEnd - loadStart) / 1000))}/s offered), ` +
        `${acknowledged.length} acknowledged; requests ${requests.ok} ok, ${requests.retried} retried, ${requests.failed} failed`,
    );
    row(
      'through',
      `${figures.events_per_s} events/s: acknowledged ÷ first send to the last one's features.updated`,
    );
    print(
      `  ${'stage'.padEnd(10)}${'events'.padStart(9)}${'p50 ms'.padStart(9)}${'p90 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}`,
    );
    for (const [stage, lags, what] of [
      ['identity', identityLags, 'EVENTS_RESOLVED carrying the event'],
      ['features', featureLags, 'FEATURES_UPDATED counting it (page views, articles)'],
      ['segments', segmentLags, 'a new person’s first event to their first SEGMENTS_CHANGED'],
    ] as const)
      print(
        `  ${stage.padEnd(10)}${String(lags.length).padStart(9)}${String(p(lags, 50)).padStart(9)}${String(p(lags, 90)).padStart(9)}` +
          `${String(p(lags, 99)).padStart(9)}${String(p(lags, 100)).padStart(9)}  ${what}`,
      );
    row(
      'bus',
      `${ledger.featureUpdates} profile vectors in features.updated, ${ledger.segmentChanges} segment changes (${ledger.segmentMoves} moves); ` +
        `${ledger.staleUpdates} features.updated older than one published before it for the profile`,
    );
    row('identity', `${split} people resolved to more than one profile (${profilesOfPerson.size} people)`);
    row(
      'raw store',
      `${rowsPerMessageId.size} messageIds of ${allAcknowledged.length} acknowledged; lost ${store.lost}, duplicated ${store.duplicated}`,
    );
    for (const { name, process: service } of services) {
      const problems = service.problems();
      if (problems.count > 0)
        row(
          name,
          `${problems.count} warnings/errors logged, the last: ${problems.last?.slice(0, 300) ?? ''}`,
        );
    }
    if (drained !== undefined) benchFailed(print, 'e2e', `the pipeline did not drain: ${drained}`);
    if (requests.failed > 0) benchFailed(print, 'e2e', `${requests.failed} requests failed 5 times`);
    if (store.lost > 0 || store.duplicated > 0)
      benchFailed(print, 'e2e', `${store.lost} acknowledged events lost, ${store.duplicated} stored twice`);
    return figures;
  } finally {
    for (const reader of readers) await reader.stop().catch(() => undefined);
    await nc?.close();
    await bus?.close();
    await pool?.end();
    for (const { name, process: service } of services) {
      const code = await service.stop();
      if (code !== 0)
        benchFailed(print, 'e2e', `${name} exited with ${code} on SIGTERM:\n${service.output()}`);
    }
    await transport.release();
    await database.release();
  }
}

/** Prints what went through each stage since the last line; returns where the next line starts. */
function progress(
  print: BenchOptions['print'],
  ledger: Ledger,
  from: number,
  loadStart: number,
  requests: { ok: number; retried: number },
): number {
  const to = ledger.kind.length;
  const lags: number[] = [];
  for (let n = from; n < to; n++) {
    const resolvedAt = ledger.resolvedAt[n] as number;
    if (!Number.isNaN(resolvedAt)) lags.push(resolvedAt - (ledger.sentAt[n] as number));
  }
  const { unresolved, unpublished } = ledger.behind(ledger.measuredFrom, to);
  print(
    `  t=${String(Math.round((Date.now() - loadStart) / 1000)).padStart(4)} s  sent ${to - ledger.measuredFrom}, ` +
      `${requests.ok} requests ok (${requests.retried} retried), resolved ${ledger.resolved - ledger.measuredFrom}, ` +
      `identity lag p99 ${lags.length ? Math.round(percentile(lags, 99)) : '-'} ms; ` +
      `behind: ${unresolved} unresolved, ${unpublished} not in features.updated; ${ledger.segmentChanges} segment changes`,
  );
  return to;
}

/** Polls `done` every 250 ms; throws `what()` after `ms`. */
async function waitFor(
  done: () => boolean | Promise<boolean>,
  ms: number,
  what: () => string,
): Promise<void> {
  const deadline = performance.now() + ms;
  for (;;) {
    if (await done()) return;
    if (performance.now() > deadline) throw new Error(`${what()} after ${ms / 1000} s`);
    await sleep(250);
  }
}
