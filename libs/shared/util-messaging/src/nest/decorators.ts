import { EventPattern, MessagePattern } from '@nestjs/microservices';
import type { EventContract, RequestContract } from '@cdp/shared/contracts';
import type { ConsumerOptions } from '../bus.js';

/** Consumer settings a handler may tune; the durable name is always the service's. */
export type HandlerConsumerOptions = Partial<Omit<ConsumerOptions, 'subject' | 'durable'>>;

/** What the transport needs to bind a handler: its contract (subject + schema) and how to consume. */
export interface CdpHandlerExtras {
  contract: EventContract<unknown> | RequestContract<unknown, unknown>;
  consumer: HandlerConsumerOptions;
  batch: boolean;
}

export const CDP_EXTRAS_KEY = 'cdp';

/**
 * `@EventPattern` for a contract: the handler gets the validated payload (`@Payload()`) and the
 * delivered message (`@Ctx()`); it is acked after the handler resolves.
 */
export function OnEvent<T>(
  contract: EventContract<T>,
  consumer: HandlerConsumerOptions = {},
): MethodDecorator {
  const extras: CdpHandlerExtras = { contract: contract as EventContract<unknown>, consumer, batch: false };
  return EventPattern<string>(contract.subject, { [CDP_EXTRAS_KEY]: extras });
}

/** Like OnEvent, a batch at a time: the handler gets `TypedMessage<T>[]`, committed together. */
export function OnEventBatch<T>(
  contract: EventContract<T>,
  consumer: HandlerConsumerOptions = {},
): MethodDecorator {
  const extras: CdpHandlerExtras = { contract: contract as EventContract<unknown>, consumer, batch: true };
  return EventPattern<string>(contract.subject, { [CDP_EXTRAS_KEY]: extras });
}

/** `@MessagePattern` for a request contract: the handler's return value is the validated reply. */
export function OnRequest<Req, Res>(contract: RequestContract<Req, Res>): MethodDecorator {
  const extras: CdpHandlerExtras = {
    contract: contract as RequestContract<unknown, unknown>,
    consumer: {},
    batch: false,
  };
  return MessagePattern<string>(contract.subject, { [CDP_EXTRAS_KEY]: extras });
}
