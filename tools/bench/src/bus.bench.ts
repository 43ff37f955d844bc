import { randomBytes } from 'node:crypto';
import { createBus, type Bus, type BusConfig, type DeliveredMessage } from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { round, type Benchmark, type BenchOptions } from './bench.js';

interface Figures {
  msgs_per_s: number;
  events_per_s: number;
  /** Publish-to-handled latency of single messages at a steady 2,000 msgs/s (below capacity). */
  p50_ms: number;
  p99_ms: number;
  /** The same during the saturating throughput run, where it is mostly queueing. */
  saturated_p50_ms: number;
  saturated_p99_ms: number;
}

const PACED_RATE = 2_000;

const ONE_KB = 'x'.repeat(1024 - 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Publishes `count` messages (`concurrency` awaiting their PubAck at once) while one consumer
 * handles them with acks; returns messages/s end to end and publish→handled latencies.
 */
/** Publishes at a steady `rate` (one publish every 1/rate s) and measures publish-to-handled latency. */
async function paced(bus: Bus, subject: string, count: number, rate: number): Promise<number[]> {
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscription = await bus.consume(
    { durable: 'bench-paced', subject, batchSize: 256 },
    async (message) => {
      latencies.push(performance.timeOrigin + performance.now() - Number(message.headers['bench-sent-at']));
      if (latencies.length === count) done();
    },
  );
  const started = performance.now();
  const publishes: Array<Promise<unknown>> = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    publishes.push(
      bus.publish(
        subject,
        { i, body: ONE_KB },
        {
          msgId: `${subject}-${i}`,
          headers: { 'bench-sent-at': String(performance.timeOrigin + performance.now()) },
        },
      ),
    );
  }
  await Promise.all(publishes);
  await finished;
  await subscription.stop();
  return latencies.sort((a, b) => a - b);
}

async function run(
  bus: Bus,
  subject: string,
  count: number,
  makePayload: (i: number) => unknown,
  concurrency: number,
): Promise<{ perSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let handled = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const subscription = await bus.consume(
    { durable: 'bench', subject, batchSize: 256, maxAckPending: 20_000 },
    async (message: DeliveredMessage) => {
      const sentAt = Number(message.headers['bench-sent-at']);
      latencies.push(performance.timeOrigin + performance.now() - sentAt);
      if (++handled === count) done();
    },
  );
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        await bus.publish(subject, makePayload(i), {
          msgId: `${subject}-${i}`,
          headers: { 'bench-sent-at': String(performance.timeOrigin + performance.now()) },
        });
      }
    }),
  );
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await subscription.stop();
  return { perSecond: count / seconds, latencies };
}

async function measure(
  bus: Bus,
  namespace: string,
  quick: boolean,
  print: BenchOptions['print'],
): Promise<Figures> {
  const singles = quick ? 5_000 : 40_000;
  const envelopes = quick ? 300 : 2_000;
  const single = await run(bus, `${namespace}.single`, singles, (i) => ({ i, body: ONE_KB }), 256);
  const event = (i: number, j: number) => ({
    messageId: `e-${i}-${j}`,
    type: 'track',
    event: 'Article Viewed',
    anonymousId: `anon-${j}`,
    properties: { articleId: `a-${(i * 31 + j) % 997}`, seconds: j % 120 },
    timestamp: '2026-11-22T05:00:00.000Z',
  });
  const envelope = await run(
    bus,
    `${namespace}.envelope`,
    envelopes,
    (i) => ({ events: Array.from({ length: 100 }, (_, j) => event(i, j)) }),
    32,
  );
  const steady = await paced(bus, `${namespace}.paced`, quick ? 2_000 : 6_000, PACED_RATE);
  const sorted = [...single.latencies].sort((a, b) => a - b);
  const figures = {
    msgs_per_s: Math.round(single.perSecond),
    events_per_s: Math.round(envelope.perSecond * 100),
    p50_ms: round(percentile(steady, 50)),
    p99_ms: round(percentile(steady, 99)),
    saturated_p50_ms: round(percentile(sorted, 50)),
    saturated_p99_ms: round(percentile(sorted, 99)),
  };
  print(
    `${bus.kind.padEnd(9)}  ${String(singles).padStart(6)} x 1 KB: ${String(figures.msgs_per_s).padStart(6)} msgs/s` +
      ` (latency p50/p99 ${figures.saturated_p50_ms}/${figures.saturated_p99_ms} ms)` +
      `   ${envelopes} x 100-event envelopes: ${figures.events_per_s} events/s` +
      `   at ${PACED_RATE} msgs/s: p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms`,
  );
  return figures;
}

export const busBenchmark: Benchmark = {
  name: 'bus',
  description:
    'messages published with acks and consumed with acks, single 1 KB messages and 100-event envelopes, per transport',
  async run({ quick, print }) {
    const namespace = `bench${randomBytes(3).toString('hex')}`;
    const result: Record<string, Figures> = {};

    const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
    const jetstreamConfig: BusConfig = {
      kind: 'jetstream',
      servers: natsUrl,
      name: 'bench',
      stream: { name: `BENCH_${namespace}`, subjects: [`${namespace}.>`], maxBytes: 2 * 1024 ** 3 },
      deadLetter: { stream: `BENCH_${namespace}_DLQ`, subjectPrefix: `dlq-${namespace}` },
    };
    const jetstream = await createBus(jetstreamConfig).catch((error: unknown) => {
      print(`jetstream: skipped, ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (jetstream) {
      try {
        result['jetstream'] = await measure(jetstream, namespace, quick, print);
      } finally {
        await jetstream.close();
        const { connect } = await import('@nats-io/transport-node');
        const { jetstreamManager } = await import('@nats-io/jetstream');
        const nc = await connect({ servers: natsUrl });
        const jsm = await jetstreamManager(nc);
        for (const stream of [jetstreamConfig.stream.name, jetstreamConfig.deadLetter.stream]) {
          await jsm.streams.delete(stream).catch(() => undefined);
        }
        await nc.close();
      }
    }

    const database = await benchDatabase();
    try {
      const embedded = await createBus({ kind: 'embedded', databaseUrl: database.url, name: 'bench' });
      try {
        result['embedded'] = await measure(embedded, namespace, quick, print);
      } finally {
        await embedded.close();
      }
    } finally {
      await database.release();
    }
    return result;
  },
};
