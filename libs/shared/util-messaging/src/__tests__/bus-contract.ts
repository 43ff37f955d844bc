// One contract suite, run against both transports (jetstream-bus.int-spec.ts and
// embedded-bus.int-spec.ts): what every service may rely on, whichever bus it gets.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { defineEvent } from '@cdp/shared/contracts';
import { JsonText, type Bus, type DeliveredMessage, type Subscription } from '../bus.js';
import { createBus, type BusConfig } from '../create-bus.js';
import { BusError } from '../errors.js';
import { consumeEvents, publishEncodedEvent, publishEvent } from '../typed.js';

export interface ContractTarget {
  transport: 'jetstream' | 'embedded';
  /**
   * A config of its own for this run: `namespace` is unique per suite run, and every event subject
   * the suite uses starts with `<namespace>.` (the stream must capture `<namespace>.>`). Request
   * subjects start with `<namespace>-rpc.`: a stream that captured them would answer every
   * request with a PubAck.
   */
  config(namespace: string): Promise<BusConfig>;
  /** Removes what config() made (streams, databases). */
  cleanup?(namespace: string): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./consumer-child.ts', import.meta.url));

/** Publishes `count` messages, `concurrency` in flight at a time. */
async function publishMany(bus: Bus, subject: string, count: number, concurrency = 64): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        await bus.publish(subject, { n: i }, { msgId: `m-${i}` });
      }
    }),
  );
}

export function describeBusContract(target: ContractTarget): void {
  describe(`bus contract: ${target.transport}`, () => {
    const namespace = `t${randomBytes(4).toString('hex')}`;
    const subject = (name: string): string => `${namespace}.${name}`;
    const rpc = (name: string): string => `${namespace}-rpc.${name}`;
    let config: BusConfig;
    const buses: Bus[] = [];
    const open = async (): Promise<Bus> => {
      const bus = await createBus(config);
      buses.push(bus);
      return bus;
    };

    beforeAll(async () => {
      config = await target.config(namespace);
    }, 60_000);
    afterAll(async () => {
      await Promise.allSettled(buses.map((b) => b.close()));
      await target.cleanup?.(namespace);
    }, 60_000);

    describe('crash of a consumer mid-stream', () => {
      let effects: TestDatabase;
      let children: ChildProcess[] = [];
      beforeAll(async () => {
        effects = await createTestDatabase(`bus_effects_${target.transport}`);
        const client = new pg.Client({ connectionString: effects.url });
        await client.connect();
        await client.query('CREATE TABLE effects (msg_id text PRIMARY KEY)');
        await client.query('CREATE TABLE handled (n bigint NOT NULL)');
        await client.query('INSERT INTO handled VALUES (0)');
        await client.end();
      });
      afterAll(async () => {
        for (const child of children) child.kill('SIGKILL');
        children = [];
        await effects.drop();
      });

      const startChild = async (): Promise<ChildProcess> => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', CHILD, JSON.stringify(config), effects.url, subject('crash.sent.v1')],
          { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TSX_DISABLE_CACHE: '1' } },
        );
        children.push(child);
        let stderr = '';
        child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
        await new Promise<void>((resolve, reject) => {
          child.stdout?.on('data', (c: Buffer) => c.toString().includes('consuming') && resolve());
          child.once('exit', (code) => reject(new Error(`consumer exited with ${code}: ${stderr}`)));
        });
        return child;
      };

      it('loses nothing when the consumer is SIGKILLed and restarted, and counts each message once', async () => {
        const publisher = await open();
        const effectsPool = new pg.Pool({ connectionString: effects.url, max: 2 });
        const count = async (table: 'effects' | 'handled'): Promise<number> => {
          const sql =
            table === 'effects'
              ? 'SELECT count(*)::int AS n FROM effects'
              : 'SELECT n::int AS n FROM handled';
          return (await effectsPool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
        };
        try {
          await publishMany(publisher, subject('crash.sent.v1'), 10_000);
          const first = await startChild();
          await waitFor(async () => (await count('effects')) >= 2_000, 60_000, '2,000 messages handled');
          first.kill('SIGKILL');
          await new Promise((r) => first.once('exit', r));
          const handledAtKill = await count('effects');
          expect(handledAtKill).toBeLessThan(10_000);

          await startChild();
          await waitFor(async () => (await count('effects')) === 10_000, 120_000, 'all 10,000 effects');
          // The handled counter trails the effects by the handlers still in flight in the child.
          await waitFor(async () => (await count('handled')) >= 10_000, 30_000, 'the handled counter');
          const ids = await effectsPool.query<{ msg_id: string }>('SELECT msg_id FROM effects');
          const expected = new Set(Array.from({ length: 10_000 }, (_, i) => `m-${i}`));
          expect(ids.rows.filter((r) => expected.has(r.msg_id))).toHaveLength(10_000);
          expect(await count('handled')).toBeGreaterThanOrEqual(10_000);
        } finally {
          await effectsPool.end();
        }
      }, 240_000);
    });

    it("reports each durable's backlog: what was published while it was away, then none once consumed", async () => {
      const bus = await open();
      const lagSubject = subject('lag.sent.v1');
      const handled: unknown[] = [];
      const first = await bus.consume({ durable: 'lagging', subject: lagSubject }, async (m) => {
        handled.push(m.data);
      });
      await first.stop();
      // Message ids of its own: dedup is by id, and the other tests publish m-0, m-1, ...
      for (let i = 0; i < 7; i++) await bus.publish(lagSubject, { n: i }, { msgId: `lag-${i}` });
      const backlog = async () =>
        (await bus.consumerLag()).find((l) => l.durable === 'lagging' && l.subject === lagSubject)?.pending;
      await waitFor(async () => (await backlog()) === 7, 10_000, 'a backlog of 7');

      const second = await bus.consume({ durable: 'lagging', subject: lagSubject }, async (m) => {
        handled.push(m.data);
      });
      await waitFor(() => handled.length === 7, 20_000, 'the 7 messages handled');
      await waitFor(async () => (await backlog()) === 0, 10_000, 'no backlog');
      await second.stop();
    }, 40_000);

    it('redelivers a message whose handler throws, with backoff, until it succeeds once', async () => {
      const bus = await open();
      const attempts: number[] = [];
      const handled: unknown[] = [];
      const sub = await bus.consume(
        { durable: 'flaky', subject: subject('flaky.sent.v1'), maxDeliver: 5, backoffMs: [100] },
        async (m) => {
          attempts.push(m.deliveryCount);
          if (m.deliveryCount < 3) throw new Error(`not yet (${m.deliveryCount})`);
          handled.push(m.data);
        },
      );
      const started = Date.now();
      await bus.publish(subject('flaky.sent.v1'), { hello: 'world' }, { msgId: 'flaky-1' });
      await waitFor(() => handled.length === 1, 20_000, 'the third delivery');
      await new Promise((r) => setTimeout(r, 300));
      await sub.stop();
      expect(attempts).toEqual([1, 2, 3]);
      expect(handled).toEqual([{ hello: 'world' }]);
      // Two redeliveries after at least 100 ms each.
      expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    }, 30_000);

    it('dead-letters a message after exactly maxDeliver attempts, with the error, and replays it', async () => {
      const bus = await open();
      let attempts = 0;
      let healed = false;
      const healedData: unknown[] = [];
      const sub = await bus.consume(
        { durable: 'broken', subject: subject('broken.sent.v1'), maxDeliver: 3, backoffMs: [50] },
        async (m) => {
          if (healed) {
            healedData.push(m.data);
            return;
          }
          attempts++;
          throw new Error('database constraint violated');
        },
      );
      await bus.publish(subject('broken.sent.v1'), { id: 42 }, { msgId: 'broken-1' });
      await waitFor(
        async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'broken'),
        20_000,
        'a dead letter',
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(attempts).toBe(3);
      const letters = (await bus.deadLetters.list()).filter((d) => d.consumer === 'broken');
      expect(letters).toHaveLength(1);
      expect(letters[0]).toMatchObject({
        subject: subject('broken.sent.v1'),
        deliveryCount: 3,
        data: { id: 42 },
      });
      expect(letters[0]?.error).toContain('database constraint violated');

      healed = true;
      await bus.deadLetters.replay(letters[0]?.id ?? '');
      await waitFor(() => healedData.length === 1, 20_000, 'the replayed message');
      expect(healedData).toEqual([{ id: 42 }]);
      expect((await bus.deadLetters.list()).filter((d) => d.consumer === 'broken')).toHaveLength(0);
      await sub.stop();
    }, 40_000);

    it('sends an invalid payload straight to the dead letters, without retries', async () => {
      const bus = await open();
      const contract = defineEvent(`cdp.contract.evt.probe.sent.v1`, z.object({ id: z.number() }));
      // The contract's subject is fixed, so this test publishes to the suite's own subject under it.
      const local = { ...contract, subject: subject('typed.sent.v1') };
      let calls = 0;
      const sub = await consumeEvents(
        bus,
        local,
        { durable: 'typed', maxDeliver: 5, backoffMs: [50] },
        async () => {
          calls++;
        },
      );
      await expect(
        publishEvent(bus, local, { id: 'nope' } as unknown as { id: number }),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      // publishEncodedEvent skips the publisher's check: the consumer's check still catches it.
      await publishEncodedEvent(bus, local, new JsonText('{"id":"not a number"}'), { msgId: 'typed-bad' });
      await publishEvent(bus, local, { id: 7 }, { msgId: 'typed-good' });
      await waitFor(
        async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'typed'),
        20_000,
        'the dead letter',
      );
      await waitFor(() => calls === 1, 20_000, 'the valid message');
      const [letter] = (await bus.deadLetters.list()).filter((d) => d.consumer === 'typed');
      expect(letter).toMatchObject({ deliveryCount: 1, data: { id: 'not a number' } });
      expect(letter?.error).toMatch(/id/);
      await sub.stop();
    }, 30_000);

    it('stores a message published twice with the same msgId within the window once', async () => {
      const bus = await open();
      const first = await bus.publish(subject('dedup.sent.v1'), { v: 1 }, { msgId: 'same-id' });
      const second = await bus.publish(subject('dedup.sent.v1'), { v: 1 }, { msgId: 'same-id' });
      expect(first.duplicate).toBe(false);
      expect(second.duplicate).toBe(true);
      const seen: DeliveredMessage[] = [];
      const sub = await bus.consume({ durable: 'dedup', subject: subject('dedup.sent.v1') }, async (m) => {
        seen.push(m);
      });
      await waitFor(() => seen.length >= 1, 10_000, 'the message');
      await new Promise((r) => setTimeout(r, 500));
      await sub.stop();
      expect(seen.map((m) => m.msgId)).toEqual(['same-id']);
    }, 20_000);

    it('handles the messages of one key in the order they were published', async () => {
      const bus = await open();
      const keys = ['profile-a', 'profile-b', 'profile-c'];
      for (let i = 0; i < 300; i++) {
        const key = keys[i % 3] ?? 'profile-a';
        await bus.publish(subject('order.sent.v1'), { key, n: i }, { msgId: `order-${i}`, key });
      }
      const seen = new Map<string, number[]>();
      let total = 0;
      const sub = await bus.consume(
        { durable: 'order', subject: subject('order.sent.v1'), batchSize: 50 },
        async (m) => {
          const { key, n } = m.data as { key: string; n: number };
          expect(m.key).toBe(key);
          // Jitter, so a transport that ran one key's messages concurrently would reorder them.
          await new Promise((r) => setTimeout(r, (n * 7) % 5));
          seen.set(key, [...(seen.get(key) ?? []), n]);
          total++;
        },
      );
      await waitFor(() => total === 300, 30_000, '300 messages');
      await sub.stop();
      for (const key of keys) {
        const ns = seen.get(key) ?? [];
        expect(ns).toHaveLength(100);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }
    }, 40_000);

    it('keeps per-key order across two replicas with ordered: true', async () => {
      const replicas = [await open(), await open()];
      const keys = ['profile-a', 'profile-b', 'profile-c'];
      const seen = new Map<string, number[]>();
      const handled = new Map<number, number>();
      let total = 0;
      const subs = await Promise.all(
        replicas.map((replica) =>
          replica.consume(
            { durable: 'replicated', subject: subject('replicated.sent.v1'), batchSize: 50, ordered: true },
            async (m) => {
              const { key, n } = m.data as { key: string; n: number };
              expect(m.key).toBe(key);
              // Jitter, so replicas that ran one key's messages at once would reorder them.
              await new Promise((res) => setTimeout(res, (n * 7) % 5));
              seen.set(key, [...(seen.get(key) ?? []), n]);
              handled.set(n, (handled.get(n) ?? 0) + 1);
              total++;
            },
          ),
        ),
      );
      const publisher = replicas[0] as Bus;
      for (let i = 0; i < 300; i++) {
        const key = keys[i % 3] ?? 'profile-a';
        await publisher.publish(
          subject('replicated.sent.v1'),
          { key, n: i },
          { msgId: `replicated-${i}`, key },
        );
      }
      await waitFor(() => total >= 300, 60_000, '300 messages');
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all(subs.map((s) => s.stop()));
      expect(total).toBe(300);
      expect([...handled.values()].every((times) => times === 1)).toBe(true);
      expect(handled.size).toBe(300);
      for (const key of keys) {
        const ns = seen.get(key) ?? [];
        expect(ns).toHaveLength(100);
        expect(ns).toEqual([...ns].sort((a, b) => a - b));
      }
    }, 90_000);

    it('commits a batch at once: acked after the handler, all redelivered when it throws', async () => {
      const bus = await open();
      for (let i = 0; i < 20; i++)
        await bus.publish(subject('batch.sent.v1'), { n: i }, { msgId: `batch-${i}` });
      const batches: number[][] = [];
      let failOnce = true;
      const sub = await bus.consumeBatch(
        { durable: 'batch', subject: subject('batch.sent.v1'), batchSize: 20, backoffMs: [50] },
        async (messages) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('commit failed');
          }
          batches.push(messages.map((m) => (m.data as { n: number }).n));
        },
      );
      await waitFor(() => batches.flat().length >= 20, 20_000, 'all 20 after the failed batch');
      await new Promise((r) => setTimeout(r, 300));
      await sub.stop();
      expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(batches.length).toBeLessThan(20);
    }, 30_000);

    it('dead-letters a batch message that keeps failing alone, and commits the rest of its batch once', async () => {
      const bus = await open();
      const s = subject('poisoned.sent.v1');
      for (let i = 0; i < 10; i++) await bus.publish(s, { n: i }, { msgId: `poisoned-${i}` });
      const committed: number[] = [];
      const sub = await bus.consumeBatch(
        { durable: 'poisoned', subject: s, batchSize: 10, maxDeliver: 3, backoffMs: [50] },
        async (messages) => {
          // Not a PermanentError: an ordinary failure, as a row PostgreSQL refuses gives.
          if (messages.some((m) => (m.data as { n: number }).n === 4))
            throw new Error('n=4 breaks the insert');
          committed.push(...messages.map((m) => (m.data as { n: number }).n));
        },
      );
      await waitFor(
        async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'poisoned'),
        20_000,
        'the dead letter',
      );
      await waitFor(() => committed.length >= 9, 10_000, 'the nine good messages');
      await new Promise((r) => setTimeout(r, 300));
      await sub.stop();
      expect(committed.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
      const letters = (await bus.deadLetters.list()).filter((d) => d.consumer === 'poisoned');
      expect(letters.map((d) => [d.data, d.deliveryCount])).toEqual([[{ n: 4 }, 3]]);
      expect(letters[0]?.error).toContain('n=4 breaks the insert');
    }, 30_000);

    it('answers requests, and fails with TIMEOUT or NO_RESPONDERS as typed errors', async () => {
      const bus = await open();
      const responders: Subscription[] = [
        await bus.respond(rpc('echo.get.v1'), 'echo', async (data) => ({ echoed: data })),
        await bus.respond(rpc('slow.get.v1'), 'slow', async () => {
          await new Promise((r) => setTimeout(r, 1_000));
          return 'late';
        }),
      ];
      expect(await bus.request(rpc('echo.get.v1'), { a: 1 }, { timeoutMs: 2_000 })).toEqual({
        echoed: { a: 1 },
      });

      const slow = bus.request(rpc('slow.get.v1'), {}, { timeoutMs: 200 });
      await expect(slow).rejects.toBeInstanceOf(BusError);
      await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
      const nobody = bus.request(rpc('nobody.get.v1'), {}, { timeoutMs: 1_000 });
      await expect(nobody).rejects.toMatchObject({ code: 'NO_RESPONDERS' });
      for (const r of responders) await r.stop();
    }, 20_000);

    it('answers ping while up', async () => {
      const bus = await open();
      await expect(bus.ping()).resolves.toBeUndefined();
    });
  });
}
