import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header that carries a correlation id from the HTTP edge through every hop. */
export const CORRELATION_HEADER = 'x-correlation-id';

interface CorrelationContext {
  correlationId: string;
}

const storage = new AsyncLocalStorage<CorrelationContext>();

const VALID_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Accepts a caller's id when it is a sane token, otherwise makes a new one. */
export function correlationIdFrom(value: unknown): string {
  const candidate = Array.isArray(value) ? value[0] : value;
  return typeof candidate === 'string' && VALID_ID.test(candidate) ? candidate : randomUUID();
}

export function currentCorrelationId(): string | undefined {
  return storage.getStore()?.correlationId;
}

/** Runs `fn` with `correlationId` visible to every log line written inside it. */
export function withCorrelationId<T>(correlationId: string, fn: () => T): T {
  return storage.run({ correlationId }, fn);
}

/** Binds the rest of the current async flow (an HTTP request's handler chain) to `correlationId`. */
export function enterCorrelationId(correlationId: string): void {
  storage.enterWith({ correlationId });
}
