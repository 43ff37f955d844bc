import { Module } from '@nestjs/common';
import { AssignmentController } from './assignment/assignment.controller.js';
import { AssignmentService } from './assignment/assignment.service.js';
import { clusteringProviders } from './clustering.providers.js';
import { ModelsController } from './models/models.controller.js';
import { ModelsService } from './models/models.service.js';
import { TrainingController } from './training/training.controller.js';
import { TrainingService } from './training/training.service.js';

/**
 * Clustering: segmentations trained from the feature store's profiles (or imported rows), named,
 * versioned and kept stable across retrains; every profile assigned in real time as its features
 * change, with `segments.changed` for those that move.
 */
@Module({
  controllers: [TrainingController, ModelsController, AssignmentController],
  providers: [...clusteringProviders, AssignmentService, ModelsService, TrainingService],
})
export class AppModule {}
