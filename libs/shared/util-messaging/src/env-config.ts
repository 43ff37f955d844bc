import { PLATFORM_STREAMS, type BusConfig } from './create-bus.js';
import { namespacedStreamName } from './jetstream/namespace.js';

/**
 * NATS_URL set: JetStream with the platform's streams, under NATS_NAMESPACE when that is set;
 * otherwise the embedded log in DATABASE_URL, which ignores NATS_NAMESPACE (the database is
 * already the platform's own).
 */
export function busConfigFor(
  service: string,
  env: { NATS_URL?: string; NATS_NAMESPACE?: string; DATABASE_URL: string },
): BusConfig {
  if (!env.NATS_URL) return { kind: 'embedded', databaseUrl: env.DATABASE_URL, name: service };
  // Blank counts as unset, as in every env schema.
  const namespace = env.NATS_NAMESPACE?.trim();
  return {
    kind: 'jetstream',
    servers: env.NATS_URL,
    name: service,
    ...PLATFORM_STREAMS,
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
