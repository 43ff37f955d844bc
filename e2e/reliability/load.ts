import { Analytics } from '@segment/analytics-node';
import type pg from 'pg';
import { expect } from 'vitest';
import { waitFor } from '@cdp/shared/testing';
import { busDrained, deadLetterCount } from './service-process.js';
import { describeReconciliation, type Ledger, type Reconciliation } from './ledger.js';

export interface LoadOptions {
  /** The ingestion service's base URL. */
  host: string;
  writeKey: string;
  ledger: Ledger;
  events: number;
  /** `@segment/analytics-node` clients the events are dealt across, round robin. Default 3. */
  clients?: number;
  /** Events per request. Default 250. */
  flushAt?: number;
  /**
   * Most events handed to the clients and not yet settled (acknowledged or given up). Bounds the
   * clients' queues, so an outage stalls the load instead of piling up every remaining event.
   */
  inFlight?: number;
  /**
   * Events handed to the clients per second; unset, as fast as they take them. A paced load spans
   * a known time, so an outage the test causes at some count lands in the middle of it.
   */
  ratePerSecond?: number;
}

export interface Load {
  /** Events settled so far: acknowledged, or given up by their client. */
  readonly settled: number;
  /** Requests the clients sent again after a failure (a refused connection, a 5xx, no answer). */
  readonly retries: number;
  /** Resolves once every event is settled and the clients are closed. */
  readonly done: Promise<{ failures: Array<{ messageId: string; reason: string }> }>;
}

/**
 * Sends `events` track calls through the official Segment Node SDK, each with the ledger's next
 * messageId, and acknowledges an id in the ledger when its client reports it delivered (a 2xx,
 * after as many retries as it took). Retries are effectively unlimited: a test of an outage wants
 * every event eventually accepted, and the SDK gives up only on a 4xx.
 */
export function startLoad(options: LoadOptions): Load {
  const { ledger } = options;
  const inFlight = options.inFlight ?? 5_000;
  const clients = Array.from(
    { length: options.clients ?? 3 },
    () =>
      new Analytics({
        writeKey: options.writeKey,
        host: options.host,
        flushAt: options.flushAt ?? 250,
        flushInterval: 100,
        maxRetries: 1_000,
        httpRequestTimeout: 15_000,
      }),
  );
  const failures: Array<{ messageId: string; reason: string }> = [];
  let settled = 0;
  let retries = 0;
  for (const client of clients) {
    client.on('http_request', (request) => {
      if (request.headers['X-Retry-Count']) retries += 1;
    });
  }
  let wake: (() => void) | undefined;
  const settle = (): void => {
    settled += 1;
    wake?.();
  };

  const done = (async () => {
    const started = Date.now();
    for (let i = 0; i < options.events; i++) {
      while (i - settled >= inFlight) await new Promise<void>((resolve) => (wake = resolve));
      if (options.ratePerSecond) {
        const ahead = started + (i * 1_000) / options.ratePerSecond - Date.now();
        if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
      }
      const messageId = ledger.next();
      const client = clients[i % clients.length] as Analytics;
      client.track(
        {
          userId: `reliability-${i % 1_000}`,
          event: 'Reliability Probe',
          messageId,
          properties: { seq: i },
        },
        (error) => {
          if (error) failures.push({ messageId, reason: String(error) });
          else ledger.acknowledge(messageId);
          settle();
        },
      );
    }
    await Promise.all(clients.map((client) => client.closeAndFlush({ timeout: 300_000 })));
    return { failures };
  })();

  return {
    get settled() {
      return settled;
    },
    get retries() {
      return retries;
    },
    done,
  };
}

/**
 * Resolves once `ledger` has at least `count` acknowledged ids; `check` (e.g. that the service
 * is still running) is called meanwhile and fails the wait at once by throwing.
 */
export function acknowledged(
  ledger: Ledger,
  count: number,
  check: () => void = () => undefined,
  timeoutMs = 120_000,
): Promise<void> {
  return waitFor(
    () => {
      check();
      return ledger.acknowledged >= count;
    },
    timeoutMs,
    `${count} acknowledged events`,
    20,
  );
}

/** The load's outcome once it is done; `check` is called meanwhile, as in `acknowledged`. */
export async function loadFinished(
  load: Load,
  check: () => void,
  timeoutMs = 240_000,
): Promise<{ failures: Array<{ messageId: string; reason: string }> }> {
  let finished = false;
  const result = load.done.finally(() => (finished = true));
  await waitFor(
    () => {
      check();
      return finished;
    },
    timeoutMs,
    'the load to finish',
    100,
  );
  return result;
}

/**
 * How many times the raw store holds each id of `run` (the table is partitioned by time, so there
 * is no unique index to lean on: count the rows).
 */
export async function storedCounts(pool: pg.Pool, run: string): Promise<Map<string, number>> {
  const result = await pool.query<{ message_id: string; n: string }>(
    'SELECT message_id, count(*) AS n FROM ingestion.raw_events WHERE message_id LIKE $1 GROUP BY 1',
    [`${run}-%`],
  );
  return new Map(result.rows.map((row) => [row.message_id, Number(row.n)]));
}

async function storedRows(pool: pg.Pool, run: string): Promise<number> {
  const result = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM ingestion.raw_events WHERE message_id LIKE $1',
    [`${run}-%`],
  );
  return Number(result.rows[0]?.n);
}

export interface RawStoreCheck {
  /** Names the run in the log line. */
  name: string;
  ledger: Ledger;
  /** On the service's database. */
  pool: pg.Pool;
  /** The bus the service publishes to, and its namespace if any. */
  natsUrl: string;
  namespace?: string;
  /** How many events the load sent. */
  events: number;
}

/**
 * The promise of these tests, checked once the load is done: every event sent was accepted, and
 * the raw store holds each exactly once (none lost, none twice, none it was not sent), with
 * nothing dead-lettered on the way.
 *
 * First waits until the store holds as many rows of the run as were acknowledged and the bus has
 * nothing left for it (nothing pending, nothing unacked: a message handed to a killed process
 * comes back after the consumer's ack wait, 30 s). A store that never catches up fails on the
 * reconciliation, which names what is missing, not on the wait. The figures go to stderr.
 */
export async function expectEveryEventStoredOnce(check: RawStoreCheck): Promise<Reconciliation> {
  const { ledger, pool } = check;
  const started = Date.now();
  await waitFor(
    async () =>
      (await storedRows(pool, ledger.run)) >= ledger.acknowledged &&
      (await busDrained(check.natsUrl, check.namespace)),
    90_000,
    `${ledger.acknowledged} stored events of ${ledger.run}`,
    250,
  ).catch((error: unknown) => process.stderr.write(`${check.name}: ${String(error)}\n`));
  const r = ledger.reconcile(await storedCounts(pool, ledger.run));
  const deadLetters = await deadLetterCount(check.natsUrl, check.namespace);
  process.stderr.write(
    `${describeReconciliation(check.name, r)}; dead letters ${deadLetters} (store settled ${Date.now() - started} ms after the load)\n`,
  );
  // Counts, not id lists: a failure would otherwise print up to `events` ids (the log line has a few).
  expect({
    sent: r.sent,
    unacknowledged: r.unacknowledged,
    lost: r.lost.length,
    duplicated: r.duplicated.length,
    unexpected: r.unexpected.length,
    stored: r.stored,
    deadLetters,
  }).toEqual({
    sent: check.events,
    unacknowledged: 0,
    lost: 0,
    duplicated: 0,
    unexpected: 0,
    stored: check.events,
    deadLetters: 0,
  });
  return r;
}
