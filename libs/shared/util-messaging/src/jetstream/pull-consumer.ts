// A durable pull consumer behind Bus.consume / Bus.consumeBatch.
//
// Events are stored on `<subject>.p<i>` (one partition per key hash), under the bus's namespace if
// it has one (`<namespace>.<subject>.p<i>`: filters carry it, handlers and dead letters get the
// subject without it). An unordered subscription is one durable on `<subject>.>`; an ordered one
// is a durable per partition (`<subject>.p<i>`) with `max_ack_pending` 1, so the server hands out
// the next message of a partition only once the previous one is acked or dead-lettered, whichever
// replica held it: per-key order across processes, at the price of a blocked partition while one
// of its messages waits for a retry.
//
// Messages are pulled with `consumer.consume()`, which keeps pull requests outstanding (refilled at
// 75% of `batchSize`), so fetching never waits on handlers; `max_ack_pending` on the server bounds
// how much is in flight. Acks are fire-and-forget, except while stopping, when they are confirmed.
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import {
  HEADERS,
  type BatchHandler,
  type ConsumerOptions,
  type DeliveredMessage,
  type MessageHandler,
  type Subscription,
} from '../bus.js';
import {
  backoffDelay,
  BusError,
  PermanentError,
  resolveConsumerOptions,
  type ResolvedConsumerOptions,
} from '../errors.js';
import {
  consumerName,
  decodeJson,
  headersToRecord,
  MSG_ID_HEADER,
  originalSubject,
  partitionConsumerName,
  partitionsFilter,
  partitionSubject,
} from './codec.js';
import type { FailedMessage } from './dead-letters.js';
import type { SubjectSpace } from './namespace.js';

/** How long the server waits for an ack before redelivering, unless configured; long handlers are kept alive. */
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** Wait before re-opening a pull that ended on its own (consumer or stream gone, server error). */
const REOPEN_DELAY_MS = 1_000;
/**
 * Pull size of an ordered partition's consumer: the server has one message of it out at a time,
 * so a larger pull would only wait; a pull of 2 keeps the next request at the server while the
 * current message is handled.
 */
const ORDERED_PULL = 2;
/** JetStream error code: "consumer not found". */
const CONSUMER_NOT_FOUND = 10014;

export interface PullConsumerContext {
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  /** Partitions of the stream's subjects (`<subject>.p<i>`, i < partitions). */
  partitions: number;
  /** The bus's namespace: consumers filter on its subjects. */
  subjects: SubjectSpace;
  /** The consumers' ack wait; held messages get a `working()` every third of it. */
  ackWaitMs: number;
  /** Fault injection (see BusFaults): SIGKILL after this durable's n-th handled message, before its ack. */
  killBeforeAck?: { durable: string; after: number };
  deadLetter(failed: FailedMessage, durable: string, error: unknown): Promise<void>;
  /** Resolves once everything written so far reached the server. */
  flush(): Promise<void>;
  /** True once the connection is closed for good. */
  isClosed(): boolean;
}

export type PullHandler =
  { kind: 'single'; handler: MessageHandler } | { kind: 'batch'; handler: BatchHandler };

type Settings = ResolvedConsumerOptions;

/** One JetStream consumer of a subscription: the only one, or one partition's. */
interface Part {
  name: string;
  filter: string;
  maxAckPending: number;
  pullSize: number;
  messages?: ConsumerMessages;
}

/** Consumer names stay those of the plain subject: each namespace has a stream of its own. */
function partsOf(settings: Settings, partitions: number, subjects: SubjectSpace): Part[] {
  const { durable, subject } = settings;
  if (!settings.ordered) {
    return [
      {
        name: consumerName(durable, subject),
        filter: partitionsFilter(subjects.toNats(subject)),
        maxAckPending: settings.maxAckPending,
        pullSize: settings.batchSize,
      },
    ];
  }
  if (subject === '>' || subject.endsWith('.>')) {
    throw new BusError(
      'INTERNAL',
      `an ordered consumer needs a subject without a trailing '>' (${durable} on ${subject})`,
      { durable, subject },
    );
  }
  return Array.from({ length: partitions }, (_, i) => ({
    name: partitionConsumerName(durable, subject, i),
    filter: partitionSubject(subjects.toNats(subject), i),
    maxAckPending: 1,
    pullSize: Math.min(ORDERED_PULL, settings.batchSize),
  }));
}

/** The consumer's config: created if missing, updated if it changed (both idempotent). */
function consumerConfig(part: Part, settings: Settings, ackWaitMs: number): Partial<ConsumerConfig> {
  return {
    durable_name: part.name,
    description: `${settings.durable} on ${part.filter}${settings.ordered ? ' (ordered)' : ''}`,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: part.filter,
    max_ack_pending: part.maxAckPending,
    ack_wait: nanos(ackWaitMs),
    // The client counts deliveries and dead-letters at maxDeliver; the server never gives up on
    // its own, so a message whose dead-lettering failed is retried rather than left stranded.
    max_deliver: -1,
  };
}

class PullSubscription implements Subscription {
  private readonly parts: Part[];
  private stopping = false;
  private stopped?: Promise<void>;
  /** Every message received and not yet settled, with when it was last kept alive. */
  private readonly held = new Map<JsMsg, number>();
  private idleWaiters: Array<() => void> = [];
  /** Per key, the tail of its chain of handlers: one key's messages run one after another. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Batch mode: received, waiting for a running batch to finish. */
  private buffer: JsMsg[] = [];
  private batchScheduled = false;
  private batchesRunning = 0;
  private readonly keepAlive: NodeJS.Timeout;
  /** Held messages older than this get a `working()`, so a slow handler is not redelivered meanwhile. */
  private readonly keepAliveMs: number;
  /** Messages handled so far (counted for the killBeforeAck fault only). */
  private handled = 0;

  constructor(
    private readonly ctx: PullConsumerContext,
    private readonly settings: Settings,
    private readonly mode: PullHandler,
    private readonly onStopped: (subscription: PullSubscription) => void,
  ) {
    this.parts = partsOf(settings, ctx.partitions, ctx.subjects);
    this.keepAliveMs = Math.max(100, Math.floor(ctx.ackWaitMs / 3));
    this.keepAlive = setInterval(() => this.keepHeldAlive(), this.keepAliveMs / 2);
    this.keepAlive.unref();
  }

  /** Creates (or updates) every consumer of the subscription and starts pulling from each. */
  async start(): Promise<void> {
    await Promise.all(this.parts.map((part) => this.startPart(part)));
  }

  private async startPart(part: Part): Promise<void> {
    const info = await this.ensureConsumer(part);
    await this.open(part, info);
  }

  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.keepAlive);
    await Promise.all(this.parts.map((part) => part.messages?.close().catch(() => undefined)));
    await this.whenIdle();
    // Acks and naks are written; make sure the server has them before reporting stopped.
    await this.ctx.flush().catch(() => undefined);
    this.onStopped(this);
  }

  private async ensureConsumer(part: Part): Promise<ConsumerInfo> {
    const { jsm, stream } = this.ctx;
    const config = consumerConfig(part, this.settings, this.ctx.ackWaitMs);
    const existing = await jsm.consumers.info(stream, part.name).catch((error: unknown) => {
      if (error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND) return undefined;
      throw error;
    });
    if (existing && existing.config.filter_subject !== part.filter) {
      return this.recreate(part, config, existing);
    }
    try {
      return await jsm.consumers.add(stream, config);
    } catch (addError) {
      // Older servers refuse a changed config on create; update what may change.
      try {
        const {
          durable_name: _d,
          deliver_policy: _p,
          ack_policy: _a,
          filter_subject: _f,
          ...changeable
        } = config;
        return await jsm.consumers.update(stream, part.name, changeable);
      } catch {
        throw addError;
      }
    }
  }

  /**
   * A consumer made before subjects were partitioned filters on `<subject>` alone. nats-server 2.9
   * accepts a new filter on update but then delivers nothing, so it is re-created instead,
   * starting after what the old one had acked (messages acked out of order past that floor come
   * again: at least once).
   */
  private async recreate(
    part: Part,
    config: Partial<ConsumerConfig>,
    existing: ConsumerInfo,
  ): Promise<ConsumerInfo> {
    const { jsm, stream } = this.ctx;
    await jsm.consumers.delete(stream, part.name).catch((error: unknown) => {
      // Another replica re-created it first.
      if (!(error instanceof JetStreamApiError && error.code === CONSUMER_NOT_FOUND)) throw error;
    });
    try {
      return await jsm.consumers.add(stream, {
        ...config,
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: existing.ack_floor.stream_seq + 1,
      });
    } catch (error) {
      // Another replica re-created it meanwhile (with its own start): use that one.
      const info = await jsm.consumers.info(stream, part.name).catch(() => undefined);
      if (info?.config.filter_subject === part.filter) return info;
      throw error;
    }
  }

  private async open(part: Part, info: ConsumerInfo): Promise<void> {
    const consumer = this.ctx.js.consumers.getConsumerFromInfo(info);
    const messages = await consumer.consume({
      max_messages: part.pullSize,
      callback: (m) => this.receive(m),
    });
    if (this.stopping) {
      // stop() came while a re-open was under way.
      await messages.close().catch(() => undefined);
      return;
    }
    part.messages = messages;
    void this.watch(part, messages);
  }

  /** Re-creates a deleted consumer, and re-opens a pull that ended without stop(). */
  private async watch(part: Part, messages: ConsumerMessages): Promise<void> {
    void messages.closed().then(() => {
      if (!this.stopping && messages === part.messages) this.reopenLater(part);
    });
    for await (const status of messages.status()) {
      if (status.type === 'consumer_deleted' || status.type === 'consumer_not_found') {
        // Closing re-opens (re-creating the consumer) at once; the client alone would only notice
        // after missed heartbeats and would never re-create it.
        await messages.close().catch(() => undefined);
      }
    }
  }

  private reopenLater(part: Part): void {
    setTimeout(() => {
      if (this.stopping || this.ctx.isClosed()) return;
      this.startPart(part).catch(() => this.reopenLater(part));
    }, REOPEN_DELAY_MS).unref();
  }

  private receive(m: JsMsg): void {
    if (this.stopping) {
      safely(() => m.nak());
      return;
    }
    this.held.set(m, Date.now());
    if (this.mode.kind === 'batch') {
      this.buffer.push(m);
      this.runBatchesSoon();
      return;
    }
    const key = m.headers?.get(HEADERS.key);
    if (!key) {
      void this.runOne(m, this.mode.handler);
      return;
    }
    const handler = this.mode.handler;
    const tail = this.tails.get(key);
    const next = tail ? tail.then(() => this.runOne(m, handler)) : this.runOne(m, handler);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Runs one message's handler and settles it; never rejects. */
  private async runOne(m: JsMsg, handler: MessageHandler): Promise<void> {
    try {
      if (this.stopping) {
        // Not started yet: hand it back at once rather than make stop() wait for it.
        safely(() => m.nak());
        return;
      }
      let message: DeliveredMessage;
      try {
        message = toDelivered(m, this.ctx.subjects);
      } catch (error) {
        await this.fail(m, new PermanentError(`payload is not JSON: ${String(error)}`));
        return;
      }
      try {
        await handler(message);
      } catch (error) {
        await this.fail(m, error);
        return;
      }
      await this.ack(m);
    } finally {
      this.release(m);
    }
  }

  private runBatchesSoon(): void {
    if (this.batchScheduled || this.batchesRunning >= this.settings.batchConcurrency) return;
    this.batchScheduled = true;
    // One tick, so the messages of one read from the socket make one batch.
    setImmediate(() => {
      this.batchScheduled = false;
      this.startBatches();
    });
  }

  /** Starts batches from the buffer while fewer than `batchConcurrency` run. */
  private startBatches(): void {
    const handler = this.mode.handler as BatchHandler;
    while (this.buffer.length > 0 && this.batchesRunning < this.settings.batchConcurrency) {
      if (this.stopping) {
        for (const m of this.buffer.splice(0)) {
          safely(() => m.nak());
          this.release(m);
        }
        return;
      }
      const batch = this.buffer.splice(0, this.settings.batchSize);
      this.batchesRunning++;
      void this.runBatch(batch, handler).finally(() => {
        for (const m of batch) this.release(m);
        this.batchesRunning--;
        if (this.buffer.length > 0) this.runBatchesSoon();
      });
    }
  }

  private async runBatch(batch: JsMsg[], handler: BatchHandler): Promise<void> {
    const parsed: Array<{ m: JsMsg; message: DeliveredMessage }> = [];
    for (const m of batch) {
      try {
        parsed.push({ m, message: toDelivered(m, this.ctx.subjects) });
      } catch (error) {
        await this.fail(m, new PermanentError(`payload is not JSON: ${String(error)}`));
      }
    }
    if (parsed.length === 0) return;
    try {
      await handler(parsed.map((p) => p.message));
    } catch (error) {
      if (
        parsed.length > 1 &&
        (error instanceof PermanentError || parsed.some(({ m }) => m.info.redelivered))
      ) {
        // A message that can never succeed, or a batch that failed before: run them one by one so
        // only the failing message is retried and dead-lettered. A message that keeps failing
        // must not take the rest of its batch with it; a first failure (a deadlock, a restart)
        // retries the batch whole.
        for (const { m, message } of parsed) {
          try {
            await handler([message]);
            await this.ack(m);
          } catch (single) {
            await this.fail(m, single);
          }
        }
        return;
      }
      for (const { m } of parsed) await this.fail(m, error);
      return;
    }
    await Promise.all(parsed.map(({ m }) => this.ack(m)));
  }

  private async ack(m: JsMsg): Promise<void> {
    const fault = this.ctx.killBeforeAck;
    if (fault?.durable === this.settings.durable && ++this.handled >= fault.after) {
      process.kill(process.pid, 'SIGKILL');
    }
    if (!this.stopping) {
      safely(() => m.ack());
      return;
    }
    // stop() reports the acks done: wait for the server to confirm them.
    const confirmed = await m.ackAck().catch(() => false);
    if (!confirmed) safely(() => m.ack());
  }

  /** Redelivers later with backoff, or dead-letters after maxDeliver / on a PermanentError. */
  private async fail(m: JsMsg, error: unknown): Promise<void> {
    const deliveryCount = m.info.deliveryCount;
    const delay = backoffDelay(this.settings.backoffMs, deliveryCount);
    if (!(error instanceof PermanentError) && deliveryCount < this.settings.maxDeliver) {
      safely(() => m.nak(delay));
      return;
    }
    try {
      await this.ctx.deadLetter(
        {
          subject: this.ctx.subjects.fromNats(originalSubject(m.subject)),
          data: m.data,
          headers: headersToRecord(m.headers),
          seq: m.seq,
          deliveryCount,
        },
        this.settings.durable,
        error,
      );
    } catch {
      // Not stored: keep the message, it comes back and is dead-lettered on the next delivery.
      safely(() => m.nak(delay));
      return;
    }
    safely(() => m.term());
  }

  private release(m: JsMsg): void {
    this.held.delete(m);
    if (this.held.size === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private whenIdle(): Promise<void> {
    if (this.held.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private keepHeldAlive(): void {
    const now = Date.now();
    for (const [m, since] of this.held) {
      if (now - since < this.keepAliveMs) continue;
      safely(() => m.working());
      this.held.set(m, now);
    }
  }
}

function toDelivered(m: JsMsg, subjects: SubjectSpace): DeliveredMessage {
  const headers = headersToRecord(m.headers);
  return {
    subject: subjects.fromNats(originalSubject(m.subject)),
    data: decodeJson(m.data),
    headers,
    msgId: headers[MSG_ID_HEADER],
    key: headers[HEADERS.key],
    deliveryCount: m.info.deliveryCount,
    seq: m.seq,
  };
}

/** Acks and naks fail only on a closed connection; the server redelivers those messages anyway. */
function safely(send: () => void): void {
  try {
    send();
  } catch {
    // The connection is gone: ack_wait brings the message back.
  }
}

export async function startPullConsumer(
  ctx: PullConsumerContext,
  options: ConsumerOptions,
  mode: PullHandler,
  onStopped: (subscription: Subscription) => void,
): Promise<Subscription> {
  const settings: Settings = resolveConsumerOptions(options);
  const subscription = new PullSubscription(ctx, settings, mode, onStopped);
  try {
    await subscription.start();
  } catch (error) {
    await subscription.stop();
    throw error;
  }
  return subscription;
}
