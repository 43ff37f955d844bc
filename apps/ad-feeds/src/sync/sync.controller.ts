import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AUDIENCE_MEMBERSHIP_CHANGED, type AudienceMembershipChanged } from '@cdp/activation/contracts';
import { FeedsRepository, type IdentifierRow } from '@cdp/ad-feeds/data-access-db';
import { deviceId } from '@cdp/ad-feeds/domain';
import {
  EVENTS_RESOLVED,
  PROFILE_DELETED,
  PROFILE_MERGED,
  type EventsResolved,
  type ProfileDeleted,
  type ProfileMerged,
} from '@cdp/identity/contracts';
import { OnEvent, OnEventBatch, type TypedMessage } from '@cdp/shared/util-messaging';

/** The identifiers of one event partners may match on (Segment spec fields). */
export function identifiersOf(event: EventsResolved['events'][number]): IdentifierRow[] {
  const rows: IdentifierRow[] = [];
  const { profileId } = event;
  const e = event.event;
  if (e.userId) rows.push({ profileId, kind: 'user_id', value: e.userId });
  const traits = e.traits ?? {};
  if (typeof traits['email'] === 'string' && traits['email'].includes('@')) {
    rows.push({ profileId, kind: 'email', value: traits['email'].trim() });
  }
  if (typeof traits['phone'] === 'string' && traits['phone'].trim() !== '') {
    rows.push({ profileId, kind: 'phone', value: traits['phone'].trim() });
  }
  const device = e.context['device'] as { advertisingId?: unknown; adTrackingEnabled?: unknown } | undefined;
  // A device that limits ad tracking keeps its advertising id out of every feed.
  if (
    typeof device?.advertisingId === 'string' &&
    deviceId(device.advertisingId, 'raw').ok &&
    device.adTrackingEnabled !== false
  ) {
    rows.push({ profileId, kind: 'maid', value: device.advertisingId });
  }
  return rows;
}

/** Memberships from activation, identifiers from identity, merges and erasures. */
@Controller()
export class SyncController {
  constructor(private readonly feeds: FeedsRepository) {}

  @OnEventBatch(AUDIENCE_MEMBERSHIP_CHANGED, { batchSize: 50, maxAckPending: 500 })
  async memberships(@Payload() messages: Array<TypedMessage<AudienceMembershipChanged>>): Promise<void> {
    await this.feeds.applyChanges(
      messages.flatMap((m) => m.data.events).map((c) => ({ ...c, at: new Date(c.at) })),
    );
  }

  @OnEventBatch(EVENTS_RESOLVED, { batchSize: 50, maxAckPending: 500 })
  async resolved(@Payload() messages: Array<TypedMessage<EventsResolved>>): Promise<void> {
    await this.feeds.addIdentifiers(messages.flatMap((m) => m.data.events).flatMap(identifiersOf));
  }

  @OnEvent(PROFILE_MERGED)
  async merged(@Payload() merged: ProfileMerged): Promise<void> {
    await this.feeds.merge(merged.profileId, merged.mergedProfileId);
  }

  @OnEvent(PROFILE_DELETED)
  async deleted(@Payload() deleted: ProfileDeleted): Promise<void> {
    await this.feeds.erase([deleted.profileId, ...deleted.mergedProfileIds]);
  }
}
