import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@cdp/shared/testing';
import { SERVICE_NAMES, type ServiceName } from '@cdp/shared/util-config';
import { freePort } from '@cdp/shared/util-process';
import { ROOT } from './support.js';

interface Exited {
  code: number | null;
  output: string;
}

/** Runs `dist/apps/<name>/src/main.js` as its own process, the way an operator would. */
function startAlone(name: ServiceName, env: Record<string, string>) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<Exited>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, exited, output: () => output };
}

async function waitReady(url: string, exited: Promise<Exited>, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const response = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (response?.ok) return response;
    if (gone) throw new Error(`exited before ready: ${(await exited).output}`);
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

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
