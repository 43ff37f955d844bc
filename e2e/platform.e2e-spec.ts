import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canConnectToNats } from '@cdp/shared/testing';
import { SERVICE_NAMES } from '@cdp/shared/util-config';
import { createDbClient, embeddedDatabaseUrl } from '@cdp/shared/util-db';
import { isListening, spawnPlatform, type PlatformProcess } from '@cdp/shared/util-process';
import { ROOT } from './support.js';

const run = promisify(execFile);

async function cdpStatus(dataDir: string): Promise<{
  code: number;
  report: { services: Record<string, { url: string; ready: boolean; problem?: string }> };
}> {
  const result = await run(
    process.execPath,
    [join(ROOT, 'dist/tools/cli/src/main.js'), 'status', '--json', '--timeout', '1000'],
    {
      cwd: ROOT,
      env: { ...process.env, CDP_DATA_DIR: dataDir },
    },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
  return { code: result.code, report: JSON.parse(result.stdout) };
}

function embeddedUrl(dataDir: string, port: number): string {
  const url = embeddedDatabaseUrl(join(dataDir, 'postgres'), port);
  if (!url) throw new Error(`no embedded cluster in ${dataDir}`);
  return url;
}

describe('npm start: every service in one process on embedded PostgreSQL', () => {
  let dataDir: string;
  let platform: PlatformProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cdp-e2e-platform-'));
    // As root the embedded server runs as `postgres`, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings all seven services to ready and `cdp status --json` reports each one', async () => {
    platform = await spawnPlatform({ root: ROOT, dataDir });
    await platform.waitReady(120_000);
    expect(platform.output()).toContain('new cluster');

    const { code, report } = await cdpStatus(dataDir);
    expect(code).toBe(0);
    expect(Object.keys(report.services).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const name of SERVICE_NAMES) {
      expect(report.services[name]).toEqual({ url: platform.urls[name], ready: true });
    }
  }, 150_000);

  it('stops cleanly on Ctrl-C and keeps the data for the next start', async () => {
    if (!platform) throw new Error('the previous test did not start the platform');
    const first = createDbClient({ url: embeddedUrl(dataDir, platform.embeddedPgPort), max: 1 });
    await first.pool.query(
      `INSERT INTO ingestion.sources (name, kind, write_key) VALUES ('web', 'javascript', 'wk_restart')`,
    );
    await first.close();

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
    const second = createDbClient({ url: embeddedUrl(dataDir, platform.embeddedPgPort), max: 1 });
    const rows = await second.pool.query(
      `SELECT name, kind FROM ingestion.sources WHERE write_key = 'wk_restart'`,
    );
    await second.close();
    expect(rows.rows).toEqual([{ name: 'web', kind: 'javascript' }]);
  }, 200_000);

  it('recovers after being killed: the orphaned PostgreSQL is stopped and the data is still there', async () => {
    if (!platform) throw new Error('the previous test did not start the platform');
    await platform.stop('SIGKILL');
    platform = await spawnPlatform({ root: ROOT, dataDir });
    await platform.waitReady(120_000);
    const client = createDbClient({ url: embeddedUrl(dataDir, platform.embeddedPgPort), max: 1 });
    const rows = await client.pool.query(
      `SELECT count(*)::int AS n FROM ingestion.sources WHERE write_key = 'wk_restart'`,
    );
    await client.close();
    expect(rows.rows[0]).toEqual({ n: 1 });
  }, 200_000);
});

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
// CI has NATS (.ci/run starts it); elsewhere this part runs when a server answers.
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

describe('npm start with NATS_URL: the services talk over JetStream', () => {
  let dataDir: string;
  let platform: PlatformProcess | undefined;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cdp-e2e-platform-nats-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await platform?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(natsMissing)(
    'reports JetStream, and every service is ready with its bus up',
    async () => {
      platform = await spawnPlatform({ root: ROOT, dataDir, env: { NATS_URL: natsUrl } });
      await platform.waitReady(120_000);
      expect(platform.output()).toContain(`Messaging: JetStream at ${natsUrl}`);
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
