import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { SERVICES, serviceEnvPrefix, type ServiceName } from '@cdp/shared/util-config';
import { freePorts } from './ports.js';

export interface PlatformProcessOptions {
  /** Repository root; the built platform is `<root>/dist/apps/platform/src/main.js`. */
  root: string;
  dataDir: string;
  /** Extra variables, e.g. DATABASE_URL; without it the platform starts its embedded PostgreSQL. */
  env?: Record<string, string>;
  /** Command-line arguments, as `npm start -- <args>` passes them (e.g. `--no-demo`). */
  args?: string[];
}

export interface PlatformProcess {
  child: ChildProcess;
  urls: Record<ServiceName, string>;
  embeddedPgPort: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the seconds from spawn until every service's `/health/ready` answered 200. */
  waitReady(timeoutMs?: number): Promise<number>;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
}

/** Starts the built one-process platform on free ports, with a data folder of its own. */
export async function spawnPlatform(options: PlatformProcessOptions): Promise<PlatformProcess> {
  const [embeddedPgPort = 0, ...servicePorts] = await freePorts(SERVICES.length + 1);
  const ports = Object.fromEntries(SERVICES.map((s, i) => [s.name, servicePorts[i] ?? 0])) as Record<
    ServiceName,
    number
  >;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    CDP_DATA_DIR: options.dataDir,
    EMBEDDED_PG_PORT: String(embeddedPgPort),
    ...Object.fromEntries(SERVICES.map((s) => [`${serviceEnvPrefix(s.name)}_PORT`, String(ports[s.name])])),
    // The demo data set loads only for a caller that asks (CDP_DEMO=true): tests and benchmarks
    // of start-up measure the platform, not 100k demo events.
    CDP_DEMO: 'false',
    ...options.env,
  };
  if (!options.env?.['DATABASE_URL']) delete env['DATABASE_URL'];

  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [join(options.root, 'dist/apps/platform/src/main.js'), ...(options.args ?? [])],
    {
      cwd: options.root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const urls = Object.fromEntries(
    SERVICES.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}`]),
  ) as Record<ServiceName, string>;

  return {
    child,
    urls,
    embeddedPgPort,
    output: () => output,
    async waitReady(timeoutMs = 120_000) {
      const pending = new Set(Object.values(urls));
      const deadline = Date.now() + timeoutMs;
      while (pending.size > 0) {
        if (child.exitCode !== null)
          throw new Error(`the platform exited with ${child.exitCode}:\n${output}`);
        if (Date.now() > deadline)
          throw new Error(`not ready after ${timeoutMs} ms: ${[...pending].join(', ')}\n${output}`);
        await Promise.all(
          [...pending].map(async (url) => {
            const ok = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) }).then(
              (r) => r.ok,
              () => false,
            );
            if (ok) pending.delete(url);
          }),
        );
        if (pending.size > 0) await new Promise((r) => setTimeout(r, 50));
      }
      return (performance.now() - startedAt) / 1000;
    },
    async stop(signal = 'SIGINT', timeoutMs = 30_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
