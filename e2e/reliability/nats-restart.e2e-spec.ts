import { rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnectToNats, createTestDatabase, type TestDatabase } from '@cdp/shared/testing';
import { Ledger } from './ledger.js';
import { createSource } from '../support.js';
import { startPrivateNats, type PrivateNats } from './ingest-support.js';
import { startService, type ServiceProcess } from './service-process.js';
import { acknowledged, expectEveryEventStoredOnce, loadFinished, startLoad } from './load.js';

// The shared server only tells whether nats-server can run here; this test restarts one of its own.
const natsMissing =
  !process.env['CI'] && !(await canConnectToNats(process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222'));

const EVENTS = 30_000;
/** Paced so the load spans ~20 s and both restarts fall inside it. */
const RATE = 1_500;

/**
 * JetStream restarted under load: nats-server is stopped (SIGTERM, then later SIGKILL) while SDK
 * clients send, and started again on the same port and store once the ingestion service reports
 * itself unready. The service rides it out without a restart (publishes wait for the reconnect or
 * fail with a 5xx, which the clients retry), and every event it acknowledged reaches the raw store
 * once.
 */
describe.skipIf(natsMissing)('reliability: nats-server restarted during the load', () => {
  let nats: PrivateNats;
  let database: TestDatabase;
  let env: Record<string, string>;
  let ingestion: ServiceProcess;
  let pool: pg.Pool;

  beforeAll(async () => {
    nats = await startPrivateNats();
    database = await createTestDatabase('e2e_reliability_nats');
    // What was delivered but not acked when the server died comes back after 5 s (default 30 s).
    env = { DATABASE_URL: database.url, NATS_URL: nats.url, NATS_ACK_WAIT_MS: '5000' };
    ingestion = await startService('ingestion', env);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  }, 120_000);

  afterAll(async () => {
    await ingestion?.kill('SIGTERM');
    await nats?.stop('SIGTERM');
    if (nats) rmSync(nats.storeDir, { recursive: true, force: true });
    await pool?.end();
    await database?.drop();
  }, 60_000);

  it('loses no acknowledged event when nats-server stops and starts again', async () => {
    const ledger = new Ledger(`nats${randomBytes(3).toString('hex')}`);
    const writeKey = await createSource('reliability-nats', env);
    const load = startLoad({
      host: ingestion.url,
      writeKey,
      ledger,
      events: EVENTS,
      clients: 2,
      flushAt: 200,
      ratePerSecond: RATE,
    });

    for (const [at, signal] of [
      [8_000, 'SIGTERM'],
      [18_000, 'SIGKILL'],
    ] as const) {
      await acknowledged(ledger, at, () => ingestion.assertRunning());
      await nats.stop(signal);
      const downAt = ledger.acknowledged;
      // Down long enough for the service to notice (and for publishes to fail, not only wait).
      await ingestion.readiness(false, 'ingestion unready without nats-server');
      await nats.start();
      // The service reconnects by itself: no restart, it reports ready again.
      await ingestion.readiness(true, 'ingestion ready after the nats-server restart');
      process.stderr.write(`nats restart: ${signal} at ${downAt} acknowledged, ingestion ready again\n`);
    }
    const { failures } = await loadFinished(load, () => ingestion.assertRunning());
    process.stderr.write(`nats restart: load done, ${load.retries} requests retried\n`);
    expect(failures.slice(0, 5)).toEqual([]);

    await expectEveryEventStoredOnce({
      name: 'nats restart',
      ledger,
      pool,
      natsUrl: nats.url,
      events: EVENTS,
    });
  }, 240_000);
});
