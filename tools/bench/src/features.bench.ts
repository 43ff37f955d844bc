import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import {
  FEATURES_BACKFILL_START,
  FEATURES_BACKFILL_STATUS,
  FEATURES_GET,
  type BackfillStatus,
} from '@cdp/feature-store/contracts';
import {
  EVENTS_RESOLVED,
  PROFILE_MERGED,
  type ProfileMerged,
  type ResolvedEvent,
} from '@cdp/identity/contracts';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import {
  busConfigFor,
  BusError,
  createBus,
  ENVELOPE_MAX_BYTES,
  JsonText,
  publishEncodedEvent,
  publishEvent,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { round, type Benchmark } from './bench.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/**
 * The full run: the "1M events (10k+ people)": 12,000 people over 20 days make 1,035,790
 * events. `--quick`: 450 people over the same window (~40k events). FEATURES_BENCH_USERS /
 * FEATURES_BENCH_DAYS override them.
 */
const FULL_USERS = 12_000;
const QUICK_USERS = 450;
const DAYS = 20;
const SEED = 'bench-features';
const SOURCE_ID = 'bench-features';
/** Envelope sizes cycle through 100–500 events per profile group, as identity's batches would. */
const MIN_ENVELOPE = 100;
const MAX_ENVELOPE = 500;
/** Publishes awaiting their ack at once (one connection: JetStream keeps their order). */
const PUBLISH_WINDOW = 4;
/** One envelope in this many is delivered twice (2%): the store must count its events once. */
const REDELIVER_EVERY = 50;
/** The second copy arrives this many envelopes after the first, as a redelivery comes later. */
const REDELIVERY_LAG = 64;
/**
 * One person in this many starts on a second profile (a device identity had not tied to them yet):
 * their first half of events resolve to it, then identity merges it into their main profile.
 */
const MERGE_EVERY = 10;
/**
 * Of a merged person's later events, one in this many still names the merged-away profile: resolved
 * before the merge, delivered after it. The store must put it on the survivor.
 */
const LATE_EVERY = 8;
/** How often the bench counts the stored events while the service ingests. */
const POLL_MS = 250;
/** The stored-event polls count(*) exactly over the last this-many events (see the loop). */
const EXACT_COUNT_LAST = 100_000;
/** Insert statistics unchanged for this long: the polls count(*) from then on. */
const STATS_QUIET_MS = 5_000;
/** No new stored event (or no backfill progress) for this long: the run has failed. */
const STALL_MS = 120_000;
/**
 * The service runs as in production: a larger young generation. Without it, after ingestion each
 * young collection during the reads promotes ~1 MB and pauses 1.6–2 ms every ~80 ms (measured with
 * --trace-gc), which is the reads' p99; with it they come 4× less often.
 */
const FEATURE_STORE_NODE_FLAGS = ['--max-semi-space-size=64'];
/** Reads before the timed ones: the service's read path compiled (its tail settles after a few thousand, as measured). */
const WARMUP_READS = 5_000;
/** Before the reads, autovacuum is waited for at most this long. */
const QUIET_WAIT_MS = 180_000;
const READS = 2_000;
const STATUS_POLL_MS = 500;
const PROGRESS_EVERY_MS = 5_000;
/** Backfill requests: answered at once by the job, but the service may be busy. */
const BACKFILL_REQUEST_TIMEOUT_MS = 30_000;

/** The parts of tools/datagen's labelled events the bench reads (loaded from the build). */
export interface LabelledEventLike {
  event: { messageId: string; timestamp: string } & Record<string, unknown>;
  person: number;
}

export interface Datagen {
  generateLabelledEvents(options: {
    seed: string;
    users: number;
    days: number;
    start: string;
  }): Iterable<LabelledEventLike>;
}

// A type, not an interface: it has to fit Benchmark's Record<string, unknown>. The first four are
// the contract; null when the run could not measure them (the run is then marked failed).
type Figures = {
  online_events_per_s: number | null;
  vector_read_p99_ms: number | null;
  backfill_events_per_s: number | null;
  online_offline_mismatches: number | null;
  vector_read_p50_ms: number | null;
  /** Distinct events (what the store must hold). */
  events: number;
  /** PROFILE_MERGED published (a person's second profile into their main one). */
  merges: number;
  /** Events resolved to a merged-away profile, published after its merge. */
  late_events: number;
  /** Events and days left on merged-away profiles once every merge was applied (must be 0). */
  merged_leftovers: number | null;
  /** Time to vacuum and analyse the database before the reads (and for autovacuum to be idle). */
  quiet_wait_s: number | null;
  /** Events published, redeliveries included. */
  published_events: number;
  envelopes: number;
  redelivered_envelopes: number;
  profiles: number;
  days: number;
  transport: string;
  online_s: number | null;
  publish_s: number;
  vector_reads: number;
  verify_s: number | null;
  backfill_s: number | null;
  backfill_events: number | null;
  daily_rows: number | null;
  /** Time the bench's count(*) polls took during ingestion (PostgreSQL work on the measured cores). */
  count_query_s: number | null;
};

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

/**
 * Cuts `total` events into envelope sizes that cycle through min–max (`offset` varies the cycle);
 * the last two are evened out so none falls below `min` (unless `total` does). Needs max ≥ 2·min.
 */
export function envelopeSizes(total: number, min: number, max: number, offset = 0): number[] {
  const sizes: number[] = [];
  let left = total;
  for (let j = 0; left > 0; j++) {
    let size = min + (((offset + j) * 7_919) % (max - min + 1));
    if (left - size < min) size = left <= max ? left : left - min;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/**
 * The order envelopes 0..count-1 are published in, with one in `every` published a second time
 * `lag` envelopes after the first (at the end when fewer follow).
 */
export function publishOrder(
  count: number,
  every: number,
  lag: number,
): Array<{ index: number; repeat: boolean }> {
  const repeats = new Map<number, number>(); // position after which → the envelope repeated
  for (let i = Math.floor(every / 2); i < count; i += every) repeats.set(i + lag, i);
  const order: Array<{ index: number; repeat: boolean }> = [];
  for (let p = 0; p < count; p++) {
    order.push({ index: p, repeat: false });
    const repeated = repeats.get(p);
    if (repeated !== undefined) order.push({ index: repeated, repeat: true });
  }
  for (const [p, repeated] of repeats) if (p >= count) order.push({ index: repeated, repeat: true });
  return order;
}

/** The window ends at today's midnight (UTC): the online features' 1–90 day windows all see data. */
export function windowStart(days: number): string {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return new Date(today.getTime() - days * 86_400_000).toISOString();
}

interface Envelope {
  payload: JsonText;
  key: string;
  events: number;
  /** Merges identity publishes before this envelope (it holds the first event after each). */
  merges: ProfileMerged[];
}

interface Prepared {
  envelopes: Envelope[];
  /** Distinct (source, messageId) pairs: what feature_store.events must end with. */
  distinct: number;
  /** Each datagen person's (main) profile id, as identity would give. */
  profileIds: string[];
  /** The profiles merged away: nothing may be left on them. */
  mergedAway: string[];
  /** Events resolved to a merged-away profile after its merge was published. */
  lateEvents: number;
  bytes: number;
}

/** A datagen event as ingestion would have accepted it. */
function normalized(event: LabelledEventLike['event']): NormalizedEvent {
  return { ...event, integrations: {}, receivedAt: event.timestamp } as unknown as NormalizedEvent;
}

/**
 * The events as identity publishes them: in time order (identity resolves in arrival order, while
 * datagen makes one household after another), keyed by profile group, each group cut into
 * EVENTS_RESOLVED envelopes of MIN_ENVELOPE–MAX_ENVELOPE events, published in the order they would
 * fill up; each checked against the contract's schema and serialised.
 */
function prepareEnvelopes(labelled: Iterable<LabelledEventLike>): Prepared {
  const profileIds: string[] = [];
  const groupOf: string[] = [];
  const eventsOf: number[] = [];
  const items: Array<{ person: number; event: LabelledEventLike['event']; profileId?: string }> = [];
  const messageIds = new Set<string>();
  for (const { person, event } of labelled) {
    if (profileIds[person] === undefined) {
      profileIds[person] = randomUUID();
      groupOf[person] = profileGroupKey(profileIds[person]);
    }
    eventsOf[person] = (eventsOf[person] ?? 0) + 1;
    items.push({ person, event });
    messageIds.add(event.messageId);
  }
  // ISO timestamps of one format: text order is time order (and the sort is stable).
  items.sort((a, b) =>
    a.event.timestamp < b.event.timestamp ? -1 : a.event.timestamp > b.event.timestamp ? 1 : 0,
  );

  // Every MERGE_EVERY-th person's first half of events goes to a second profile; the merge comes
  // with the envelope holding their first event after that (events stay in their person's group).
  const secondary: string[] = [];
  const seen: number[] = [];
  const pendingMerge = new Map<LabelledEventLike['event'], ProfileMerged>();
  let lateEvents = 0;
  for (const item of items) {
    if (item.person % MERGE_EVERY !== 3 || (eventsOf[item.person] ?? 0) < 2) continue;
    const n = (seen[item.person] = (seen[item.person] ?? 0) + 1);
    const half = Math.floor((eventsOf[item.person] as number) / 2);
    const merged = (secondary[item.person] ??= randomUUID());
    if (n <= half) item.profileId = merged;
    else if (n === half + 1) {
      pendingMerge.set(item.event, {
        mergeId: randomUUID(),
        profileId: profileIds[item.person] as string,
        mergedProfileId: merged,
        linkedBy: [{ type: 'anonymous_id', value: `bench-${item.person}` }],
        sourceId: SOURCE_ID,
        eventMessageId: item.event.messageId,
        at: item.event.timestamp,
      });
    } else if ((n - half) % LATE_EVERY === 0) {
      item.profileId = merged;
      lateEvents++;
    }
  }

  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const key = groupOf[item.person] as string;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(item);
  }
  const cuts: Array<{ key: string; slice: typeof items; last: string }> = [];
  let offset = 0;
  for (const [key, group] of groups) {
    let at = 0;
    for (const size of envelopeSizes(group.length, MIN_ENVELOPE, MAX_ENVELOPE, offset++)) {
      const slice = group.slice(at, (at += size));
      cuts.push({ key, slice, last: slice[slice.length - 1]?.event.timestamp ?? '' });
    }
  }
  // An envelope leaves identity when its last event is resolved.
  cuts.sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : 0));

  let bytes = 0;
  const envelopes = cuts.map(({ key, slice }): Envelope => {
    const merges: ProfileMerged[] = [];
    const events: ResolvedEvent[] = slice.map(({ person, event, profileId }) => {
      const merge = pendingMerge.get(event);
      if (merge) merges.push(PROFILE_MERGED.schema.parse(merge));
      return {
        profileId: profileId ?? (profileIds[person] as string),
        sourceId: SOURCE_ID,
        event: normalized(event),
      };
    });
    const text = JSON.stringify(EVENTS_RESOLVED.schema.parse({ events }));
    if (text.length > ENVELOPE_MAX_BYTES)
      throw new Error(`an envelope of ${text.length} bytes passes ENVELOPE_MAX_BYTES: make them smaller`);
    bytes += text.length;
    return { payload: new JsonText(text), key, events: events.length, merges };
  });
  return {
    envelopes,
    distinct: messageIds.size,
    profileIds: profileIds.filter(Boolean),
    mergedAway: secondary.filter(Boolean),
    lateEvents,
    bytes,
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function countRows(pool: pg.Pool, table: 'events' | 'daily' | 'merged_profiles'): Promise<number> {
  const result = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM feature_store.${table}`);
  return Number(result.rows[0]?.n ?? 0);
}

/** Events and days still on profiles that were merged away (there must be none). */
async function leftOnMerged(pool: pg.Pool, mergedAway: readonly string[]): Promise<number> {
  const result = await pool.query<{ n: string }>(
    `SELECT (SELECT count(*) FROM feature_store.events WHERE profile_id = ANY($1::uuid[]))
          + (SELECT count(*) FROM feature_store.daily WHERE profile_id = ANY($1::uuid[])) AS n`,
    [mergedAway],
  );
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Makes the database as a long-running one would be: vacuumed and analysed (autovacuum, due after a
 * million inserts, would otherwise start within a minute, in the middle of the reads), then waits
 * until no autovacuum worker runs in it; returns how long that took.
 */
async function settleDatabase(pool: pg.Pool): Promise<number> {
  const started = performance.now();
  await pool.query(
    'VACUUM (ANALYZE) feature_store.events, feature_store.daily, feature_store.merged_profiles',
  );
  for (;;) {
    const result = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
       WHERE datname = current_database() AND backend_type = 'autovacuum worker'`,
    );
    if (Number(result.rows[0]?.n ?? 0) === 0 || performance.now() - started > QUIET_WAIT_MS) break;
    await sleep(1_000);
  }
  return performance.now() - started;
}

/** A full garbage collection of the bench's own heap, so its GC stays out of the timed reads. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Rows inserted into feature_store.events per PostgreSQL's statistics: cheap, but a busy backend
 * reports them about once a second (and rows of rolled-back transactions count too).
 */
async function insertedRows(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: string }>(
    `SELECT n_tup_ins AS n FROM pg_stat_user_tables WHERE schemaname = 'feature_store' AND relname = 'events'`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

/** Publishes every envelope in `order`, PUBLISH_WINDOW at a time; redeliveries carry no msgId. */
async function publishAll(
  bus: Bus,
  envelopes: readonly Envelope[],
  order: ReadonlyArray<{ index: number; repeat: boolean }>,
  onPublished: () => void,
): Promise<void> {
  const inFlight = new Set<Promise<unknown>>();
  for (const { index, repeat } of order) {
    const envelope = envelopes[index] as Envelope;
    // Identity publishes a merge before the events resolved after it (once: not with a repeat).
    if (!repeat) for (const merge of envelope.merges) await publishEvent(bus, PROFILE_MERGED, merge);
    // Validated when prepared: publishing it is all that is timed. No msgId: the bus would drop
    // the second copy of a redelivered envelope, and the point is that the store sees it.
    const sent = publishEncodedEvent(bus, EVENTS_RESOLVED, envelope.payload, { key: envelope.key });
    inFlight.add(sent);
    void sent
      .then(onPublished)
      .finally(() => inFlight.delete(sent))
      .catch(() => undefined);
    if (inFlight.size >= PUBLISH_WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
}

/** Sequential single-profile online reads of every feature; milliseconds each. */
async function timeReads(
  bus: Bus,
  profileIds: readonly string[],
  count: number,
): Promise<{ ms: number[]; features: number }> {
  const ms: number[] = [];
  let features = 0;
  for (let i = 0; i < count; i++) {
    const profileId = profileIds[Math.floor(Math.random() * profileIds.length)] as string;
    const started = performance.now();
    const reply = await sendRequest(bus, FEATURES_GET, { profileIds: [profileId] });
    ms.push(performance.now() - started);
    const vector = reply.profiles[0];
    if (reply.profiles.length !== 1 || vector?.profileId !== profileId)
      throw new Error(`FEATURES_GET for ${profileId} answered ${JSON.stringify(reply).slice(0, 300)}`);
    features = Object.keys(vector.features).length;
  }
  return { ms, features };
}

/** Starts a backfill job and polls its status until it ends; throws when it stops progressing. */
export async function runBackfill(
  bus: Bus,
  request: { verifyOnly?: boolean },
  label: string,
  progress: (line: string) => void,
): Promise<{ status: BackfillStatus; wallMs: number }> {
  const started = performance.now();
  const { jobId } = await sendRequest(bus, FEATURES_BACKFILL_START, request, BACKFILL_REQUEST_TIMEOUT_MS);
  let last: BackfillStatus | undefined;
  let lastChange = started;
  let lastLine = started;
  for (;;) {
    await sleep(STATUS_POLL_MS);
    const status = await sendRequest(bus, FEATURES_BACKFILL_STATUS, { jobId }, BACKFILL_REQUEST_TIMEOUT_MS);
    const now = performance.now();
    const line = (): void =>
      progress(
        `features bench: ${label} ${status.state}, ${status.profilesDone}/${status.profilesTotal} profiles, ` +
          `${status.events} events, ${status.mismatches} mismatches (${((now - started) / 1000).toFixed(1)} s)`,
      );
    if (status.state !== 'running') {
      line();
      return { status, wallMs: now - started };
    }
    if (now - lastLine >= PROGRESS_EVERY_MS) {
      line();
      lastLine = now;
    }
    if (!last || status.profilesDone !== last.profilesDone || status.events !== last.events) lastChange = now;
    else if (now - lastChange > STALL_MS)
      throw new Error(
        `${label} job ${jobId}: no progress for ${STALL_MS / 1000} s (${JSON.stringify(status)})`,
      );
    last = status;
  }
}

/** The job's own duration when it reports both ends, else what the bench saw. */
export function jobSeconds(status: BackfillStatus, wallMs: number): number {
  const ms = status.finishedAt ? Date.parse(status.finishedAt) - Date.parse(status.startedAt) : NaN;
  return (Number.isFinite(ms) && ms > 0 ? ms : wallMs) / 1000;
}

export const featuresBenchmark: Benchmark = {
  name: 'features',
  description:
    'datagen people as EVENTS_RESOLVED envelopes (2% redelivered, 1 person in 10 merged from a second profile) into the feature-store service alone: online events/s until all are stored, single-profile online vector reads p50/p99 on the idle service, then a verify-only backfill (online vs SQL recompute mismatches) and a real backfill (events/s)',
  async run({ quick, root, print }) {
    const users = Number(process.env['FEATURES_BENCH_USERS'] ?? (quick ? QUICK_USERS : FULL_USERS));
    const days = Number(process.env['FEATURES_BENCH_DAYS'] ?? DAYS);
    if (!Number.isInteger(users) || users < 2)
      throw new Error(`FEATURES_BENCH_USERS: a whole number ≥ 2 (got ${users})`);
    if (!Number.isInteger(days) || days < 1)
      throw new Error(`FEATURES_BENCH_DAYS: a whole number ≥ 1 (got ${days})`);
    const start = windowStart(days);
    const transport = await benchTransport('features');
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);
    const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);

    const datagen = (await import(
      pathToFileURL(join(root, 'dist/tools/datagen/src/generate.js')).href
    )) as Datagen;
    const database = await benchDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    let service: ServiceProcess | undefined;
    let bus: Bus | undefined;
    try {
      const env = { DATABASE_URL: database.url, ...transport.env };
      service = await startServiceChild(root, 'feature-store', env, FEATURE_STORE_NODE_FLAGS);
      bus = await createBus(busConfigFor('bench', env));
      row('transport', transport.description);
      row(
        'service',
        `1 feature-store process (node ${FEATURE_STORE_NODE_FLAGS.join(' ')}), ` +
          `FEATURES_DEBOUNCE_MS=${process.env['FEATURES_DEBOUNCE_MS'] ?? 'default'}`,
      );
      row('load average', `${loadavg()[0]?.toFixed(2) ?? '?'} before the run`);

      // Every envelope is made, checked and serialised before the clock starts: generating a
      // million events is the bench's work, not the service's, and would take its CPU.
      const preparing = performance.now();
      const prepared = prepareEnvelopes(datagen.generateLabelledEvents({ seed: SEED, users, days, start }));
      const order = publishOrder(prepared.envelopes.length, REDELIVER_EVERY, REDELIVERY_LAG);
      const repeats = order.filter((o) => o.repeat);
      const publishedEvents = order.reduce((sum, o) => sum + (prepared.envelopes[o.index]?.events ?? 0), 0);
      row(
        'data',
        `datagen seed "${SEED}", ${users} people (${prepared.profileIds.length} profiles) over ${days} days ` +
          `from ${start.slice(0, 10)}: ${prepared.distinct} events`,
      );
      row(
        'merges',
        `${prepared.mergedAway.length} people (1 in ${MERGE_EVERY}) start on a second profile, merged into ` +
          `their main one halfway through their events; ${prepared.lateEvents} later events still name ` +
          `the merged-away profile (resolved before the merge, delivered after it)`,
      );
      row(
        'envelopes',
        `${prepared.envelopes.length} of ${MIN_ENVELOPE}-${MAX_ENVELOPE} events in time order by profile group ` +
          `(${(prepared.bytes / 2 ** 20).toFixed(0)} MiB), ${repeats.length} published twice ` +
          `(${publishedEvents - prepared.distinct} repeated events); made in ` +
          `${((performance.now() - preparing) / 1000).toFixed(1)} s before the clock`,
      );

      const figures: Figures = {
        online_events_per_s: null,
        vector_read_p99_ms: null,
        backfill_events_per_s: null,
        online_offline_mismatches: null,
        vector_read_p50_ms: null,
        events: prepared.distinct,
        merges: prepared.mergedAway.length,
        late_events: prepared.lateEvents,
        merged_leftovers: null,
        quiet_wait_s: null,
        published_events: publishedEvents,
        envelopes: prepared.envelopes.length,
        redelivered_envelopes: repeats.length,
        profiles: prepared.profileIds.length,
        days,
        transport: transport.name,
        online_s: null,
        publish_s: 0,
        vector_reads: 0,
        verify_s: null,
        backfill_s: null,
        backfill_events: null,
        daily_rows: null,
        count_query_s: null,
      };

      // 1. Online ingestion: from the first publish until every distinct event is stored.
      let published = 0;
      let publishedAt: number | undefined;
      let publishError: unknown;
      const started = performance.now();
      const publishing = publishAll(bus, prepared.envelopes, order, () => published++).then(
        () => void (publishedAt = performance.now()),
        (error: unknown) => void (publishError = error),
      );
      let stored = 0;
      let lastChange = started;
      let lastLine = started;
      let storedAt: number | undefined;
      // count(*) scans the table on the cores being measured (~240 ms a poll at 1M rows: 41 s of
      // PostgreSQL work over a 112 s full run when every poll counted). Until the last
      // EXACT_COUNT_LAST events the polls read the insert statistics instead; only a count(*)
      // ends the clock, and its cost is reported.
      let exact = prepared.distinct <= EXACT_COUNT_LAST;
      const counting = { polls: 0, ms: 0, lastMs: 0, estimates: 0 };
      while (storedAt === undefined && publishError === undefined) {
        await sleep(POLL_MS);
        const polling = performance.now();
        const counted = exact;
        const count = counted ? await countRows(pool, 'events') : await insertedRows(pool);
        const now = performance.now();
        if (counted) {
          counting.polls++;
          counting.ms += now - polling;
          counting.lastMs = now - polling;
        } else {
          counting.estimates++;
          // Statistics that stop moving (switched off, or an idle backend yet to report) prove
          // nothing: count.
          exact = count >= prepared.distinct - EXACT_COUNT_LAST || now - lastChange > STATS_QUIET_MS;
        }
        if (count !== stored) {
          stored = count;
          lastChange = now;
        }
        if (counted && stored >= prepared.distinct) storedAt = now;
        else if (now - lastChange > STALL_MS) break;
        if (now - lastLine >= PROGRESS_EVERY_MS || storedAt !== undefined) {
          const seconds = (now - started) / 1000;
          progress(
            `features bench: ${seconds.toFixed(0)} s, published ${published}/${order.length} envelopes, ` +
              `stored ${counted ? '' : '~'}${stored}/${prepared.distinct} events (${Math.round(stored / seconds)} events/s)`,
          );
          lastLine = now;
        }
      }
      await publishing;
      figures.publish_s = round(((publishedAt ?? performance.now()) - started) / 1000);
      row(
        'published',
        `${order.length} envelopes (${publishedEvents} events) in ${figures.publish_s} s, ${PUBLISH_WINDOW} in flight`,
      );
      if (publishError !== undefined) {
        benchFailed(print, 'features', `publishing failed: ${String(publishError)}`);
        return figures;
      }
      if (storedAt === undefined) {
        benchFailed(
          print,
          'features',
          `only ${stored} of ${prepared.distinct} events were stored, none in the last ${STALL_MS / 1000} s; ` +
            `service output:\n${service.output().slice(-4_000)}`,
        );
        return figures;
      }
      const onlineSeconds = (storedAt - started) / 1000;
      figures.online_s = round(onlineSeconds);
      figures.online_events_per_s = Math.round(prepared.distinct / onlineSeconds);
      // The ledger keeps one row per event: a redelivery that slipped through shows up here.
      const finalCount = await countRows(pool, 'events');
      figures.daily_rows = await countRows(pool, 'daily');
      row(
        'stored',
        `${finalCount} events (expected ${prepared.distinct}), all ${figures.online_s} s after the first publish ` +
          `(polled every ${POLL_MS} ms): ${figures.online_events_per_s} events/s online`,
      );
      figures.count_query_s = round(counting.ms / 1000);
      row(
        'counting',
        `${counting.estimates} polls of the insert statistics, then ${counting.polls} count(*) ` +
          `(the last ${Math.min(EXACT_COUNT_LAST, prepared.distinct)} events): ${figures.count_query_s} s in all, ` +
          `the last one ${round(counting.lastMs)} ms`,
      );
      row('daily', `${figures.daily_rows} (profile, day) rows`);
      if (finalCount !== prepared.distinct)
        benchFailed(print, 'features', `${finalCount} events stored for ${prepared.distinct} distinct`);

      // Every merge applied (they go through a consumer of their own), then nothing may be left on
      // the profiles merged away.
      const mergesStarted = performance.now();
      let merged = await countRows(pool, 'merged_profiles');
      while (merged < prepared.mergedAway.length && performance.now() - mergesStarted < STALL_MS) {
        await sleep(POLL_MS);
        merged = await countRows(pool, 'merged_profiles');
      }
      figures.merged_leftovers = await leftOnMerged(pool, prepared.mergedAway);
      row(
        'merged',
        `${merged}/${prepared.mergedAway.length} merges applied ` +
          `(${round((performance.now() - mergesStarted) / 1000)} s after the last event was stored); ` +
          `${figures.merged_leftovers} events or days left on merged-away profiles`,
      );
      if (merged < prepared.mergedAway.length || figures.merged_leftovers !== 0)
        benchFailed(print, 'features', 'merges were not applied whole (see "merged")');

      // The envelopes are not needed any more: the bench's own heap (GC) stays out of the reads.
      prepared.envelopes.length = 0;
      figures.quiet_wait_s = round((await settleDatabase(pool)) / 1000);
      collectGarbage();
      row('settled', `VACUUM (ANALYZE) and autovacuum idle in ${figures.quiet_wait_s} s, then the reads`);

      // 2. Online vector reads, one profile at a time.
      await timeReads(bus, prepared.profileIds, WARMUP_READS);
      const reads = await timeReads(bus, prepared.profileIds, READS);
      figures.vector_reads = READS;
      figures.vector_read_p50_ms = round(percentile(reads.ms, 50));
      figures.vector_read_p99_ms = round(percentile(reads.ms, 99));
      row(
        'vector reads',
        `${READS} sequential FEATURES_GET of 1 random profile, ${reads.features} features each ` +
          `(after ${WARMUP_READS} warm-up): p50 ${figures.vector_read_p50_ms} ms, p99 ` +
          `${figures.vector_read_p99_ms} ms, max ${round(Math.max(...reads.ms))} ms`,
      );

      // 3. Online == offline, then a real backfill.
      try {
        const verify = await runBackfill(bus, { verifyOnly: true }, 'verify', progress);
        if (verify.status.state !== 'done')
          throw new Error(`the verify-only job ${verify.status.state}: ${verify.status.error ?? ''}`);
        figures.online_offline_mismatches = verify.status.mismatches;
        figures.verify_s = round(jobSeconds(verify.status, verify.wallMs));
        row(
          'verify',
          `${verify.status.mismatches} (profile, day) mismatches between online and the SQL recompute ` +
            `(${verify.status.profilesDone} profiles, ${verify.status.events} events in ${figures.verify_s} s)`,
        );
        const backfill = await runBackfill(bus, {}, 'backfill', progress);
        if (backfill.status.state !== 'done')
          throw new Error(`the backfill job ${backfill.status.state}: ${backfill.status.error ?? ''}`);
        const seconds = jobSeconds(backfill.status, backfill.wallMs);
        figures.backfill_s = round(seconds);
        figures.backfill_events = backfill.status.events;
        figures.backfill_events_per_s = Math.round(backfill.status.events / seconds);
        row(
          'backfill',
          `${backfill.status.events} events, ${backfill.status.profilesDone} profiles in ${figures.backfill_s} s ` +
            `(job clock; ${round(backfill.wallMs / 1000)} s seen by the bench): ` +
            `${figures.backfill_events_per_s} events/s`,
        );
      } catch (error) {
        const unanswered =
          error instanceof BusError && (error.code === 'NO_RESPONDERS' || error.code === 'TIMEOUT');
        benchFailed(
          print,
          'features',
          unanswered
            ? `the service does not answer the backfill requests (${error.code}: ${error.message}): ` +
                'backfill_events_per_s and online_offline_mismatches not measured'
            : `backfill: ${error instanceof Error ? error.message : String(error)}`,
        );
      }

      const problems = service.problems();
      row(
        'service log',
        problems.count === 0
          ? 'no warning or error'
          : `${problems.count} warnings/errors, the last: ${problems.last?.slice(0, 300) ?? ''}`,
      );
      return figures;
    } finally {
      await bus?.close();
      await pool.end();
      const code = await service?.stop();
      if (service && code !== 0) {
        benchFailed(
          print,
          'features',
          `the feature-store service exited with ${code} on SIGTERM:\n${service.output()}`,
        );
      }
      await transport.release();
      await database.release();
    }
  },
};
