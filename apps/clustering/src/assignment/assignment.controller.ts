import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { FEATURES_UPDATED, type FeaturesUpdated } from '@cdp/feature-store/contracts';
import {
  PROFILE_DELETED,
  PROFILE_MERGED,
  type ProfileDeleted,
  type ProfileMerged,
} from '@cdp/identity/contracts';
import { OnEvent, OnEventBatch, type TypedMessage } from '@cdp/shared/util-messaging';
import { FEATURES_SOURCE } from '../training/behaviour-features.js';
import { AssignmentService } from './assignment.service.js';

/** Real-time assignment from the feature store, and identity's merges and erasures. */
@Controller()
export class AssignmentController {
  constructor(private readonly assignments: AssignmentService) {}

  @OnEventBatch(FEATURES_UPDATED, { batchSize: 50, maxAckPending: 500 })
  async featuresUpdated(@Payload() messages: Array<TypedMessage<FeaturesUpdated>>): Promise<void> {
    await this.assignments.onFeatures(
      FEATURES_SOURCE,
      messages.flatMap((m) => m.data.events),
    );
  }

  @OnEvent(PROFILE_MERGED)
  async merged(@Payload() merged: ProfileMerged): Promise<void> {
    await this.assignments.merged(merged.mergedProfileId);
  }

  @OnEvent(PROFILE_DELETED)
  async deleted(@Payload() deleted: ProfileDeleted): Promise<void> {
    await this.assignments.erase([deleted.profileId, ...deleted.mergedProfileIds]);
  }
}
