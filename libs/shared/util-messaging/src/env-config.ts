import { PLATFORM_STREAMS, type BusConfig, type BusFaults } from './create-bus.js';
import { namespacedStreamName } from './jetstream/namespace.js';

/**
 * NATS_URL set: JetStream with the platform's streams, under NATS_NAMESPACE when that is set;
 * otherwise the embedded log in DATABASE_URL, which ignores NATS_NAMESPACE (the database is
 * already the platform's own).
 */
export function busConfigFor(
  service: string,
  env: {
    NATS_URL?: string;
    NATS_NAMESPACE?: string;
    DATABASE_URL: string;
    NATS_STREAM_REPLICAS?: number;
    NATS_ACK_WAIT_MS?: number;
    FAULT_KILL_BEFORE_ACK?: BusFaults['killBeforeAck'];
  },
): BusConfig {
  if (!env.NATS_URL) return { kind: 'embedded', databaseUrl: env.DATABASE_URL, name: service };
  // Blank counts as unset, as in every env schema.
  const namespace = env.NATS_NAMESPACE?.trim();
  return {
    kind: 'jetstream',
    servers: env.NATS_URL,
    name: service,
    ...PLATFORM_STREAMS,
    ...(env.NATS_STREAM_REPLICAS === undefined
      ? {}
      : { stream: { ...PLATFORM_STREAMS.stream, replicas: env.NATS_STREAM_REPLICAS } }),
    ...(env.NATS_ACK_WAIT_MS === undefined ? {} : { ackWaitMs: env.NATS_ACK_WAIT_MS }),
    ...(env.FAULT_KILL_BEFORE_ACK ? { faults: { killBeforeAck: env.FAULT_KILL_BEFORE_ACK } } : {}),
    ...(namespace ? { namespace } : {}),
  };
}

/** The JetStream streams a platform under `namespace` uses: its events and its dead letters. */
export function busStreamNames(namespace: string): [events: string, deadLetters: string] {
  return [
    namespacedStreamName(PLATFORM_STREAMS.stream.name, namespace),
    namespacedStreamName(PLATFORM_STREAMS.deadLetter.stream, namespace),
  ];
}
