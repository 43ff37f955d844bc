import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  FEATURES_EXPORT,
  FEATURES_TRAINING_SET,
  type FeaturesExportRequest,
  type FeaturesExportResponse,
  type FeaturesTrainingSetRequest,
  type FeaturesTrainingSetResponse,
} from '@cdp/feature-store/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import { TrainingExportService } from './training-export.service.js';

/** Training sets and the matrix export over request/reply (`npm run cdp -- features training-set | export`). */
@Controller()
export class TrainingExportController {
  constructor(private readonly service: TrainingExportService) {}

  @OnRequest(FEATURES_TRAINING_SET)
  trainingSet(@Payload() request: FeaturesTrainingSetRequest): Promise<FeaturesTrainingSetResponse> {
    return this.service.trainingSet(request);
  }

  @OnRequest(FEATURES_EXPORT)
  export(@Payload() request: FeaturesExportRequest): Promise<FeaturesExportResponse> {
    return this.service.exportPage(request);
  }
}
