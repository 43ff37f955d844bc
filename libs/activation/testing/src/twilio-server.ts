import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { twilioSignature } from '@cdp/activation/domain';
import { closeServer, injectionQueue, listen, readBody, sendJson } from './http-peer.js';

export interface TwilioServerOptions {
  accountSid: string;
  authToken: string;
}

/** One message the server accepted, as Twilio's message resource. */
export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string | null;
  messaging_service_sid: string | null;
  body: string;
  status: string;
  status_callback: string | null;
  date_created: string;
}

/** A status callback the server posted, with the answer it got. */
export interface TwilioCallbackAttempt {
  url: string;
  params: Record<string, string>;
  status: number | null;
  error?: string;
}

export interface TwilioServer {
  /** Base URL to configure as the SMS destination's `baseUrl`. */
  url: string;
  port: number;
  readonly messages: TwilioMessage[];
  readonly callbacks: TwilioCallbackAttempt[];
  /** The next `count` message requests are answered with `status` (429 carries `Retry-After`). */
  failNext(count: number, status: number, retryAfterSeconds?: number): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{1,14}$/;

/** Twilio's error body: `{ code, message, more_info, status }`. */
function twilioError(res: ServerResponse, status: number, code: number, message: string, headers = {}): void {
  sendJson(
    res,
    status,
    { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
    headers,
  );
}

/**
 * A Twilio Messages API on 127.0.0.1: checks Basic auth and the `To` number like Twilio does,
 * answers with Twilio's resource and error shapes, and posts signed status callbacks
 * (`sent`, then `delivered`) to the message's StatusCallback.
 */
export async function startTwilioServer(options: TwilioServerOptions): Promise<TwilioServer> {
  const messages: TwilioMessage[] = [];
  const callbacks: TwilioCallbackAttempt[] = [];
  const failures = injectionQueue<{ status: number; retryAfterSeconds: number }>();
  const pending = new Set<Promise<void>>();
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;

  async function postCallback(message: TwilioMessage, status: string): Promise<void> {
    if (message.status_callback === null) return;
    const params: Record<string, string> = {
      AccountSid: options.accountSid,
      MessageSid: message.sid,
      SmsSid: message.sid,
      MessageStatus: status,
      SmsStatus: status,
      To: message.to,
      From: message.from ?? '',
      ApiVersion: '2010-04-01',
    };
    const attempt: TwilioCallbackAttempt = { url: message.status_callback, params, status: null };
    callbacks.push(attempt);
    try {
      const response = await fetch(message.status_callback, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilioSignature(options.authToken, message.status_callback, params),
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(5_000),
      });
      attempt.status = response.status;
      await response.arrayBuffer();
    } catch (error) {
      attempt.error = (error as Error).message;
    }
  }

  function sendCallbacks(message: TwilioMessage): void {
    // In order, after the 201 has gone out, as Twilio does.
    const run = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await postCallback(message, 'sent');
      await postCallback(message, 'delivered');
    })();
    pending.add(run);
    void run.finally(() => pending.delete(run));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/2010-04-01/Accounts/')) {
      twilioError(res, 404, 20404, 'The requested resource was not found');
      return;
    }
    if (req.headers.authorization !== expectedAuth) {
      twilioError(res, 401, 20003, 'Authentication Error - invalid username', {
        'www-authenticate': 'Basic realm="Twilio API"',
      });
      return;
    }
    if (url.pathname !== path || req.method !== 'POST') {
      twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
      return;
    }
    const form = new URLSearchParams((await readBody(req)).toString('utf8'));
    const failure = failures.next();
    if (failure !== undefined) {
      const headers: Record<string, string> =
        failure.status === 429 ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      const code = failure.status === 429 ? 20429 : 20500;
      twilioError(
        res,
        failure.status,
        code,
        failure.status === 429 ? 'Too Many Requests' : 'Internal Server Error',
        headers,
      );
      return;
    }
    const to = form.get('To') ?? '';
    const from = form.get('From');
    const service = form.get('MessagingServiceSid');
    const body = form.get('Body') ?? '';
    if (!E164.test(to)) {
      twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      return;
    }
    if (from === null && service === null) {
      twilioError(
        res,
        400,
        21603,
        "A 'From' or 'MessagingServiceSid' parameter is required to send a message",
      );
      return;
    }
    if (body === '') {
      twilioError(res, 400, 21602, 'Message body is required.');
      return;
    }
    const now = new Date().toUTCString();
    const message: TwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      account_sid: options.accountSid,
      to,
      from,
      messaging_service_sid: service,
      body,
      status: 'queued',
      status_callback: form.get('StatusCallback'),
      date_created: now,
    };
    messages.push(message);
    sendJson(res, 201, {
      ...message,
      api_version: '2010-04-01',
      date_updated: now,
      date_sent: null,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(body.length / 160))),
      price: null,
      price_unit: 'USD',
      uri: `${path.replace('.json', '')}/${message.sid}.json`,
      subresource_uris: { media: `${path.replace('.json', '')}/${message.sid}/Media.json` },
    });
    sendCallbacks(message);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) twilioError(res, 500, 20500, `Internal Server Error: ${String(error)}`);
      else res.destroy();
    });
  });
  const port = await listen(server);

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    messages,
    callbacks,
    failNext(count, status, retryAfterSeconds = 1) {
      failures.add(count, { status, retryAfterSeconds });
    },
    async close() {
      await Promise.allSettled([...pending]);
      await closeServer(server, { ignoreErrors: true });
    },
  };
}
