import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EVENTS_RESOLVED,
  PROFILE_DELETED,
  PROFILE_MERGED,
  PROFILE_UNMERGED,
  type EventsResolved,
  type ProfileDeleted,
  type ProfileMerged,
  type ProfileUnmerged,
} from '@cdp/identity/contracts';
import { OnEvent, OnEventBatch, type TypedMessage } from '@cdp/shared/util-messaging';
import { OnlineFeaturesService } from './online-features.service.js';

/** What identity publishes, applied to the online store. */
@Controller()
export class IdentityEventsController {
  constructor(private readonly online: OnlineFeaturesService) {}

  @OnEventBatch(EVENTS_RESOLVED, { batchSize: 20, maxAckPending: 200, batchConcurrency: 2 })
  async resolved(@Payload() messages: Array<TypedMessage<EventsResolved>>): Promise<void> {
    await this.online.apply(messages.flatMap((m) => m.data.events));
  }

  @OnEvent(PROFILE_MERGED)
  async merged(@Payload() merged: ProfileMerged): Promise<void> {
    await this.online.merge(merged.profileId, merged.mergedProfileId);
  }

  @OnEvent(PROFILE_UNMERGED)
  async unmerged(@Payload() unmerged: ProfileUnmerged): Promise<void> {
    await this.online.split(unmerged);
  }

  @OnEvent(PROFILE_DELETED)
  async deleted(@Payload() deleted: ProfileDeleted): Promise<void> {
    await this.online.erase([deleted.profileId, ...deleted.mergedProfileIds]);
  }
}
