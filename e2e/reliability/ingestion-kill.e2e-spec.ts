import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canConnectToNats,
  createTestDatabase,
  deleteBusNamespace,
  type TestDatabase,
} from '@cdp/shared/testing';
import { Ledger } from './ledger.js';
import { createSource } from '../support.js';
import { startService, type ServiceProcess } from './service-process.js';
import { acknowledged, expectEveryEventStoredOnce, loadFinished, startLoad } from './load.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const EVENTS = 100_000;
/** Acknowledged events at which the service is killed. */
const KILLS_AT = [20_000, 45_000, 70_000];

/**
 * A 200 from the tracking API means the events are kept. The ingestion service is killed with
 * SIGKILL three times while SDK clients send 100,000 events, and started again on the same port;
 * the clients retry what got no answer. In the raw store, every acknowledged event is there once.
 */
describe.skipIf(natsMissing)('reliability: ingestion killed during a 100k-event load', () => {
  const namespace = `e2e-kill-${randomBytes(3).toString('hex')}`;
  let database: TestDatabase;
  let env: Record<string, string>;
  let ingestion: ServiceProcess;
  let pool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase('e2e_reliability_kill');
    env = {
      DATABASE_URL: database.url,
      NATS_URL: natsUrl,
      NATS_NAMESPACE: namespace,
      // What a killed process held comes back to the next one after this long (default 30 s).
      NATS_ACK_WAIT_MS: '5000',
    };
    ingestion = await startService('ingestion', env);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
  }, 120_000);

  afterAll(async () => {
    await ingestion?.kill('SIGTERM');
    await pool?.end();
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);

  it('stores every acknowledged event exactly once through three SIGKILLs', async () => {
    const ledger = new Ledger(`kill${randomBytes(3).toString('hex')}`);
    const writeKey = await createSource('reliability-kill', env);
    const started = Date.now();
    const load = startLoad({
      host: ingestion.url,
      writeKey,
      ledger,
      events: EVENTS,
      clients: 3,
      flushAt: 250,
    });

    for (const at of KILLS_AT) {
      await acknowledged(ledger, at, () => ingestion.assertRunning());
      const killed = await ingestion.kill('SIGKILL');
      expect(killed.code).toBeNull(); // it died of the signal, not of something else
      const downAt = ledger.acknowledged;
      await ingestion.start();
      process.stderr.write(`ingestion kill: SIGKILL at ${downAt} acknowledged, ready again\n`);
    }
    const { failures } = await loadFinished(load, () => ingestion.assertRunning());
    process.stderr.write(
      `ingestion kill: load done in ${Date.now() - started} ms, ${load.retries} requests retried\n`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(load.retries).toBeGreaterThan(0); // the kills did cut requests off

    await expectEveryEventStoredOnce({
      name: 'ingestion kill',
      ledger,
      pool,
      natsUrl: natsUrl,
      namespace,
      events: EVENTS,
    });
  }, 300_000);
});
