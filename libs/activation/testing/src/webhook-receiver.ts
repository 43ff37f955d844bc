import { createServer } from 'node:http';
import { verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@cdp/activation/domain';
import { closeServer, header, injectionQueue, listen, readBody, sendJson } from './http-peer.js';

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
  const injected = injectionQueue<{ status: number; headers: Record<string, string> }>();

  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const check = verifyWebhook({
        secret: options.secret,
        timestamp: header(request, WEBHOOK_TIMESTAMP_HEADER),
        signature: header(request, WEBHOOK_SIGNATURE_HEADER),
        body: raw,
        nowSeconds: Math.floor(Date.now() / 1000),
      });
      const next = check.ok ? injected.next() : undefined;
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
      sendJson(response, status, check.ok ? { status } : { error: check.reason }, next?.headers);
    });
  });
  const port = await listen(server);

  return {
    url: `http://127.0.0.1:${port}/hooks/cdp`,
    received,
    respondWith(status, count = 1, headers = {}) {
      injected.add(count, { status, headers });
    },
    recover() {
      injected.clear();
    },
    close: () => closeServer(server),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
