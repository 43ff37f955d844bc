import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  daysFromEvents,
  FEATURE_CATALOG,
  measuresOf,
  type DayMeasures,
  type FeatureEvent,
} from '@cdp/feature-store/domain';
import { copyRows, withTransaction, type CopyValue } from '@cdp/shared/util-db';
import { busConfigFor, createBus, type Bus } from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { round, type Benchmark } from './bench.js';
import {
  jobSeconds,
  runBackfill,
  windowStart,
  type Datagen,
  type LabelledEventLike,
} from './features.bench.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/**
 * The "10M events": 116,000 datagen people over 20 days make about 10 million. `--quick`:
 * 1,200 people (~100k events). FEATURES_BACKFILL_BENCH_USERS overrides.
 */
const FULL_USERS = 116_000;
const QUICK_USERS = 1_200;
const DAYS = 20;
const SEED = 'bench-features-backfill';
const SOURCE_ID = 'bench-backfill';
/** Rows per COPY transaction while loading the event log. */
const LOAD_BATCH = 50_000;
/** Profiles whose backfilled days are checked against the TypeScript reference fold. */
const SAMPLE = 200;

const COLUMNS = [
  'source_id',
  'message_id',
  'profile_id',
  'ts',
  'type',
  'event',
  'name',
  'user_id',
  'anonymous_id',
  'properties',
  'traits',
  'context',
  'received_at',
];

function copyRow(profileId: string, event: LabelledEventLike['event']): CopyValue[] {
  const e = event as Record<string, unknown>;
  return [
    SOURCE_ID,
    event.messageId,
    profileId,
    event.timestamp,
    e['type'] as string,
    e['event'] as string | undefined,
    e['name'] as string | undefined,
    e['userId'] as string | undefined,
    e['anonymousId'] as string | undefined,
    e['properties'] as object | undefined,
    e['traits'] as object | undefined,
    e['context'] as object | undefined,
    event.timestamp,
  ];
}

type Figures = {
  backfill_events: number | null;
  backfill_s: number | null;
  backfill_events_per_s: number | null;
  /** Sampled profiles whose backfilled days differ from the TypeScript reference (must be 0). */
  sample_mismatches: number | null;
  sampled_profiles: number;
  profiles: number;
  days: number;
  load_s: number;
  daily_rows: number | null;
  transport: string;
};

/**
 * The offline backfill at scale: the event log is filled directly (COPY, as if the online store had
 * taken the events), then the service's backfill job recomputes every profile's days; a sample of
 * profiles is checked against the TypeScript fold of their events.
 */
export const featuresBackfillBenchmark: Benchmark = {
  name: 'features-backfill',
  description:
    "the feature store's SQL backfill over ~10M events (datagen people loaded straight into the event log): events/s of the job, and a sample of profiles checked against the TypeScript reference",
  async run({ quick, root, print }) {
    const users = Number(process.env['FEATURES_BACKFILL_BENCH_USERS'] ?? (quick ? QUICK_USERS : FULL_USERS));
    if (!Number.isInteger(users) || users < 2)
      throw new Error(`FEATURES_BACKFILL_BENCH_USERS: a whole number ≥ 2 (got ${users})`);
    const transport = await benchTransport('backfill');
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);
    const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
    const datagen = (await import(
      pathToFileURL(join(root, 'dist/tools/datagen/src/generate.js')).href
    )) as Datagen;
    const database = await benchDatabase();
    const pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const figures: Figures = {
      backfill_events: null,
      backfill_s: null,
      backfill_events_per_s: null,
      sample_mismatches: null,
      sampled_profiles: 0,
      profiles: 0,
      days: DAYS,
      load_s: 0,
      daily_rows: null,
      transport: transport.name,
    };
    let bus: Bus | undefined;
    let service: ServiceProcess | undefined;
    try {
      const env = { DATABASE_URL: database.url, ...transport.env };
      service = await startServiceChild(root, 'feature-store', env);
      bus = await createBus(busConfigFor('bench', env));
      row('transport', transport.description);

      // 1. The event log, straight from datagen (streamed: 10M events never sit in memory).
      const loading = performance.now();
      const profileOf = new Map<number, string>();
      let batch: CopyValue[][] = [];
      let events = 0;
      let lastLine = loading;
      const flush = async (): Promise<void> => {
        const rows = batch;
        batch = [];
        await withTransaction(pool, (client) => copyRows(client, 'feature_store.events', COLUMNS, rows));
      };
      for (const { person, event } of datagen.generateLabelledEvents({
        seed: SEED,
        users,
        days: DAYS,
        start: windowStart(DAYS),
      })) {
        let profileId = profileOf.get(person);
        if (profileId === undefined) profileOf.set(person, (profileId = randomUUID()));
        batch.push(copyRow(profileId, event));
        events++;
        if (batch.length >= LOAD_BATCH) {
          await flush();
          if (performance.now() - lastLine > 10_000) {
            progress(`features-backfill bench: loaded ${events} events`);
            lastLine = performance.now();
          }
        }
      }
      if (batch.length > 0) await flush();
      await pool.query('ANALYZE feature_store.events');
      figures.load_s = round((performance.now() - loading) / 1000);
      figures.profiles = profileOf.size;
      row(
        'data',
        `datagen seed "${SEED}", ${users} people (${profileOf.size} profiles) over ${DAYS} days: ${events} events ` +
          `copied into feature_store.events in ${figures.load_s} s (not timed)`,
      );

      // 2. The backfill job, as `features backfill` runs it.
      const backfill = await runBackfill(bus, {}, 'backfill', progress);
      if (backfill.status.state !== 'done')
        throw new Error(`the backfill job ${backfill.status.state}: ${backfill.status.error ?? ''}`);
      const seconds = jobSeconds(backfill.status, backfill.wallMs);
      figures.backfill_s = round(seconds);
      figures.backfill_events = backfill.status.events;
      figures.backfill_events_per_s = Math.round(backfill.status.events / seconds);
      const daily = await pool.query<{ n: string }>('SELECT count(*) AS n FROM feature_store.daily');
      figures.daily_rows = Number(daily.rows[0]?.n ?? 0);
      row(
        'backfill',
        `${backfill.status.events} events, ${backfill.status.profilesDone} profiles, ${figures.daily_rows} ` +
          `(profile, day) rows in ${figures.backfill_s} s (job clock): ${figures.backfill_events_per_s} events/s` +
          ` (10M events would take ${round(10_000_000 / figures.backfill_events_per_s / 60, 1)} min)`,
      );
      if (backfill.status.events !== events)
        benchFailed(print, 'features-backfill', `the job saw ${backfill.status.events} of ${events} events`);

      // 3. A sample of profiles: the SQL's days equal the TypeScript fold of their events.
      const measures = measuresOf(FEATURE_CATALOG);
      const ids = [...profileOf.values()];
      const sample = Array.from(
        { length: Math.min(SAMPLE, ids.length) },
        (_, i) => ids[Math.floor((i * ids.length) / Math.min(SAMPLE, ids.length))] as string,
      );
      let mismatches = 0;
      for (const profileId of sample) {
        const expected = daysFromEvents(await historyOf(pool, profileId), measures);
        // Key order aside (isDeepStrictEqual ignores it), as the verify job compares.
        if (!isDeepStrictEqual(expected, await storedDays(pool, profileId))) mismatches++;
      }
      figures.sampled_profiles = sample.length;
      figures.sample_mismatches = mismatches;
      row(
        'sample',
        `${sample.length} profiles' days checked against the TypeScript fold: ${mismatches} differ`,
      );
      if (mismatches > 0) benchFailed(print, 'features-backfill', `${mismatches} sampled profiles differ`);
      return figures;
    } catch (error) {
      benchFailed(print, 'features-backfill', error instanceof Error ? error.message : String(error));
      return figures;
    } finally {
      await bus?.close();
      await pool.end();
      await service?.stop();
      await transport.release();
      await database.release();
    }
  },
};

/** A profile's events as the measures read them, in time order (as the event log keeps them). */
async function historyOf(pool: pg.Pool, profileId: string): Promise<FeatureEvent[]> {
  const result = await pool.query<Record<string, unknown> & { message_id: string; type: string; ts: Date }>(
    `SELECT message_id, type, ts, event, name, user_id, anonymous_id, properties, traits, context
     FROM feature_store.events WHERE profile_id = $1 ORDER BY ts, message_id COLLATE "C", source_id COLLATE "C"`,
    [profileId],
  );
  return result.rows.map((r) => {
    const event: Record<string, unknown> = {
      messageId: r.message_id,
      type: r.type,
      timestamp: r.ts.toISOString(),
    };
    // Only SQL NULL columns are absent: a JSON null inside properties stays as it is.
    const optional = {
      event: r['event'],
      name: r['name'],
      userId: r['user_id'],
      anonymousId: r['anonymous_id'],
    };
    for (const [key, value] of Object.entries({
      ...optional,
      properties: r['properties'],
      traits: r['traits'],
      context: r['context'],
    }))
      if (value !== null) event[key] = value;
    return event as unknown as FeatureEvent;
  });
}

/** The days the backfill wrote for a profile. */
async function storedDays(pool: pg.Pool, profileId: string): Promise<Map<string, DayMeasures>> {
  const result = await pool.query<{ day: string; measures: DayMeasures }>(
    'SELECT day::text AS day, measures FROM feature_store.daily WHERE profile_id = $1 ORDER BY day',
    [profileId],
  );
  return new Map(result.rows.map((r) => [r.day, r.measures]));
}
