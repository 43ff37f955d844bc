import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import { HEADERS, type Bus } from '../bus.js';
import { BusError } from '../errors.js';
import { sendRequest } from '../typed.js';
import { bigText, THING_GET, type RpcProbe, type RpcProbeReply } from './__fixtures__/rpc-fixture.js';
import { createEmbeddedBus } from './embedded-bus.js';

// Request/reply of the embedded transport between processes: the operator CLI asking the
// services of the one-process platform. Responders run in child processes, the requests come
// from this one.

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./__fixtures__/rpc-responder-child.ts', import.meta.url));
const quiet = { warn: () => undefined, info: () => undefined };
const HEARTBEAT_MS = 500;
/** A responder that misses ~3 beats is gone (see EmbeddedBusTuning.responderHeartbeatMs). */
const EXPIRY_MS = HEARTBEAT_MS * 3.5;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface ResponderProcess {
  child: ChildProcess;
  /** The `n` of every request it started handling, in order. */
  handled(): number[];
  output(): string;
  send(command: string): void;
  kill(): Promise<void>;
}

describe('embedded request/reply across processes', () => {
  let database: TestDatabase;
  let requester: Bus;
  let inspect: DbClient;
  const children: ChildProcess[] = [];
  const subject = 'rpc.probe.get.v1';
  let a: ResponderProcess;
  let b: ResponderProcess;

  const startResponder = async (name: string, on: string, queue = 'probes'): Promise<ResponderProcess> => {
    const config = {
      kind: 'embedded',
      databaseUrl: database.url,
      name: `rpc-${name}`,
      responderHeartbeatMs: HEARTBEAT_MS,
    };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify(config), on, queue, name],
      {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${stderr}`);
        return stdout.includes('responding\n');
      },
      30_000,
      `responder ${name} to start`,
    );
    return {
      child,
      handled: () => [...stdout.matchAll(/^handled (-?\d+)$/gm)].map((m) => Number(m[1])),
      output: () => stdout,
      send: (command) => child.stdin?.write(`${command}\n`),
      kill: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      },
    };
  };

  const ask = (data: RpcProbe, timeoutMs = 5_000, on = subject) =>
    requester.request(on, data, { timeoutMs }) as Promise<RpcProbeReply>;

  const failure = (request: Promise<unknown>): Promise<unknown> =>
    request.then(
      () => undefined,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    database = await createTestDatabase('bus_rpc');
    requester = await createEmbeddedBus({
      kind: 'embedded',
      databaseUrl: database.url,
      name: 'rpc-requester',
      logger: quiet,
    });
    inspect = createDbClient({ url: database.url, max: 1 });
    [a, b] = await Promise.all([startResponder('a', subject), startResponder('b', subject)]);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await requester?.close();
    await inspect?.close();
    await database?.drop();
  });

  it('answers a request from another process, with its headers', async () => {
    const reply = await requester.request(
      subject,
      { n: 1, echo: { nested: [1, 'two', null] } },
      { timeoutMs: 5_000, headers: { [HEADERS.correlationId]: 'corr-1' } },
    );
    expect(reply).toEqual({
      n: 1,
      by: expect.stringMatching(/^[ab]$/),
      echo: { nested: [1, 'two', null] },
      correlationId: 'corr-1',
    });
  });

  it('shares the requests between the replicas of a queue group, each answered once', async () => {
    const before = a.handled().length + b.handled().length;
    const ns = Array.from({ length: 40 }, (_, i) => 100 + i);
    const replies = await Promise.all(ns.map((n) => ask({ n, sleepMs: 10 })));
    expect(replies.map((r) => r.n)).toEqual(ns);
    const byA = replies.filter((r) => r.by === 'a').map((r) => r.n);
    const byB = replies.filter((r) => r.by === 'b').map((r) => r.n);
    expect(byA.length).toBeGreaterThan(0);
    expect(byB.length).toBeGreaterThan(0);
    // Each request reached one replica only: what they handled is exactly what they answered.
    await waitFor(() => a.handled().length + b.handled().length - before >= 40, 5_000, '40 handled');
    await sleep(200);
    expect(a.handled().filter((n) => n >= 100)).toEqual(expect.arrayContaining(byA));
    expect(b.handled().filter((n) => n >= 100)).toEqual(expect.arrayContaining(byB));
    expect(a.handled().length + b.handled().length - before).toBe(40);
  }, 30_000);

  it('carries a reply and a request far larger than a NOTIFY payload intact', async () => {
    const echo = bigText(100_000);
    const reply = await ask({ n: 2, bytes: 100_000, echo }, 10_000);
    expect(Buffer.byteLength(reply.text ?? '')).toBeGreaterThanOrEqual(100_000);
    expect(reply.text).toBe(bigText(100_000));
    expect(reply.echo).toBe(echo);
  }, 20_000);

  it("returns a handler's error to the caller as the error payload", async () => {
    expect(await ask({ n: 3, fail: 'warehouse unreachable' })).toEqual({
      error: { code: 'INTERNAL', message: 'warehouse unreachable' },
    });
    // Through the typed helpers the error arrives with its code, as the CLI sees it.
    await expect(sendRequest(requester, THING_GET, { id: 7 })).resolves.toEqual({
      id: 7,
      name: expect.stringMatching(/^thing 7 from [ab]$/),
    });
    const notFound = await failure(sendRequest(requester, THING_GET, { id: 404 }));
    expect(notFound).toBeInstanceOf(BusError);
    expect(notFound).toMatchObject({ code: 'NOT_FOUND', message: 'no thing 404' });
  });

  it('fails with NO_RESPONDERS at once when no process answers the subject', async () => {
    const started = Date.now();
    const error = await failure(ask({ n: 4 }, 10_000, 'rpc.nobody.get.v1'));
    expect(error).toBeInstanceOf(BusError);
    expect(error).toMatchObject({ code: 'NO_RESPONDERS' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails with TIMEOUT when the responder is too slow, and forgets the late reply', async () => {
    const started = Date.now();
    const error = await failure(ask({ n: 5, sleepMs: 1_000 }, 300));
    expect(error).toBeInstanceOf(BusError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1_000);
    // The late reply goes nowhere, and nothing of the call stays in the log.
    await sleep(1_200);
    expect(await ask({ n: 6 })).toMatchObject({ n: 6 });
    const left = await inspect.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cdp_bus.rpc_calls');
    expect(left.rows[0]?.n).toBe(0);
  }, 20_000);

  it('answers the requests in flight when a responder stops, and no new ones', async () => {
    const slowSubject = 'rpc.drain.get.v1';
    const c = await startResponder('c', slowSubject, 'drain');
    const inFlight = ask({ n: 7, sleepMs: 800 }, 5_000, slowSubject);
    await waitFor(() => c.handled().includes(7), 5_000, 'the request to reach c');
    c.send('stop');
    await expect(inFlight).resolves.toMatchObject({ n: 7, by: 'c' });
    await waitFor(() => c.output().includes('stopped\n'), 5_000, 'c to stop');
    await expect(ask({ n: 8 }, 5_000, slowSubject)).rejects.toMatchObject({ code: 'NO_RESPONDERS' });
    await c.kill();
  }, 40_000);

  it("gets the reply when the requester's LISTEN connection is cut while it waits", async () => {
    const reply = ask({ n: 15, sleepMs: 100 });
    await waitFor(() => [...a.handled(), ...b.handled()].includes(15), 5_000, 'the request to arrive');
    // The reply comes while the bus reconnects (it waits 250 ms first): its NOTIFY is lost.
    const cut = await inspect.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = 'cdp-bus-rpc-requester-listen' AND datname = current_database()`,
    );
    expect(cut.rowCount).toBe(1);
    await expect(reply).resolves.toMatchObject({ n: 15 });
  }, 20_000);

  it('treats a responder whose process hangs as gone after ~3 missed beats, until it beats again', async () => {
    const hangSubject = 'rpc.hang.get.v1';
    const d = await startResponder('d', hangSubject, 'hang');
    expect(await ask({ n: 12 }, 5_000, hangSubject)).toMatchObject({ by: 'd' });
    // Its database sessions (and liveness lock) stay; only the heartbeat stops.
    d.child.kill('SIGSTOP');
    await sleep(EXPIRY_MS + HEARTBEAT_MS);
    const started = Date.now();
    await expect(ask({ n: 13 }, 5_000, hangSubject)).rejects.toMatchObject({ code: 'NO_RESPONDERS' });
    expect(Date.now() - started).toBeLessThan(2_000);
    d.child.kill('SIGCONT');
    await waitFor(
      async () => (await ask({ n: 14 }, 1_000, hangSubject).catch(() => undefined))?.by === 'd',
      10_000,
      'd to answer again',
    );
    await d.kill();
  }, 40_000);

  it('stops sending requests to a replica that was SIGKILLed; none left: NO_RESPONDERS, never a hang', async () => {
    await b.kill();
    // A request that raced the kill may time out; none hangs.
    const raced = await Promise.allSettled([ask({ n: 9 }, 1_000), ask({ n: 10 }, 1_000)]);
    for (const result of raced) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'TIMEOUT' });
      else expect(result.value).toMatchObject({ by: 'a' });
    }
    // Within the heartbeat expiry at the latest, every request goes to the survivor.
    await sleep(EXPIRY_MS);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => ask({ n: 200 + i }, 2_000)));
    expect(replies.every((r) => r.by === 'a')).toBe(true);

    await a.kill();
    const killedAt = Date.now();
    let last: unknown;
    await waitFor(
      async () => {
        last = await failure(ask({ n: 11 }, 1_000));
        expect(last).toBeInstanceOf(BusError);
        expect(['NO_RESPONDERS', 'TIMEOUT']).toContain((last as BusError).code);
        return (last as BusError).code === 'NO_RESPONDERS';
      },
      EXPIRY_MS + 5_000,
      'NO_RESPONDERS after the last responder was killed',
    );
    expect(Date.now() - killedAt).toBeLessThan(EXPIRY_MS + 2_000);
  }, 40_000);
});
