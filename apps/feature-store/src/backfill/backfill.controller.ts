import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  FEATURES_BACKFILL_START,
  FEATURES_BACKFILL_STATUS,
  type BackfillStatus,
} from '@cdp/feature-store/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { BackfillService } from './backfill.service.js';

/** Backfill jobs over request/reply (`npm run cdp -- features backfill`). */
@Controller()
export class BackfillController {
  constructor(private readonly backfill: BackfillService) {}

  @OnRequest(FEATURES_BACKFILL_START)
  start(
    @Payload() request: z.infer<typeof FEATURES_BACKFILL_START.request>,
  ): z.infer<typeof FEATURES_BACKFILL_START.response> {
    return { jobId: this.backfill.start(request) };
  }

  @OnRequest(FEATURES_BACKFILL_STATUS)
  status(@Payload() request: { jobId: string }): BackfillStatus {
    return this.backfill.status(request.jobId);
  }
}
