// The Bus on NATS: JetStream for events (durable pull consumers, explicit acks, Nats-Msg-Id dedup,
// a dead-letter stream), core NATS for request/reply.
import {
  DiscardPolicy,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  ClosedConnectionError,
  connect,
  headers as natsHeaders,
  nanos,
  NoRespondersError,
  RequestError,
  TimeoutError,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  HEADERS,
  type BatchHandler,
  type Bus,
  type ConsumerLag,
  type ConsumerOptions,
  type MessageHandler,
  type PublishAck,
  type PublishOptions,
  type ReplyHandler,
  type RequestOptions,
  type Subscription,
} from '../bus.js';
import type { JetStreamBusConfig } from '../create-bus.js';
import { BusError, describeError } from '../errors.js';
import {
  decodeJson,
  DEFAULT_PARTITIONS,
  encodeJson,
  headersToRecord,
  MSG_ID_HEADER,
  originalSubject,
  partitionOf,
  partitionSubject,
  recordToHeaders,
} from './codec.js';
import { JetStreamDeadLetters } from './dead-letters.js';
import { applyNamespace, subjectSpace, type SubjectSpace } from './namespace.js';
import { PubAckPublisher, PublishRejected } from './pub-acks.js';
import {
  DEFAULT_ACK_WAIT_MS,
  startPullConsumer,
  type PullConsumerContext,
  type PullHandler,
} from './pull-consumer.js';

const CONNECT_TIMEOUT_MS = 5_000;
/** JetStream API calls and PubAcks: a server that does not answer by then counts as down. */
const JS_TIMEOUT_MS = 5_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 2_000;
const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;
/** JetStream error code: "stream name already in use with a different configuration". */
const STREAM_NAME_IN_USE = 10058;

/** The configured partition count: a positive integer (the default when unset). */
function partitionCount(config: JetStreamBusConfig): number {
  const partitions = config.stream.partitions ?? DEFAULT_PARTITIONS;
  if (!Number.isSafeInteger(partitions) || partitions < 1) {
    throw new BusError('INTERNAL', `stream.partitions must be a positive integer, got ${partitions}`);
  }
  return partitions;
}

/** Connects, makes sure both streams exist with the configured limits, and returns the bus. */
export async function createJetStreamBus(given: JetStreamBusConfig): Promise<Bus> {
  // From here on the streams are the namespace's own; subjects are mapped by the bus.
  const config = applyNamespace(given);
  partitionCount(config);
  const servers = config.servers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let nc: NatsConnection;
  try {
    nc = await connect({
      servers,
      name: config.name,
      timeout: CONNECT_TIMEOUT_MS,
      // Once up, ride out server restarts: publishes wait (up to their timeout) for the reconnect.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 1_000,
      // A stack trace captured per request costs more than the request on the hot path.
      noAsyncTraces: true,
    });
  } catch (error) {
    throw new BusError(
      'UNAVAILABLE',
      `NATS is not reachable at ${servers.join(', ')}: ${describeError(error)}`,
      {
        servers,
      },
    );
  }
  try {
    let jsm: JetStreamManager;
    try {
      jsm = await jetstreamManager(nc, { timeout: JS_TIMEOUT_MS });
    } catch (error) {
      throw new BusError(
        'UNAVAILABLE',
        `JetStream is not available at ${servers.join(', ')} (run nats-server with -js): ${describeError(error)}`,
        { servers },
      );
    }
    await ensureStreams(jsm, config);
    return new JetStreamBus(nc, jsm, jetstream(nc, { timeout: JS_TIMEOUT_MS }), config);
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw error;
  }
}

async function ensureStreams(jsm: JetStreamManager, config: JetStreamBusConfig): Promise<void> {
  const duplicateWindow = nanos(config.stream.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS);
  await ensureStream(jsm, {
    name: config.stream.name,
    subjects: config.stream.subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: duplicateWindow,
    max_msgs: config.stream.maxMsgs ?? -1,
    max_bytes: config.stream.maxBytes ?? -1,
    max_age: config.stream.maxAgeMs === undefined ? 0 : nanos(config.stream.maxAgeMs),
    discard: config.stream.discard === 'new' ? DiscardPolicy.New : DiscardPolicy.Old,
    num_replicas: config.stream.replicas ?? 1,
  });
  await ensureStream(jsm, {
    name: config.deadLetter.stream,
    subjects: [`${config.deadLetter.subjectPrefix}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: duplicateWindow,
    num_replicas: config.stream.replicas ?? 1,
  });
}

/** Adds the stream, or updates it when it exists with another config: idempotent, race-safe. */
async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { name: string },
): Promise<void> {
  try {
    try {
      await jsm.streams.add(config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
      const { name, storage: _storage, retention: _retention, ...changeable } = config;
      await jsm.streams.update(name, changeable);
    }
  } catch (error) {
    throw new BusError(
      'UNAVAILABLE',
      `could not create or update stream ${config.name}: ${describeError(error)}`,
      {
        stream: config.name,
      },
    );
  }
}

class JetStreamBus implements Bus {
  readonly kind = 'jetstream' as const;
  readonly deadLetters: JetStreamDeadLetters;
  private readonly subscriptions = new Set<Subscription>();
  private closing?: Promise<void>;
  private readonly pullContext: PullConsumerContext;
  private readonly pubAcks: PubAckPublisher;
  /** Events are stored on `<subject>.p<i>`, i < partitions (see partitionOf). */
  private readonly partitions: number;
  /** Subjects travel under the namespace, if any. */
  private readonly subjects: SubjectSpace;

  constructor(
    private readonly nc: NatsConnection,
    jsm: JetStreamManager,
    js: JetStreamClient,
    config: JetStreamBusConfig,
  ) {
    this.pubAcks = new PubAckPublisher(nc, JS_TIMEOUT_MS);
    this.partitions = partitionCount(config);
    this.subjects = subjectSpace(config.namespace);
    this.deadLetters = new JetStreamDeadLetters(
      jsm,
      config.deadLetter.stream,
      config.deadLetter.subjectPrefix,
      (subject, payload, hdrs, msgId) => this.publishRaw(subject, payload, hdrs, msgId),
      // A replay goes to the partition of its key, like the original publish.
      (subject, payload, hdrs, msgId) => this.publishEvent(subject, payload, hdrs, msgId),
    );
    this.pullContext = {
      js,
      jsm,
      stream: config.stream.name,
      partitions: this.partitions,
      subjects: this.subjects,
      ackWaitMs: config.ackWaitMs ?? DEFAULT_ACK_WAIT_MS,
      ...(config.faults?.killBeforeAck ? { killBeforeAck: config.faults.killBeforeAck } : {}),
      deadLetter: (failed, durable, error) => this.deadLetters.add(failed, durable, error),
      flush: () => nc.flush(),
      isClosed: () => nc.isClosed(),
    };
  }

  publish(subject: string, data: unknown, options: PublishOptions = {}): Promise<PublishAck> {
    let payload: Uint8Array;
    let hdrs: MsgHdrs;
    try {
      payload = encodeJson(data);
      hdrs = natsHeaders();
      for (const [name, value] of Object.entries(options.headers ?? {})) hdrs.set(name, value);
      if (options.key) hdrs.set(HEADERS.key, options.key);
    } catch (error) {
      return Promise.reject(
        new BusError('PUBLISH_FAILED', `publish to ${subject} failed: ${describeError(error)}`, { subject }),
      );
    }
    return this.publishEvent(subject, payload, hdrs, options.msgId);
  }

  /**
   * Publishes an event to its partition, `<namespace>.<subject>.p<i>`; errors name the subject as
   * given.
   */
  private publishEvent(
    subject: string,
    payload: Uint8Array,
    hdrs: MsgHdrs,
    msgId: string | undefined,
  ): Promise<PublishAck> {
    const partition = partitionOf(hdrs.get(HEADERS.key) || undefined, msgId, this.partitions);
    const stored = partitionSubject(this.subjects.toNats(subject), partition);
    return this.publishRaw(subject, payload, hdrs, msgId, stored);
  }

  private async publishRaw(
    subject: string,
    payload: Uint8Array,
    hdrs: MsgHdrs,
    msgId: string | undefined,
    storedSubject = subject,
  ): Promise<PublishAck> {
    try {
      if (msgId) hdrs.set(MSG_ID_HEADER, msgId);
      const ack = await this.pubAcks.publish(storedSubject, payload, hdrs);
      return { seq: ack.seq, duplicate: ack.duplicate };
    } catch (error) {
      const reason =
        error instanceof PublishRejected
          ? error.message
          : error instanceof ClosedConnectionError
            ? 'the NATS connection is closed'
            : describeError(error);
      throw new BusError('PUBLISH_FAILED', `publish to ${subject} failed: ${reason}`, {
        subject,
        ...(msgId ? { msgId } : {}),
        ...(error instanceof PublishRejected && error.code ? { jetStreamCode: error.code } : {}),
      });
    }
  }

  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Subscription> {
    return this.startConsumer(options, { kind: 'single', handler });
  }

  consumeBatch(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription> {
    return this.startConsumer(options, { kind: 'batch', handler });
  }

  private async startConsumer(options: ConsumerOptions, mode: PullHandler): Promise<Subscription> {
    this.assertOpen();
    try {
      const subscription = await startPullConsumer(this.pullContext, options, mode, (s) =>
        this.subscriptions.delete(s),
      );
      this.subscriptions.add(subscription);
      return subscription;
    } catch (error) {
      if (error instanceof BusError) throw error;
      // The server refusing the consumer (a subject outside the stream) is a configuration error.
      throw new BusError(
        error instanceof JetStreamApiError ? 'INTERNAL' : 'UNAVAILABLE',
        `could not start consumer ${options.durable} on ${options.subject}: ${describeError(error)}`,
        { durable: options.durable, subject: options.subject },
      );
    }
  }

  async respond(subject: string, queue: string, handler: ReplyHandler): Promise<Subscription> {
    this.assertOpen();
    const inFlight = new Set<Promise<void>>();
    const sub = this.nc.subscribe(this.subjects.toNats(subject), {
      queue,
      callback: (error, msg) => {
        if (error) return;
        const answered = answer(msg, handler);
        inFlight.add(answered);
        void answered.finally(() => inFlight.delete(answered));
      },
    });
    // The server knows of the subscription before the caller sends its first request.
    await this.nc.flush();
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      stop: () => {
        stopped ??= (async () => {
          // Drain: requests already delivered are answered, no new ones come.
          await sub.drain().catch(() => undefined);
          await Promise.allSettled([...inFlight]);
          await this.nc.flush().catch(() => undefined);
          this.subscriptions.delete(subscription);
        })();
        return stopped;
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  async request(subject: string, data: unknown, options: RequestOptions = {}): Promise<unknown> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    let reply: Msg;
    try {
      reply = await this.nc.request(this.subjects.toNats(subject), encodeJson(data), {
        timeout: timeoutMs,
        ...(options.headers ? { headers: recordToHeaders(options.headers) } : {}),
      });
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new BusError('TIMEOUT', `no reply on ${subject} within ${timeoutMs} ms`, {
          subject,
          timeoutMs,
        });
      }
      if (error instanceof NoRespondersError || (error instanceof RequestError && error.isNoResponders())) {
        throw new BusError('NO_RESPONDERS', `nobody answers ${subject}`, { subject });
      }
      throw new BusError('UNAVAILABLE', `request on ${subject} failed: ${describeError(error)}`, { subject });
    }
    try {
      return decodeJson(reply.data);
    } catch (error) {
      throw new BusError('INTERNAL', `reply on ${subject} is not JSON: ${describeError(error)}`, { subject });
    }
  }

  async consumerLag(): Promise<ConsumerLag[]> {
    const lag = new Map<string, ConsumerLag>();
    for await (const info of this.pullContext.jsm.consumers.list(this.pullContext.stream)) {
      // Each partition has its own consumer, described as `<durable> on <filter>`.
      const durable = (info.config.description ?? info.name).split(' on ')[0] ?? info.name;
      const filter = info.config.filter_subject ?? info.config.filter_subjects?.[0] ?? '';
      // A partition's filter is `<subject>.p<i>`; an unordered consumer's takes them all, `<subject>.>`.
      const subject = originalSubject(this.subjects.fromNats(filter)).replace(/\.>$/, '');
      const key = `${durable} ${subject}`;
      const entry = lag.get(key) ?? { durable, subject, pending: 0 };
      entry.pending += info.num_pending + info.num_ack_pending;
      lag.set(key, entry);
    }
    return [...lag.values()].sort(
      (a, b) => a.durable.localeCompare(b.durable) || a.subject.localeCompare(b.subject),
    );
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no PONG within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
    });
    try {
      // rtt() rejects at once while disconnected (flush() would wait for the reconnect).
      await Promise.race([this.nc.rtt(), timeout]);
    } catch (error) {
      throw new BusError('UNAVAILABLE', `NATS does not answer: ${describeError(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.subscriptions].map((s) => s.stop()));
      if (this.nc.isClosed()) return;
      // Publishes under way get their PubAck (or time out) before the inbox goes.
      await this.pubAcks.settled();
      await this.nc.drain().catch(() => this.nc.close());
    })();
    return this.closing;
  }

  private assertOpen(): void {
    if (this.closing || this.nc.isClosed()) throw new BusError('UNAVAILABLE', 'the bus is closed');
  }
}

/** Runs a reply handler and answers with its JSON; a throw becomes an INTERNAL error reply. */
async function answer(msg: Msg, handler: ReplyHandler): Promise<void> {
  let payload: Uint8Array;
  let hdrs: MsgHdrs | undefined;
  try {
    let data: unknown;
    try {
      data = decodeJson(msg.data);
    } catch (error) {
      throw new BusError('VALIDATION_FAILED', `request is not JSON: ${describeError(error)}`);
    }
    payload = encodeJson(await handler(data, headersToRecord(msg.headers)));
  } catch (error) {
    const code = error instanceof BusError && error.code === 'VALIDATION_FAILED' ? error.code : 'INTERNAL';
    payload = errorReply(code, shortened(error instanceof Error ? error.message : String(error)));
    hdrs = natsHeaders();
    hdrs.set(HEADERS.error, code);
  }
  if (!msg.reply) return;
  try {
    msg.respond(payload, hdrs ? { headers: hdrs } : undefined);
  } catch (error) {
    // Over the server's max_payload: say so, or the caller would wait out its timeout for nothing.
    // (Otherwise the connection closed meanwhile: the caller times out, as on a lost reply.)
    try {
      const headers = natsHeaders();
      headers.set(HEADERS.error, 'INTERNAL');
      msg.respond(
        errorReply(
          'INTERNAL',
          `the reply of ${payload.length} bytes is over the server's message size limit: ${describeError(error)}`,
        ),
        { headers },
      );
    } catch {
      // Closed: nothing to tell.
    }
  }
}

/** An error message is cut to this many characters: a reply must stay far below max_payload. */
const ERROR_MESSAGE_MAX = 4_000;

function shortened(message: string): string {
  return message.length <= ERROR_MESSAGE_MAX
    ? message
    : `${message.slice(0, ERROR_MESSAGE_MAX - 60)}… (${message.length} characters in all)`;
}

function errorReply(code: string, message: string): Uint8Array {
  return encodeJson({ error: { code, message } });
}
