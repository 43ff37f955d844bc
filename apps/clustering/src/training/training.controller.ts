import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  SEGMENTS_TRAIN,
  SEGMENTS_TRAIN_STATUS,
  type SegmentsTrainRequest,
  type TrainStatus,
} from '@cdp/clustering/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import { TrainingService } from './training.service.js';

/** Training jobs over request/reply (`npm run cdp -- segments train`, the gateway). */
@Controller()
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @OnRequest(SEGMENTS_TRAIN)
  start(@Payload() request: SegmentsTrainRequest): { jobId: string } {
    return { jobId: this.training.start(request) };
  }

  @OnRequest(SEGMENTS_TRAIN_STATUS)
  status(@Payload() request: { jobId: string }): TrainStatus {
    return this.training.status(request.jobId);
  }
}
