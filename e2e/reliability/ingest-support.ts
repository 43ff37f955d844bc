import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { freePort } from '@cdp/shared/util-process';

/** A folder the `postgres` user (when tests run as root) or nats-server can use. */
export function scratchDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cdp-${label}-`));
  chmodSync(dir, 0o755);
  return dir;
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
