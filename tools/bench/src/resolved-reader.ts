import { connect } from '@nats-io/transport-node';
import { EVENTS_RESOLVED } from '@cdp/identity/contracts';
import type { Bus, DeliveredMessage } from '@cdp/shared/util-messaging';
import { readStream } from './stream-reader.js';

export type OnResolved = (messageId: string, profileId: string) => void;

export interface ResolvedReader {
  stop(): Promise<void>;
}

const decoder = new TextDecoder();
const PROFILE = '"profileId":"';
const MESSAGE = '"messageId":"';

/**
 * The (messageId, profileId) pairs in the JSON text of an EVENTS_RESOLVED envelope, found by
 * scanning rather than parsing: each resolved event starts with its profileId, and its event's
 * messageId follows before the next profileId. A text that does not have that shape throws.
 */
export function scanResolved(text: string, on: OnResolved): number {
  let count = 0;
  let at = text.indexOf(PROFILE);
  while (at >= 0) {
    const profileStart = at + PROFILE.length;
    const profileEnd = text.indexOf('"', profileStart);
    const next = text.indexOf(PROFILE, profileEnd);
    const messageAt = text.indexOf(MESSAGE, profileEnd);
    if (profileEnd < 0 || messageAt < 0 || (next >= 0 && messageAt > next)) {
      throw new Error(`a resolved event without messageId: ${text.slice(at, at + 200)}`);
    }
    const messageStart = messageAt + MESSAGE.length;
    on(text.slice(messageStart, text.indexOf('"', messageStart)), text.slice(profileStart, profileEnd));
    count++;
    at = next;
  }
  if (count === 0) throw new Error(`an ${EVENTS_RESOLVED.subject} message without events`);
  return count;
}

/**
 * Reads every resolved event the service publishes. On JetStream it reads the namespace's stream
 * with a consumer of its own, without acks, and scans the text (see scanResolved): parsing a
 * million resolved events, as the bus's consumer does, would take seconds of the two cores the
 * service is measured on. On the embedded transport it goes through the bus.
 */
export async function readResolved(
  source: { natsUrl: string; namespace: string } | Bus,
  on: OnResolved,
): Promise<ResolvedReader> {
  if ('consumeBatch' in source) {
    const subscription = await source.consumeBatch(
      { durable: 'bench-identity', subject: EVENTS_RESOLVED.subject, batchSize: 256, maxAckPending: 4_096 },
      async (messages: DeliveredMessage[]) => {
        for (const message of messages) scanResolved(JSON.stringify(message.data), on);
      },
    );
    return subscription;
  }
  const nc = await connect({ servers: source.natsUrl });
  const reader = await readStream(
    nc,
    source.namespace,
    EVENTS_RESOLVED.subject,
    'bench-identity-reader',
    (m) => scanResolved(decoder.decode(m.data), on),
  );
  return {
    async stop() {
      try {
        await reader.stop();
      } finally {
        await nc.close();
      }
    },
  };
}
