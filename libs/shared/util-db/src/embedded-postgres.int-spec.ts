import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient } from './client.js';
import {
  EmbeddedPostgresError,
  startEmbeddedPostgres,
  type EmbeddedPostgresHandle,
} from './embedded-postgres.js';

const isRoot = userInfo().uid === 0;
function hasUser(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CHILD = fileURLToPath(new URL('./__fixtures__/embedded-postgres-child.ts', import.meta.url));

async function listen(port = 0): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return server;
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function freePort(): Promise<number> {
  const server = await listen();
  const { port } = server.address() as { port: number };
  await closeServer(server);
  return port;
}

async function portIsFree(port: number): Promise<boolean> {
  try {
    await closeServer(await listen(port));
    return true;
  } catch {
    return false;
  }
}

function postmasterPid(clusterDir: string): number | undefined {
  const file = join(clusterDir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  return Number.parseInt(readFileSync(file, 'utf8').split('\n')[0] ?? '', 10);
}

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; waited < timeoutMs; waited += 50) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = createDbClient({ url, max: 1 });
  try {
    return (await client.pool.query(text)).rows as T[];
  } finally {
    await client.close();
  }
}

/** Starts the server from a separate process, as the platform would, and SIGKILLs that process. */
async function startInKilledPlatform(dataDir: string, port: number): Promise<void> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(port)], {
    cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('"url"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`platform child exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

describe('startEmbeddedPostgres', () => {
  let base: string;
  let dataDir: string;
  let clusterDir: string;
  let port: number;
  const handles: EmbeddedPostgresHandle[] = [];
  const strays: number[] = [];

  async function start(dir = dataDir, on = port): Promise<EmbeddedPostgresHandle> {
    const handle = await startEmbeddedPostgres({ dataDir: dir, port: on });
    handles.push(handle);
    return handle;
  }

  beforeAll(async () => {
    // mkdtemp makes a 0700 folder; as root the server runs as `postgres`, which must enter it.
    base = mkdtempSync(join(tmpdir(), 'cdp-embedded-pg-spec-'));
    chmodSync(base, 0o755);
    dataDir = join(base, 'data');
    clusterDir = join(dataDir, 'pg');
    port = await freePort();
  });

  afterAll(async () => {
    for (const handle of handles) await handle.stop().catch(() => undefined);
    // A server a failed test left behind (the orphan, say) must not outlive the suite.
    const pid = existsSync(clusterDir) ? postmasterPid(clusterDir) : undefined;
    if (pid && isRunning(pid)) {
      process.kill(pid, 'SIGINT');
      await waitUntil(() => !isRunning(pid), 15_000);
    }
    for (const stray of strays) if (isRunning(stray)) process.kill(stray, 'SIGKILL');
    rmSync(base, { recursive: true, force: true });
  }, 60_000);

  it('initialises a cluster on first start and keeps its data across a restart', async () => {
    const first = await start();
    expect(first.initialised).toBe(true);
    expect(first.url).toMatch(new RegExp(`^postgres://cdp:[^@]+@127\\.0\\.0\\.1:${port}/cdp$`));
    await query(first.url, 'CREATE TABLE kept (note text)');
    await query(first.url, "INSERT INTO kept VALUES ('written before the restart')");

    // The password is kept next to the cluster, readable by its owner only.
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    if (isRoot) {
      // As root the server runs as `postgres` and owns the cluster folder.
      const postgresUid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
      expect(statSync(clusterDir).uid).toBe(postgresUid);
      const pid = postmasterPid(clusterDir);
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(
        new RegExp(`^Uid:\\s+${postgresUid}\\b`, 'm'),
      );
    }

    await first.stop();
    await first.stop(); // a second stop is harmless
    expect(await portIsFree(port)).toBe(true);

    const second = await start();
    expect(second.initialised).toBe(false);
    expect(second.url).toBe(first.url);
    expect(await query(second.url, 'SELECT note FROM kept')).toEqual([
      { note: 'written before the restart' },
    ]);
    await second.stop();
  }, 60_000);

  it('refuses a busy port naming the port and EMBEDDED_PG_PORT, before touching the folder', async () => {
    const busy = await listen();
    const busyPort = (busy.address() as { port: number }).port;
    const busyDir = join(base, 'busy');
    try {
      const attempt = startEmbeddedPostgres({ dataDir: busyDir, port: busyPort });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(`port ${busyPort} for the embedded PostgreSQL is in use`);
      await expect(attempt).rejects.toThrow('EMBEDDED_PG_PORT');
      expect(existsSync(join(busyDir, 'pg', 'PG_VERSION'))).toBe(false);
    } finally {
      await closeServer(busy);
    }
  });

  it.skipIf(!isRoot)('as root, refuses a folder the postgres user cannot enter, naming it', async () => {
    const locked = join(base, 'locked');
    mkdirSync(locked, { mode: 0o700 });
    chmodSync(locked, 0o700);
    const attempt = startEmbeddedPostgres({ dataDir: join(locked, 'data'), port: await freePort() });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(attempt).rejects.toThrow(`cannot enter ${locked} (mode 700)`);
    await expect(attempt).rejects.toThrow('CDP_DATA_DIR');
  });

  it('stops the server a killed platform left running and starts on the same folder', async () => {
    await startInKilledPlatform(dataDir, port);
    const orphan = postmasterPid(clusterDir);
    expect(orphan).toBeGreaterThan(0);
    // The scenario: the platform is gone, its server still runs and holds the port.
    expect(isRunning(orphan as number)).toBe(true);
    expect(await portIsFree(port)).toBe(false);

    const restarted = await start();

    expect(restarted.initialised).toBe(false);
    expect(isRunning(orphan as number)).toBe(false);
    expect(postmasterPid(clusterDir)).not.toBe(orphan);
    expect(await query(restarted.url, 'SELECT note FROM kept')).toEqual([
      { note: 'written before the restart' },
    ]);
    await restarted.stop();
  }, 60_000);

  it('starts after the server itself was SIGKILLed, leaving a stale postmaster.pid', async () => {
    await startInKilledPlatform(dataDir, port);
    const killed = postmasterPid(clusterDir) as number;
    process.kill(killed, 'SIGKILL');
    expect(await waitUntil(() => !isRunning(killed), 10_000)).toBe(true);
    expect(postmasterPid(clusterDir)).toBe(killed);

    const restarted = await start();

    expect(restarted.initialised).toBe(false);
    expect(await query(restarted.url, 'SELECT note FROM kept')).toEqual([
      { note: 'written before the restart' },
    ]);
    await restarted.stop();
  }, 60_000);

  it('leaves alone an unrelated process that now has the pid of a stale postmaster.pid', async () => {
    // After a reboot or a container restart (pids start again from 1) a stale postmaster.pid can
    // name some other process: starting the platform must not kill it.
    const bystander = spawn('sleep', ['600'], { stdio: 'ignore' });
    strays.push(bystander.pid as number);
    const bystanderExited = new Promise((resolve) => bystander.once('exit', resolve));
    try {
      writeFileSync(
        join(clusterDir, 'postmaster.pid'),
        `${bystander.pid}\n${clusterDir}\n1700000000\n${port}\n\n127.0.0.1\n`,
      );

      const restarted = await start();
      expect(await query(restarted.url, 'SELECT note FROM kept')).toHaveLength(1);
      await restarted.stop();

      await new Promise((resolve) => setTimeout(resolve, 100));
      expect({ running: isRunning(bystander.pid as number), killedBy: bystander.signalCode }).toEqual({
        running: true,
        killedBy: null,
      });
    } finally {
      bystander.kill('SIGKILL');
      await bystanderExited;
    }
  }, 60_000);

  // As a normal user the server runs as that user. Run as root (CI), this proves it by starting
  // the server as `nobody`; run as a normal user, every test above already does.
  it.runIf(isRoot && hasUser('nobody'))(
    'runs as a normal user too: the cluster belongs to that user and is reused on the next start',
    async () => {
      const userDir = join(base, 'as-nobody');
      mkdirSync(userDir);
      chmodSync(userDir, 0o777);
      const userPort = await freePort();
      const runAsNobody = (): { initialised: boolean } =>
        JSON.parse(
          execFileSync(
            'runuser',
            [
              '-u',
              'nobody',
              '--',
              process.execPath,
              '--import',
              'tsx',
              CHILD,
              join(userDir, 'data'),
              String(userPort),
              '--stop',
            ],
            {
              cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
              encoding: 'utf8',
              env: { ...process.env, TSX_DISABLE_CACHE: '1' },
            },
          ).trim(),
        ) as { initialised: boolean };

      expect(runAsNobody().initialised).toBe(true);
      expect(statSync(join(userDir, 'data', 'pg')).uid).toBe(
        Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })),
      );
      expect(runAsNobody().initialised).toBe(false);
    },
    60_000,
  );
});
