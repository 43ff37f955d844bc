import { get } from 'node:http';
import { Writable } from 'node:stream';
import { Controller, Get, Inject, Module } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { captureLogs, createTestDatabase, useTestDatabase, waitFor } from '@cdp/shared/testing';
import { ConfigError, serviceEnvShape } from '@cdp/shared/util-config';
import { dropDatabase, type Database, type DbClient, type MigrationSet } from '@cdp/shared/util-db';
import { HealthRegistry } from '@cdp/shared/util-health';
import { defineService } from './service-definition.js';
import { startService, type RunningService } from './start-service.js';
import { DATABASE, DB_CLIENT } from './tokens.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Holds `/probe/slow` open until the test lets it finish, to have a request in flight. */
const slow = {
  /** Resolves once the handler is waiting. */
  entered: Promise.resolve(),
  release: (): void => undefined,
  gate: async (): Promise<void> => undefined,
  reset(): void {
    let enter = (): void => undefined;
    this.entered = new Promise<void>((resolve) => (enter = resolve));
    const released = new Promise<void>((resolve) => (this.release = resolve));
    this.gate = async () => {
      enter();
      await released;
    };
  },
};

@Controller('probe')
class ProbeController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  async probe(): Promise<{ answer: number }> {
    const result = await this.db.execute<{ answer: number }>(sql`SELECT 42 AS answer`);
    return { answer: Number(result.rows[0]?.answer) };
  }

  @Get('slow')
  async slowProbe(): Promise<{ answer: number }> {
    await slow.gate();
    return this.probe();
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

const tmp = mkdtempSync(join(tmpdir(), 'cdp-start-service-spec-'));
const noMigrations = join(tmp, 'no-migrations');
mkdirSync(noMigrations);

const definition = defineService({
  name: 'ingestion',
  envSchema: z.object(serviceEnvShape(0)),
  migrations: { folder: noMigrations, schema: 'probe_service' },
  module: () => ProbeModule,
});

/** A migrations folder as drizzle-kit writes it, with one migration making `<schema>.widgets`. */
function widgetMigrations(schema: string): MigrationSet {
  const folder = join(tmp, schema);
  mkdirSync(join(folder, 'meta'), { recursive: true });
  writeFileSync(
    join(folder, 'meta', '_journal.json'),
    JSON.stringify({
      version: '7',
      dialect: 'postgresql',
      entries: [{ idx: 0, version: '7', when: 1_795_324_419_905, tag: '0000_init', breakpoints: true }],
    }),
  );
  writeFileSync(
    join(folder, '0000_init.sql'),
    `CREATE TABLE "${schema}"."widgets" ("id" serial PRIMARY KEY, "name" text NOT NULL);\n` +
      '--> statement-breakpoint\n' +
      `INSERT INTO "${schema}"."widgets" ("name") VALUES ('from the migration');`,
  );
  return { folder, schema };
}

/** Every service started here logs to memory, not the test output. */
function quiet(): { logDestination: Writable } {
  return { logDestination: captureLogs().stream };
}

/** GET over a connection of its own that closes after the response (no keep-alive). */
function getOnce(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as unknown }));
    }).on('error', reject);
  });
}

describe('startService', () => {
  const database = useTestDatabase('start_service');
  let running: RunningService | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  async function schemaExists(client: DbClient, schema: string): Promise<boolean> {
    const found = await client.pool.query(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1',
      [schema],
    );
    return found.rowCount === 1;
  }

  it('serves health, injects the database and tags every log line with the correlation id', async () => {
    const logs = captureLogs();
    running = await startService(
      definition,
      { DATABASE_URL: database.url, PORT: '0' },
      { logDestination: logs.stream },
    );

    const live = await fetch(`${running.url}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${running.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { status: 'up' } } });

    const probe = await fetch(`${running.url}/probe`, { headers: { 'x-correlation-id': 'corr-123' } });
    expect(await probe.json()).toEqual({ answer: 42 });
    expect(probe.headers.get('x-correlation-id')).toBe('corr-123');
    const requestLine = logs.lines().find((l) => l['url'] === '/probe');
    expect(requestLine).toMatchObject({ service: 'ingestion', correlationId: 'corr-123', status: 200 });
  });

  it('rejects a bad environment with a ConfigError before touching the database or building the app', async () => {
    let moduleBuilt = false;
    const guarded = defineService({
      ...definition,
      migrations: widgetMigrations('bad_env_probe'),
      module: () => {
        moduleBuilt = true;
        return ProbeModule;
      },
    });
    const logs = captureLogs();

    const attempt = startService(
      guarded,
      { DATABASE_URL: database.url, PORT: 'abc', LOG_LEVEL: 'loud' },
      { logDestination: logs.stream },
    );

    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    const error = (await attempt.catch((e: unknown) => e)) as ConfigError;
    expect(error.problems.map((p) => p.variable).sort()).toEqual(['LOG_LEVEL', 'PORT']);
    expect(error.message).toContain('Invalid configuration for ingestion');
    expect(moduleBuilt).toBe(false);
    expect(logs.lines()).toEqual([]);

    // A good start afterwards shows the schema the failed one would have made was never made.
    running = await startService(definition, { DATABASE_URL: database.url, PORT: '0' }, quiet());
    expect(await schemaExists(running.app.get<DbClient>(DB_CLIENT), 'bad_env_probe')).toBe(false);
  });

  it("applies the definition's migrations before it serves", async () => {
    const migrated = defineService({ ...definition, migrations: widgetMigrations('probe_migrated') });
    const logs = captureLogs();

    running = await startService(
      migrated,
      { DATABASE_URL: database.url, PORT: '0' },
      { logDestination: logs.stream },
    );

    const client = running.app.get<DbClient>(DB_CLIENT);
    const widgets = await client.pool.query('SELECT name FROM probe_migrated.widgets');
    expect(widgets.rows).toEqual([{ name: 'from the migration' }]);
    const log = await client.pool.query('SELECT count(*)::int AS n FROM probe_migrated.__drizzle_migrations');
    expect(log.rows).toEqual([{ n: 1 }]);
    expect(logs.lines().find((l) => l['msg'] === 'database schema up to date')).toMatchObject({
      schema: 'probe_migrated',
      migrations: 1,
    });
  });

  it('answers 503 on /health/ready naming the database when it goes away, while /health/live stays 200', async () => {
    const adminUrl = inject('pgAdminUrl');
    const doomed = await createTestDatabase('start_service_doomed');
    try {
      running = await startService(definition, { DATABASE_URL: doomed.url, PORT: '0' }, quiet());
      expect((await fetch(`${running.url}/health/ready`)).status).toBe(200);

      await dropDatabase(adminUrl, doomed.name);

      const ready = await fetch(`${running.url}/health/ready`);
      expect(ready.status).toBe(503);
      const report = (await ready.json()) as { checks: Record<string, { status: string; error?: string }> };
      expect(report).toMatchObject({
        status: 'not_ready',
        service: 'ingestion',
        checks: { database: { status: 'down' } },
      });
      expect(report.checks['database']?.error).toContain(doomed.name);

      const live = await fetch(`${running.url}/health/live`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok' });
    } finally {
      await doomed.drop();
    }
  });

  it('on close, turns readiness to shutting_down first, finishes the request in flight, then stops', async () => {
    running = await startService(definition, { DATABASE_URL: database.url, PORT: '0' }, quiet());
    const { url } = running;
    const registry = running.app.get(HealthRegistry);
    const client = running.app.get<DbClient>(DB_CLIENT);

    slow.reset();
    const inFlight = getOnce(`${url}/probe/slow`);
    await slow.entered;

    const closing = running.close();
    await waitFor(async () => (await registry.readiness()).status === 'shutting_down');
    // Still serving the request that arrived before: its database pool is open.
    expect(client.pool.ended).toBe(false);

    slow.release();
    expect(await inFlight).toEqual({ status: 200, body: { answer: 42 } });

    await closing;
    expect(client.pool.ended).toBe(true);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();

    // A second close (a second signal, or afterEach here) is harmless.
    await expect(running.close()).resolves.toBeUndefined();
  });

  it('closes in time when the request in flight came over a keep-alive connection', async () => {
    // Fastify closes only the connections idle when close() starts: a keep-alive client (fetch,
    // the gateway, a load balancer) whose request is in flight must not hold the shutdown open.
    const logs = captureLogs();
    running = await startService(
      definition,
      { DATABASE_URL: database.url, PORT: '0', SHUTDOWN_TIMEOUT_MS: '2000' },
      { logDestination: logs.stream },
    );
    const client = running.app.get<DbClient>(DB_CLIENT);

    slow.reset();
    const inFlight = fetch(`${running.url}/probe/slow`);
    await slow.entered;
    const closing = running.close();
    slow.release();
    expect((await inFlight).status).toBe(200);

    await closing;
    expect(logs.lines().map((l) => l['msg'])).not.toContain('shutdown did not finish in time');
    expect(client.pool.ended).toBe(true);
  });
});
