import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FEATURES_UPDATED, type FeaturesUpdated } from '@cdp/feature-store/contracts';
import {
  PROFILE_DELETED,
  PROFILE_MERGED,
  type ProfileDeleted,
  type ProfileMerged,
} from '@cdp/identity/contracts';
import { SCORES_GET } from '@cdp/prediction/contracts';
import { OnEvent, OnEventBatch, OnRequest, type TypedMessage } from '@cdp/shared/util-messaging';
import type { z } from 'zod';
import { ScoringService } from './scoring.service.js';

/** Real-time scoring from the feature store; identity's merges and erasures; score lookups. */
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  @OnEventBatch(FEATURES_UPDATED, { batchSize: 50, maxAckPending: 500 })
  async featuresUpdated(@Payload() messages: Array<TypedMessage<FeaturesUpdated>>): Promise<void> {
    await this.scoring.onFeatures(messages.flatMap((m) => m.data.events));
  }

  @OnEvent(PROFILE_MERGED)
  async merged(@Payload() merged: ProfileMerged): Promise<void> {
    await this.scoring.merged(merged.mergedProfileId);
  }

  @OnEvent(PROFILE_DELETED)
  async deleted(@Payload() deleted: ProfileDeleted): Promise<void> {
    await this.scoring.erase([deleted.profileId, ...deleted.mergedProfileIds]);
  }

  @OnRequest(SCORES_GET)
  get(@Payload() request: { profileId: string }): Promise<z.infer<(typeof SCORES_GET)['response']>> {
    return this.scoring.get(request.profileId);
  }
}
