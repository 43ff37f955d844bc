import { Inject, Injectable } from '@nestjs/common';
import type { EventContract, RequestContract } from '@cdp/shared/contracts';
import type { Bus, JsonText, PublishAck, PublishOptions } from '../bus.js';
import { envelopeSlices, type SliceOptions } from '../envelope-slices.js';
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

  /**
   * Publishes `events` in envelopes, one group per `keyOf` (e.g. a profile's group key) with that
   * key: a group travels in one message, or in slices published one after another, so each key's
   * order holds; the groups are all in flight at once.
   */
  async publishGrouped<T>(
    contract: EventContract<{ events: T[] }>,
    events: readonly T[],
    keyOf: (event: T) => string,
    slicing: SliceOptions<T>,
  ): Promise<void> {
    const groups = new Map<string, T[]>();
    for (const event of events) {
      const key = keyOf(event);
      const group = groups.get(key);
      if (group) group.push(event);
      else groups.set(key, [event]);
    }
    await Promise.all(
      [...groups].map(async ([key, group]) => {
        for (const slice of envelopeSlices(group, slicing))
          await this.publish(contract, { events: slice }, { key });
      }),
    );
  }

  request<Req, Res>(contract: RequestContract<Req, Res>, payload: Req, timeoutMs?: number): Promise<Res> {
    return sendRequest(this.bus, contract, payload, timeoutMs);
  }
}
