import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { AckPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { deleteBusNamespace, waitFor } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '@cdp/shared/contracts';
import { currentCorrelationId, withCorrelationId } from '@cdp/shared/util-logging';
import { describeBusContract } from '../__tests__/bus-contract.js';
import { HEADERS, type Bus, type DeliveredMessage, type PublishAck } from '../bus.js';
import { PLATFORM_STREAMS, type JetStreamBusConfig } from '../create-bus.js';
import { busConfigFor } from '../env-config.js';
import { BusError, describeError, PermanentError } from '../errors.js';
import { consumeEvents, publishEvent } from '../typed.js';
import { consumerName, fnv1a32, partitionConsumerName } from './codec.js';
import { createJetStreamBus } from './jetstream-bus.js';
import { namespacedStreamName } from './namespace.js';

const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** Why JetStream cannot be used at `url`, or undefined when it can. */
async function jetStreamProblem(url: string): Promise<string | undefined> {
  let nc: NatsConnection | undefined;
  try {
    nc = await connect({ servers: url, timeout: 2_000, reconnect: false });
    await jetstreamManager(nc);
    return undefined;
  } catch (error) {
    return describeError(error);
  } finally {
    await nc?.close().catch(() => undefined);
  }
}

const problem = await jetStreamProblem(NATS_URL);
const required = `NATS with JetStream is required at ${NATS_URL}; .ci/run starts it`;
if (problem && process.env['CI']) {
  describe('JetStream bus', () => {
    it('has NATS with JetStream to run against', () => {
      throw new Error(`${required} (${problem})`);
    });
  });
} else if (problem) {
  console.warn(`Skipping the JetStream bus tests: ${required} (${problem}).`);
}

async function withManager<T>(fn: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: NATS_URL, timeout: 2_000 });
  try {
    return await fn(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

async function deleteStreams(...names: string[]): Promise<void> {
  await withManager(async (jsm) => {
    for (const name of names) await jsm.streams.delete(name).catch(() => undefined);
  });
}

function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe.skipIf(problem !== undefined)('JetStream bus', () => {
  describeBusContract({
    transport: 'jetstream',
    config: async (ns) => ({
      kind: 'jetstream',
      servers: NATS_URL,
      name: 'contract-test',
      // The suite's requests use `<ns>-rpc.` subjects, outside this stream: a stream that captured
      // them would answer every request itself with a PubAck.
      stream: { name: `T_${ns}`, subjects: [`${ns}.>`] },
      deadLetter: { stream: `T_${ns}_DLQ`, subjectPrefix: `dlq-${ns}` },
    }),
    cleanup: (ns) => deleteStreams(`T_${ns}`, `T_${ns}_DLQ`),
  });

  describe('on JetStream', () => {
    const ns = `j${randomBytes(4).toString('hex')}`;
    const subject = (name: string): string => `${ns}.${name}`;
    const config = (
      overrides: Partial<JetStreamBusConfig['stream']> = {},
      suffix = '',
    ): JetStreamBusConfig => ({
      kind: 'jetstream',
      servers: NATS_URL,
      name: 'jetstream-spec',
      stream: { name: `T_${ns}${suffix}`, subjects: [`${ns}${suffix.toLowerCase()}.>`], ...overrides },
      deadLetter: { stream: `T_${ns}${suffix}_DLQ`, subjectPrefix: `dlq-${ns}${suffix.toLowerCase()}` },
    });
    const buses: Bus[] = [];
    let bus: Bus;
    const open = async (c: JetStreamBusConfig = config()): Promise<Bus> => {
      const opened = await createJetStreamBus(c);
      buses.push(opened);
      return opened;
    };
    const consumerInfo = (durable: string, subj: string) =>
      withManager((jsm) => jsm.consumers.info(`T_${ns}`, consumerName(durable, subj)));

    beforeAll(async () => {
      bus = await open();
    });
    afterAll(async () => {
      await Promise.allSettled(buses.map((b) => b.close()));
      await deleteStreams(`T_${ns}`, `T_${ns}_DLQ`, `T_${ns}_FULL`, `T_${ns}_FULL_DLQ`);
    });

    it('creates consumers with the configured ack wait, and keeps the message of a live handler past it', async () => {
      const quick = await open({ ...config(), ackWaitMs: 1_000 });
      const other = await open({ ...config(), ackWaitMs: 1_000 });
      const s = subject('ackwait.sent.v1');
      const stalled = gate();
      const first: string[] = [];
      const second: string[] = [];
      // The first replica takes the message and never finishes it (a paused process).
      await quick.consume({ durable: 'ackwait', subject: s, maxAckPending: 1 }, async (m) => {
        first.push(m.msgId ?? '');
        await stalled.wait;
      });
      await quick.publish(s, { n: 1 }, { msgId: `${ns}-ackwait-1` });
      await waitFor(() => first.length === 1, 10_000, 'the first replica holding the message');
      await other.consume({ durable: 'ackwait', subject: s }, async (m) => void second.push(m.msgId ?? ''));
      const info = await consumerInfo('ackwait', s);
      expect(info.config.ack_wait).toBe(1_000_000_000);
      // Kept alive every third of the ack wait while the handler runs: a stalled handler in a live
      // process is not redelivered, so wait past the ack wait and find it still with the first.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(second).toEqual([]);
      stalled.open();
    });

    it('asks for the configured stream replicas, and a single server says it cannot hold three', async () => {
      const replicated = config({ replicas: 3 }, '_R3');
      await expect(createJetStreamBus(replicated)).rejects.toThrow(
        new RegExp(`could not create or update stream T_${ns}_R3: .*replicas`, 'i'),
      );
    });

    it('refuses the 4th publish into a full stream that discards new messages, and drops nothing', async () => {
      const full = await open(config({ maxMsgs: 3, discard: 'new' }, '_FULL'));
      const fullSubject = `${ns}_full.order.placed.v1`;
      for (let n = 0; n < 3; n++) await full.publish(fullSubject, { n }, { msgId: `full-${n}` });

      const fourth = full.publish(fullSubject, { n: 3 }, { msgId: 'full-3' });
      await expect(fourth).rejects.toBeInstanceOf(BusError);
      await expect(fourth).rejects.toMatchObject({ code: 'PUBLISH_FAILED' });
      await expect(fourth).rejects.toThrow(/maximum messages/);

      const seen: number[] = [];
      const sub = await full.consume({ durable: 'full', subject: fullSubject }, async (m) => {
        seen.push((m.data as { n: number }).n);
      });
      await waitFor(() => seen.length === 3, 10_000, 'the three stored messages');
      await sub.stop();
      expect(seen).toEqual([0, 1, 2]);
    });

    it('keeps messages for the configured age on the stream (the platform keeps 7 days)', async () => {
      await open(config({ maxAgeMs: 3_600_000 }, '_AGED'));
      const info = await withManager((jsm) => jsm.streams.info(`T_${ns}_AGED`));
      await deleteStreams(`T_${ns}_AGED`, `T_${ns}_AGED_DLQ`);
      expect(info.config.max_age).toBe(3_600_000 * 1_000_000);
      expect(PLATFORM_STREAMS.stream.maxAgeMs).toBe(7 * 24 * 3_600_000);
    });

    it('rejects with UNAVAILABLE, naming the address, when nothing listens there', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const address = server.address();
          server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
        });
      });
      const attempt = createJetStreamBus({ ...config(), servers: `nats://127.0.0.1:${port}` });
      await expect(attempt).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await expect(attempt).rejects.toThrow(`127.0.0.1:${port}`);
    });

    it('keeps at most maxAckPending handlers running while the rest wait on the server', async () => {
      const s = subject('busy.sent.v1');
      await Promise.all(Array.from({ length: 50 }, (_, n) => bus.publish(s, { n }, { msgId: `busy-${n}` })));
      const release = gate();
      let running = 0;
      let mostRunning = 0;
      let done = 0;
      const sub = await bus.consume({ durable: 'busy', subject: s, maxAckPending: 10 }, async () => {
        running++;
        mostRunning = Math.max(mostRunning, running);
        await release.wait;
        running--;
        done++;
      });
      await waitFor(() => running === 10, 10_000, '10 running handlers');
      await new Promise((r) => setTimeout(r, 500));
      expect(running).toBe(10);
      const info = await consumerInfo('busy', s);
      expect(info.num_ack_pending).toBe(10);
      expect(info.num_pending).toBe(40);

      release.open();
      await waitFor(() => done === 50, 10_000, 'all 50 handled');
      await sub.stop();
      expect(mostRunning).toBe(10);
    });

    it("carries the correlation id and key in the handler's headers", async () => {
      const s = subject('traced.sent.v1');
      const contract = {
        ...defineEvent('cdp.probe.evt.thing.traced.v1', z.object({ id: z.number() })),
        subject: s,
      };
      const seen: Array<{ message: DeliveredMessage; inHandler?: string }> = [];
      const sub = await consumeEvents(bus, contract, { durable: 'traced' }, async (message) => {
        seen.push({ message, inHandler: currentCorrelationId() });
      });
      await withCorrelationId('corr-typed-1', () =>
        publishEvent(bus, contract, { id: 1 }, { msgId: 'traced-1', key: 'profile-1' }),
      );
      await bus.publish(
        s,
        { id: 2 },
        { msgId: 'traced-2', headers: { [HEADERS.correlationId]: 'corr-raw-2' } },
      );
      await waitFor(() => seen.length === 2, 10_000, 'both messages');
      await sub.stop();
      const byId = new Map(seen.map((s) => [(s.message.data as { id: number }).id, s]));
      expect(byId.get(1)?.message).toMatchObject({
        headers: { [HEADERS.correlationId]: 'corr-typed-1', [HEADERS.key]: 'profile-1' },
        key: 'profile-1',
        msgId: 'traced-1',
      });
      expect(byId.get(1)?.inHandler).toBe('corr-typed-1');
      expect(byId.get(2)?.message.headers[HEADERS.correlationId]).toBe('corr-raw-2');
      expect(byId.get(2)?.inHandler).toBe('corr-raw-2');
    });

    it('stop() waits for the running handler and its ack: a restarted consumer does not get it again', async () => {
      const s = subject('slow.sent.v1');
      const release = gate();
      let started = 0;
      const sub = await bus.consume({ durable: 'slow', subject: s }, async () => {
        started++;
        await release.wait;
      });
      const { seq } = await bus.publish(s, { slow: true }, { msgId: 'slow-1' });
      await waitFor(() => started === 1, 10_000, 'the handler to start');

      let stopped = false;
      const stopping = sub.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(stopped).toBe(false);
      release.open();
      await stopping;

      const info = await consumerInfo('slow', s);
      expect(info.num_ack_pending).toBe(0);
      expect(info.ack_floor.stream_seq).toBe(seq);
      let again = 0;
      const restarted = await bus.consume({ durable: 'slow', subject: s }, async () => {
        again++;
      });
      await new Promise((r) => setTimeout(r, 500));
      await restarted.stop();
      expect(again).toBe(0);
    });

    it('runs up to batchConcurrency batches at once, and one batch at a time by default', async () => {
      const s = subject('overlap.sent.v1');
      for (let n = 0; n < 6; n++) await bus.publish(s, { n }, { msgId: `overlap-${n}` });
      const most = async (batchConcurrency: number | undefined, durable: string): Promise<number> => {
        let running = 0;
        let peak = 0;
        let seen = 0;
        const sub = await bus.consumeBatch(
          { durable, subject: s, batchSize: 2, ...(batchConcurrency ? { batchConcurrency } : {}) },
          async (messages) => {
            running++;
            peak = Math.max(peak, running);
            await new Promise((r) => setTimeout(r, 200));
            seen += messages.length;
            running--;
          },
        );
        await waitFor(() => seen === 6, 10_000, `all six messages (${durable})`);
        await sub.stop();
        return peak;
      };
      expect(await most(undefined, 'overlap-one')).toBe(1);
      expect(await most(3, 'overlap-three')).toBe(3);
    });

    it('dead-letters only the poison message of a batch and keeps its headers for the replay', async () => {
      const s = subject('mixed.sent.v1');
      for (let n = 0; n < 5; n++) {
        await bus.publish(
          s,
          { n },
          { msgId: `mixed-${n}`, headers: { [HEADERS.correlationId]: `corr-${n}` } },
        );
      }
      const committed: number[] = [];
      const sub = await bus.consumeBatch({ durable: 'mixed', subject: s, batchSize: 5 }, async (messages) => {
        if (messages.some((m) => (m.data as { n: number }).n === 3))
          throw new PermanentError('n=3 is invalid');
        committed.push(...messages.map((m) => (m.data as { n: number }).n));
      });
      await waitFor(
        async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'mixed'),
        10_000,
        'the dead letter',
      );
      await waitFor(() => committed.length === 4, 10_000, 'the four good messages');
      await sub.stop();
      expect(committed.sort()).toEqual([0, 1, 2, 4]);
      const [letter] = (await bus.deadLetters.list()).filter((d) => d.consumer === 'mixed');
      expect(letter).toMatchObject({
        subject: s,
        deliveryCount: 1,
        data: { n: 3 },
        headers: { [HEADERS.correlationId]: 'corr-3', 'Nats-Msg-Id': 'mixed-3' },
      });
      expect(letter?.error).toContain('PermanentError: n=3 is invalid');

      const replayed: DeliveredMessage[] = [];
      const after = await bus.consume({ durable: 'mixed-replay', subject: s }, async (m) => {
        if ((m.data as { n: number }).n === 3 && m.deliveryCount === 1 && m.msgId?.includes(':replay:'))
          replayed.push(m);
      });
      expect(await bus.deadLetters.replayAll()).toBeGreaterThanOrEqual(1);
      await waitFor(() => replayed.length === 1, 10_000, 'the replayed message');
      await after.stop();
      expect(replayed[0]?.headers[HEADERS.correlationId]).toBe('corr-3');
      expect(replayed[0]?.msgId).toBe(`mixed-3:replay:${letter?.id}`);
      expect(await bus.deadLetters.list()).toEqual([]);
    });

    const storedSubject = (seq: number) =>
      withManager(async (jsm) => (await jsm.streams.getMessage(`T_${ns}`, { seq }))?.subject ?? '');

    it('stores the messages of one key on one partition subject and spreads keys over partitions', async () => {
      const s = subject('parts.sent.v1');
      const keys = Array.from({ length: 32 }, (_, k) => `profile-${k}`);
      const stored = new Map<string, Set<string>>();
      for (const key of keys) {
        for (let n = 0; n < 2; n++) {
          const { seq } = await bus.publish(s, { key, n }, { msgId: `parts-${key}-${n}`, key });
          const at = await storedSubject(seq);
          stored.set(key, (stored.get(key) ?? new Set()).add(at));
        }
      }
      for (const key of keys) {
        expect([...(stored.get(key) ?? [])]).toEqual([`${s}.p${fnv1a32(key) % 16}`]);
      }
      const partitions = new Set(keys.map((key) => [...(stored.get(key) ?? [])][0]));
      expect(partitions.size).toBeGreaterThan(8);
      // Without a key, by msgId: a re-publish lands where the first one did.
      const unkeyed = await bus.publish(s, { n: 'unkeyed' }, { msgId: 'parts-unkeyed' });
      expect(await storedSubject(unkeyed.seq)).toBe(`${s}.p${fnv1a32('parts-unkeyed') % 16}`);

      const delivered: DeliveredMessage[] = [];
      const sub = await bus.consume({ durable: 'parts', subject: s }, async (m) => {
        delivered.push(m);
      });
      await waitFor(() => delivered.length === 65, 10_000, 'all 65 messages');
      await sub.stop();
      expect(new Set(delivered.map((m) => m.subject))).toEqual(new Set([s]));
    });

    it('dead-letters and replays a keyed message under its original subject, on its partition', async () => {
      const s = subject('keyed-dlq.sent.v1');
      const key = 'profile-dlq';
      const partitionSubject = `${s}.p${fnv1a32(key) % 16}`;
      let healed = false;
      const delivered: DeliveredMessage[] = [];
      const sub = await bus.consume(
        { durable: 'keyed-dlq', subject: s, ordered: true, maxDeliver: 2, backoffMs: [50] },
        async (m) => {
          if (!healed) throw new Error('not yet');
          delivered.push(m);
        },
      );
      const { seq } = await bus.publish(s, { id: 1 }, { msgId: 'keyed-dlq-1', key });
      expect(await storedSubject(seq)).toBe(partitionSubject);
      await waitFor(
        async () => (await bus.deadLetters.list()).some((d) => d.consumer === 'keyed-dlq'),
        10_000,
        'the dead letter',
      );
      const [letter] = (await bus.deadLetters.list()).filter((d) => d.consumer === 'keyed-dlq');
      expect(letter).toMatchObject({ subject: s, deliveryCount: 2, headers: { [HEADERS.key]: key } });

      healed = true;
      await bus.deadLetters.replay(letter?.id ?? '');
      await waitFor(() => delivered.length === 1, 10_000, 'the replayed message');
      await sub.stop();
      expect(delivered[0]).toMatchObject({ subject: s, key, data: { id: 1 } });
      expect(await storedSubject(delivered[0]?.seq ?? 0)).toBe(partitionSubject);
    });

    it('holds back the rest of a partition while its message waits for a retry, with ordered: true', async () => {
      const s = subject('blocked.sent.v1');
      const key = 'profile-blocked';
      const order: string[] = [];
      const sub = await bus.consume(
        { durable: 'blocked', subject: s, ordered: true, backoffMs: [300] },
        async (m) => {
          const { n } = m.data as { n: number };
          order.push(`${n}@${m.deliveryCount}`);
          if (n === 0 && m.deliveryCount === 1) throw new Error('retry me');
        },
      );
      for (let n = 0; n < 3; n++) await bus.publish(s, { n }, { msgId: `blocked-${n}`, key });
      await waitFor(() => order.length === 4, 10_000, 'all deliveries');
      await sub.stop();
      expect(order).toEqual(['0@1', '0@2', '1@1', '2@1']);
    });

    it('moves a consumer made before partitioning (filter on the bare subject) to the partitions', async () => {
      const s = subject('legacy.sent.v1');
      const name = consumerName('legacy', s);
      await withManager((jsm) =>
        jsm.consumers.add(`T_${ns}`, {
          durable_name: name,
          ack_policy: AckPolicy.Explicit,
          filter_subject: s,
        }),
      );
      const seen: number[] = [];
      const sub = await bus.consume({ durable: 'legacy', subject: s }, async (m) => {
        seen.push((m.data as { n: number }).n);
      });
      expect((await consumerInfo('legacy', s)).config.filter_subject).toBe(`${s}.>`);
      await bus.publish(s, { n: 1 }, { msgId: 'legacy-1', key: 'profile-legacy' });
      await waitFor(() => seen.length === 1, 10_000, 'the message');
      await sub.stop();
      expect(seen).toEqual([1]);
    });

    it('refuses an ordered consumer on a subject ending in >', async () => {
      await expect(
        bus.consume({ durable: 'wild', subject: `${ns}.wild.>`, ordered: true }, async () => undefined),
      ).rejects.toMatchObject({ code: 'INTERNAL' });
    });

    it('answers a throwing responder with an INTERNAL error reply', async () => {
      // Outside the stream's subjects, or JetStream would answer with a PubAck.
      const rpc = `${ns}_rpc.broken.get.v1`;
      const responder = await bus.respond(rpc, 'broken', async () => {
        throw new Error('lookup exploded');
      });
      await expect(bus.request(rpc, {}, { timeoutMs: 2_000 })).resolves.toEqual({
        error: { code: 'INTERNAL', message: 'lookup exploded' },
      });
      await responder.stop();
    });

    it('answers with an INTERNAL error naming the size, not silence until the caller times out', async () => {
      const rpc = `${ns}_rpc.huge.get.v1`;
      const responder = await bus.respond(rpc, 'huge', async () => ({ blob: 'x'.repeat(2 * 1024 * 1024) }));
      const started = Date.now();
      const reply = (await bus.request(rpc, {}, { timeoutMs: 10_000 })) as {
        error: { code: string; message: string };
      };
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(reply.error.code).toBe('INTERNAL');
      expect(reply.error.message).toMatch(
        /^the reply of 2097\d{3} bytes is over the server's message size limit/,
      );
      await responder.stop();
    });

    it('cuts an error message too long to travel (a validation listing thousands of issues)', async () => {
      const rpc = `${ns}_rpc.wordy.get.v1`;
      const responder = await bus.respond(rpc, 'wordy', async () => {
        throw new Error(`bad value; `.repeat(200_000));
      });
      const reply = (await bus.request(rpc, {}, { timeoutMs: 10_000 })) as { error: { message: string } };
      expect(reply.error.message.length).toBeLessThan(5_000);
      expect(reply.error.message).toMatch(/^bad value; .*… \(2200000 characters in all\)$/);
      await responder.stop();
    });
  });

  describe('in a namespace (NATS_NAMESPACE)', () => {
    const run = randomBytes(4).toString('hex');
    // Hyphens included: they stay in the stream names.
    const nsA = `t${run}-a`;
    const nsB = `t${run}-b`;
    const eventsA = namespacedStreamName('CDP_EVENTS', nsA);
    const buses: Bus[] = [];
    /** A bus on the platform's streams in `namespace`, as a service gets it from its env. */
    const open = async (namespace: string): Promise<Bus> => {
      const config = busConfigFor('ingestion', {
        NATS_URL,
        NATS_NAMESPACE: namespace,
        DATABASE_URL: '',
      }) as JetStreamBusConfig;
      const opened = await createJetStreamBus(config);
      buses.push(opened);
      return opened;
    };
    /** A bus without a namespace, on streams of its own (not the platform's CDP_EVENTS). */
    const openPlain = async (): Promise<Bus> => {
      const opened = await createJetStreamBus({
        kind: 'jetstream',
        servers: NATS_URL,
        name: 'plain',
        stream: { name: `T_${run}_PLAIN`, subjects: [`t${run}-plain.>`] },
        deadLetter: { stream: `T_${run}_PLAIN_DLQ`, subjectPrefix: `dlq-t${run}-plain` },
      });
      buses.push(opened);
      return opened;
    };
    let a: Bus;
    let b: Bus;

    beforeAll(async () => {
      a = await open(nsA);
      b = await open(nsB);
    });
    afterAll(async () => {
      await Promise.allSettled(buses.map((bus) => bus.close()));
      await deleteBusNamespace(NATS_URL, nsA);
      await deleteBusNamespace(NATS_URL, nsB);
      await deleteStreams(`T_${run}_PLAIN`, `T_${run}_PLAIN_DLQ`);
    });

    it('keeps two namespaces apart: one durable on one subject gets only its own namespace', async () => {
      const s = 'cdp.probe.evt.isolated.v1';
      const seen = { a: [] as DeliveredMessage[], b: [] as DeliveredMessage[] };
      const subA = await a.consume({ durable: 'ingestion', subject: s }, async (m) => {
        seen.a.push(m);
      });
      const subB = await b.consume({ durable: 'ingestion', subject: s }, async (m) => {
        seen.b.push(m);
      });
      const acks: PublishAck[] = [];
      for (let n = 0; n < 3; n++) acks.push(await a.publish(s, { from: 'a', n }, { msgId: `iso-${n}` }));
      // The same msgIds: each namespace has its own dedup window.
      for (let n = 0; n < 2; n++) acks.push(await b.publish(s, { from: 'b', n }, { msgId: `iso-${n}` }));
      expect(acks.map((ack) => ack.duplicate)).toEqual([false, false, false, false, false]);

      await waitFor(() => seen.a.length === 3 && seen.b.length === 2, 10_000, 'both namespaces');
      await new Promise((r) => setTimeout(r, 300));
      await Promise.all([subA.stop(), subB.stop()]);
      const data = (messages: DeliveredMessage[]) =>
        messages.map((m) => m.data as { from: string; n: number }).sort((x, y) => x.n - y.n);
      expect(data(seen.a)).toEqual([0, 1, 2].map((n) => ({ from: 'a', n })));
      expect(data(seen.b)).toEqual([0, 1].map((n) => ({ from: 'b', n })));
      expect(new Set([...seen.a, ...seen.b].map((m) => m.subject))).toEqual(new Set([s]));

      // On the server, the message sits under the namespace in the namespace's stream.
      const stored = await withManager((jsm) => jsm.streams.getMessage(eventsA, { seq: acks[0]?.seq ?? 0 }));
      expect(stored?.subject).toBe(`${nsA}.${s}.p${fnv1a32('iso-0') % 16}`);
    });

    it('keeps per-key order for an ordered consumer, whose partitions filter inside the namespace', async () => {
      const s = 'cdp.probe.evt.ordered.v1';
      const seen: Array<{ key?: string; n: number; subject: string }> = [];
      const sub = await a.consume({ durable: 'ordered', subject: s, ordered: true }, async (m) => {
        seen.push({ key: m.key, n: (m.data as { n: number }).n, subject: m.subject });
      });
      for (let n = 0; n < 5; n++) {
        for (const key of ['profile-1', 'profile-2']) {
          await a.publish(s, { n }, { msgId: `ordered-${key}-${n}`, key });
        }
      }
      await waitFor(() => seen.length === 10, 10_000, 'all 10 messages');
      await sub.stop();
      for (const key of ['profile-1', 'profile-2']) {
        expect(seen.filter((m) => m.key === key).map((m) => m.n)).toEqual([0, 1, 2, 3, 4]);
      }
      expect(new Set(seen.map((m) => m.subject))).toEqual(new Set([s]));
      const info = await withManager((jsm) =>
        jsm.consumers.info(eventsA, partitionConsumerName('ordered', s, 0)),
      );
      expect(info.config.filter_subject).toBe(`${nsA}.${s}.p0`);
    });

    it('lists a dead letter under its plain subject and replays it into the namespace', async () => {
      const s = 'cdp.probe.evt.poisoned.v1';
      let healed = false;
      const delivered: DeliveredMessage[] = [];
      const sub = await a.consume({ durable: 'poisoned', subject: s }, async (m) => {
        if (!healed) throw new PermanentError('not yet');
        delivered.push(m);
      });
      await a.publish(s, { id: 1 }, { msgId: 'poisoned-1', key: 'profile-9' });
      const letters = async () => (await a.deadLetters.list()).filter((d) => d.consumer === 'poisoned');
      await waitFor(async () => (await letters()).length === 1, 10_000, 'the dead letter');
      const [letter] = await letters();
      expect(letter).toMatchObject({ subject: s, data: { id: 1 }, headers: { [HEADERS.key]: 'profile-9' } });
      // The other namespace's dead letters are its own.
      expect((await b.deadLetters.list()).filter((d) => d.consumer === 'poisoned')).toEqual([]);

      healed = true;
      await a.deadLetters.replay(letter?.id ?? '');
      await waitFor(() => delivered.length === 1, 10_000, 'the replayed message');
      await sub.stop();
      expect(delivered[0]).toMatchObject({
        subject: s,
        key: 'profile-9',
        data: { id: 1 },
        msgId: `poisoned-1:replay:${letter?.id}`,
      });
      expect(await letters()).toEqual([]);
    });

    it('answers requests of its own namespace only', async () => {
      const rpc = 'cdp.probe.req.lookup.v1';
      const responder = await a.respond(rpc, 'probe', async (data) => ({ echoed: data }));
      const sameNamespace = await open(nsA);
      await expect(sameNamespace.request(rpc, { n: 1 }, { timeoutMs: 2_000 })).resolves.toEqual({
        echoed: { n: 1 },
      });
      const plain = await openPlain();
      await expect(plain.request(rpc, {}, { timeoutMs: 2_000 })).rejects.toMatchObject({
        code: 'NO_RESPONDERS',
      });
      await expect(b.request(rpc, {}, { timeoutMs: 2_000 })).rejects.toMatchObject({ code: 'NO_RESPONDERS' });

      // On the wire the request subject carries the namespace.
      const nc = await connect({ servers: NATS_URL, timeout: 2_000 });
      try {
        const reply = await nc.request(`${nsA}.${rpc}`, JSON.stringify({ n: 2 }), { timeout: 2_000 });
        expect(reply.json()).toEqual({ echoed: { n: 2 } });
      } finally {
        await nc.close();
      }
      await responder.stop();
    });

    it('makes two streams of its own, which deleteBusNamespace removes', async () => {
      const ns = `t${run}-c`;
      const bus = await open(ns);
      await bus.close();
      const streams = await withManager(async (jsm) => {
        const found: Record<string, string[]> = {};
        for await (const info of jsm.streams.list()) {
          if (info.config.name.endsWith(`_T${run.toUpperCase()}-C`)) {
            found[info.config.name] = info.config.subjects;
          }
        }
        return found;
      });
      expect(streams).toEqual({
        [`CDP_EVENTS_T${run.toUpperCase()}-C`]: [`${ns}.cdp.*.evt.>`],
        [`CDP_DLQ_T${run.toUpperCase()}-C`]: [`${ns}.cdp-dlq.>`],
      });

      expect((await deleteBusNamespace(NATS_URL, ns)).sort()).toEqual(Object.keys(streams).sort());
      // Gone, and a second call has nothing left to delete.
      expect(await deleteBusNamespace(NATS_URL, ns)).toEqual([]);
    });
  });
});
