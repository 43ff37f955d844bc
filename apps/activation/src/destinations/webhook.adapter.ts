import { signWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '@cdp/activation/domain';
import type { WebhookDestination } from '@cdp/activation/contracts';
import type { DestinationAdapter, OutboundMessage, SendOutcome } from './destination.js';

/** The JSON a webhook receives for one send. */
export interface WebhookEvent {
  /** The delivery's idempotency key: a receiver drops a request whose id it has seen. */
  id: string;
  type: string;
  occurredAt: string;
  campaign: OutboundMessage['campaign'];
  audience: OutboundMessage['audience'];
  trigger: string;
  profile: { id: string; userId: string | null; traits: Record<string, unknown> };
}

const DEFAULT_EVENT = 'audience.campaign';

/** Builds the adapter that POSTs one signed JSON event per send to the destination's URL. */
export function createWebhookAdapter(config: WebhookDestination): DestinationAdapter {
  return {
    channel: 'webhook',
    async send(message) {
      const event: WebhookEvent = {
        id: message.key,
        type: typeof message.template['event'] === 'string' ? message.template['event'] : DEFAULT_EVENT,
        occurredAt: new Date().toISOString(),
        campaign: message.campaign,
        audience: message.audience,
        trigger: message.trigger,
        profile: {
          id: message.recipient.profileId,
          userId: message.recipient.userId,
          traits: message.recipient.traits,
        },
      };
      // Signed and sent as the same bytes: a receiver verifies what arrived, not a re-serialisation.
      const body = Buffer.from(JSON.stringify(event), 'utf8');
      const timestamp = Math.floor(Date.now() / 1000);
      let response: Response;
      try {
        response = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'cdp-activation',
            'idempotency-key': message.key,
            [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
            [WEBHOOK_SIGNATURE_HEADER]: signWebhook(config.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (error) {
        return {
          kind: 'retry',
          error: `webhook request failed: ${describeFetchError(error, config.timeoutMs)}`,
        };
      }
      return outcomeOf(response);
    },
    async close() {
      // fetch keeps no per-adapter state.
    },
  };
}

async function outcomeOf(response: Response): Promise<SendOutcome> {
  const { status } = response;
  const text = await response.text().catch(() => '');
  if (status >= 200 && status < 300) {
    return { kind: 'sent', providerId: response.headers.get('x-request-id') ?? undefined };
  }
  const excerpt = text.slice(0, 200);
  if (status === 410) {
    // The receiver says the endpoint is gone for good: stop sending to the whole destination.
    return { kind: 'gone', error: `webhook answered 410 Gone: ${excerpt}`, disableDestination: true };
  }
  if (status === 408 || status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), Date.now());
    return {
      kind: 'retry',
      error: `webhook answered ${status}: ${excerpt}`,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  return { kind: 'failed', error: `webhook answered ${status}: ${excerpt}` };
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), in milliseconds from now. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function describeFetchError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}
