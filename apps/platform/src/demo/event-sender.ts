import { createReadStream } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createInterface } from 'node:readline';
import { writeKeyAuthorization } from '@cdp/ingestion/contracts';

export interface SendFileOptions {
  /** The ingestion service; batches go to `<baseUrl>/v1/batch`. */
  baseUrl: string;
  writeKey: string;
  /** Which events of the file to send (the others are skipped). */
  include: (event: { type?: unknown; timestamp?: unknown }) => boolean;
  signal?: AbortSignal;
  onProgress?: (sent: number) => void;
}

export interface SentEvents {
  events: number;
  /** Events by type as datagen counts them: `page`, `identify`, `track:Article Viewed`, ... */
  byType: Record<string, number>;
}

const BATCH = 100;
/** Well under the tracking API's 500 KB body limit. */
const MAX_BODY_BYTES = 400 * 1024;
const MAX_ATTEMPTS = 10;

/**
 * Sends the chosen events of an NDJSON file of datagen's (its `--out`) to the tracking API, in
 * file order, 100 a request, each request awaited, as datagen's own `--api` does: a user's
 * events arrive in the order they happened. 429, 5xx and network errors are retried; other 4xx
 * stop it. Events keep their messageIds, so anything sent before is refused as a duplicate.
 */
export async function sendEventsFile(file: string, options: SendFileOptions): Promise<SentEvents> {
  const url = new URL('v1/batch', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  const authorization = writeKeyAuthorization(options.writeKey);
  const sent: SentEvents = { events: 0, byType: {} };
  let parts: string[] = [];
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (parts.length === 0) return;
    await post(url, authorization, `{"batch":[${parts.join(',')}]}`, options.signal);
    sent.events += parts.length;
    parts = [];
    bytes = 0;
    options.onProgress?.(sent.events);
  };
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    options.signal?.throwIfAborted();
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as { type?: unknown; event?: unknown; timestamp?: unknown };
    if (!options.include(event)) continue;
    const type = event.type === 'track' ? `track:${String(event.event)}` : String(event.type);
    sent.byType[type] = (sent.byType[type] ?? 0) + 1;
    if (parts.length > 0 && bytes + line.length > MAX_BODY_BYTES) await flush();
    parts.push(line);
    bytes += line.length + 1;
    if (parts.length >= BATCH) await flush();
  }
  await flush();
  return sent;
}

async function post(url: URL, authorization: string, body: string, signal?: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let reason: string;
    let waitMs = Math.min(30_000, 500 * 2 ** (attempt - 1));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body,
        signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      if (response.ok) return;
      if (response.status !== 429 && response.status < 500)
        throw new Error(`POST ${url.href} answered ${response.status}: ${text.slice(0, 300)}`);
      reason = `${response.status} ${text.slice(0, 200)}`;
      const retryAfter = Number(response.headers.get('retry-after'));
      if (Number.isFinite(retryAfter) && retryAfter > 0) waitMs = Math.min(60_000, retryAfter * 1000);
    } catch (error) {
      if (signal?.aborted || (error instanceof Error && error.message.startsWith('POST '))) throw error;
      reason = error instanceof Error ? error.message : String(error);
    }
    if (attempt >= MAX_ATTEMPTS)
      throw new Error(`POST ${url.href} failed ${attempt} times, the last: ${reason}`);
    await sleep(waitMs, undefined, signal ? { signal } : {});
  }
}
