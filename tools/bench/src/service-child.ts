import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { busStreamNames } from '@cdp/shared/util-messaging';
import { freePort } from '@cdp/shared/util-process';
import type { BenchOptions } from './bench.js';

export interface ServiceProcess {
  url: string;
  output(): string;
  /** Warning and error lines the service logged (a failed batch is retried: it shows here). */
  problems(): { count: number; last: string | undefined };
  /** SIGTERM, then the exit code (a CPU profile is written on the way out). */
  stop(): Promise<number | null>;
}

/**
 * `node dist/apps/<app>/src/main.js` on a free port, ready. BENCH_CPU_PROF_DIR=<dir> runs it with
 * `--cpu-prof` into that folder (open the .cpuprofile in Chrome DevTools or speedscope).
 */
export async function startServiceChild(
  root: string,
  app: 'ingestion' | 'identity' | 'feature-store' | 'clustering' | 'prediction' | 'activation' | 'ad-feeds',
  env: Record<string, string>,
  /** Node options the service runs with in production (e.g. a larger young generation). */
  nodeFlags: readonly string[] = [],
  /** How long it may take to be ready (ad-feeds warms its index from millions of rows first). */
  readyTimeoutMs = 60_000,
): Promise<ServiceProcess> {
  const port = await freePort();
  const profileDir = process.env['BENCH_CPU_PROF_DIR'];
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  if (!env['NATS_URL']) delete childEnv['NATS_URL'];
  const child = spawn(
    process.execPath,
    [
      ...nodeFlags,
      ...(process.env['BENCH_SERVICE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      join(root, `dist/apps/${app}/src/main.js`),
    ],
    { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  let problems = 0;
  let lastProblem: string | undefined;
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString();
    // The last 64 KB is enough to say why it failed.
    output = (output + text).slice(-65_536);
    for (const line of text.split('\n')) {
      if (!/"level":(40|50|60)/.test(line)) continue;
      problems++;
      lastProblem = line;
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // BENCH_SERVICE_LOG=<file>: everything the service prints goes there too (with
  // BENCH_SERVICE_NODE_FLAGS=--trace-gc, say).
  const logFile = process.env['BENCH_SERVICE_LOG'];
  if (logFile) {
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the ${app} service exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the ${app} service was not ready after ${readyTimeoutMs / 1000} s:\n${output}`);
    }
    const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) {
      return { url, output: () => output, problems: () => ({ count: problems, last: lastProblem }), stop };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The bus a bench's services and the bench itself use: JetStream when NATS answers, else embedded. */
export interface BenchTransport {
  jetstream: boolean;
  natsUrl: string;
  /** NATS_NAMESPACE of the run (its streams are deleted by `release`). */
  namespace: string;
  /** `jetstream` or `embedded`. */
  name: string;
  /** NATS_URL and NATS_NAMESPACE when NATS answers; nothing (the embedded transport) otherwise. */
  env: Record<string, string>;
  /** What the bench prints on its `transport` row. */
  description: string;
  /** Deletes the namespace's streams (JetStream only). */
  release(): Promise<void>;
}

/** NATS_URL's server (default the machine's) under a namespace of the run's own, `<prefix><hex>`. */
export async function benchTransport(prefix: string): Promise<BenchTransport> {
  const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
  const jetstream = await natsAnswers(natsUrl);
  const namespace = `${prefix}${randomBytes(3).toString('hex')}`;
  return {
    jetstream,
    natsUrl,
    namespace,
    name: jetstream ? 'jetstream' : 'embedded',
    env: jetstream ? { NATS_URL: natsUrl, NATS_NAMESPACE: namespace } : {},
    description: jetstream
      ? `jetstream ${natsUrl}, NATS_NAMESPACE=${namespace}`
      : `embedded, in the bench database (no NATS answered at ${natsUrl})`,
    release: async () => {
      if (jetstream) await deleteNamespaceStreams(natsUrl, namespace);
    },
  };
}

export async function natsAnswers(servers: string): Promise<boolean> {
  try {
    const nc = await connect({ servers, timeout: 2_000, maxReconnectAttempts: 0 });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

/** The namespace's two streams (events and dead letters), with their consumers. */
export async function deleteNamespaceStreams(servers: string, namespace: string): Promise<void> {
  const nc = await connect({ servers });
  try {
    const jsm = await jetstreamManager(nc);
    for (const stream of busStreamNames(namespace)) {
      await jsm.streams.delete(stream).catch(() => undefined);
    }
  } finally {
    await nc.close();
  }
}

/** Says loudly that a bench run is not to be trusted, and makes the process exit non-zero. */
export function benchFailed(print: BenchOptions['print'], bench: string, problem: string): void {
  const line = `${bench.toUpperCase()} BENCH FAILED: ${problem}`;
  print(`!!! ${line}`);
  process.stderr.write(`${line}\n`);
  process.exitCode = 1;
}
