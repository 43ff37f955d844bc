/**
 * The one messaging interface every service uses, with two implementations that keep the same
 * promises: JetStream (`NATS_URL` set) and the embedded PostgreSQL log (one-process mode).
 *
 * - publish resolves only once the message is durably stored; a `msgId` seen within the
 *   duplicate window is stored once (`duplicate: true` on the second ack);
 * - consume delivers at least once: a message is acked only after the handler resolves, a
 *   handler that throws gets it again with backoff, and after `maxDeliver` attempts (or at once
 *   for a `PermanentError`) it goes to the dead-letter store with the error;
 * - request/reply fails with `BusError` code TIMEOUT or NO_RESPONDERS.
 */

/** Header names carried on every message. */
export const HEADERS = {
  correlationId: 'x-correlation-id',
  /** The partition key (a profile id): messages with one key are handled in order. */
  key: 'cdp-key',
  /** Set on replies that carry an error payload. */
  error: 'cdp-error',
} as const;

/**
 * A payload its publisher already serialised to JSON, published as is: a hot path that had to
 * serialise items anyway (to size its envelopes) does not pay for it twice. Consumers receive the
 * parsed value, as for any payload.
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** The JSON text of a payload (`undefined` has no JSON form: it travels as null). */
export function toJsonText(data: unknown): string {
  return data instanceof JsonText ? data.text : (JSON.stringify(data) ?? 'null');
}

export interface PublishOptions {
  /** Dedup id: a second publish with the same id inside the window is stored once. */
  msgId?: string;
  /**
   * Partition key: messages with the same key are handled in the order published, one at a time,
   * by a consumer process. Across replicas of a durable that holds with `ordered: true`, where a
   * message waiting for its retry also holds back the later ones (of its JetStream partition).
   */
  key?: string;
  headers?: Record<string, string>;
}

export interface PublishAck {
  /** Position in the stream/log. */
  seq: number;
  /** True when the msgId was seen within the window and this publish stored nothing. */
  duplicate: boolean;
}

export interface DeliveredMessage {
  subject: string;
  /** The payload as published (parsed JSON). */
  data: unknown;
  headers: Record<string, string>;
  msgId?: string;
  key?: string;
  /** 1 on first delivery. */
  deliveryCount: number;
  seq: number;
}

export interface ConsumerOptions {
  /** Durable name; replicas with the same name share the work (queue group = service name). */
  durable: string;
  /** One subject (no wildcards needed by services; `>`/`*` tokens are allowed). */
  subject: string;
  /** Deliveries before the message is dead-lettered. Default 5. */
  maxDeliver?: number;
  /** Delay before redelivery n (the last entry repeats). Default [1000, 5000, 15000, 30000]. */
  backoffMs?: number[];
  /** Most unacked messages in flight for this subscription (per process): backpressure. Default 1000. */
  maxAckPending?: number;
  /** Most messages fetched at once; also how many handlers run at once. Default 100. */
  batchSize?: number;
  /**
   * consumeBatch only: how many batches may run at once (default 1). Above 1 a batch can start while
   * the previous one waits on I/O, so the handler must order whatever needs ordering itself. The
   * embedded transport ignores it: it already starts the next batch once half of `batchSize` is free.
   */
  batchConcurrency?: number;
  /**
   * Keep per-key order across every process that shares this durable; default false.
   *
   * JetStream: one consumer per partition with one message in flight each, whichever replica
   * holds it; a message waiting for its retry blocks the later messages of its partition (not only
   * of its key) until it succeeds or is dead-lettered. `maxAckPending` does not apply. The subject
   * cannot end in `>`. The embedded transport keeps this order across processes anyway.
   */
  ordered?: boolean;
}

/** Handles one message; throwing means "redeliver later", a PermanentError "dead-letter now". */
export type MessageHandler = (message: DeliveredMessage) => Promise<void>;

/**
 * Handles a batch and commits it at once: all of it is acked after the handler resolves, or
 * all of it is redelivered if it throws.
 */
export type BatchHandler = (messages: DeliveredMessage[]) => Promise<void>;

export interface Subscription {
  /** Stops fetching, waits for in-flight handlers to finish and their acks to be sent. */
  stop(): Promise<void>;
}

export interface DeadLetter {
  id: string;
  subject: string;
  consumer: string;
  error: string;
  deliveryCount: number;
  failedAt: string;
  data: unknown;
  headers: Record<string, string>;
}

export interface DeadLetterStore {
  list(limit?: number): Promise<DeadLetter[]>;
  /**
   * Hands the message to its consumer again and removes the entry. The embedded transport
   * delivers it to that consumer only; JetStream publishes it to its subject again, so other
   * consumers of the subject see it a second time (handlers are idempotent).
   */
  replay(id: string): Promise<void>;
  replayAll(): Promise<number>;
}

export type ReplyHandler = (data: unknown, headers: Record<string, string>) => Promise<unknown>;

export interface RequestOptions {
  timeoutMs?: number;
  headers?: Record<string, string>;
}

/** How far behind one consumer is: messages stored for it and not yet acknowledged. */
export interface ConsumerLag {
  /** The consuming service's durable name (its queue group). */
  durable: string;
  subject: string;
  pending: number;
}

export interface Bus {
  readonly kind: 'jetstream' | 'embedded';
  publish(subject: string, data: unknown, options?: PublishOptions): Promise<PublishAck>;
  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Subscription>;
  consumeBatch(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription>;
  /** Answers requests on `subject`; replicas in `queue` share them. */
  respond(subject: string, queue: string, handler: ReplyHandler): Promise<Subscription>;
  request(subject: string, data: unknown, options?: RequestOptions): Promise<unknown>;
  readonly deadLetters: DeadLetterStore;
  /** Every durable consumer's backlog (per subject; partitions summed), for operators. */
  consumerLag(): Promise<ConsumerLag[]>;
  /** Resolves when the bus answers; readiness checks call it. */
  ping(): Promise<void>;
  /** Stops every subscription (draining in-flight work) and closes the connection. */
  close(): Promise<void>;
}
