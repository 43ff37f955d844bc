import type { EventContract, RequestContract } from '@cdp/shared/contracts';
import { errorPayloadSchema } from '@cdp/shared/contracts';
import { currentCorrelationId, correlationIdFrom, withCorrelationId } from '@cdp/shared/util-logging';
import type { z } from 'zod';
import {
  HEADERS,
  type Bus,
  type ConsumerOptions,
  type DeliveredMessage,
  type JsonText,
  type PublishAck,
  type PublishOptions,
  type Subscription,
} from './bus.js';
import { BusError, PermanentError } from './errors.js';

function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
}

/** Headers every outgoing message carries: the caller's correlation id travels on. */
function outgoingHeaders(extra?: Record<string, string>): Record<string, string> {
  const correlationId = currentCorrelationId();
  return { ...(correlationId ? { [HEADERS.correlationId]: correlationId } : {}), ...extra };
}

/** Validates `payload` against the contract and publishes it (publisher-side validation). */
export async function publishEvent<T>(
  bus: Bus,
  contract: EventContract<T>,
  payload: T,
  options: PublishOptions = {},
): Promise<PublishAck> {
  const parsed = contract.schema.safeParse(payload);
  if (!parsed.success) {
    throw new BusError(
      'VALIDATION_FAILED',
      `payload for ${contract.subject} is invalid: ${issues(parsed.error)}`,
    );
  }
  return bus.publish(contract.subject, parsed.data, {
    ...options,
    headers: outgoingHeaders(options.headers),
  });
}

/**
 * Publishes a payload of `contract` its publisher serialised itself (see JsonText), unvalidated:
 * only for text made from values already parsed by the contract's schemas (the consumer still
 * validates).
 */
export function publishEncodedEvent<T>(
  bus: Bus,
  contract: EventContract<T>,
  payload: JsonText,
  options: PublishOptions = {},
): Promise<PublishAck> {
  return bus.publish(contract.subject, payload, { ...options, headers: outgoingHeaders(options.headers) });
}

export interface TypedMessage<T> extends DeliveredMessage {
  data: T;
}

/** Runs the handler inside the message's correlation id, so its log lines carry it. */
function inCorrelation<R>(message: DeliveredMessage, fn: () => Promise<R>): Promise<R> {
  return withCorrelationId(correlationIdFrom(message.headers[HEADERS.correlationId]), fn);
}

/**
 * Consumes `contract`'s events, validating each (consumer-side validation): an invalid payload
 * is a PermanentError and goes to the dead-letter store without retries.
 */
export function consumeEvents<T>(
  bus: Bus,
  contract: EventContract<T>,
  options: Omit<ConsumerOptions, 'subject'>,
  handler: (message: TypedMessage<T>) => Promise<void>,
): Promise<Subscription> {
  return bus.consume({ ...options, subject: contract.subject }, (message) =>
    inCorrelation(message, () => handler(validated(contract, message))),
  );
}

/** Like consumeEvents, a batch at a time: acked together after the handler resolves. */
export function consumeEventBatches<T>(
  bus: Bus,
  contract: EventContract<T>,
  options: Omit<ConsumerOptions, 'subject'>,
  handler: (messages: Array<TypedMessage<T>>) => Promise<void>,
): Promise<Subscription> {
  return bus.consumeBatch({ ...options, subject: contract.subject }, (messages) =>
    handler(messages.map((m) => validated(contract, m))),
  );
}

function validated<T>(contract: EventContract<T>, message: DeliveredMessage): TypedMessage<T> {
  const parsed = contract.schema.safeParse(message.data);
  if (!parsed.success) {
    throw new PermanentError(`invalid ${contract.subject} payload: ${issues(parsed.error)}`);
  }
  return { ...message, data: parsed.data };
}

/** Sends a validated request and validates the reply; remote errors come back as BusError. */
export async function sendRequest<Req, Res>(
  bus: Bus,
  contract: RequestContract<Req, Res>,
  payload: Req,
  timeoutMs = 5_000,
): Promise<Res> {
  const parsed = contract.request.safeParse(payload);
  if (!parsed.success) {
    throw new BusError(
      'VALIDATION_FAILED',
      `request for ${contract.subject} is invalid: ${issues(parsed.error)}`,
    );
  }
  const reply = (await bus.request(contract.subject, parsed.data, {
    timeoutMs,
    headers: outgoingHeaders(),
  })) as unknown;
  const remoteError = errorPayloadSchema.safeParse((reply as { error?: unknown } | null)?.error);
  if (remoteError.success)
    throw new BusError(remoteError.data.code, remoteError.data.message, remoteError.data.details);
  const response = contract.response.safeParse((reply as { data?: unknown } | null)?.data);
  if (!response.success) {
    throw new BusError('INTERNAL', `reply from ${contract.subject} is invalid: ${issues(response.error)}`);
  }
  return response.data;
}

/**
 * Answers `contract` requests. Replies are `{ data }` or `{ error: { code, message, details } }`,
 * so a failing handler reaches the caller as a typed error, never as a timeout.
 */
export function answerRequests<Req, Res>(
  bus: Bus,
  contract: RequestContract<Req, Res>,
  queue: string,
  handler: (request: Req) => Promise<Res>,
): Promise<Subscription> {
  return bus.respond(contract.subject, queue, async (data, headers) =>
    withCorrelationId(correlationIdFrom(headers[HEADERS.correlationId]), async () => {
      const parsed = contract.request.safeParse(data);
      if (!parsed.success) {
        return {
          error: {
            code: 'VALIDATION_FAILED',
            message: `invalid ${contract.subject} request: ${issues(parsed.error)}`,
          },
        };
      }
      try {
        return { data: contract.response.parse(await handler(parsed.data)) };
      } catch (error) {
        if (error instanceof BusError && error.code !== 'PUBLISH_FAILED') {
          return { error: { code: error.code, message: error.message, details: error.details } };
        }
        return {
          error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
        };
      }
    }),
  );
}
