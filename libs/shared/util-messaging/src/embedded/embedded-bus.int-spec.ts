import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient } from '@cdp/shared/util-db';
import { describeBusContract } from '../__tests__/bus-contract.js';
import type { Bus, DeliveredMessage, Subscription } from '../bus.js';
import type { EmbeddedBusConfig } from '../create-bus.js';
import { BusError, PermanentError } from '../errors.js';
import { createEmbeddedBus, type EmbeddedBusTuning } from './embedded-bus.js';

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CLAIM_CHILD = fileURLToPath(new URL('./__fixtures__/claim-child.ts', import.meta.url));
const quiet = { warn: () => undefined, info: () => undefined };

let contractDatabase: TestDatabase | undefined;
describeBusContract({
  transport: 'embedded',
  async config() {
    contractDatabase = await createTestDatabase('bus_contract_embedded');
    return { kind: 'embedded', databaseUrl: contractDatabase.url, name: 'contract-test' };
  },
  async cleanup() {
    await contractDatabase?.drop();
  },
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('embedded bus', () => {
  let database: TestDatabase;
  const buses: Bus[] = [];
  const children: ChildProcess[] = [];
  const config = (extra: Partial<EmbeddedBusConfig & EmbeddedBusTuning> = {}) =>
    ({
      kind: 'embedded',
      databaseUrl: database.url,
      name: 'embedded-test',
      logger: quiet,
      ...extra,
    }) as const;
  const open = async (extra: Partial<EmbeddedBusConfig & EmbeddedBusTuning> = {}): Promise<Bus> => {
    const bus = await createEmbeddedBus(config(extra));
    buses.push(bus);
    return bus;
  };

  beforeAll(async () => {
    database = await createTestDatabase('bus_embedded');
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await Promise.allSettled(buses.map((b) => b.close()));
    await database.drop();
  });

  it('never leaves a publish waiting, whenever it arrives during a group commit', async () => {
    const bus = await open();
    // A publish made a few microtasks after the previous one was acked can land between the flush
    // loop's last look at its queue and the loop's end: it must still be stored.
    for (let delay = 0; delay < 40; delay++) {
      await bus.publish('cdp.race.evt.thing.happened.v1', { delay });
      for (let i = 0; i < delay; i++) await Promise.resolve();
      const acked = await Promise.race([
        bus.publish('cdp.race.evt.thing.happened.v1', { delay, second: true }).then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2_000)),
      ]);
      expect(acked, `publish ${delay} microtasks after an ack`).toBe(true);
    }
  }, 120_000);

  it('delivers every message published before a restart after it, none twice', async () => {
    let bus = await open();
    const seen: number[] = [];
    const handler = async (m: DeliveredMessage) => {
      seen.push((m.data as { n: number }).n);
    };
    let sub = await bus.consume({ durable: 'restart', subject: 'restart.sent.v1' }, handler);
    for (let i = 0; i < 50; i++) await bus.publish('restart.sent.v1', { n: i }, { msgId: `restart-${i}` });
    await waitFor(() => seen.length === 50, 10_000, 'the first 50');
    await sub.stop();
    await Promise.all(
      Array.from({ length: 150 }, (_, i) =>
        bus.publish('restart.sent.v1', { n: 50 + i }, { msgId: `restart-${50 + i}` }),
      ),
    );
    await bus.close();

    bus = await open();
    sub = await bus.consume({ durable: 'restart', subject: 'restart.sent.v1' }, handler);
    await waitFor(() => seen.length >= 200, 10_000, 'the 150 published before the restart');
    await sleep(300);
    await sub.stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  }, 30_000);

  it('rejects a publish with PUBLISH_FAILED and the reason when the database is gone', async () => {
    const doomed = await createTestDatabase('bus_embedded_gone');
    const bus = await createEmbeddedBus({
      kind: 'embedded',
      databaseUrl: doomed.url,
      name: 'gone-test',
      logger: quiet,
    });
    try {
      await expect(bus.publish('gone.sent.v1', { n: 1 })).resolves.toMatchObject({ duplicate: false });
      await doomed.drop();
      const error = await bus.publish('gone.sent.v1', { n: 2 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(BusError);
      expect(error).toMatchObject({ code: 'PUBLISH_FAILED' });
      expect((error as Error).message).toMatch(/^publish to gone\.sent\.v1 failed: \S+/);
      await expect(bus.ping()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    } finally {
      await bus.close();
      await doomed.drop();
    }
  }, 30_000);

  it('keeps at most maxAckPending messages in flight', async () => {
    const bus = await open();
    let running = 0;
    let most = 0;
    let handled = 0;
    const sub = await bus.consume(
      { durable: 'bounded', subject: 'bounded.sent.v1', maxAckPending: 5, batchSize: 100 },
      async () => {
        most = Math.max(most, ++running);
        await sleep(20);
        running--;
        handled++;
      },
    );
    await Promise.all(Array.from({ length: 60 }, (_, i) => bus.publish('bounded.sent.v1', { n: i })));
    await waitFor(() => handled === 60, 20_000, '60 messages');
    await sub.stop();
    expect(most).toBeLessThanOrEqual(5);
    expect(most).toBeGreaterThan(1);
  }, 30_000);

  it('delivers a message again when it is not acked within the visibility timeout', async () => {
    const bus = await open({ ackWaitMs: 1_000 });
    let unstick: () => void = () => undefined;
    const deliveries: Array<{ message: DeliveredMessage; at: number }> = [];
    const sub = await bus.consume({ durable: 'visibility', subject: 'visibility.sent.v1' }, (m) => {
      deliveries.push({ message: m, at: Date.now() });
      // The first delivery hangs: as if its handler were stuck (or its ack lost).
      if (m.deliveryCount === 1) return new Promise<void>((resolve) => (unstick = resolve));
      return Promise.resolve();
    });
    try {
      await bus.publish('visibility.sent.v1', { n: 1 }, { msgId: 'visible-1' });
      await waitFor(() => deliveries.length === 2, 10_000, 'the redelivery');
      const [first, second] = deliveries;
      expect(second?.message).toMatchObject({ msgId: 'visible-1', deliveryCount: 2, data: { n: 1 } });
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(900);
      await sleep(1_500);
      expect(deliveries).toHaveLength(2);
    } finally {
      unstick();
      await sub.stop();
    }
  }, 30_000);

  it("brings a killed process's messages back long before the visibility timeout", async () => {
    const bus = await open();
    const childConfig = JSON.stringify(config({ logger: undefined }));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLAIM_CHILD, childConfig, 'crash', 'crash.sent.v1'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`child exited with ${child.exitCode}: ${stderr}`);
        return stdout.includes('consuming');
      },
      30_000,
      'the child to consume',
    );
    for (let i = 0; i < 3; i++) await bus.publish('crash.sent.v1', { n: i }, { msgId: `crash-${i}` });
    await waitFor(() => (stdout.match(/claimed/g) ?? []).length === 3, 10_000, 'the child to claim 3');
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const killedAt = Date.now();

    const seen: DeliveredMessage[] = [];
    const sub = await bus.consume({ durable: 'crash', subject: 'crash.sent.v1' }, async (m) => {
      seen.push(m);
    });
    await waitFor(() => seen.length === 3, 15_000, 'the 3 claimed messages');
    // The default visibility timeout is 30 s: the dead owner's locks were released at once.
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    expect(seen.map((m) => m.deliveryCount)).toEqual([2, 2, 2]);
    await sub.stop();
  }, 60_000);

  it('shares a durable between buses and keeps each key in order across them', async () => {
    const a = await open();
    const b = await open();
    const keys = Array.from({ length: 20 }, (_, i) => `k${i}`);
    for (let i = 0; i < 200; i++) {
      const key = keys[i % keys.length] as string;
      await a.publish('shared.sent.v1', { key, n: i }, { key });
    }
    const order = new Map<string, number[]>();
    const byBus = [0, 0];
    let total = 0;
    const handler = (which: number) => async (m: DeliveredMessage) => {
      const { key, n } = m.data as { key: string; n: number };
      await sleep(n % 3);
      order.set(key, [...(order.get(key) ?? []), n]);
      byBus[which]++;
      total++;
    };
    const limits = { batchSize: 5, maxAckPending: 10 };
    const subs: Subscription[] = [
      await a.consume({ durable: 'shared', subject: 'shared.sent.v1', ...limits }, handler(0)),
      await b.consume({ durable: 'shared', subject: 'shared.sent.v1', ...limits }, handler(1)),
    ];
    await waitFor(() => total >= 200, 30_000, '200 messages');
    await sleep(200);
    await Promise.all(subs.map((s) => s.stop()));
    expect(total).toBe(200);
    for (const key of keys) {
      const ns = order.get(key) ?? [];
      expect(ns).toHaveLength(10);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
    expect(byBus[0]).toBeGreaterThan(0);
    expect(byBus[1]).toBeGreaterThan(0);
  }, 40_000);

  it('matches wildcard subjects like NATS', async () => {
    const bus = await open();
    const star: string[] = [];
    const rest: string[] = [];
    const subs = [
      await bus.consume({ durable: 'star', subject: 'wild.*.evt' }, async (m) => void star.push(m.subject)),
      await bus.consume({ durable: 'rest', subject: 'wild.>' }, async (m) => void rest.push(m.subject)),
    ];
    for (const subject of ['wild.a.evt', 'wild.b.evt', 'wild.a.b.evt', 'wild', 'wildx.a.evt']) {
      await bus.publish(subject, {});
    }
    await waitFor(() => star.length === 2 && rest.length === 3, 10_000, 'the matching messages');
    await sleep(300);
    await Promise.all(subs.map((s) => s.stop()));
    expect(star.sort()).toEqual(['wild.a.evt', 'wild.b.evt']);
    expect(rest.sort()).toEqual(['wild.a.b.evt', 'wild.a.evt', 'wild.b.evt']);
  }, 20_000);

  it('lets a msgId leave the duplicate window', async () => {
    const bus = await open({ duplicateWindowMs: 300 });
    const first = await bus.publish('window.sent.v1', { v: 1 }, { msgId: 'w-1' });
    const again = await bus.publish('window.sent.v1', { v: 2 }, { msgId: 'w-1' });
    expect(again).toEqual({ seq: first.seq, duplicate: true });
    await sleep(500);
    const later = await bus.publish('window.sent.v1', { v: 3 }, { msgId: 'w-1' });
    expect(later.duplicate).toBe(false);
    expect(later.seq).toBeGreaterThan(first.seq);
    const seen: unknown[] = [];
    const sub = await bus.consume({ durable: 'window', subject: 'window.sent.v1' }, async (m) => {
      expect(m.msgId).toBe('w-1');
      seen.push(m.data);
    });
    await waitFor(() => seen.length === 2, 10_000, 'both stored messages');
    await sub.stop();
    expect(seen).toEqual([{ v: 1 }, { v: 3 }]);
  });

  it('dead-letters only the poison message of a batch that fails permanently', async () => {
    const bus = await open();
    for (let i = 0; i < 5; i++) await bus.publish('poison.sent.v1', { n: i });
    const committed: number[] = [];
    const sub = await bus.consumeBatch(
      { durable: 'poison', subject: 'poison.sent.v1', batchSize: 5 },
      async (messages) => {
        const ns = messages.map((m) => (m.data as { n: number }).n);
        if (ns.includes(3)) throw new PermanentError('n=3 is invalid');
        committed.push(...ns);
      },
    );
    await waitFor(
      async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'poison'),
      10_000,
      'the dead letter',
    );
    await waitFor(() => committed.length === 4, 10_000, 'the other four');
    await sub.stop();
    expect(committed.sort()).toEqual([0, 1, 2, 4]);
    const letters = (await bus.deadLetters.list()).filter((d) => d.consumer === 'poison');
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ data: { n: 3 }, deliveryCount: 1, subject: 'poison.sent.v1' });
    expect(letters[0]?.error).toBe('PermanentError: n=3 is invalid');
  });

  it('dead-letters a message that was never acked in maxDeliver deliveries (a poison pill)', async () => {
    const bus = await open({ ackWaitMs: 300, schema: 'poison_pill_bus' });
    let calls = 0;
    const sub = await bus.consume({ durable: 'pill', subject: 'pill.sent.v1', maxDeliver: 2 }, async () => {
      calls++;
      await sleep(1_500);
    });
    await bus.publish('pill.sent.v1', { n: 1 });
    await waitFor(
      async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'pill'),
      10_000,
      'the dead letter',
    );
    await sub.stop();
    expect(calls).toBe(2);
    const [letter] = (await bus.deadLetters.list()).filter((d) => d.consumer === 'pill');
    expect(letter).toMatchObject({ deliveryCount: 2, data: { n: 1 } });
    expect(letter?.error).toMatch(/without an ack/);
  }, 20_000);

  it('drops messages every consumer has handled once they are older than the retention', async () => {
    const bus = await open({ schema: 'retention_bus', retentionMs: 0, sweepIntervalMs: 20 });
    const client = createDbClient({ url: database.url, max: 1 });
    const stored = async (): Promise<number> =>
      (await client.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM retention_bus.messages'))
        .rows[0]?.n ?? -1;
    try {
      let handled = 0;
      const sub = await bus.consume({ durable: 'kept', subject: 'kept.sent.v1' }, async (m) => {
        if ((m.data as { n: number }).n === 4) throw new Error('not this one');
        handled++;
      });
      for (let i = 0; i < 5; i++) await bus.publish('kept.sent.v1', { n: i });
      await waitFor(() => handled === 4, 10_000, 'four handled');
      // The one still pending (retrying) and everything after it stay.
      await waitFor(async () => (await stored()) === 1, 10_000, 'the handled ones to go');
      await sub.stop();
    } finally {
      await client.close();
    }
  }, 20_000);

  it('keeps consuming after its LISTEN connection is cut', async () => {
    const bus = await open({ name: 'reconnect-test' });
    const seen: unknown[] = [];
    const sub = await bus.consume({ durable: 'reconnect', subject: 'reconnect.sent.v1' }, async (m) => {
      seen.push(m.data);
    });
    const client = createDbClient({ url: database.url, max: 1 });
    const listeners = async (): Promise<number> =>
      (
        await client.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE application_name = 'cdp-bus-reconnect-test-listen' AND datname = current_database()`,
        )
      ).rows[0]?.n ?? 0;
    try {
      await bus.publish('reconnect.sent.v1', { n: 0 });
      await waitFor(() => seen.length === 1, 10_000, 'the first message');
      const cut = await client.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'cdp-bus-reconnect-test-listen' AND datname = current_database()`,
      );
      expect(cut.rowCount).toBe(1);
      await bus.publish('reconnect.sent.v1', { n: 1 });
      await waitFor(() => seen.length === 2, 10_000, 'the message after the cut');
      await waitFor(async () => (await listeners()) === 1, 10_000, 'the LISTEN connection to come back');
      await bus.publish('reconnect.sent.v1', { n: 2 });
      await waitFor(() => seen.length === 3, 10_000, 'the message after the reconnect');
      expect(seen).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    } finally {
      await sub.stop();
      await client.close();
    }
  }, 30_000);

  it('keeps its tables in the configured schema', async () => {
    const bus = await open({ schema: 'custom_bus_log' });
    await bus.publish('schema.sent.v1', { n: 1 });
    const client = createDbClient({ url: database.url, max: 1 });
    try {
      const tables = await client.pool.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'custom_bus_log' ORDER BY 1`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining(['consumers', 'dead_letters', 'messages', 'pending']),
      );
      const stored = await client.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM custom_bus_log.messages WHERE subject = 'schema.sent.v1'`,
      );
      expect(stored.rows[0]?.n).toBe(1);
    } finally {
      await client.close();
    }
  });
});
