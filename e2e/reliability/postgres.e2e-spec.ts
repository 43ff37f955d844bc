import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnectToNats, deleteBusNamespace } from '@cdp/shared/testing';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@cdp/shared/util-db';
import { freePort } from '@cdp/shared/util-process';
import { Ledger } from './ledger.js';
import { createSource } from '../support.js';
import { scratchDir } from './ingest-support.js';
import { startService, type ServiceProcess } from './service-process.js';
import { acknowledged, expectEveryEventStoredOnce, loadFinished, startLoad } from './load.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const EVENTS = 25_000;
/** Paced so the load spans ~15 s and both outages fall inside it. */
const RATE = 1_500;

/**
 * PostgreSQL failing under load, on a server of the test's own: first the ingestion service's
 * connections are terminated (pg_terminate_backend), later the server is stopped and started
 * again. Requests that need the database fail with a 5xx meanwhile and the clients retry; the
 * raw store's consumer retries its batches. Every acknowledged event is stored once.
 */
describe.skipIf(natsMissing)('reliability: PostgreSQL connections and server lost during the load', () => {
  const namespace = `e2e-pg-${randomBytes(3).toString('hex')}`;
  let dataDir: string;
  let port: number;
  let postgres: EmbeddedPostgresHandle;
  let env: Record<string, string>;
  let ingestion: ServiceProcess;
  let pool: pg.Pool;

  const startPostgres = async (): Promise<void> => {
    postgres = await startEmbeddedPostgres({ dataDir, port });
  };

  beforeAll(async () => {
    dataDir = scratchDir('pg');
    port = await freePort();
    await startPostgres();
    env = { DATABASE_URL: postgres.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
    ingestion = await startService('ingestion', env);
    pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
    // Its idle connections die with the server; the pool drops them and opens new ones.
    pool.on('error', () => undefined);
  }, 180_000);

  afterAll(async () => {
    await ingestion?.kill('SIGTERM');
    await pool?.end();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);

  /** Terminates the ingestion service's backends; returns how many there were. */
  async function terminateIngestionBackends(): Promise<number> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const result = await client.query<{ terminated: boolean }>(
        `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
          WHERE application_name = 'cdp-ingestion' AND pid <> pg_backend_pid()`,
      );
      return result.rows.filter((r) => r.terminated).length;
    } finally {
      await client.end();
    }
  }

  it('loses no acknowledged event when backends are terminated and the server restarts', async () => {
    const ledger = new Ledger(`pg${randomBytes(3).toString('hex')}`);
    const writeKey = await createSource('reliability-postgres', env);
    const load = startLoad({
      host: ingestion.url,
      writeKey,
      ledger,
      events: EVENTS,
      clients: 2,
      flushAt: 200,
      ratePerSecond: RATE,
    });

    await acknowledged(ledger, 6_000, () => ingestion.assertRunning());
    const terminated = await terminateIngestionBackends();
    process.stderr.write(
      `postgres: ${terminated} ingestion backends terminated at ${ledger.acknowledged} acknowledged\n`,
    );
    expect(terminated).toBeGreaterThan(0);

    await acknowledged(ledger, 14_000, () => ingestion.assertRunning());
    await postgres.stop();
    const downAt = ledger.acknowledged;
    await ingestion.readiness(false, 'ingestion unready without PostgreSQL');
    await startPostgres();
    await ingestion.readiness(true, 'ingestion ready after the PostgreSQL restart');
    process.stderr.write(`postgres: server restarted at ${downAt} acknowledged, ingestion ready again\n`);

    const { failures } = await loadFinished(load, () => ingestion.assertRunning());
    process.stderr.write(`postgres: load done, ${load.retries} requests retried\n`);
    expect(failures.slice(0, 5)).toEqual([]);
    expect(load.retries).toBeGreaterThan(0);

    await expectEveryEventStoredOnce({
      name: 'postgres',
      ledger,
      pool,
      natsUrl: natsUrl,
      namespace,
      events: EVENTS,
    });
  }, 240_000);
});
