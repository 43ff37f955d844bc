import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnectToNats, deleteBusNamespace, waitFor } from '@cdp/shared/testing';
import { SERVICE_NAMES } from '@cdp/shared/util-config';
import { isListening, spawnPlatform, type PlatformProcess } from '@cdp/shared/util-process';
import { ROOT } from './support.js';

const run = promisify(execFile);

async function cdp(dataDir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, [join(ROOT, 'dist/tools/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, CDP_DATA_DIR: dataDir },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

async function cdpStatus(dataDir: string): Promise<{
  code: number;
  report: { services: Record<string, { url: string; ready: boolean; problem?: string }> };
}> {
  const result = await cdp(dataDir, ['status', '--json', '--timeout', '1000']);
  return { code: result.code, report: JSON.parse(result.stdout) };
}

/** Stored raw events of `source`, asked of the running platform by the CLI (request/reply across processes). */
async function storedEvents(dataDir: string, source: string): Promise<number | undefined> {
  const { stdout } = await cdp(dataDir, ['events', 'stats', '--json']);
  const stats = JSON.parse(stdout) as { sources: Array<{ name: string; stored: number }> };
  return stats.sources.find((s) => s.name === source)?.stored;
}

async function track(url: string, writeKey: string): Promise<number> {
  const response = await fetch(`${url}/v1/track`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
    },
    body: JSON.stringify({ userId: 'u1', event: 'Signed Up', messageId: 'restart-1' }),
  });
  return response.status;
}

describe('npm start: every service in one process on embedded PostgreSQL', () => {
  let dataDir: string;
  let platform: PlatformProcess | undefined;
  let writeKey = '';

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cdp-e2e-platform-'));
    // As root the embedded server runs as `postgres`, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings every service to ready and `cdp status --json` reports each one', async () => {
    // `npm start -- --no-demo` on a first start: the flag wins over CDP_DEMO=true.
    platform = await spawnPlatform({ root: ROOT, dataDir, env: { CDP_DEMO: 'true' }, args: ['--no-demo'] });
    await platform.waitReady(120_000);
    expect(platform.output()).toContain('new cluster');

    const { code, report } = await cdpStatus(dataDir);
    expect(code).toBe(0);
    expect(Object.keys(report.services).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const name of SERVICE_NAMES) {
      expect(report.services[name]).toEqual({ url: platform.urls[name], ready: true });
    }
  }, 150_000);

  it('takes events from a source made with the CLI, stops cleanly on Ctrl-C and keeps the data for the next start', async () => {
    if (!platform) throw new Error('the previous test did not start the platform');
    // No demo was loaded (--no-demo): it would have made a `demo` source and said so.
    expect(platform.output()).not.toMatch(/^demo:/m);
    const before = await cdp(dataDir, ['sources', 'list', '--json']);
    expect((JSON.parse(before.stdout) as { sources: unknown[] }).sources).toEqual([]);
    const created = await cdp(dataDir, ['sources', 'create', 'web', '--json']);
    expect(created.code).toBe(0);
    writeKey = (JSON.parse(created.stdout) as { writeKey: string }).writeKey;
    expect(await track(platform.urls.ingestion, writeKey)).toBe(200);
    await waitFor(async () => (await storedEvents(dataDir, 'web')) === 1, 30_000, 'the event stored');

    const pgPort = platform.embeddedPgPort;
    expect(await platform.stop('SIGINT')).toBe(0);
    expect(platform.output()).toContain('stopped.');
    expect(await isListening(pgPort)).toBe(false);
    const down = await cdpStatus(dataDir);
    expect(down.code).toBe(1);
    expect(Object.values(down.report.services).some((s) => s.ready)).toBe(false);

    platform = await spawnPlatform({ root: ROOT, dataDir });
    await platform.waitReady(120_000);
    expect(platform.output()).toContain('existing cluster');
    expect(await storedEvents(dataDir, 'web')).toBe(1);
    // The same key still works, and the same event again is a duplicate, not a second row.
    expect(await track(platform.urls.ingestion, writeKey)).toBe(200);
  }, 200_000);

  it('recovers after being killed: the orphaned PostgreSQL is stopped and the data is still there', async () => {
    if (!platform) throw new Error('the previous test did not start the platform');
    await platform.stop('SIGKILL');
    platform = await spawnPlatform({ root: ROOT, dataDir });
    await platform.waitReady(120_000);
    expect(await storedEvents(dataDir, 'web')).toBe(1);
    expect(await track(platform.urls.ingestion, writeKey)).toBe(200);
  }, 200_000);
});

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
// CI has NATS (.ci/run starts it); elsewhere this part runs when a server answers.
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

describe('npm start with NATS_URL: the services talk over JetStream', () => {
  let dataDir: string;
  let platform: PlatformProcess | undefined;
  // A namespace of its own, so its consumers are not left on the machine's platform streams.
  const namespace = `e2e-platform-${randomBytes(3).toString('hex')}`;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cdp-e2e-platform-nats-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    if (!natsMissing) await deleteBusNamespace(natsUrl, namespace);
  });

  it.skipIf(natsMissing)(
    'reports JetStream, and every service is ready with its bus up',
    async () => {
      platform = await spawnPlatform({
        root: ROOT,
        dataDir,
        env: { NATS_URL: natsUrl, NATS_NAMESPACE: namespace },
      });
      await platform.waitReady(120_000);
      expect(platform.output()).toContain(`Messaging: JetStream at ${natsUrl} (namespace ${namespace})`);
      for (const url of Object.values(platform.urls)) {
        const ready = (await (await fetch(`${url}/health/ready`)).json()) as {
          checks: Record<string, { status: string }>;
        };
        expect(ready.checks).toMatchObject({ bus: { status: 'up' }, database: { status: 'up' } });
      }
      expect(await platform.stop('SIGTERM')).toBe(0);
    },
    150_000,
  );
});
