import { Module } from '@nestjs/common';
import { ActiveModels } from './models/active-models.service.js';
import { ModelsController } from './models/models.controller.js';
import { ModelsService } from './models/models.service.js';
import { predictionProviders } from './prediction.providers.js';
import { ScoringController } from './scoring/scoring.controller.js';
import { ScoringService } from './scoring/scoring.service.js';
import { TrainingService } from './training/training.service.js';

/**
 * Prediction: churn and engagement models trained point-in-time from the feature store's history
 * with XGBoost, versioned with their metrics, promoted only when better; every profile scored in
 * real time as its features change, with `scores.updated` for activation.
 */
@Module({
  controllers: [ModelsController, ScoringController],
  providers: [...predictionProviders, ActiveModels, ScoringService, TrainingService, ModelsService],
})
export class AppModule {}
