import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { RAW_EVENTS_RECEIVED, type NormalizedEvent } from '@cdp/ingestion/contracts';
import { busConfigFor, createBus, JsonText, publishEncodedEvent, type Bus } from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { readResolved } from './resolved-reader.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';
import { round, type Benchmark, type BenchOptions } from './bench.js';

/**
 * The full run: the issue's 50,000 people, over the window that gives about 1,000,000 events
 * (3 days: ~21 events per person). `--quick`: 2,000 people over the same window (~42k events).
 * IDENTITY_BENCH_USERS / IDENTITY_BENCH_DAYS override them (e.g. 8,000 people over 30 days, for
 * more people on several devices).
 */
const FULL_USERS = 50_000;
const QUICK_USERS = 2_000;
const DAYS = 3;
const SEED = 'bench-identity';
const START = '2026-10-01T00:00:00.000Z';
/** Envelope sizes cycle through 100–500 events, as requests of varied sizes would. */
const MIN_ENVELOPE = 100;
const MAX_ENVELOPE = 500;
/** Publishes awaiting their ack at once (one connection: JetStream keeps their order). */
const PUBLISH_WINDOW = 4;
/**
 * Identity replicas sharing the work (IDENTITY_BENCH_REPLICAS): their transactions take turns on
 * the graph lock while the rest (decoding, checking, extracting, publishing) runs on both cores.
 */
const REPLICAS = 2;
/**
 * Resolving allocates short-lived objects per event; a 64 MB young generation takes garbage
 * collection from ~13% to 11–12% of the service's CPU profile (README, "Identity resolution").
 */
const IDENTITY_NODE_FLAGS = ['--max-semi-space-size=64'];
/** No event resolved for this long while some are missing: the run has failed. */
const STALL_MS = 120_000;

/** The parts of tools/datagen's labelled events the bench reads (loaded from the build). */
interface LabelledEventLike {
  event: { messageId: string; timestamp: string } & Record<string, unknown>;
  person: number;
  truth: string;
  sharedDevice: boolean;
  junk: boolean;
}

interface Datagen {
  generateLabelledEvents(options: {
    seed: string;
    users: number;
    days: number;
    start: string;
  }): Iterable<LabelledEventLike>;
}

// A type, not an interface: it has to fit Benchmark's Record<string, unknown>.
type Figures = {
  precision: number;
  recall: number;
  profiles_with_two_user_ids: number;
  events_per_s: number;
  events: number;
  people: number;
  days: number;
  transport: string;
  /** Identity service processes. */
  replicas: number;
  duration_s: number;
  publish_s: number;
  /** Recall against the people themselves: devices nobody identifies on cannot be joined. */
  recall_people: number;
  profiles: number;
  merges: number;
};

/** Ground truth and outcome per event, by event number (the order the events were made). */
class Outcome {
  readonly index = new Map<string, number>();
  truth: number[] = [];
  person: number[] = [];
  flags: number[] = [];
  /** Resolved profile (interned), -1 until resolved. */
  profile: Int32Array = new Int32Array(0);
  readonly truthIds = new Map<string, number>();
  readonly profileIds = new Map<string, number>();
  readonly profileNames: string[] = [];
  readonly truthNames: string[] = [];
  resolved = 0;

  static readonly SHARED = 1;
  static readonly JUNK = 2;

  add(labelled: LabelledEventLike): void {
    this.index.set(labelled.event.messageId, this.truth.length);
    let truth = this.truthIds.get(labelled.truth);
    if (truth === undefined) {
      truth = this.truthNames.length;
      this.truthIds.set(labelled.truth, truth);
      this.truthNames.push(labelled.truth);
    }
    this.truth.push(truth);
    this.person.push(labelled.person);
    this.flags.push((labelled.sharedDevice ? Outcome.SHARED : 0) | (labelled.junk ? Outcome.JUNK : 0));
  }

  get size(): number {
    return this.truth.length;
  }

  /** Grows the profile column to the events made so far. */
  reserve(): void {
    if (this.profile.length >= this.size) return;
    const grown = new Int32Array(Math.max(this.size, this.profile.length * 2, 1024)).fill(-1);
    grown.set(this.profile);
    this.profile = grown;
  }

  /** The profile's number, given on first sight. */
  profileNumber(profileId: string): number {
    let profile = this.profileIds.get(profileId);
    if (profile === undefined) {
      profile = this.profileNames.length;
      this.profileIds.set(profileId, profile);
      this.profileNames.push(profileId);
    }
    return profile;
  }

  /**
   * Each event's profile as it is now: one merged away after its events were published hands
   * them to the profile it went into (-1: not resolved).
   */
  finalProfiles(mergedInto: ReadonlyMap<string, string>): Int32Array {
    const finalOf = new Map<number, number>([[-1, -1]]);
    const final = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const p = this.profile[i] as number;
      let f = finalOf.get(p);
      if (f === undefined) {
        const into = mergedInto.get(this.profileNames[p] as string);
        f = into === undefined ? p : this.profileNumber(into);
        finalOf.set(p, f);
      }
      final[i] = f;
    }
    return final;
  }

  /** Records a resolved event; false for one the bench did not send or has seen already. */
  resolve(messageId: string, profileId: string): boolean {
    const i = this.index.get(messageId);
    if (i === undefined) return false;
    this.reserve();
    const profile = this.profileNumber(profileId);
    const first = this.profile[i] === -1;
    this.profile[i] = profile;
    if (first) this.resolved++;
    return first;
  }
}

interface PairCounts {
  /** Pairs of events in one profile and of one truth. */
  both: number;
  samePredicted: number;
  sameTruth: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/**
 * Pairwise counts from the contingency table of (truth, profile) over the selected events:
 * Σ C(n_ij, 2), Σ C(n_.j, 2), Σ C(n_i., 2); linear in events, never the n² pairs.
 */
function pairCounts(
  truth: ArrayLike<number>,
  profile: ArrayLike<number>,
  select: (i: number) => boolean,
): PairCounts {
  const cells = new Map<number, number>();
  const byProfile = new Map<number, number>();
  const byTruth = new Map<number, number>();
  const PROFILE_SPACE = 2 ** 24;
  for (let i = 0; i < truth.length; i++) {
    if (!select(i)) continue;
    const t = truth[i] as number;
    const p = profile[i] as number;
    const cell = t * PROFILE_SPACE + p;
    cells.set(cell, (cells.get(cell) ?? 0) + 1);
    byProfile.set(p, (byProfile.get(p) ?? 0) + 1);
    byTruth.set(t, (byTruth.get(t) ?? 0) + 1);
  }
  let both = 0;
  let samePredicted = 0;
  let sameTruth = 0;
  for (const n of cells.values()) both += pairs(n);
  for (const n of byProfile.values()) samePredicted += pairs(n);
  for (const n of byTruth.values()) sameTruth += pairs(n);
  return { both, samePredicted, sameTruth };
}

const precisionOf = (c: PairCounts): number => (c.samePredicted === 0 ? 1 : c.both / c.samePredicted);
const recallOf = (c: PairCounts): number => (c.sameTruth === 0 ? 1 : c.both / c.sameTruth);

/** A datagen event as ingestion would have accepted it. */
function normalized(event: LabelledEventLike['event'], receivedAt: string): NormalizedEvent {
  return { ...event, integrations: {}, receivedAt } as unknown as NormalizedEvent;
}

/**
 * The events cut into RAW_EVENTS_RECEIVED envelopes of MIN_ENVELOPE–MAX_ENVELOPE events, as
 * ingestion would publish them, each checked against the contract's schema.
 */
function prepareEnvelopes(labelled: Iterable<LabelledEventLike>, outcome: Outcome): JsonText[] {
  const envelopes: JsonText[] = [];
  let events: NormalizedEvent[] = [];
  let size = MIN_ENVELOPE;
  const close = (): void => {
    const envelope = RAW_EVENTS_RECEIVED.schema.parse({
      sourceId: 'bench-identity',
      requestId: randomUUID(),
      receivedAt: events[0]?.receivedAt ?? new Date().toISOString(),
      events,
    });
    envelopes.push(new JsonText(JSON.stringify(envelope)));
    events = [];
    size = MIN_ENVELOPE + ((envelopes.length * 7_919) % (MAX_ENVELOPE - MIN_ENVELOPE + 1));
  };
  for (const item of labelled) {
    outcome.add(item);
    events.push(normalized(item.event, item.event.timestamp));
    if (events.length >= size) close();
  }
  if (events.length > 0) close();
  return envelopes;
}

/** Which profile each merged-away profile ended in, and the issue's "two user_ids" count. */
async function readGraph(databaseUrl: string): Promise<{
  mergedInto: Map<string, string>;
  twoUserIds: number;
  liveProfiles: number;
  merges: number;
  dropped: Array<{ type: string; rule: string; count: number }>;
}> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const merged = await pool.query<{ id: string; merged_into: string }>(
      'SELECT id, merged_into FROM identity.profiles WHERE merged_into IS NOT NULL',
    );
    const two = await pool.query<{ count: string }>(
      `SELECT count(*) FROM (SELECT profile_id FROM identity.identifiers WHERE type = 'user_id'
         GROUP BY profile_id HAVING count(*) > 1) x`,
    );
    const live = await pool.query<{ count: string }>(
      'SELECT count(*) FROM identity.profiles WHERE merged_into IS NULL',
    );
    const merges = await pool.query<{ count: string }>('SELECT count(*) FROM identity.merges');
    // The rule is the reason up to its first detail: "blocked value", "user_id limit 1 reached", ...
    const dropped = await pool.query<{ type: string; rule: string; count: string }>(
      `SELECT type, split_part(split_part(reason, ':', 1), ' "', 1) AS rule, count(*)
       FROM identity.dropped_identifiers GROUP BY 1, 2 ORDER BY 3 DESC`,
    );
    return {
      mergedInto: new Map(merged.rows.map((r) => [r.id, r.merged_into])),
      twoUserIds: Number(two.rows[0]?.count ?? 0),
      liveProfiles: Number(live.rows[0]?.count ?? 0),
      merges: Number(merges.rows[0]?.count ?? 0),
      dropped: dropped.rows.map((r) => ({ type: r.type, rule: r.rule, count: Number(r.count) })),
    };
  } finally {
    await pool.end();
  }
}

/**
 * The profiles holding most wrongly joined pairs, and the truths split most, with their make-up
 * (resolved events only).
 */
function worstCases(outcome: Outcome, profile: Int32Array, print: BenchOptions['print']): void {
  const members = new Map<number, Map<number, number[]>>(); // profile → truth → event numbers
  const parts = new Map<number, Map<number, number>>(); // truth → profile → events
  for (let i = 0; i < outcome.size; i++) {
    const p = profile[i] as number;
    if (p === -1) continue; // never resolved
    const t = outcome.truth[i] as number;
    let truths = members.get(p);
    if (!truths) members.set(p, (truths = new Map()));
    let list = truths.get(t);
    if (!list) truths.set(t, (list = []));
    list.push(i);
    let split = parts.get(t);
    if (!split) parts.set(t, (split = new Map()));
    split.set(p, (split.get(p) ?? 0) + 1);
  }
  const describe = (events: number[]): string => {
    const shared = events.filter((i) => (outcome.flags[i] as number) & Outcome.SHARED).length;
    const junk = events.filter((i) => (outcome.flags[i] as number) & Outcome.JUNK).length;
    return `${events.length} events (${shared} on a shared device, ${junk} with junk ids)`;
  };
  const mixed = [...members.entries()]
    .map(([p, truths]) => {
      const sizes = [...truths.values()].map((l) => l.length);
      const all = sizes.reduce((a, b) => a + b, 0);
      return { p, truths, wrong: pairs(all) - sizes.reduce((a, n) => a + pairs(n), 0) };
    })
    .filter((m) => m.wrong > 0)
    .sort((a, b) => b.wrong - a.wrong);
  const split = [...parts.entries()]
    .map(([t, profiles]) => {
      const sizes = [...profiles.values()];
      const all = sizes.reduce((a, b) => a + b, 0);
      return { t, profiles, lost: pairs(all) - sizes.reduce((a, n) => a + pairs(n), 0) };
    })
    .filter((s) => s.lost > 0)
    .sort((a, b) => b.lost - a.lost);
  print(`wrong joins: ${mixed.length} profiles hold events of more than one truth`);
  for (const m of mixed.slice(0, 3)) {
    print(`  profile ${outcome.profileNames[m.p] ?? m.p}: ${m.wrong} wrong pairs`);
    const largest = [...m.truths].sort((a, b) => b[1].length - a[1].length);
    for (const [t, events] of largest.slice(0, 4))
      print(`    ${outcome.truthNames[t] ?? t}: ${describe(events)}`);
    if (largest.length > 4) print(`    and ${largest.length - 4} more truths`);
  }
  print(`splits: ${split.length} truths are spread over more than one profile`);
  for (const s of split.slice(0, 3)) {
    const spread = [...s.profiles.values()].sort((a, b) => b - a).join(' + ');
    print(
      `  ${outcome.truthNames[s.t] ?? s.t}: ${s.lost} lost pairs, events in ${s.profiles.size} profiles (${spread})`,
    );
  }
}

export const identityBenchmark: Benchmark = {
  name: 'identity',
  description:
    'datagen people with shared devices, email variants and junk ids, published as raw event envelopes to the identity service alone (2 replicas): pairwise precision/recall against the ground truth, profiles with two user_ids, events/s resolved end to end',
  async run({ quick, root, print }) {
    const users = Number(process.env['IDENTITY_BENCH_USERS'] ?? (quick ? QUICK_USERS : FULL_USERS));
    const days = Number(process.env['IDENTITY_BENCH_DAYS'] ?? DAYS);
    if (!Number.isInteger(users) || users < 2)
      throw new Error(`IDENTITY_BENCH_USERS: a whole number ≥ 2 (got ${users})`);
    if (!Number.isInteger(days) || days < 1)
      throw new Error(`IDENTITY_BENCH_DAYS: a whole number ≥ 1 (got ${days})`);
    const replicas = Number(process.env['IDENTITY_BENCH_REPLICAS'] ?? REPLICAS);
    if (!Number.isInteger(replicas) || replicas < 1)
      throw new Error(`IDENTITY_BENCH_REPLICAS: a whole number ≥ 1 (got ${replicas})`);
    const transport = await benchTransport('identity');
    const progress = (line: string): void => void process.stderr.write(`${line}\n`);

    const datagen = (await import(
      pathToFileURL(join(root, 'dist/tools/datagen/src/generate.js')).href
    )) as Datagen;
    const database = await benchDatabase();
    const services: ServiceProcess[] = [];
    let bus: Bus | undefined;
    try {
      const env = { DATABASE_URL: database.url, ...transport.env };
      // One after the other: the first one migrates the database.
      for (let i = 0; i < replicas; i++)
        services.push(await startServiceChild(root, 'identity', env, IDENTITY_NODE_FLAGS));
      bus = await createBus(busConfigFor('bench', env));
      const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
      row('transport', transport.description);
      row(
        'data',
        `datagen seed "${SEED}", ${users} people over ${days} days from ${START.slice(0, 10)}, ` +
          `in envelopes of ${MIN_ENVELOPE}-${MAX_ENVELOPE} events`,
      );
      row(
        'service',
        `${replicas} identity replica${replicas === 1 ? '' : 's'} (IDENTITY_BENCH_REPLICAS), node ${IDENTITY_NODE_FLAGS.join(' ')}`,
      );
      row('load average', `${loadavg()[0]?.toFixed(2) ?? '?'} before the run`);

      // Every envelope is made (and checked against RAW_EVENTS_RECEIVED) before the clock starts:
      // generating a million events is the bench's work, not the service's, and on two cores it
      // would take CPU from the service being measured.
      const outcome = new Outcome();
      const prepared = prepareEnvelopes(
        datagen.generateLabelledEvents({ seed: SEED, users, days, start: START }),
        outcome,
      );
      outcome.reserve();
      progress(`identity bench: ${outcome.size} events made in ${prepared.length} envelopes`);
      let lastResolvedAt = 0;
      let publishing = true;
      let allResolved: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (allResolved = resolve));
      const reader = await readResolved(transport.jetstream ? transport : bus, (messageId, profileId) => {
        if (outcome.resolve(messageId, profileId)) lastResolvedAt = performance.now();
        if (!publishing && outcome.resolved === outcome.size) allResolved();
      });

      const started = performance.now();
      const cpuBefore = process.cpuUsage();
      const report = (): void => {
        const seconds = (performance.now() - started) / 1000;
        progress(
          `identity bench: ${seconds.toFixed(0)} s, published ${outcome.size} events${publishing ? '' : ' (all)'}, ` +
            `resolved ${outcome.resolved} (${Math.round(outcome.resolved / seconds)} events/s)`,
        );
      };
      const ticker = setInterval(report, 5_000);
      ticker.unref();

      let envelopes = 0;
      const inFlight = new Set<Promise<unknown>>();
      try {
        for (const payload of prepared) {
          // Validated when prepared: publishing it is all that is timed.
          const sent = publishEncodedEvent(bus, RAW_EVENTS_RECEIVED, payload);
          envelopes++;
          inFlight.add(sent);
          void sent.finally(() => inFlight.delete(sent)).catch(() => undefined);
          if (inFlight.size >= PUBLISH_WINDOW) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      } finally {
        publishing = false;
      }
      const published = performance.now();
      if (outcome.resolved === outcome.size) allResolved();
      progress(`identity bench: all ${outcome.size} events published in ${envelopes} envelopes`);

      // Waits for the last event, or gives up once nothing has been resolved for STALL_MS.
      let stalled = false;
      await Promise.race([
        done,
        new Promise<void>((resolve) => {
          const check = setInterval(() => {
            const since = performance.now() - Math.max(lastResolvedAt, published);
            if (outcome.resolved === outcome.size || since > STALL_MS) {
              stalled = outcome.resolved < outcome.size;
              clearInterval(check);
              resolve();
            }
          }, 1_000);
        }),
      ]);
      clearInterval(ticker);
      const cpu = process.cpuUsage(cpuBefore);
      await reader.stop();
      report();
      if (stalled) {
        benchFailed(
          print,
          'identity',
          `only ${outcome.resolved} of ${outcome.size} events were resolved, none in the last ${STALL_MS / 1000} s; ` +
            `service output:\n${services.map((s) => s.output().slice(-4_000)).join('\n')}`,
        );
      }

      const seconds = (lastResolvedAt - started) / 1000;
      const graph = await readGraph(database.url);
      const finalProfile = outcome.finalProfiles(graph.mergedInto);
      const resolvedOnly = (i: number): boolean => (outcome.profile[i] as number) !== -1;
      const overall = pairCounts(outcome.truth, finalProfile, resolvedOnly);
      const people = pairCounts(outcome.person, finalProfile, resolvedOnly);
      const subsets: Array<[string, (i: number) => boolean]> = [
        ['all events', resolvedOnly],
        [
          'on a shared device',
          (i) => resolvedOnly(i) && ((outcome.flags[i] as number) & Outcome.SHARED) !== 0,
        ],
        ['with junk ids', (i) => resolvedOnly(i) && ((outcome.flags[i] as number) & Outcome.JUNK) !== 0],
        ['the others', (i) => resolvedOnly(i) && outcome.flags[i] === 0],
      ];

      const figures: Figures = {
        precision: round(precisionOf(overall), 5),
        recall: round(recallOf(overall), 5),
        profiles_with_two_user_ids: graph.twoUserIds,
        events_per_s: Math.round(outcome.resolved / seconds),
        events: outcome.size,
        people: users,
        days,
        transport: transport.name,
        replicas,
        duration_s: round(seconds),
        publish_s: round((published - started) / 1000),
        recall_people: round(recallOf(people), 5),
        profiles: graph.liveProfiles,
        merges: graph.merges,
      };
      row(
        'published',
        `${outcome.size} events in ${envelopes} envelopes in ${figures.publish_s} s ` +
          `(bench process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s over the run)`,
      );
      row(
        'resolved',
        `${outcome.resolved} events, last one ${figures.duration_s} s after the first publish: ` +
          `${figures.events_per_s} events/s end to end`,
      );
      const problems = services.map((s) => s.problems());
      const count = problems.reduce((sum, p) => sum + p.count, 0);
      const last = problems.find((p) => p.last)?.last;
      row(
        'service log',
        count === 0
          ? 'no warning or error'
          : `${count} warnings/errors, the last: ${last?.slice(0, 300) ?? ''}`,
      );
      row(
        'profiles',
        `${graph.liveProfiles} live, ${graph.merges} merges, ${outcome.truthNames.length} truths`,
      );
      row('two user_ids', `${graph.twoUserIds} profiles`);
      print('pairwise "same profile" against the truth (pairs within each subset of events):');
      print(
        `  ${'events'.padEnd(20)}${'events'.padStart(10)}${'precision'.padStart(12)}${'recall'.padStart(10)}`,
      );
      for (const [name, select] of subsets) {
        const counts = pairCounts(outcome.truth, finalProfile, select);
        let n = 0;
        for (let i = 0; i < outcome.size; i++) if (select(i)) n++;
        print(
          `  ${name.padEnd(20)}${String(n).padStart(10)}${precisionOf(counts).toFixed(5).padStart(12)}${recallOf(counts).toFixed(5).padStart(10)}`,
        );
      }
      print(
        `  against the people themselves: recall ${figures.recall_people} (devices nobody identifies on ` +
          `cannot be joined to their owner; not a target)`,
      );
      print(
        `dropped ids:  ${graph.dropped.map((d) => `${d.type} ${d.rule}: ${d.count}`).join('; ') || 'none'}`,
      );
      worstCases(outcome, finalProfile, print);
      return figures;
    } finally {
      await bus?.close();
      for (const service of services) {
        const code = await service.stop();
        if (code !== 0) {
          benchFailed(
            print,
            'identity',
            `an identity replica exited with ${code} on SIGTERM:\n${service.output()}`,
          );
        }
      }
      await transport.release();
      await database.release();
    }
  },
};
