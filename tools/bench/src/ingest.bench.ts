import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { EVENTS_STATS, SOURCE_CREATE, writeKeyAuthorization } from '@cdp/ingestion/contracts';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { BatchBodies, type EventLike } from './batch-bodies.js';
import { benchDatabase } from './bench-database.js';
import { benchFailed, benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';
import { round, type Benchmark } from './bench.js';

const EVENTS_PER_REQUEST = 100;
/** Realistic events to cut bodies from (about 80 datagen users); each body gets fresh ids. */
const POOL_EVENTS = 10_000;
/**
 * Chosen by full runs of 1 to 16 on the 2-core machine (docs/benchmarks.md): 3 gives the most
 * events/s that the raw store also keeps up with, at a p99 around 45 ms. More connections get
 * more requests acknowledged (24k events/s at 8), but the store's consumer shares the service's
 * event loop with them and falls behind, and p99 passes 100 ms at 16. INGEST_BENCH_CONNECTIONS
 * overrides it.
 */
const CONNECTIONS = 3;

/** tools/datagen's generator, loaded from the build: tools do not import one another's sources. */
interface Datagen {
  generateEvents(options: { seed: string; users: number; days: number; start: string }): Iterable<EventLike>;
}

// A type, not an interface: it has to fit Benchmark's Record<string, unknown>.
type Figures = {
  events_per_s: number;
  p50_ms: number;
  p99_ms: number;
  stored_per_s: number;
  transport: string;
  connections: number;
  duration_s: number;
  requests_2xx: number;
  non_2xx: number;
  errors: number;
  p90_ms: number;
  max_ms: number;
  store_lag_s: number;
};

/** Stored events of one source, from the service's stats (over the bus, as the CLI asks). */
async function storedCount(bus: Bus, sourceId: string): Promise<number> {
  const stats = await sendRequest(bus, EVENTS_STATS, {});
  return stats.sources.find((s) => s.sourceId === sourceId)?.stored ?? 0;
}

/** POSTs bodies to /v1/batch for `seconds` over `connections` keep-alive connections. */
async function load(
  url: string,
  writeKey: string,
  bodies: BatchBodies,
  seconds: number,
  connections: number,
): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'application/json', authorization: writeKeyAuthorization(writeKey) },
        setupRequest: (request) => ({ ...request, body: bodies.next() }),
      },
    ],
  });
}

/** Polls until `sourceId` has `expected` stored events; returns the count and when it got there. */
async function caughtUp(
  bus: Bus,
  sourceId: string,
  expected: number,
  timeoutMs: number,
): Promise<{ stored: number; at: number }> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const stored = await storedCount(bus, sourceId);
    const at = performance.now();
    if (stored >= expected || at > deadline) return { stored, at };
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const ingestBenchmark: Benchmark = {
  name: 'ingest',
  description:
    'Segment POST /v1/batch (100 datagen events per request) against the ingestion service alone: events/s acknowledged, request latency, events/s in the raw store',
  async run({ quick, root, print }) {
    const seconds = quick ? 8 : 30;
    const warmUpSeconds = quick ? 2 : 5;
    const connections = Number(process.env['INGEST_BENCH_CONNECTIONS'] ?? CONNECTIONS);
    if (!Number.isInteger(connections) || connections < 1) {
      throw new Error(`INGEST_BENCH_CONNECTIONS must be a whole number ≥ 1 (got "${connections}")`);
    }
    const transport = await benchTransport('ingest');
    const runId = randomBytes(4).toString('hex');

    const datagen = (await import(
      pathToFileURL(join(root, 'dist/tools/datagen/src/generate.js')).href
    )) as Datagen;
    const pool: EventLike[] = [];
    for (const event of datagen.generateEvents({
      seed: 'bench-ingest',
      users: 1_000,
      days: 30,
      start: '2026-10-01T00:00:00.000Z',
    })) {
      pool.push(event);
      if (pool.length === POOL_EVENTS) break;
    }
    const bodies = new BatchBodies(pool, runId, EVENTS_PER_REQUEST);

    const database = await benchDatabase();
    let service: ServiceProcess | undefined;
    let bus: Bus | undefined;
    try {
      const env = { DATABASE_URL: database.url, ...transport.env };
      service = await startServiceChild(root, 'ingestion', env);
      // Embedded: the bus is the log in the bench database, and requests reach the child through it.
      const requests = await createBus(busConfigFor('bench', env));
      bus = requests;
      const createSource = (name: string) => sendRequest(requests, SOURCE_CREATE, { name, kind: 'http' });
      const row = (name: string, value: string): void => print(`${name.padEnd(14)}${value}`);
      row('transport', transport.description);
      row(
        'payload',
        `${EVENTS_PER_REQUEST} events/request, ${Math.round(bodies.bytesPerEvent)} bytes/event, ` +
          `${((bodies.bytesPerEvent * EVENTS_PER_REQUEST) / 1024).toFixed(1)} KB/request; ` +
          `${bodies.distinct} distinct batches of datagen events, fresh messageIds in every request`,
      );
      row(
        'load average',
        `${loadavg()[0]?.toFixed(2) ?? '?'} before the run (other work on the machine skews figures)`,
      );

      // Warm-up on a source of its own, stored before the measured run starts.
      const warm = await createSource(`bench-warm-up-${runId}`);
      const warmResult = await load(service.url, warm.writeKey, bodies, warmUpSeconds, connections);
      await caughtUp(requests, warm.id, warmResult['2xx'] * EVENTS_PER_REQUEST, 60_000);
      row('warm-up', `${warmUpSeconds} s, ${warmResult['2xx']} requests, stored before the run`);

      const measured = await createSource(`bench-${runId}`);
      const startedAt = performance.now();
      const result = await load(service.url, measured.writeKey, bodies, seconds, connections);
      const loadEndedAt = performance.now();
      const acknowledged = result['2xx'] * EVENTS_PER_REQUEST;
      const store = await caughtUp(requests, measured.id, acknowledged, Math.max(60_000, seconds * 2_000));

      const figures: Figures = {
        events_per_s: Math.round(acknowledged / result.duration),
        p50_ms: round(result.latency.p50),
        p99_ms: round(result.latency.p99),
        stored_per_s: Math.round(store.stored / ((store.at - startedAt) / 1000)),
        transport: transport.name,
        connections,
        duration_s: round(result.duration),
        requests_2xx: result['2xx'],
        non_2xx: result.non2xx,
        errors: result.errors,
        p90_ms: round(result.latency.p90),
        max_ms: round(result.latency.max),
        store_lag_s: round(Math.max(0, store.at - loadEndedAt) / 1000),
      };
      row('run', `${figures.duration_s} s, ${connections} connections, 1 request in flight each`);
      row(
        'requests',
        `${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors (${result.timeouts} timeouts)`,
      );
      row(
        'latency',
        `p50 ${figures.p50_ms} ms, p90 ${figures.p90_ms} ms, p99 ${figures.p99_ms} ms, max ${figures.max_ms} ms`,
      );
      row('acknowledged', `${acknowledged} events, ${figures.events_per_s} events/s`);
      row(
        'stored',
        `${store.stored} events ${((store.at - startedAt) / 1000).toFixed(1)} s after the first request, ` +
          `${figures.stored_per_s} events/s (caught up ${figures.store_lag_s} s after the load ended)`,
      );

      if (result.non2xx > 0 || result.errors > 0) {
        const codes = Object.entries(result.statusCodeStats ?? {})
          .filter(([code]) => !code.startsWith('2'))
          .map(([code, { count }]) => `${count ?? 0} x ${code}`)
          .join(', ');
        benchFailed(
          print,
          'ingest',
          `${result.non2xx} non-2xx responses${codes ? ` (${codes})` : ''} and ${result.errors} connection errors`,
        );
      }
      if (store.stored < acknowledged) {
        benchFailed(
          print,
          'ingest',
          `only ${store.stored} of ${acknowledged} acknowledged events reached the raw store`,
        );
      }
      return figures;
    } finally {
      await bus?.close();
      const code = await service?.stop();
      if (code !== undefined && code !== 0) {
        benchFailed(
          print,
          'ingest',
          `the ingestion service exited with ${code} on SIGTERM:\n${service?.output() ?? ''}`,
        );
      }
      await transport.release();
      await database.release();
    }
  },
};
