import autocannon from 'autocannon';
import pg from 'pg';
import { PARTNER_CREATE, PARTNER_SHARE } from '@cdp/ad-feeds/contracts';
import { AUDIENCE_CHANGES, AUDIENCES_LIST, type AudienceView } from '@cdp/activation/contracts';
import { copyRows, withTransaction } from '@cdp/shared/util-db';
import { answerRequests, busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { round, type Benchmark } from './bench.js';
import { benchDatabase } from './bench-database.js';
import { RTB_AUDIENCES, RtbData } from './rtb-data.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

const PROFILES = 1_000_000;
const PROFILES_QUICK = 100_000;
/** Lookups per second autocannon is held to (the target's load). */
const RATE = 10_000;
/**
 * Connections the rate is spread over. autocannon paces per connection and per second: each one
 * sends its share of the second back to back, so more connections means a burst of that many
 * concurrent requests at the start of each second (higher latency than the same rate spread
 * evenly); too few cannot sustain the rate. RTB_BENCH_CONNECTIONS overrides it.
 */
const CONNECTIONS = 16;
/** Share of the lookups sent as POST /openrtb/v1/segments (the rest are GETs by id). */
const POST_SHARE = 0.3;
/** Profiles whose answers are checked (by profile id, user id, maid and a BidRequest) before timing. */
const VERIFY_PROFILES = 250;
/** Row boundaries (in key order) whose straddling profiles are checked too. */
const BOUNDARY_EVERY = 1_000;

const TARGET_P99_MS = 5;
const TARGET_INDEX_MB = 1024;
const TARGET_MEMBERSHIPS = 5_000_000;

// A type, not an interface: it has to fit Benchmark's Record<string, unknown>.
type Figures = {
  memberships: number | null;
  rps: number | null;
  p50_ms: number | null;
  p99_ms: number | null;
  p999_ms: number | null;
  index_mb: number | null;
  profiles: number;
  memberships_loaded: number;
  index_profiles: number | null;
  index_keys: number | null;
  warmup_s: number | null;
  load_s: number | null;
  target_rps: number;
  connections: number;
  duration_s: number;
  post_share: number;
  requests: number | null;
  non_2xx: number | null;
  errors: number | null;
  timeouts: number | null;
  max_ms: number | null;
  autocannon_p50_ms: number | null;
  autocannon_p99_ms: number | null;
  autocannon_p999_ms: number | null;
  verified: number | null;
  mismatches: number | null;
  boundary_mismatches: number | null;
  p99_target_met: boolean | null;
  index_target_met: boolean | null;
  service_problems: number | null;
  transport: string | null;
};

interface IndexStats {
  profiles: number;
  keys: number;
  memberships: number;
  audiences: number;
  warmupMs: number;
  indexMb: number;
}

interface SegmentsReply {
  user?: { data?: Array<{ segment?: Array<{ id?: string }>; ext?: { segtax?: number } }> };
}

/** The value at quantile q of sorted values. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** What a partner with every audience shared should get for profile i; a reason when it does not. */
function mismatch(data: RtbData, i: number, reply: SegmentsReply): string | undefined {
  const own = new Set<string>();
  const iab = new Set<string>();
  for (const entry of reply.user?.data ?? [])
    for (const s of entry.segment ?? []) (entry.ext?.segtax === 4 ? iab : own).add(s.id ?? '');
  const audiences = data.audiencesOf(i);
  const wantOwn = audiences.map((a) => data.audienceId(a)).sort();
  const wantIab = audiences.flatMap((a) => data.iab(a)).sort();
  const gotOwn = [...own].sort();
  const gotIab = [...iab].sort();
  if (gotOwn.join() === wantOwn.join() && gotIab.join() === wantIab.join()) return undefined;
  return `profile #${i}: expected audiences ${wantOwn.length} [${audiences.join(',')}] and IAB [${wantIab.join(',')}], got ${gotOwn.length} audiences and IAB [${gotIab.join(',')}]`;
}

function bidRequest(data: RtbData, i: number, n: number, buyeruid: boolean): string {
  return JSON.stringify({
    id: `bench-${n}`,
    imp: [{ id: '1', banner: { w: 300, h: 250 } }],
    // The exchange's own user id is unknown to us: the lookup falls through to buyeruid or the ifa.
    user: { id: `exchange-${n}`, ...(buyeruid ? { buyeruid: data.userId(i) } : {}) },
    device: { ifa: data.maid(i).toUpperCase(), os: 'iOS', lmt: 0 },
  });
}

async function getJson(url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: kept as text for the report.
  }
  return { status: response.status, body };
}

interface Verification {
  checked: number;
  mismatches: number;
  first: string | undefined;
  /** Wrong answers for profiles across a row boundary (see `straddlers`). */
  boundaryMisses: number;
}

/** Every way of asking for a sample of profiles, plus an unknown id and a wrong key. */
async function verify(url: string, key: string, data: RtbData): Promise<Verification> {
  const auth = { authorization: `Bearer ${key}` };
  let checked = 0;
  let mismatches = 0;
  let first: string | undefined;
  let boundaryMisses = 0;
  const note = (problem: string | undefined): void => {
    checked++;
    if (problem === undefined) return;
    mismatches++;
    first ??= problem;
  };
  for (let s = 0; s < VERIFY_PROFILES; s++) {
    const i = Math.floor(Math.random() * data.profiles);
    const asks: Array<[string, RequestInit]> = [
      [`/rtb/v1/users/${data.profileId(i)}/segments`, { headers: auth }],
      [`/rtb/v1/users/${encodeURIComponent(data.userId(i))}/segments`, { headers: auth }],
      [`/rtb/v1/users/${data.maid(i).toUpperCase()}/segments`, { headers: auth }],
      [
        '/openrtb/v1/segments',
        {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: bidRequest(data, i, s, s % 2 === 0),
        },
      ],
    ];
    for (const [path, init] of asks) {
      const { status, body } = await getJson(`${url}${path}`, init);
      note(
        status === 200
          ? mismatch(data, i, body as SegmentsReply)
          : `${init.method ?? 'GET'} ${path}: HTTP ${status} ${JSON.stringify(body).slice(0, 200)}`,
      );
    }
  }
  // Profiles whose memberships straddle a round row count in (profile, audience) order: where a paged
  // warm-up (keyset on the profile) would cut a profile's rows in two.
  for (const i of straddlers(data, BOUNDARY_EVERY)) {
    const path = `/rtb/v1/users/${data.profileId(i)}/segments`;
    const { status, body } = await getJson(`${url}${path}`, { headers: auth });
    const problem = status === 200 ? mismatch(data, i, body as SegmentsReply) : `GET ${path}: HTTP ${status}`;
    note(problem === undefined ? undefined : `at a ${BOUNDARY_EVERY}-row boundary: ${problem}`);
    if (problem !== undefined) boundaryMisses++;
  }
  const unknown = await getJson(`${url}/rtb/v1/users/nobody-${Date.now()}/segments`, { headers: auth });
  const empty = (unknown.body as SegmentsReply).user?.data;
  note(
    unknown.status === 200 && Array.isArray(empty) && empty.length === 0
      ? undefined
      : `unknown user: HTTP ${unknown.status} ${JSON.stringify(unknown.body).slice(0, 200)} (expected 200 with user.data [])`,
  );
  const refused = await getJson(`${url}/rtb/v1/users/${data.profileId(0)}/segments`, {
    headers: { authorization: 'Bearer not-a-feed-key' },
  });
  note(refused.status === 401 ? undefined : `a wrong feed key got HTTP ${refused.status} (expected 401)`);
  return { checked, mismatches, first, boundaryMisses };
}

/** Profiles i whose rows, in (profile, audience) order, run across a multiple of `every` rows. */
export function straddlers(data: RtbData, every: number): number[] {
  const found: number[] = [];
  let row = 0;
  for (let i = 0; i < data.profiles; i++) {
    const count = data.audiencesOf(i).length;
    const next = (Math.floor(row / every) + 1) * every;
    if (next < row + count) found.push(i);
    row += count;
  }
  return found;
}

interface Load {
  requests: number;
  seconds: number;
  latencies: Float64Array;
  non2xx: number;
  errors: number;
  timeouts: number;
  result: autocannon.Result;
}

/** autocannon at RATE for `seconds`: GETs by profile id, user id or maid, and BidRequest POSTs. */
async function load(
  url: string,
  key: string,
  data: RtbData,
  seconds: number,
  connections: number,
): Promise<Load> {
  let latencies = new Float64Array(RATE * (seconds + 5));
  let n = 0;
  let non2xx = 0;
  let sent = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections,
        overallRate: RATE,
        duration: seconds,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            path: '/rtb/v1/users/x/segments',
            setupRequest: (request) => {
              const i = Math.floor(Math.random() * data.profiles);
              const pick = Math.random();
              sent++;
              if (pick < POST_SHARE)
                return {
                  ...request,
                  method: 'POST',
                  path: '/openrtb/v1/segments',
                  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
                  body: bidRequest(data, i, sent, sent % 2 === 0),
                };
              const third = (pick - POST_SHARE) / (1 - POST_SHARE);
              const id = third < 1 / 3 ? data.profileId(i) : third < 2 / 3 ? data.userId(i) : data.maid(i);
              return {
                ...request,
                method: 'GET',
                path: `/rtb/v1/users/${id}/segments`,
                headers: { authorization: `Bearer ${key}` },
              };
            },
          },
        ],
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error as Error) : resolve(done)),
    );
    // autocannon's own histogram keeps whole milliseconds; each response's time is kept exactly here.
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode > 299) non2xx++;
      if (n === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[n++] = responseTime;
    });
  });
  const elapsed = (performance.now() - started) / 1000;
  return {
    requests: n,
    seconds: Math.min(elapsed, result.duration || elapsed),
    latencies: latencies.subarray(0, n).sort(),
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    result,
  };
}

/** The service's index figures, once it answers with every membership loaded (or the deadline passes). */
async function indexStats(url: string, expected: number, timeoutMs: number): Promise<IndexStats> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const { status, body } = await getJson(`${url}/rtb/v1/index`, {}).catch((error: unknown) => ({
      status: 0,
      body: String(error),
    }));
    last = `HTTP ${status} ${JSON.stringify(body).slice(0, 300)}`;
    if (status === 200) {
      const stats = body as IndexStats;
      if (stats.memberships >= expected || Date.now() > deadline) return stats;
    } else if (Date.now() > deadline) {
      throw new Error(`GET /rtb/v1/index: ${last}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function audienceViews(data: RtbData): AudienceView[] {
  const now = new Date().toISOString();
  return Array.from({ length: RTB_AUDIENCES }, (_, a) => ({
    id: data.audienceId(a),
    name: data.audienceName(a),
    key: data.audienceKey(a),
    description: null,
    rule: { field: 'traits.bench', op: 'eq', value: a },
    ruleText: `trait bench is ${a}`,
    ruleVersion: 1,
    size: 0,
    createdAt: now,
    updatedAt: now,
    computedAt: now,
  }));
}

/** Identifiers and memberships straight into the service's tables, two COPY streams at a time. */
async function bulkLoad(pool: pg.Pool, data: RtbData, progress: (line: string) => void): Promise<void> {
  const views = audienceViews(data);
  for (const v of views)
    await pool.query(
      'INSERT INTO ad_feeds.audiences (id, name, key) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
      [v.id, v.name, v.key],
    );
  const half = data.profiles / 2;
  progress(`COPY ${data.profiles * 2} identifiers`);
  await Promise.all(
    [
      [0, half],
      [half, data.profiles],
    ].map(([from, to]) =>
      withTransaction(pool, (client) =>
        copyRows(
          client,
          'ad_feeds.identifiers',
          ['profile_id', 'kind', 'value'],
          data.identifierRows(from ?? 0, to ?? 0),
        ),
      ),
    ),
  );
  progress(`COPY ${data.memberships} memberships`);
  const members = data.membersByAudience();
  const audiences = Array.from({ length: RTB_AUDIENCES }, (_, a) => a);
  await Promise.all(
    [0, 1].map((part) =>
      withTransaction(pool, (client) =>
        copyRows(
          client,
          'ad_feeds.memberships',
          ['audience_id', 'profile_id', 'member', 'seq'],
          data.membershipRows(
            members,
            audiences.filter((a) => a % 2 === part),
          ),
        ),
      ),
    ),
  );
  await pool.query('ANALYZE ad_feeds.identifiers');
  await pool.query('ANALYZE ad_feeds.memberships');
}

export const rtbBenchmark: Benchmark = {
  name: 'rtb',
  description:
    'real-time segment lookups of the ad-feeds service (own process, PostgreSQL and JetStream on loopback): ' +
    'index warmed from 5M memberships (--quick: 500k), then autocannon at a fixed 10,000 lookups/s ' +
    '(GET by profile id, user id or maid, and OpenRTB 2.6 BidRequest POSTs) with a partner feed key; ' +
    'latency percentiles and the index heap',
  async run({ quick, root, print }) {
    const profiles = quick ? PROFILES_QUICK : PROFILES;
    const seconds = quick ? 10 : 30;
    const warmUpSeconds = quick ? 2 : 5;
    const connections = Number(process.env['RTB_BENCH_CONNECTIONS'] ?? CONNECTIONS);
    if (!Number.isInteger(connections) || connections < 1)
      throw new Error(`RTB_BENCH_CONNECTIONS must be a whole number ≥ 1 (got "${connections}")`);
    const progress = (line: string): void => void process.stderr.write(`rtb bench: ${line}\n`);
    const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
    const data = new RtbData(profiles);
    const figures: Figures = {
      memberships: null,
      rps: null,
      p50_ms: null,
      p99_ms: null,
      p999_ms: null,
      index_mb: null,
      profiles,
      memberships_loaded: data.memberships,
      index_profiles: null,
      index_keys: null,
      warmup_s: null,
      load_s: null,
      target_rps: RATE,
      connections,
      duration_s: seconds,
      post_share: POST_SHARE,
      requests: null,
      non_2xx: null,
      errors: null,
      timeouts: null,
      max_ms: null,
      autocannon_p50_ms: null,
      autocannon_p99_ms: null,
      autocannon_p999_ms: null,
      verified: null,
      mismatches: null,
      boundary_mismatches: null,
      p99_target_met: null,
      index_target_met: null,
      service_problems: null,
      transport: null,
    };

    const transport = await benchTransport('rtb');
    const database = await benchDatabase();
    figures.transport = transport.name;
    let bus: Bus | undefined;
    let service: ServiceProcess | undefined;
    let pool: pg.Pool | undefined;
    try {
      const env = { DATABASE_URL: database.url, ...transport.env };
      row('transport', transport.description);
      bus = await createBus(busConfigFor('bench', env));
      // The bench stands in for activation: the audiences it loads, and no change history to catch up on.
      const views = audienceViews(data);
      await answerRequests(bus, AUDIENCES_LIST, 'activation', async () => ({ audiences: views }));
      await answerRequests(bus, AUDIENCE_CHANGES, 'activation', async () => ({ changes: [], next: null }));

      // 1. A fresh database: the service migrates it; the partner and its shares go through the bus.
      progress('starting the service on a fresh database (migrations), creating the partner');
      service = await startServiceChild(root, 'ad-feeds', env);
      const created = await sendRequest(
        bus,
        PARTNER_CREATE,
        {
          name: 'bench-dsp',
          platform: 'google',
          deviceIds: 'raw',
          minAudienceSize: 100,
          dpEpsilon: null,
          // The rate limit is not what is measured.
          ratePerSecond: 1_000_000,
        },
        30_000,
      );
      const key = created.key;
      for (let a = 0; a < RTB_AUDIENCES; a++)
        await sendRequest(
          bus,
          PARTNER_SHARE,
          { partner: created.partner.id, audience: data.audienceId(a), iab: data.iab(a), remove: false },
          30_000,
        );
      const firstExit = await service.stop();
      service = undefined;
      if (firstExit !== 0) progress(`the first service run exited with ${firstExit}`);

      // 2. Bulk load (the index is warmed from these tables at the next start).
      pool = new pg.Pool({ connectionString: database.url, max: 2 });
      progress(`loading ${profiles} profiles, ${data.memberships} memberships`);
      const loading = performance.now();
      await bulkLoad(pool, data, progress);
      figures.load_s = round((performance.now() - loading) / 1000, 1);
      row(
        'data',
        `${profiles.toLocaleString('en')} profiles (a user id and a maid each), ${data.memberships.toLocaleString('en')} ` +
          `memberships (3 to 7 a profile) in ${RTB_AUDIENCES} audiences, all shared with the partner ` +
          `(every 5th also as an IAB id); COPY in ${figures.load_s} s`,
      );

      // 3. The service again: warm-up from PostgreSQL, the heap it takes measured after a GC.
      progress('starting the service again (index warm-up)');
      const starting = performance.now();
      service = await startServiceChild(root, 'ad-feeds', env, ['--expose-gc'], quick ? 120_000 : 600_000);
      progress(`ready after ${round((performance.now() - starting) / 1000, 1)} s`);
      // Ready means warmed (the index loads before the server listens); a short wait covers a lazier service.
      const stats = await indexStats(service.url, data.memberships, 5_000);
      Object.assign(figures, {
        memberships: stats.memberships,
        index_mb: stats.indexMb,
        index_profiles: stats.profiles,
        index_keys: stats.keys,
        warmup_s: round(stats.warmupMs / 1000, 1),
      } satisfies Partial<Figures>);
      row(
        'index',
        `${stats.memberships.toLocaleString('en')} memberships of ${stats.profiles.toLocaleString('en')} profiles, ` +
          `${stats.keys.toLocaleString('en')} keys, ${stats.audiences} audiences; warmed in ${figures.warmup_s} s, ` +
          `${stats.indexMb} MB of heap`,
      );
      if (stats.memberships !== data.memberships)
        benchFailed(
          print,
          'rtb',
          `the index holds ${stats.memberships} memberships, ${data.memberships} were loaded`,
        );

      // 4. Answers checked before anything is timed.
      const checked = await verify(service.url, key, data);
      figures.verified = checked.checked;
      figures.mismatches = checked.mismatches;
      figures.boundary_mismatches = checked.boundaryMisses;
      row(
        'verified',
        `${checked.checked} answers (${VERIFY_PROFILES} random profiles by profile id, user id, maid and BidRequest; ` +
          `every profile across a ${BOUNDARY_EVERY.toLocaleString('en')}-row boundary by profile id; an unknown user; ` +
          `a wrong key): ${checked.mismatches} wrong (${checked.boundaryMisses} at row boundaries)` +
          `${checked.first ? `, first: ${checked.first}` : ''}`,
      );
      if (checked.mismatches > 0)
        benchFailed(print, 'rtb', `${checked.mismatches} of ${checked.checked} checked answers were wrong`);

      // 5. Load at a fixed rate.
      progress(`warm-up: ${warmUpSeconds} s at ${RATE} lookups/s`);
      await load(service.url, key, data, warmUpSeconds, connections);
      progress(`measuring: ${seconds} s at ${RATE} lookups/s over ${connections} connections`);
      const run = await load(service.url, key, data, seconds, connections);
      const rps = run.requests / run.seconds;
      Object.assign(figures, {
        rps: Math.round(rps),
        p50_ms: round(quantile(run.latencies, 0.5), 3),
        p99_ms: round(quantile(run.latencies, 0.99), 3),
        p999_ms: round(quantile(run.latencies, 0.999), 3),
        requests: run.requests,
        non_2xx: run.non2xx,
        errors: run.errors,
        timeouts: run.timeouts,
        max_ms: round(quantile(run.latencies, 1), 3),
        autocannon_p50_ms: run.result.latency.p50,
        autocannon_p99_ms: run.result.latency.p99,
        autocannon_p999_ms: run.result.latency.p99_9,
      } satisfies Partial<Figures>);
      row(
        'load',
        `${run.requests.toLocaleString('en')} lookups in ${round(run.seconds, 1)} s: ${figures.rps?.toLocaleString('en')}/s ` +
          `(target ${RATE.toLocaleString('en')}/s, ${connections} connections, ${Math.round(POST_SHARE * 100)}% BidRequest POSTs); ` +
          `non-2xx ${run.non2xx}, errors ${run.errors}, timeouts ${run.timeouts}`,
      );
      row(
        'latency',
        `p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms, p99.9 ${figures.p999_ms} ms, max ${figures.max_ms} ms ` +
          `(autocannon's whole-ms histogram: p50 ${figures.autocannon_p50_ms}, p99 ${figures.autocannon_p99_ms}, p99.9 ${figures.autocannon_p999_ms})`,
      );

      // 6. Targets.
      const sustained = rps >= RATE * 0.98;
      figures.p99_target_met = sustained && run.non2xx === 0 && (figures.p99_ms ?? Infinity) < TARGET_P99_MS;
      row(
        'target p99',
        `p99 < ${TARGET_P99_MS} ms at ${RATE.toLocaleString('en')} lookups/s: ${figures.p99_target_met ? 'MET' : 'NOT MET'}` +
          ` (p99 ${figures.p99_ms} ms at ${figures.rps?.toLocaleString('en')}/s${run.non2xx > 0 ? `, ${run.non2xx} non-2xx` : ''})`,
      );
      const perMembership = (stats.indexMb * 2 ** 20) / Math.max(1, stats.memberships);
      // Every key is a string in a Map: anything under a few bytes a key is not a measurement of the index.
      const plausible = (stats.indexMb * 2 ** 20) / Math.max(1, stats.keys) >= 8;
      if (!plausible) {
        row(
          'target index',
          `< ${TARGET_INDEX_MB} MB: NOT JUDGED: the service reports ${stats.indexMb} MB of heap for ` +
            `${stats.keys.toLocaleString('en')} keys, which cannot be the index's size`,
        );
        benchFailed(print, 'rtb', `implausible indexMb ${stats.indexMb} from /rtb/v1/index`);
      } else if (!quick) {
        figures.index_target_met = stats.indexMb < TARGET_INDEX_MB;
        row(
          'target index',
          `< ${TARGET_INDEX_MB} MB for ${TARGET_MEMBERSHIPS.toLocaleString('en')} memberships: ` +
            `${figures.index_target_met ? 'MET' : 'NOT MET'} (${stats.indexMb} MB, ${Math.round(perMembership)} bytes a membership)`,
        );
      } else {
        row(
          'target index',
          `< ${TARGET_INDEX_MB} MB for ${TARGET_MEMBERSHIPS.toLocaleString('en')} memberships: judged on a full run ` +
            `(${Math.round(perMembership)} bytes a membership here: about ${Math.round((perMembership * TARGET_MEMBERSHIPS) / 2 ** 20)} MB at 5M)`,
        );
      }
      const problems = service.problems();
      figures.service_problems = problems.count;
      row(
        'service log',
        problems.count === 0
          ? 'no warnings or errors'
          : `${problems.count} warning/error lines; last: ${problems.last}`,
      );
      if (!sustained)
        benchFailed(print, 'rtb', `only ${Math.round(rps)} lookups/s of the ${RATE} asked for were made`);
      if (run.non2xx > 0 || run.errors > 0)
        benchFailed(print, 'rtb', `${run.non2xx} non-2xx answers and ${run.errors} errors under load`);
    } catch (error) {
      benchFailed(print, 'rtb', error instanceof Error ? error.message : String(error));
    } finally {
      await bus?.close();
      await service?.stop();
      await pool?.end();
      await database.release();
      await transport.release();
    }
    return figures;
  },
};
