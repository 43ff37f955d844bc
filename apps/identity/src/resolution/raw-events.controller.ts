import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RAW_EVENTS_RECEIVED, type EventsReceived } from '@cdp/ingestion/contracts';
import { OnEventBatch, type TypedMessage } from '@cdp/shared/util-messaging';
import { ResolverService } from './resolver.service.js';

/** Every event ingestion accepted, resolved to a profile: a batch of envelopes per transaction. */
@Controller()
export class RawEventsController {
  constructor(private readonly resolver: ResolverService) {}

  // Two batches at once: one is decoded and resolved while the other waits on its commit or publish
  // acks; ResolverService keeps their transactions and publishes in order.
  @OnEventBatch(RAW_EVENTS_RECEIVED, { batchSize: 50, maxAckPending: 500, batchConcurrency: 2 })
  async resolve(@Payload() messages: Array<TypedMessage<EventsReceived>>): Promise<void> {
    await this.resolver.resolve(
      messages.flatMap((m) => m.data.events.map((event) => ({ sourceId: m.data.sourceId, event }))),
    );
  }
}
