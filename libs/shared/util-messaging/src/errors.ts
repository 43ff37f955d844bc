import type { ErrorCode } from '@cdp/shared/contracts';
import type { ConsumerOptions } from './bus.js';

/** A failure of the bus itself or of a remote handler, with a code the gateway maps to HTTP. */
export class BusError extends Error {
  override name = 'BusError';
  constructor(
    readonly code: ErrorCode | 'PUBLISH_FAILED',
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Thrown by a handler for a message that can never succeed (an invalid payload): no retries. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

/** Delay before the next delivery after `deliveryCount` failed ones. */
export function backoffDelay(backoffMs: number[], deliveryCount: number): number {
  return backoffMs[Math.min(deliveryCount - 1, backoffMs.length - 1)] ?? 1000;
}

export const CONSUMER_DEFAULTS = {
  maxDeliver: 5,
  backoffMs: [1000, 5000, 15000, 30000],
  maxAckPending: 1000,
  batchSize: 100,
  batchConcurrency: 1,
} as const;

export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Consumer options with every default filled in, as both transports use them. */
export type ResolvedConsumerOptions = Required<ConsumerOptions>;

export function resolveConsumerOptions(options: ConsumerOptions): ResolvedConsumerOptions {
  if (!options.durable) throw new Error('consume: a durable name is required');
  if (!options.subject) throw new Error('consume: a subject is required');
  return {
    durable: options.durable,
    subject: options.subject,
    maxDeliver: Math.max(1, options.maxDeliver ?? CONSUMER_DEFAULTS.maxDeliver),
    backoffMs: options.backoffMs?.length ? options.backoffMs : [...CONSUMER_DEFAULTS.backoffMs],
    maxAckPending: Math.max(1, options.maxAckPending ?? CONSUMER_DEFAULTS.maxAckPending),
    batchSize: Math.max(1, options.batchSize ?? CONSUMER_DEFAULTS.batchSize),
    batchConcurrency: Math.max(1, options.batchConcurrency ?? CONSUMER_DEFAULTS.batchConcurrency),
    ordered: options.ordered === true,
  };
}
