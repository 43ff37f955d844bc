import type { Bus } from './bus.js';

export interface JetStreamBusConfig {
  kind: 'jetstream';
  /** NATS_URL, e.g. nats://127.0.0.1:4222 (comma-separated for a cluster). */
  servers: string;
  /** Connection name: the service's name. */
  name: string;
  /** The stream events are stored in; created (or updated) idempotently at start. */
  stream: {
    name: string;
    subjects: string[];
    /** Nats-Msg-Id dedup window. Default 2 minutes. */
    duplicateWindowMs?: number;
    maxMsgs?: number;
    maxBytes?: number;
    /** How long a message is kept after it was stored, handled or not. Default: forever. */
    maxAgeMs?: number;
    /** `new`: a full stream refuses publishes (the caller gets an error) instead of dropping old messages. */
    discard?: 'old' | 'new';
    /**
     * Messages are stored on `<subject>.p<i>`, i = FNV-1a-32(key) mod `partitions` (the msgId's
     * hash without a key): ordered consumers take one partition each. Default 16. Changing it moves
     * keys to other partitions, so per-key order is not kept across the change.
     */
    partitions?: number;
    /**
     * Copies of each stream (both the events' and the dead letters') a NATS cluster keeps:
     * NATS_STREAM_REPLICAS, 1 to 5; 3 on a three-node cluster survives losing a node. Default 1,
     * what a single server can hold. Changed on an existing stream at the next start.
     */
    replicas?: number;
  };
  /**
   * NATS_ACK_WAIT_MS: how long the server waits for a consumer's ack before it redelivers the
   * message (to any replica of the durable). A handler still working is kept alive every third of
   * it, so only a consumer that stopped (crashed, paused, cut off) lets it run out. Default 30 s.
   */
  ackWaitMs?: number;
  /** Fault injection for the reliability tests; never set in production. */
  faults?: BusFaults;
  /** Where dead letters go: stream name and subject prefix (`<prefix>.<consumer>`). */
  deadLetter: { stream: string; subjectPrefix: string };
  /**
   * NATS_NAMESPACE: puts everything the bus has on NATS under it, so several platforms or test
   * suites can share one server. Subjects travel as `<namespace>.<subject>` (requests included),
   * and both streams are suffixed: `CDP_EVENTS` becomes `CDP_EVENTS_<NAMESPACE>` on
   * `<namespace>.cdp.*.evt.>`. Callers keep using, and getting back, the plain subjects. One
   * lowercase token: `^[a-z0-9][a-z0-9_-]{0,31}$`.
   */
  namespace?: string;
}

export interface BusFaults {
  /**
   * FAULT_KILL_BEFORE_ACK=`<durable>:<n>`: the process SIGKILLs itself when durable `<durable>`
   * has handled its n-th message, after the handler returned (its database commit done) and
   * before the ack: the crash window at-least-once delivery has to survive.
   */
  killBeforeAck?: { durable: string; after: number };
}

/**
 * The embedded transport has no namespace: its log lives in DATABASE_URL, which a platform or a
 * test suite already has to itself.
 */
export interface EmbeddedBusConfig {
  kind: 'embedded';
  /** The PostgreSQL the log lives in (the platform's database). */
  databaseUrl: string;
  name: string;
  /** Postgres schema of the log tables. Default `cdp_bus`. */
  schema?: string;
  /** Dedup window for msgId. Default 2 minutes. */
  duplicateWindowMs?: number;
  /** How often an idle consumer looks for work (it is also woken by NOTIFY). Default 250 ms. */
  pollIntervalMs?: number;
}

export type BusConfig = JetStreamBusConfig | EmbeddedBusConfig;

/** The platform's streams: every service event in one, dead letters in another. */
export const PLATFORM_STREAMS = {
  stream: {
    name: 'CDP_EVENTS',
    subjects: ['cdp.*.evt.>'],
    duplicateWindowMs: 120_000,
    // As long as the embedded log keeps handled messages: a bound on disk, and on how long an
    // erased person's events stay in the bus after `profile.deleted`.
    maxAgeMs: 7 * 24 * 3_600_000,
    discard: 'new' as const,
    partitions: 16,
  },
  deadLetter: { stream: 'CDP_DLQ', subjectPrefix: 'cdp-dlq' },
};

/** Opens the configured transport; both keep the same promises (see Bus). */
export async function createBus(config: BusConfig): Promise<Bus> {
  if (config.kind === 'jetstream') {
    const { createJetStreamBus } = await import('./jetstream/jetstream-bus.js');
    return createJetStreamBus(config);
  }
  const { createEmbeddedBus } = await import('./embedded/embedded-bus.js');
  return createEmbeddedBus(config);
}
