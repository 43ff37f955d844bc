import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { EVENTS_RESOLVED, type ResolvedEvent } from '@cdp/identity/contracts';
import { createTestDatabase, deleteBusNamespace, type TestDatabase } from '@cdp/shared/testing';
import type { ServiceName } from '@cdp/shared/util-config';
import { busConfigFor, createBus, publishEvent, type Bus } from '@cdp/shared/util-messaging';
import { freePorts } from '@cdp/shared/util-process';
import { startAlone, waitReady } from './support.js';

/** Services of one suite, each its own process, on a database and bus namespace of their own. */
export interface Stack {
  /** DATABASE_URL, NATS_URL and NATS_NAMESPACE: what the CLI needs to reach the services. */
  readonly env: Record<string, string>;
  readonly database: TestDatabase;
  /** The suite's own client of the bus, to publish and consume as another service would. */
  readonly bus: Bus;
  readonly pool: pg.Pool;
  /** Each service's base URL (`http://127.0.0.1:<port>`). */
  readonly urls: Partial<Record<ServiceName, string>>;
  stop(): Promise<void>;
}

/** Starts `services` (name → extra environment) and waits until every one is ready. */
export async function startStack(
  suite: string,
  natsUrl: string,
  services: Partial<Record<ServiceName, Record<string, string>>>,
): Promise<Stack> {
  const namespace = `e2e-${suite}-${randomBytes(3).toString('hex')}`;
  const database = await createTestDatabase(`e2e_${suite}`);
  const env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
  const names = Object.keys(services) as ServiceName[];
  const ports = await freePorts(names.length);
  const running = names.map((name, i) =>
    startAlone(name, { ...env, PORT: String(ports[i]), LOG_LEVEL: 'warn', ...services[name] }),
  );
  await Promise.all(running.map((s, i) => waitReady(`http://127.0.0.1:${ports[i]}`, s.exited)));
  const bus = await createBus(busConfigFor(`${suite}-e2e`, env));
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    env,
    database,
    bus,
    pool,
    urls: Object.fromEntries(names.map((name, i) => [name, `http://127.0.0.1:${ports[i]}`])),
    async stop() {
      await bus.close();
      for (const service of running) service.child.kill('SIGTERM');
      await Promise.all(running.map((s) => s.exited));
      await pool.end();
      await database.drop();
      await deleteBusNamespace(natsUrl, namespace);
    },
  };
}

/** Resolved events as identity publishes them, 200 per envelope. */
export async function publishResolved(bus: Bus, events: readonly ResolvedEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 200)
    await publishEvent(bus, EVENTS_RESOLVED, { events: events.slice(i, i + 200) });
}

/** Profiles the feature store holds daily measures of. */
export async function featureProfiles(pool: pg.Pool): Promise<number> {
  const result = await pool.query<{ n: string }>(
    'SELECT count(DISTINCT profile_id) AS n FROM feature_store.daily',
  );
  return Number(result.rows[0]?.n);
}

/** A resolved event as identity publishes it, stamped now, from source `e2e`. */
export function resolvedEvent(
  profileId: string,
  event: { type: 'identify' | 'track'; userId: string; traits?: Record<string, unknown>; event?: string },
  context: Record<string, unknown> = {},
): ResolvedEvent {
  const now = new Date().toISOString();
  return {
    profileId,
    sourceId: 'e2e',
    event: { messageId: randomUUID(), ...event, context, integrations: {}, timestamp: now, receivedAt: now },
  };
}
