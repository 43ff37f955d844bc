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
