import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  MODEL_GET,
  MODEL_PROMOTE,
  MODEL_ROLLBACK,
  MODEL_TRAINING_ROWS,
  MODELS_LIST,
  MODELS_TRAIN,
  MODELS_TRAIN_STATUS,
  SCORES_RESCORE,
  type ModelsTrainRequest,
  type PredictionTarget,
} from '@cdp/prediction/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { TrainingService } from '../training/training.service.js';
import { ModelsService } from './models.service.js';

type Res<C extends { response: z.ZodType }> = Promise<z.infer<C['response']>>;
type Now<C extends { response: z.ZodType }> = z.infer<C['response']>;

/** Training jobs and the model registry over request/reply (`npm run cdp -- models …`, the gateway). */
@Controller()
export class ModelsController {
  constructor(
    private readonly models: ModelsService,
    private readonly training: TrainingService,
  ) {}

  @OnRequest(MODELS_TRAIN)
  train(@Payload() request: ModelsTrainRequest): Now<typeof MODELS_TRAIN> {
    return { jobId: this.training.train(request) };
  }

  @OnRequest(MODELS_TRAIN_STATUS)
  status(@Payload() request: { jobId: string }): Now<typeof MODELS_TRAIN_STATUS> {
    return this.training.status(request.jobId);
  }

  @OnRequest(SCORES_RESCORE)
  rescore(): Now<typeof SCORES_RESCORE> {
    return { jobId: this.training.rescore() };
  }

  @OnRequest(MODELS_LIST)
  async list(@Payload() request: { target?: PredictionTarget }): Res<typeof MODELS_LIST> {
    return { models: await this.models.list(request.target) };
  }

  @OnRequest(MODEL_GET)
  get(@Payload() request: { modelId?: string; target?: PredictionTarget }): Res<typeof MODEL_GET> {
    return this.models.detail(request);
  }

  @OnRequest(MODEL_PROMOTE)
  promote(@Payload() request: { modelId: string }): Res<typeof MODEL_PROMOTE> {
    return this.models.promote(request.modelId);
  }

  @OnRequest(MODEL_ROLLBACK)
  rollback(@Payload() request: { target: PredictionTarget }): Res<typeof MODEL_ROLLBACK> {
    return this.models.rollback(request.target);
  }

  @OnRequest(MODEL_TRAINING_ROWS)
  rows(
    @Payload() request: { modelId: string; offset?: number; limit?: number },
  ): Res<typeof MODEL_TRAINING_ROWS> {
    return this.models.trainingRows(request);
  }
}
