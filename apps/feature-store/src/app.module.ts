import { Module } from '@nestjs/common';
import { BackfillController } from './backfill/backfill.controller.js';
import { BackfillService } from './backfill/backfill.service.js';
import { featureStoreProviders } from './feature-store.providers.js';
import { FreshnessService } from './freshness/freshness.service.js';
import { MetricsController } from './freshness/metrics.controller.js';
import { FeatureUpdatesService } from './online/feature-updates.service.js';
import { OnlineFeaturesService } from './online/online-features.service.js';
import { IdentityEventsController } from './online/resolved-events.controller.js';
import { FeaturesController } from './serving/features.controller.js';
import { FeaturesService } from './serving/features.service.js';
import { TrainingExportController } from './serving/training-export.controller.js';
import { TrainingExportService } from './serving/training-export.service.js';

/**
 * Feature store: resolved events become per-profile, per-day measures (online), feature vectors
 * are read from them now or from the event history as of any time, and `features.updated` tells
 * the services downstream.
 */
@Module({
  controllers: [
    IdentityEventsController,
    FeaturesController,
    TrainingExportController,
    MetricsController,
    BackfillController,
  ],
  providers: [
    ...featureStoreProviders,
    BackfillService,
    FeaturesService,
    FeatureUpdatesService,
    FreshnessService,
    OnlineFeaturesService,
    TrainingExportService,
  ],
})
export class AppModule {}
