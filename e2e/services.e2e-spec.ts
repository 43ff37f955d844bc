import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@cdp/shared/testing';
import { SERVICE_NAMES } from '@cdp/shared/util-config';
import { freePort } from '@cdp/shared/util-process';
import { startAlone, waitReady } from './support.js';

describe('each service as its own process with DATABASE_URL', () => {
  const database = useTestDatabase('services_alone');

  it('starts every service, reports ready with its database, logs JSON with its name, and exits 0 on SIGTERM', async () => {
    await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        const port = await freePort();
        const service = startAlone(name, { DATABASE_URL: database.url, PORT: String(port) });
        const ready = await waitReady(`http://127.0.0.1:${port}`, service.exited);
        expect(await ready.json()).toMatchObject({
          status: 'ready',
          service: name,
          checks: { database: { status: 'up' } },
        });

        service.child.kill('SIGTERM');
        const { code, output } = await service.exited;
        expect(code).toBe(0);
        const lines = output
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as { service?: string; msg?: string });
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((l) => l.service === name)).toBe(true);
        expect(lines.map((l) => l.msg)).toContain('stopped');
      }),
    );
  }, 120_000);

  it('refuses to start without DATABASE_URL, naming the variable', async () => {
    const service = startAlone('identity', { PORT: String(await freePort()) });
    const { code, output } = await service.exited;
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL is required but not set/);
  });

  it('names a bad PORT and never echoes the database password', async () => {
    const service = startAlone('gateway', {
      DATABASE_URL: 'postgres://u:hunter2@127.0.0.1:1/x',
      PORT: 'eighty',
    });
    const { code, output } = await service.exited;
    expect(code).toBe(1);
    expect(output).toContain('PORT');
    expect(output).not.toContain('hunter2');
  });
});

describe('main.js migrate: the standalone migrate entry of every service', () => {
  const database = useTestDatabase('services_migrate');

  it('applies only its migrations with `main.js migrate` (the Helm migration Job) and exits 0', async () => {
    const migrated = await Promise.all(
      SERVICE_NAMES.map(async (name) => {
        // Nothing but the database: no NATS, no port, and none of the service's other settings.
        const { code, output } = await startAlone(name, { DATABASE_URL: database.url }, ['migrate']).exited;
        expect(code, output).toBe(0);
        const line = output
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as { msg?: string; schema?: string; migrations?: number })
          .find((l) => l.msg === 'migrations applied; exiting');
        expect(line?.migrations).toBeGreaterThan(0);
        return line as { schema: string; migrations: number };
      }),
    );
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      for (const { schema, migrations } of migrated) {
        const applied = await client.query<{ n: string }>(
          `SELECT count(*) AS n FROM "${schema}".__drizzle_migrations`,
        );
        expect(Number(applied.rows[0]?.n), schema).toBe(migrations);
      }
    } finally {
      await client.end();
    }
    // A second run finds nothing to do and still exits 0.
    expect((await startAlone('identity', { DATABASE_URL: database.url }, ['migrate']).exited).code).toBe(0);
  }, 120_000);

  it('names the bad DATABASE_URL when `main.js migrate` cannot reach it', async () => {
    const { code, output } = await startAlone('identity', { DATABASE_URL: 'mysql://x' }, ['migrate']).exited;
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL must be a postgres:// or postgresql:// URL');
  });
});
