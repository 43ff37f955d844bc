import type { ReplyHandler, RequestOptions, Subscription } from '../bus.js';
import { BusError } from '../errors.js';

/**
 * Request/reply of the embedded transport: in process, like everything in the one-process mode.
 * Responders are kept in a process-global registry per log (database + schema), so buses opened
 * by different services of one process reach each other; replicas in one queue group share the
 * requests round robin. Values go through a JSON round trip, as they would over NATS.
 */

interface Responder {
  queue: string;
  handler: ReplyHandler;
  inFlight: Set<Promise<unknown>>;
  active: boolean;
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

export function addResponder(
  scope: string,
  subject: string,
  queue: string,
  handler: ReplyHandler,
  onStopped: () => void,
): Subscription {
  const { scopes } = registry();
  let subjects = scopes.get(scope);
  if (!subjects) scopes.set(scope, (subjects = new Map()));
  const responder: Responder = { queue, handler, inFlight: new Set(), active: true };
  subjects.set(subject, [...(subjects.get(subject) ?? []), responder]);
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        responder.active = false;
        const current =
          scopes
            .get(scope)
            ?.get(subject)
            ?.filter((r) => r !== responder) ?? [];
        if (current.length > 0) scopes.get(scope)?.set(subject, current);
        else scopes.get(scope)?.delete(subject);
        if (scopes.get(scope)?.size === 0) scopes.delete(scope);
        await Promise.allSettled([...responder.inFlight]);
        onStopped();
      })();
      return stopped;
    },
  };
}

export async function request(
  scope: string,
  subject: string,
  data: unknown,
  options: RequestOptions = {},
): Promise<unknown> {
  const { timeoutMs = 5_000, headers = {} } = options;
  const reg = registry();
  const responders =
    reg.scopes
      .get(scope)
      ?.get(subject)
      ?.filter((r) => r.active) ?? [];
  if (responders.length === 0) throw new BusError('NO_RESPONDERS', `no responders for ${subject}`);
  // One member of each queue group gets the request (round robin); the first reply wins.
  const groups = new Map<string, Responder[]>();
  for (const r of responders) groups.set(r.queue, [...(groups.get(r.queue) ?? []), r]);
  const turn = reg.next++;
  if (reg.next >= Number.MAX_SAFE_INTEGER) reg.next = 0;
  const payload = jsonRoundTrip(data);
  const replies = [...groups.values()].map((members) =>
    ask(members[turn % members.length] as Responder, payload, { ...headers }),
  );

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new BusError('TIMEOUT', `no reply from ${subject} within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([...replies, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function ask(responder: Responder, payload: unknown, headers: Record<string, string>): Promise<unknown> {
  const handled = (async () => {
    // A macrotask away, as a reply over the wire would be.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      return jsonRoundTrip(await responder.handler(jsonRoundTrip(payload), headers));
    } catch (error) {
      return { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) } };
    }
  })();
  responder.inFlight.add(handled);
  void handled.finally(() => responder.inFlight.delete(handled));
  return handled;
}
