import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateEvents, type SegmentEvent } from './generate.js';
import { ApiSink, NdjsonSink, parseRetryAfter } from './sink.js';

describe('NdjsonSink', () => {
  it('waits for drain when the stream is full and writes every event once, in order', async () => {
    const received: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    // A slow consumer with a small buffer: writes beyond it must wait.
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          received.push(chunk.toString());
          inFlight--;
          done();
        }, 1);
      },
    });
    const sink = new NdjsonSink(out, 4096);
    const expected: string[] = [];
    let waited = 0;
    for (const event of generateEvents({ seed: 3, users: 20, days: 7, start: '2026-10-01' })) {
      expected.push(JSON.stringify(event));
      const pending = sink.write(event);
      if (pending) {
        waited++;
        await pending;
        expect(out.writableLength).toBeLessThanOrEqual(out.writableHighWaterMark);
      }
    }
    await sink.close();
    await new Promise<void>((resolve) => out.end(resolve));
    expect(waited).toBeGreaterThan(0);
    expect(maxInFlight).toBe(1);
    expect(received.join('')).toBe(`${expected.join('\n')}\n`);
  });
});

/** A tracking API stand-in: answers each request with the next scripted reply (then 200). */
async function fakeApi(script: Array<'200' | '503-retry-after-1' | '400' | '401' | 'reset' | '500'>) {
  const accepted: Array<{ messageId: string }[]> = [];
  const requests: Array<{ authorization?: string; path?: string; events: number; at: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { batch } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        batch: { messageId: string }[];
      };
      requests.push({
        authorization: request.headers.authorization,
        path: request.url,
        events: batch.length,
        at: performance.now(),
      });
      const reply = script.shift() ?? '200';
      // A little later, so a sink that did not wait would have a second request in flight.
      setTimeout(() => {
        inFlight--;
        const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
          response.writeHead(status, { 'content-type': 'application/json', ...headers });
          response.end(JSON.stringify(body));
        };
        if (reply === 'reset') return void request.socket.destroy();
        if (reply === '503-retry-after-1') {
          return json(503, { code: 'UNAVAILABLE', message: 'queue full' }, { 'retry-after': '1' });
        }
        if (reply === '500') return json(500, { code: 'INTERNAL', message: 'boom' });
        if (reply === '400') {
          return json(400, {
            code: 'VALIDATION_FAILED',
            message: 'invalid request: batch[3].userId (event 3): userId or anonymousId is required',
            errors: [{ index: 3, field: 'batch[3].userId', message: 'userId or anonymousId is required' }],
          });
        }
        if (reply === '401') return json(401, { code: 'UNAUTHORIZED', message: 'unknown write key' });
        accepted.push(batch);
        json(200, { success: true });
      }, 2);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    requests,
    maxInFlight: () => maxInFlight,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function send(sink: ApiSink, events: Iterable<SegmentEvent>): Promise<string[]> {
  const sent: string[] = [];
  for (const event of events) {
    sent.push(event.messageId);
    const pending = sink.write(event);
    if (pending) await pending;
  }
  await sink.close();
  return sent;
}

const someEvents = (users: number): SegmentEvent[] => [
  ...generateEvents({ seed: 5, users, days: 7, start: '2026-10-01' }),
];

describe('ApiSink', () => {
  it('sends every event exactly once in batches of at most 100, waiting out a 503 Retry-After', async () => {
    const api = await fakeApi(['200', '503-retry-after-1']);
    try {
      const retries: number[] = [];
      const sink = new ApiSink({
        baseUrl: api.url,
        writeKey: 'wk_test',
        onRetry: ({ delayMs }) => retries.push(delayMs),
      });
      const events = someEvents(30);
      expect(events.length).toBeGreaterThan(250);
      const sent = await send(sink, events);

      const arrived = api.accepted.flat().map((e) => e.messageId);
      expect(arrived).toEqual(sent);
      expect(new Set(arrived).size).toBe(events.length);
      expect(api.accepted.every((batch) => batch.length <= 100)).toBe(true);
      expect(api.accepted.slice(0, -1).every((batch) => batch.length === 100)).toBe(true);
      expect(api.maxInFlight()).toBe(1);
      // The refused second request was sent again after the second the server asked for.
      expect(retries).toEqual([1000]);
      const [, refused, retried] = api.requests;
      expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(990);
      expect(api.requests.every((r) => r.path === '/v1/batch')).toBe(true);
      expect(api.requests[0]?.authorization).toBe(`Basic ${Buffer.from('wk_test:').toString('base64')}`);
      expect(sink.sent).toEqual({ requests: api.accepted.length, events: events.length, retries: 1 });
    } finally {
      await api.close();
    }
  });

  it('retries a dropped connection and a 500 with backoff, keeping the base URL path', async () => {
    const api = await fakeApi(['reset', '500']);
    try {
      const sink = new ApiSink({ baseUrl: `${api.url}/`, writeKey: 'k', backoffMs: 10 });
      const sent = await send(sink, someEvents(1).slice(0, 30));
      expect(api.accepted.flat().map((e) => e.messageId)).toEqual(sent);
      expect(sink.sent.retries).toBe(2);
    } finally {
      await api.close();
    }
  });

  it('stops at a 400 or 401 with the server message, and gives up after maxRetries', async () => {
    const api = await fakeApi(['400', '401', '500', '500']);
    try {
      const events = someEvents(1).slice(0, 5);
      await expect(send(new ApiSink({ baseUrl: api.url, writeKey: 'k' }), events)).rejects.toThrow(
        /answered 400: VALIDATION_FAILED: invalid request: batch\[3\]\.userId/,
      );
      await expect(send(new ApiSink({ baseUrl: api.url, writeKey: 'k' }), events)).rejects.toMatchObject({
        name: 'ApiSinkError',
        status: 401,
        message: expect.stringContaining('UNAUTHORIZED: unknown write key'),
      });
      await expect(
        send(new ApiSink({ baseUrl: api.url, writeKey: 'k', maxRetries: 1, backoffMs: 1 }), events),
      ).rejects.toThrow(/failed 2 times; the last: 500 INTERNAL: boom/);
      expect(api.accepted).toEqual([]);
    } finally {
      await api.close();
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing from junk', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
