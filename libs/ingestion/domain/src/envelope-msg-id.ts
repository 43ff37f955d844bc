import { createHash } from 'node:crypto';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';

/**
 * The `Nats-Msg-Id` of the envelope carrying a request's events: the same source sending the same
 * messageIds in the same order (a client retrying a request) gets the same id, so JetStream stores
 * it once inside its dedup window.
 */
export function envelopeMsgId(
  sourceId: string,
  events: ReadonlyArray<Pick<NormalizedEvent, 'messageId'>>,
): string {
  // JSON keeps the parts apart: no sourceId/messageId split can collide with another.
  const key = JSON.stringify([sourceId, events.map((event) => event.messageId)]);
  return createHash('sha256').update(key).digest('hex');
}
