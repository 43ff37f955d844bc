// Plumbing the protocol peers share: loopback listen/close, bodies, JSON answers, injected
// failures and waiting for arrivals. Internal to this lib (not exported from index.ts).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens on an ephemeral port on 127.0.0.1; resolves with the port, rejects if it cannot bind. */
export function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * Drops open keep-alive connections (a client's pool would otherwise hold close() up), then
 * closes. Rejects when the server was not running, unless `ignoreErrors`.
 */
export function closeServer(server: Server, options: { ignoreErrors?: boolean } = {}): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) =>
    server.close((error) => (error && !options.ignoreErrors ? reject(error) : resolve())),
  );
}

/** The body's exact bytes: signatures cover them, not a decoded-and-re-encoded copy. */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** One request header as a string (repeated values comma-joined), or null when absent. */
export function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : (value ?? null);
}

/** Answers `status` with `body` as JSON; `headers` may add to or replace the content type. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** What a test injects with `failNext(count, ...)`: each request takes the next one, if any. */
export interface InjectionQueue<T> {
  add(count: number, item: T): void;
  next(): T | undefined;
  clear(): void;
}

export function injectionQueue<T>(): InjectionQueue<T> {
  const queue: T[] = [];
  return {
    add(count, item) {
      for (let i = 0; i < count; i += 1) queue.push(item);
    },
    next: () => queue.shift(),
    clear() {
      queue.length = 0;
    },
  };
}

/** `waitFor(count)` over a list a peer appends to; the peer calls `notify()` after each append. */
export interface Arrivals<T> {
  notify: () => void;
  /** Resolves with a copy of the list once it holds `count` items, or rejects after `timeoutMs`. */
  waitFor: (count: number, timeoutMs?: number) => Promise<T[]>;
}

export function arrivals<T>(items: readonly T[], noun: string): Arrivals<T> {
  const waiters = new Set<() => void>();
  return {
    notify() {
      for (const wake of waiters) wake();
    },
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (items.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(items.slice());
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} ${noun} within ${timeoutMs} ms, got ${items.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
