import { Module, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { WebhookReceiptsRepository } from '@cdp/ingestion/data-access-db';
import { WEBHOOK_TOLERANCE_S } from '@cdp/ingestion/domain';
import { dataAccessProviders } from './ingestion.providers.js';
import { ProfileDeletedController } from './privacy/profile-deleted.controller.js';
import { SuppressionList } from './privacy/suppression-list.service.js';
import { SourcesController } from './sources/sources.controller.js';
import { RawEventsController } from './store/raw-events.controller.js';
import { EventsIntake } from './tracking/events-intake.service.js';
import { TrackingController } from './tracking/tracking.controller.js';
import { WebhooksController } from './webhooks/webhooks.controller.js';
import { firstBootstrap } from '@cdp/shared/util-service';

const PRUNE_EVERY_MS = 60_000;

/**
 * Ingestion: the Segment tracking API and CDP webhooks in, one envelope per request on the bus,
 * the consumer that keeps every event in the raw store once, and obedience to identity's
 * `profile.deleted` (erased people's events deleted, and dropped when they come again).
 */
@Module({
  controllers: [
    TrackingController,
    WebhooksController,
    SourcesController,
    RawEventsController,
    ProfileDeletedController,
  ],
  providers: [...dataAccessProviders, SuppressionList, EventsIntake],
})
export class AppModule implements OnModuleInit, OnModuleDestroy {
  private pruner?: NodeJS.Timeout;

  constructor(private readonly receipts: WebhookReceiptsRepository) {}

  onModuleInit(): void {
    if (!firstBootstrap(this)) return;
    // Replay protection only needs deliveries whose signatures are still inside the tolerance.
    this.pruner = setInterval(() => {
      void this.receipts.prune(new Date(Date.now() - 2 * WEBHOOK_TOLERANCE_S * 1000)).catch(() => undefined);
    }, PRUNE_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.pruner);
  }
}
