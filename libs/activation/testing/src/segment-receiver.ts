import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { arrivals, closeServer, injectionQueue, listen, readBody, sendJson } from './http-peer.js';

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

/** The request body, gunzipped when the client compressed it. */
async function readPayload(req: IncomingMessage): Promise<Buffer> {
  const raw = await readBody(req);
  return req.headers['content-encoding'] === 'gzip' ? gunzipAsync(raw) : raw;
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
  const failures = injectionQueue<number>();
  const arrival = arrivals(events, 'events');

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<number> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = /^\/v1\/(\w+)$/.exec(path)?.[1];
    if (req.method !== 'POST' || route === undefined || (route !== 'batch' && !SINGLE.has(route))) {
      sendJson(res, 404, { error: 'not found' });
      return 404;
    }
    const failure = failures.next();
    if (failure !== undefined) {
      await readPayload(req).catch(() => undefined);
      sendJson(res, failure, { error: 'injected failure' });
      return failure;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readPayload(req)).toString('utf8')) as Record<string, unknown>;
    } catch {
      sendJson(res, 400, { error: 'invalid JSON' });
      return 400;
    }
    const writeKey = basicUser(req.headers.authorization) ?? body['writeKey'];
    if (writeKey !== options.writeKey) {
      sendJson(res, 401, { error: 'invalid write key' });
      return 401;
    }
    const received =
      route === 'batch'
        ? Array.isArray(body['batch'])
          ? (body['batch'] as SegmentEvent[])
          : []
        : [{ ...body, type: route } as SegmentEvent];
    events.push(...received);
    arrival.notify();
    sendJson(res, 200, {});
    return 200;
  }

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    handle(req, res)
      .then((status) => requests.push({ path, status }))
      .catch(() => {
        requests.push({ path, status: 500 });
        if (!res.headersSent) sendJson(res, 500, { error: 'receiver error' });
      });
  });
  const port = await listen(server);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    events,
    requests,
    failNext(count, status) {
      failures.add(count, status);
    },
    waitFor: arrival.waitFor,
    close: () => closeServer(server, { ignoreErrors: true }),
  };
}
