import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { busStreamNames } from '@cdp/shared/util-messaging';
import { freePort } from '@cdp/shared/util-process';
import { cli, startAlone, waitReady, type Exited } from '../support.js';

/** The ingestion service as a process on a port of its own, which it keeps across restarts. */
export interface IngestionProcess {
  readonly url: string;
  /** Kills the process with `signal` and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<Exited>;
  /** Starts it again on the same port and waits until it is ready. */
  start(): Promise<void>;
  /** What the current (or last) process printed. */
  output(): string;
  /** Throws, with what it printed, when the process exited without being told to. */
  assertRunning(): void;
  /**
   * Waits until the running process's readiness (`/health/ready`, which checks the database and
   * the bus) reads `ready`: false once it noticed an outage, true once it is over.
   */
  readiness(ready: boolean, what: string): Promise<void>;
}

export async function startIngestion(env: Record<string, string>): Promise<IngestionProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let running: ReturnType<typeof startAlone> | undefined;
  let told = false;
  let crashed: string | undefined;
  const start = async (): Promise<void> => {
    told = false;
    const current = startAlone('ingestion', { LOG_LEVEL: 'warn', ...env, PORT: String(port) });
    running = current;
    void current.exited.then(({ code, output }) => {
      if (!told)
        crashed = `ingestion exited with code ${code} without being told to: ${output.slice(-3_000)}`;
    });
    await waitReady(url, current.exited, 90_000);
  };
  await start();
  return {
    url,
    start,
    async kill(signal) {
      const current = running;
      told = true;
      if (!current || current.child.exitCode !== null || current.child.signalCode !== null) {
        return { code: current?.child.exitCode ?? null, output: current?.output() ?? '' };
      }
      told = true;
      current.child.kill(signal);
      return current.exited;
    },
    output: () => running?.output() ?? '',
    assertRunning() {
      if (crashed) throw new Error(crashed);
    },
    async readiness(ready, what) {
      await waitFor(
        async () => {
          if (crashed) throw new Error(crashed);
          return (await fetch(`${url}/health/ready`).catch(() => undefined))?.ok === ready;
        },
        60_000,
        what,
        200,
      );
    },
  };
}

/** A source of its own for the run; returns its write key. */
export async function createSource(name: string, env: Record<string, string>): Promise<string> {
  const created = JSON.parse(await cli(['sources', 'create', name, '--json'], env)) as { writeKey: string };
  return created.writeKey;
}

/** A folder the `postgres` user (when tests run as root) or nats-server can use. */
export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cdp-${label}-`));
  chmodSync(dir, 0o755);
  return dir;
}

/**
 * Whether the namespace's event stream has nothing left for its consumers: no message waiting
 * and none delivered but unacked. Also reports what reached the dead-letter stream.
 */
export async function busDrained(natsUrl: string, namespace: string | undefined): Promise<boolean> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const [events] = namespace ? busStreamNames(namespace) : ['CDP_EVENTS'];
  const nc = await connect({ servers: natsUrl, timeout: 2_000 }).catch(() => undefined);
  if (!nc) return false;
  try {
    const jsm = await jetstreamManager(nc, { timeout: 2_000 });
    let consumers = 0;
    for await (const info of jsm.consumers.list(events)) {
      consumers += 1;
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return consumers > 0;
  } catch {
    return false;
  } finally {
    await nc.close().catch(() => undefined);
  }
}

/** Messages in the namespace's dead-letter stream (0 when it does not exist). */
export async function deadLetterCount(natsUrl: string, namespace: string | undefined): Promise<number> {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const [, deadLetters] = namespace ? busStreamNames(namespace) : ['', 'CDP_DLQ'];
  const nc = await connect({ servers: natsUrl, timeout: 2_000 });
  try {
    const jsm = await jetstreamManager(nc, { timeout: 2_000 });
    return (await jsm.streams.info(deadLetters)).state.messages;
  } catch {
    return 0;
  } finally {
    await nc.close();
  }
}

/** A nats-server with JetStream of the test's own, on a fixed port and store folder. */
export interface PrivateNats {
  readonly url: string;
  /** Its JetStream store; the caller removes it when done. */
  readonly storeDir: string;
  /** Stops it with `signal` and waits until it is gone. */
  stop(signal: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store, and waits until it answers. */
  start(): Promise<void>;
}

export async function startPrivateNats(): Promise<PrivateNats> {
  const port = await freePort();
  const storeDir = scratchDir('nats');
  const url = `nats://127.0.0.1:${port}`;
  let child: ReturnType<typeof spawn> | undefined;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const start = async (): Promise<void> => {
    const server = spawn(
      '/usr/sbin/nats-server',
      ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    server.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    server.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child = server;
    exited = new Promise((resolve) => server.once('exit', () => resolve()));
    await waitFor(
      async () => {
        if (server.exitCode !== null) throw new Error(`nats-server exited: ${output}`);
        return canConnectToNats(url, 500);
      },
      30_000,
      `nats-server on ${port}`,
      100,
    );
  };
  await start();
  return {
    url,
    storeDir,
    start,
    async stop(signal) {
      if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
