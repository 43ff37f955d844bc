import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@cdp/activation/domain';

/** One request as the webhook receiver saw it. */
export interface ReceivedWebhook {
  /** The JSON body, parsed (`undefined` when it was not JSON). */
  body: unknown;
  rawBody: string;
  idempotencyKey: string | null;
  userAgent: string | null;
  /** Whether the signature and timestamp verified with the receiver's secret. */
  valid: boolean;
  reason?: string;
  /** What the receiver answered. */
  status: number;
}

export interface WebhookReceiver {
  /** The URL to configure as the destination's `url`. */
  url: string;
  readonly received: ReceivedWebhook[];
  /** Answers the next `count` (default 1) validly signed requests with `status`, plus headers. */
  respondWith(status: number, count?: number, headers?: Record<string, string>): void;
  /** Drops the injected responses not used yet: the endpoint answers 200 again. */
  recover(): void;
  close(): Promise<void>;
}

/** A customer's webhook endpoint on 127.0.0.1 that checks every request's signature as documented. */
export async function startWebhookReceiver(options: { secret: string }): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const injected: { status: number; headers: Record<string, string> }[] = [];

  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const check = verifyWebhook({
        secret: options.secret,
        timestamp: header(request, WEBHOOK_TIMESTAMP_HEADER),
        signature: header(request, WEBHOOK_SIGNATURE_HEADER),
        body: raw,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      const next = check.ok ? injected.shift() : undefined;
      const status = check.ok ? (next?.status ?? 200) : 401;
      const text = raw.toString('utf8');
      received.push({
        body: parseJson(text),
        rawBody: text,
        idempotencyKey: header(request, 'idempotency-key'),
        userAgent: header(request, 'user-agent'),
        valid: check.ok,
        ...(check.ok ? {} : { reason: check.reason }),
        status,
      });
      response.writeHead(status, { 'content-type': 'application/json', ...next?.headers });
      response.end(JSON.stringify(check.ok ? { status } : { error: check.reason }));
    });
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/cdp`,
    received,
    respondWith(status, count = 1, headers = {}) {
      for (let i = 0; i < count; i += 1) injected.push({ status, headers });
    },
    recover() {
      injected.length = 0;
    },
    close: () => closeServer(server),
  };
}

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The body's exact bytes: the signature covers them, not a decoded-and-re-encoded copy. */
async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
