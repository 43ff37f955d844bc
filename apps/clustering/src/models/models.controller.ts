import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  SEGMENT_ASSIGNMENT_GET,
  SEGMENT_ENTRIES,
  SEGMENT_RENAME,
  SEGMENT_SIZES,
  SEGMENT_TRANSITIONS,
  SEGMENTS_MODEL_GET,
  SEGMENTS_MODELS_LIST,
} from '@cdp/clustering/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { ModelsService } from './models.service.js';

type Res<C extends { response: z.ZodType }> = Promise<z.infer<C['response']>>;

/** Segmentation models, segment names and assignments over request/reply. */
@Controller()
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @OnRequest(SEGMENTS_MODELS_LIST)
  async list(@Payload() request: { source?: string }): Res<typeof SEGMENTS_MODELS_LIST> {
    return { models: await this.models.list(request.source) };
  }

  @OnRequest(SEGMENTS_MODEL_GET)
  get(@Payload() request: { modelId?: string; source?: string }): Res<typeof SEGMENTS_MODEL_GET> {
    return this.models.detail(request);
  }

  @OnRequest(SEGMENT_RENAME)
  rename(@Payload() request: { segmentId: string; name: string }): Res<typeof SEGMENT_RENAME> {
    return this.models.rename(request.segmentId, request.name);
  }

  @OnRequest(SEGMENT_SIZES)
  sizes(@Payload() request: { source?: string; days?: number }): Res<typeof SEGMENT_SIZES> {
    return this.models.sizes(request);
  }

  @OnRequest(SEGMENT_TRANSITIONS)
  transitions(@Payload() request: { source?: string; days?: number }): Res<typeof SEGMENT_TRANSITIONS> {
    return this.models.transitions(request);
  }

  @OnRequest(SEGMENT_ASSIGNMENT_GET)
  assignment(@Payload() request: { subjectId: string }): Res<typeof SEGMENT_ASSIGNMENT_GET> {
    return this.models.assignment(request.subjectId);
  }

  @OnRequest(SEGMENT_ENTRIES)
  entries(
    @Payload()
    request: {
      source?: string;
      segmentName: string;
      subjectIds: string[];
      from: string;
      to: string;
    },
  ): Res<typeof SEGMENT_ENTRIES> {
    return this.models.entries(request);
  }
}
