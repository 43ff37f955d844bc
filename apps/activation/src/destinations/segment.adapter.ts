import type { SegmentDestination } from '@cdp/activation/contracts';
import { Analytics } from '@segment/analytics-node';
import type { DestinationAdapter, OutboundMessage, SendOutcome } from './destination.js';

/** Tuning for analytics-node; the defaults suit production, tests shorten the retries. */
export interface SegmentAdapterOptions {
  /** Retries of a failed batch inside analytics-node before the engine's own retry takes over. */
  maxRetries?: number;
  /** How long events wait to be batched with others before they are sent. */
  flushInterval?: number;
  httpRequestTimeout?: number;
}

/** One analytics-node call whose outcome is known only once its batch was flushed. */
function delivered(call: (callback: (err?: unknown) => void) => void): Promise<unknown> {
  return new Promise((resolve) => call((err) => resolve(err)));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Builds the adapter that mirrors audience membership into Segment: an identify with the audience
 * trait and an `Audience Entered`/`Audience Exited` track, as Segment's own Audiences do.
 */
export function createSegmentAdapter(
  config: SegmentDestination,
  options: SegmentAdapterOptions = {},
): DestinationAdapter {
  const analytics = new Analytics({
    writeKey: config.writeKey,
    host: config.host,
    // Sends stay batched; a short interval keeps each send's wait (its callback) small.
    flushInterval: options.flushInterval ?? 50,
    // The engine retries with its own backoff and dead letters; a few quick retries here are enough.
    maxRetries: options.maxRetries ?? 3,
    httpRequestTimeout: options.httpRequestTimeout ?? 10_000,
  });
  // analytics-node reports delivery failures as events too; the callbacks below already carry them.
  analytics.on('error', () => undefined);

  return {
    channel: 'segment',
    async send(message: OutboundMessage): Promise<SendOutcome> {
      const exited = message.trigger.startsWith('exit:');
      const entered = message.trigger.startsWith('entry:');
      const identity =
        message.recipient.userId !== null && message.recipient.userId !== ''
          ? { userId: message.recipient.userId }
          : { anonymousId: message.recipient.profileId };
      const calls = [
        // Message ids from the delivery key: Segment drops a resend of the same delivery.
        delivered((callback) =>
          analytics.identify(
            {
              ...identity,
              traits: { [message.audience.key]: !exited },
              messageId: `${message.key}-identify`,
            },
            callback,
          ),
        ),
      ];
      // A scheduled run re-asserts membership only: repeating the track each run would read as re-entries.
      if (entered || exited) {
        calls.push(
          delivered((callback) =>
            analytics.track(
              {
                ...identity,
                event: exited ? 'Audience Exited' : 'Audience Entered',
                properties: {
                  audience_key: message.audience.key,
                  audience_name: message.audience.name,
                  audience_id: message.audience.id,
                },
                messageId: `${message.key}-track`,
              },
              callback,
            ),
          ),
        );
      }
      const errors = (await Promise.all(calls)).filter((error) => error !== undefined && error !== null);
      if (errors.length > 0) {
        return {
          kind: 'retry',
          error: `Segment did not take the events: ${errors.map(describe).join('; ')}`,
        };
      }
      return { kind: 'sent', providerId: `${message.key}-identify` };
    },
    async close() {
      await analytics.closeAndFlush({ timeout: 10_000 });
    },
  };
}
