import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export interface SegmentReceiverOptions {
  writeKey: string;
}

/** One event as Segment's HTTP tracking API received it (`type`, `messageId`, `traits`, ...). */
export type SegmentEvent = Record<string, unknown> & { type: string; messageId?: string };

export interface SegmentReceiver {
  /** Base URL to configure as the Segment destination's `host`. */
  url: string;
  port: number;
  readonly events: SegmentEvent[];
  /** Every request that reached the server, answered or not (retries show up here). */
  readonly requests: { path: string; status: number }[];
  /** The next `count` requests are answered with `status`. */
  failNext(count: number, status: number): void;
  /** Resolves once `count` events have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SegmentEvent[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? gunzipAsync(raw) : raw;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** The write key from `Authorization: Basic base64(writeKey:)`, if any. */
function basicUser(header: string | undefined): string | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded.slice(0, decoded.indexOf(':') === -1 ? undefined : decoded.indexOf(':'));
}

const SINGLE = new Set(['identify', 'track', 'page', 'screen', 'group', 'alias']);

/** Segment's HTTP tracking API on 127.0.0.1 (`/v1/batch` and the single-event routes). */
export async function startSegmentReceiver(options: SegmentReceiverOptions): Promise<SegmentReceiver> {
  const events: SegmentEvent[] = [];
  const requests: { path: string; status: number }[] = [];
  const failures: number[] = [];
  const waiters = new Set<() => void>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = /^\/v1\/(\w+)$/.exec(path)?.[1];
    if (req.method !== 'POST' || route === undefined || (route !== 'batch' && !SINGLE.has(route))) {
      answer(res, 404, { error: 'not found' });
      return 404;
    }
    const failure = failures.shift();
    if (failure !== undefined) {
      await readBody(req).catch(() => undefined);
      answer(res, failure, { error: 'injected failure' });
      return failure;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
    } catch {
      answer(res, 400, { error: 'invalid JSON' });
      return 400;
    }
    const writeKey = basicUser(req.headers.authorization) ?? body['writeKey'];
    if (writeKey !== options.writeKey) {
      answer(res, 401, { error: 'invalid write key' });
      return 401;
    }
    const received =
      route === 'batch'
        ? Array.isArray(body['batch'])
          ? (body['batch'] as SegmentEvent[])
          : []
        : [{ ...body, type: route } as SegmentEvent];
    events.push(...received);
    for (const wake of waiters) wake();
    answer(res, 200, {});
    return 200;
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    handle(req, res)
      .then((status) => requests.push({ path, status }))
      .catch(() => {
        requests.push({ path, status: 500 });
        if (!res.headersSent) answer(res, 500, { error: 'receiver error' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events,
    requests,
    failNext(count, status) {
      for (let i = 0; i < count; i += 1) failures.push(status);
    },
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (events.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} events within ${timeoutMs} ms, got ${events.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
