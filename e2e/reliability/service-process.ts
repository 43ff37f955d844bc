import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { waitFor } from '@cdp/shared/testing';
import type { ServiceName } from '@cdp/shared/util-config';
import { busStreamNames } from '@cdp/shared/util-messaging';
import { freePort } from '@cdp/shared/util-process';
import { startAlone, waitReady } from '../support.js';

/** How a process ended: its exit code, or the signal that ended it. */
export interface Ending {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** One service as a process on a port of its own, which it keeps across restarts. */
export interface ServiceProcess {
  readonly name: ServiceName;
  readonly url: string;
  /** The current process's pid. */
  pid(): number;
  /** Resolves when the current process ends. */
  ended(): Promise<Ending>;
  /** Starts it (again) with the base environment plus `extra`, and waits until it is ready. */
  start(extra?: Record<string, string>): Promise<void>;
  /** Sends `signal` to the running process (SIGSTOP, SIGCONT...), if there is one. */
  signal(signal: NodeJS.Signals): void;
  /** Kills the running process with `signal` and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<Ending>;
  /** SIGCONT (in case it is paused), SIGTERM, and waits until it is gone. */
  stop(): Promise<Ending>;
  /** Throws, with what it printed, when the process exited without being told to (kill or stop). */
  assertRunning(): void;
  /**
   * Waits until the running process's readiness (`/health/ready`, which checks the database and
   * the bus) reads `ready`: false once it noticed an outage, true once it is over.
   */
  readiness(ready: boolean, what: string): Promise<void>;
}

export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  extra: Record<string, string> = {},
): Promise<ServiceProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let running: ReturnType<typeof startAlone> | undefined;
  let ending: Promise<Ending> = Promise.resolve({ code: null, signal: null, output: '' });
  let told = false;
  let crashed: string | undefined;
  const start = async (more: Record<string, string> = {}): Promise<void> => {
    told = false;
    const current = startAlone(name, { LOG_LEVEL: 'warn', ...env, ...more, PORT: String(port) });
    running = current;
    ending = current.exited.then(({ code, output }) => {
      if (!told) crashed = `${name} exited with code ${code} without being told to: ${output.slice(-3_000)}`;
      return { code, signal: current.child.signalCode, output };
    });
    await waitReady(url, current.exited, 90_000);
  };
  await start(extra);
  const alive = (): boolean => running?.child.exitCode === null && running.child.signalCode === null;
  const kill = (signal: NodeJS.Signals): Promise<Ending> => {
    told = true;
    if (alive()) running?.child.kill(signal);
    return ending;
  };
  return {
    name,
    url,
    pid: () => running?.child.pid ?? 0,
    ended: () => ending,
    start,
    signal(signal) {
      if (alive()) running?.child.kill(signal);
    },
    kill,
    stop() {
      if (alive()) running?.child.kill('SIGCONT');
      return kill('SIGTERM');
    },
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

// The bus's own view

export interface ConsumerState {
  name: string;
  /** `<durable> on <filter>`, as the bus describes its consumers. */
  description: string;
  pending: number;
  ackPending: number;
  /** Messages redelivered and not yet acked. */
  redelivered: number;
  /** Deliveries so far, redeliveries included. */
  deliveries: number;
}

/** The streams of `namespace` (the platform's own without one): events and dead letters. */
function streamsOf(namespace: string | undefined): [events: string, deadLetters: string] {
  return namespace ? busStreamNames(namespace) : ['CDP_EVENTS', 'CDP_DLQ'];
}

async function withJetStream<T>(natsUrl: string, fn: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers: natsUrl, timeout: 5_000 });
  try {
    return await fn(await jetstreamManager(nc, { timeout: 5_000 }));
  } finally {
    await nc.close().catch(() => undefined);
  }
}

/** Every consumer of the namespace's event stream, as the server sees it. */
export async function consumerStates(natsUrl: string, namespace?: string): Promise<ConsumerState[]> {
  const [events] = streamsOf(namespace);
  return withJetStream(natsUrl, async (jsm) => {
    const states: ConsumerState[] = [];
    for await (const info of jsm.consumers.list(events)) {
      states.push({
        name: info.name,
        description: info.config.description ?? '',
        deliveries: info.delivered.consumer_seq,
        pending: info.num_pending,
        ackPending: info.num_ack_pending,
        redelivered: info.num_redelivered,
      });
    }
    return states;
  });
}

/**
 * Whether the namespace's event stream has nothing left for its consumers: there are some, and
 * none has a message waiting or delivered but unacked. False while the server cannot be reached.
 */
export async function busDrained(natsUrl: string, namespace?: string): Promise<boolean> {
  const states = await consumerStates(natsUrl, namespace).catch(() => []);
  return states.length > 0 && states.every((s) => s.pending === 0 && s.ackPending === 0);
}

/** Waits until `busDrained`. */
export async function waitDrained(natsUrl: string, namespace: string, timeoutMs: number): Promise<void> {
  await waitFor(() => busDrained(natsUrl, namespace), timeoutMs, 'every consumer drained', 250);
}

/** Messages in the namespace's dead-letter stream (0 when it does not exist). */
export async function deadLetterCount(natsUrl: string, namespace?: string): Promise<number> {
  const [, deadLetters] = streamsOf(namespace);
  return withJetStream(natsUrl, (jsm) =>
    jsm.streams.info(deadLetters).then(
      (info) => info.state.messages,
      () => 0,
    ),
  );
}
