import { PLATFORM_STREAMS, type BusConfig } from './create-bus.js';

/** NATS_URL set: JetStream with the platform's streams; otherwise the embedded log in DATABASE_URL. */
export function busConfigFor(service: string, env: { NATS_URL?: string; DATABASE_URL: string }): BusConfig {
  return env.NATS_URL
    ? { kind: 'jetstream', servers: env.NATS_URL, name: service, ...PLATFORM_STREAMS }
    : { kind: 'embedded', databaseUrl: env.DATABASE_URL, name: service };
}
