import { Inject, Injectable } from '@nestjs/common';
import type { EventContract, RequestContract } from '@cdp/shared/contracts';
import type { Bus, JsonText, PublishAck, PublishOptions } from '../bus.js';
import { publishEncodedEvent, publishEvent, sendRequest } from '../typed.js';

/** Injection token of the service's Bus. */
export const BUS = Symbol('cdp:bus');

/** The client side of the transport: validated publishes and requests, correlation id attached. */
@Injectable()
export class MessagingClient {
  constructor(@Inject(BUS) private readonly bus: Bus) {}

  publish<T>(contract: EventContract<T>, payload: T, options?: PublishOptions): Promise<PublishAck> {
    return publishEvent(this.bus, contract, payload, options);
  }

  /** A payload serialised by the caller from already-validated values (see publishEncodedEvent). */
  publishEncoded<T>(
    contract: EventContract<T>,
    payload: JsonText,
    options?: PublishOptions,
  ): Promise<PublishAck> {
    return publishEncodedEvent(this.bus, contract, payload, options);
  }

  request<Req, Res>(contract: RequestContract<Req, Res>, payload: Req, timeoutMs?: number): Promise<Res> {
    return sendRequest(this.bus, contract, payload, timeoutMs);
  }
}
