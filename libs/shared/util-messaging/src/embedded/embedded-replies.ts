import type { ReplyHandler, RequestOptions } from '../bus.js';
import { BusError } from '../errors.js';

/**
 * The in-process half of the embedded request/reply: responders are kept in a process-global
 * registry per log (database + schema), so buses opened by different services of one process
 * reach each other without a round trip to the database; replicas in one queue group share the
 * requests round robin. Requests with no responder in this process go through the log to other
 * processes (embedded-rpc.ts). Values go through a JSON round trip, as they would over NATS.
 */

export const DEFAULT_REQUEST_TIMEOUT_MS = 5_000;

/** One `respond` subscription: its handler and the requests it is answering. */
export class Responder {
  active = true;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    readonly queue: string,
    readonly handler: ReplyHandler,
  ) {}

  /** Counts `work` as in flight until it settles (stop waits for it). */
  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work)).catch(() => undefined);
    return work;
  }

  /** Resolves once nothing is in flight, including work started while waiting. */
  async drained(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

interface Registry {
  /** scope → subject → responders */
  scopes: Map<string, Map<string, Responder[]>>;
  next: number;
}

const REGISTRY_KEY = Symbol.for('cdp.util-messaging.embedded.responders');

function registry(): Registry {
  const global = globalThis as { [REGISTRY_KEY]?: Registry };
  global[REGISTRY_KEY] ??= { scopes: new Map(), next: 0 };
  return global[REGISTRY_KEY];
}

/** The JSON round trip a message makes over the wire (`undefined` travels as `null`). */
export function jsonRoundTrip(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/**
 * Runs a reply handler and returns the reply as JSON text; a throw (or a reply that is not JSON)
 * becomes an INTERNAL error reply, as over NATS.
 */
export async function answer(
  handler: ReplyHandler,
  payload: unknown,
  headers: Record<string, string>,
): Promise<string> {
  try {
    return JSON.stringify(await handler(payload, headers)) ?? 'null';
  } catch (error) {
    return JSON.stringify({
      error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
    });
  }
}

export function addLocalResponder(scope: string, subject: string, responder: Responder): void {
  const { scopes } = registry();
  let subjects = scopes.get(scope);
  if (!subjects) scopes.set(scope, (subjects = new Map()));
  subjects.set(subject, [...(subjects.get(subject) ?? []), responder]);
}

export function removeLocalResponder(scope: string, subject: string, responder: Responder): void {
  const { scopes } = registry();
  const subjects = scopes.get(scope);
  const current = subjects?.get(subject)?.filter((r) => r !== responder) ?? [];
  if (current.length > 0) subjects?.set(subject, current);
  else subjects?.delete(subject);
  if (subjects?.size === 0) scopes.delete(scope);
}

/**
 * Answers the request in this process when a responder here listens on `subject`; undefined
 * when none does (the request then goes to other processes).
 */
export function requestLocal(
  scope: string,
  subject: string,
  data: unknown,
  options: RequestOptions = {},
): Promise<unknown> | undefined {
  const reg = registry();
  const responders =
    reg.scopes
      .get(scope)
      ?.get(subject)
      ?.filter((r) => r.active) ?? [];
  if (responders.length === 0) return undefined;
  const { timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, headers = {} } = options;
  // One member of each queue group gets the request (round robin); the first reply wins.
  const groups = new Map<string, Responder[]>();
  for (const r of responders) groups.set(r.queue, [...(groups.get(r.queue) ?? []), r]);
  const turn = reg.next++;
  if (reg.next >= Number.MAX_SAFE_INTEGER) reg.next = 0;
  let payload: unknown;
  try {
    payload = jsonRoundTrip(data);
  } catch (error) {
    return Promise.reject(notJson(subject, error));
  }
  const replies = [...groups.values()].map((members) =>
    ask(members[turn % members.length] as Responder, payload, { ...headers }),
  );

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError(subject, timeoutMs)), timeoutMs);
  });
  return Promise.race([...replies, timeout]).finally(() => clearTimeout(timer));
}

function ask(responder: Responder, payload: unknown, headers: Record<string, string>): Promise<unknown> {
  return responder.track(
    (async () => {
      // A macrotask away, as a reply over the wire would be.
      await new Promise((resolve) => setImmediate(resolve));
      return JSON.parse(await answer(responder.handler, jsonRoundTrip(payload), headers)) as unknown;
    })(),
  );
}

export function timeoutError(subject: string, timeoutMs: number): BusError {
  return new BusError('TIMEOUT', `no reply on ${subject} within ${timeoutMs} ms`, { subject, timeoutMs });
}

export function noRespondersError(subject: string): BusError {
  return new BusError('NO_RESPONDERS', `nobody answers ${subject}`, { subject });
}

export function notJson(subject: string, error: unknown): BusError {
  return new BusError(
    'VALIDATION_FAILED',
    `request on ${subject} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    { subject },
  );
}
