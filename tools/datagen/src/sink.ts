import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LabelledEvent, SegmentEvent } from './generate.js';
import { writeKeyAuthorization } from '@cdp/ingestion/contracts';

/**
 * Where generated events go: an NDJSON stream (`NdjsonSink`) or the tracking API (`ApiSink`).
 * `write` returns a promise when the caller has to wait before writing more (backpressure).
 */
export interface EventSink {
  write(event: SegmentEvent): Promise<void> | void;
  close(): Promise<void>;
}

/** Text written in ~64 KB chunks, waiting for 'drain' when the stream is full. */
class ChunkedWriter {
  private buffer = '';

  constructor(
    private readonly out: Writable,
    private readonly chunkSize: number,
  ) {}

  write(text: string): Promise<void> | void {
    this.buffer += text;
    if (this.buffer.length >= this.chunkSize) return this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.flush();
  }
}

/** One JSON object per line, written in ~64 KB chunks, waiting for 'drain' when the stream is full. */
export class NdjsonSink implements EventSink {
  private readonly writer: ChunkedWriter;

  constructor(out: Writable, chunkSize = 64 * 1024) {
    this.writer = new ChunkedWriter(out, chunkSize);
  }

  write(event: SegmentEvent): Promise<void> | void {
    return this.writer.write(`${JSON.stringify(event)}\n`);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/**
 * The ground truth of identity resolution, one line per event: `messageId<TAB>truth<TAB>person`
 * (see `LabelledEvent`; person as `person:<index>`), in ~64 KB chunks.
 */
export class TruthSink {
  private readonly writer: ChunkedWriter;

  constructor(out: Writable, chunkSize = 64 * 1024) {
    this.writer = new ChunkedWriter(out, chunkSize);
  }

  write(labelled: LabelledEvent): Promise<void> | void {
    return this.writer.write(`${labelled.event.messageId}\t${labelled.truth}\tperson:${labelled.person}\n`);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}

/** The tracking API refused a batch for good (a 4xx other than 429), or kept failing. */
export class ApiSinkError extends Error {
  override name = 'ApiSinkError';
  constructor(
    message: string,
    /** The HTTP status, or undefined when the server was never reached. */
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface ApiSinkOptions {
  /** The ingestion service, e.g. `http://127.0.0.1:3001`; batches go to `<baseUrl>/v1/batch`. */
  baseUrl: string;
  /** The source's write key, sent as the HTTP Basic username with an empty password. */
  writeKey: string;
  /** Events per request; at most 100. */
  batchSize?: number;
  /** Failed attempts (429, 5xx, network errors) tolerated for one batch before giving up. */
  maxRetries?: number;
  /** First backoff after a failure without `Retry-After`; doubles each time, up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long one request may take before it counts as a network error. */
  requestTimeoutMs?: number;
  /** Told about every retry (datagen prints it on stderr). */
  onRetry?: (retry: { attempt: number; delayMs: number; reason: string }) => void;
}

/** A request body stays well under the API's 500 KB batch limit whatever the events weigh. */
const MAX_BODY_BYTES = 400 * 1024;
const MAX_BATCH = 100;
/** A server asking for longer than this is waited on for this long, then asked again. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * Sends events to the Segment tracking API of the ingestion service: up to 100 events (and well
 * under 500 KB) per `POST /v1/batch`, the write key as HTTP Basic. Each request is awaited before
 * more events are taken (the server's pace is the generator's). 429 and 503 are retried after
 * their `Retry-After`; other 5xx, timeouts and network errors after an exponential backoff; any
 * other 4xx stops the run with the server's message. The messageIds are deterministic, so a batch
 * retried after a lost answer (or a whole re-run) is stored once by the server's dedup.
 *
 * No batch-level `sentAt` is sent: the server would shift every timestamp by the clock
 * difference, and generated timestamps are meant to be stored exactly as generated.
 */
export class ApiSink implements EventSink {
  private parts: string[] = [];
  private bytes = 0;
  private readonly url: string;
  private readonly authorization: string;
  private readonly batchSize: number;
  /** Accepted requests, events in them, and retries so far. */
  readonly sent = { requests: 0, events: 0, retries: 0 };

  constructor(private readonly options: ApiSinkOptions) {
    const base = new URL(options.baseUrl);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new ApiSinkError(`the API URL must be http:// or https:// (got "${options.baseUrl}")`);
    }
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.url = new URL('v1/batch', base).toString();
    this.authorization = writeKeyAuthorization(options.writeKey);
    this.batchSize = Math.min(MAX_BATCH, Math.max(1, options.batchSize ?? MAX_BATCH));
  }

  write(event: SegmentEvent): Promise<void> | void {
    const json = JSON.stringify(event);
    const bytes = Buffer.byteLength(json) + 1;
    const add = (): Promise<void> | void => {
      this.parts.push(json);
      this.bytes += bytes;
      if (this.parts.length >= this.batchSize) return this.flush();
    };
    // An event that would take the body past the size cap goes in the next batch.
    if (this.parts.length > 0 && this.bytes + bytes > MAX_BODY_BYTES) return this.flush().then(add);
    return add();
  }

  async close(): Promise<void> {
    if (this.parts.length > 0) await this.flush();
  }

  private async flush(): Promise<void> {
    const count = this.parts.length;
    const body = `{"batch":[${this.parts.join(',')}]}`;
    this.parts = [];
    this.bytes = 0;
    await this.post(body);
    this.sent.requests++;
    this.sent.events += count;
  }

  /** POSTs one body until the server accepts it; throws ApiSinkError when it never will. */
  private async post(body: string): Promise<void> {
    const {
      maxRetries = 10,
      backoffMs = 500,
      maxBackoffMs = 30_000,
      requestTimeoutMs = 30_000,
    } = this.options;
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let retryAfterMs: number | undefined;
      try {
        const response = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: this.authorization },
          body,
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        const text = await response.text();
        if (response.ok) return;
        const message = serverMessage(text);
        if (response.status !== 429 && response.status < 500) {
          throw new ApiSinkError(
            `POST ${this.url} answered ${response.status}${message ? `: ${message}` : ''}`,
            response.status,
          );
        }
        reason = `${response.status}${message ? ` ${message}` : ''}`;
        if (response.status === 429 || response.status === 503) {
          retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        }
      } catch (error) {
        if (error instanceof ApiSinkError) throw error;
        reason = networkReason(error);
      }
      if (attempt > maxRetries) {
        throw new ApiSinkError(`POST ${this.url} failed ${attempt} times; the last: ${reason}`);
      }
      const delayMs = Math.min(
        retryAfterMs ?? Math.min(maxBackoffMs, backoffMs * 2 ** (attempt - 1)),
        MAX_RETRY_AFTER_MS,
      );
      this.sent.retries++;
      this.options.onRetry?.({ attempt, delayMs, reason });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

/** `Retry-After` in milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The API's `{ code, message }` as one line, or the start of a body that is not that. */
function serverMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { code?: unknown; message?: unknown };
    if (typeof json.message === 'string') {
      return typeof json.code === 'string' ? `${json.code}: ${json.message}` : json.message;
    }
  } catch {
    // not JSON: show the text itself
  }
  return text.trim().slice(0, 200);
}

function networkReason(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'no answer in time';
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
