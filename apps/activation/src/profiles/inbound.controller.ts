import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { SEGMENTS_CHANGED, SEGMENTS_MODEL_GET, type SegmentsChanged } from '@cdp/clustering/contracts';
import { FEATURES_UPDATED, type FeaturesUpdated } from '@cdp/feature-store/contracts';
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
import { SCORES_UPDATED, type ScoresUpdated } from '@cdp/prediction/contracts';
import {
  AudiencesRepository,
  MembershipRepository,
  type TraitUpdate,
  type TrackedEvent,
} from '@cdp/activation/data-access-db';
import { CAMPAIGN_CHANNELS } from '@cdp/activation/domain';
import { MessagingClient, OnEventBatch, OnEvent, type TypedMessage } from '@cdp/shared/util-messaging';
import { MembershipService } from '../audiences/membership.service.js';

/**
 * Activation's view of each profile, kept from the other services' events: identify traits and
 * track events (identity), features, segments, scores; merges and erasures. Every batch moves
 * memberships in the same transaction that stores it.
 */
@Controller()
export class InboundController {
  private readonly sources = new Map<string, string>();

  constructor(
    private readonly repository: MembershipRepository,
    private readonly audiences: AudiencesRepository,
    private readonly membership: MembershipService,
    private readonly messaging: MessagingClient,
  ) {}

  @OnEventBatch(EVENTS_RESOLVED, { batchSize: 50, maxAckPending: 500 })
  async resolved(@Payload() messages: Array<TypedMessage<EventsResolved>>): Promise<void> {
    const traits: TraitUpdate[] = [];
    const events: TrackedEvent[] = [];
    const optIns: Array<{ profileId: string; optIns: Record<string, boolean> }> = [];
    for (const { event, profileId } of messages.flatMap((m) => m.data.events)) {
      const userId = event.userId ?? null;
      if (event.type === 'identify' && event.traits) {
        traits.push({ profileId, userId, traits: event.traits });
        const consent = consentTraits(event.traits);
        if (consent) optIns.push({ profileId, optIns: consent });
      } else if (userId !== null) {
        traits.push({ profileId, userId, traits: {} });
      }
      if (event.type === 'track' && event.event) {
        events.push({
          profileId,
          messageId: event.messageId,
          event: event.event,
          at: new Date(event.timestamp),
        });
      }
    }
    if (traits.length === 0 && events.length === 0) return;
    await this.audiences.recordOptIns(optIns);
    const changed = {
      traits: traits.some((t) => Object.keys(t.traits).length > 0),
      events: [...new Set(events.map((e) => e.event))],
    };
    await this.repository.applyTraitsAndEvents(traits, events, this.membership.step(changed));
  }

  @OnEventBatch(FEATURES_UPDATED, { batchSize: 50, maxAckPending: 500 })
  async features(@Payload() messages: Array<TypedMessage<FeaturesUpdated>>): Promise<void> {
    const updates = messages
      .flatMap((m) => m.data.events)
      .map((e) => ({ profileId: e.profileId, asOf: new Date(e.asOf), features: e.features }));
    await this.repository.applyFeatures(updates, this.membership.step({ features: true }));
  }

  @OnEventBatch(SEGMENTS_CHANGED, { batchSize: 50, maxAckPending: 500 })
  async segments(@Payload() messages: Array<TypedMessage<SegmentsChanged>>): Promise<void> {
    // Imported rows (`<source>:<id>`) are not profiles: audiences are about people.
    const changes = messages.flatMap((m) => m.data.events).filter((c) => !c.subjectId.includes(':'));
    if (changes.length === 0) return;
    const updates = [];
    for (const c of changes) {
      updates.push({
        profileId: c.subjectId,
        source: await this.sourceOf(c.modelId),
        segmentId: c.segmentId,
      });
    }
    const sources = [...new Set(updates.map((u) => u.source))];
    await this.repository.applySegments(updates, this.membership.step({ segments: sources }));
  }

  @OnEventBatch(SCORES_UPDATED, { batchSize: 50, maxAckPending: 500 })
  async scores(@Payload() messages: Array<TypedMessage<ScoresUpdated>>): Promise<void> {
    const updates = messages
      .flatMap((m) => m.data.events)
      .map((s) => ({ profileId: s.profileId, asOf: new Date(s.asOf), scores: { ...s.traits } }));
    await this.repository.applyScores(updates, this.membership.step({ scores: true }));
  }

  @OnEvent(PROFILE_MERGED)
  async merged(@Payload() merged: ProfileMerged): Promise<void> {
    const exits = await this.repository.merge(
      merged.profileId,
      merged.mergedProfileId,
      this.membership.step({ all: true }),
      new Date(),
    );
    await this.membership.publish(exits);
  }

  /**
   * Identity split a profile: each split-off profile's own events stop going to the survivor. Its
   * facts come back with its next events (what it had was merged in, and is not taken apart).
   */
  @OnEvent(PROFILE_UNMERGED)
  async unmerged(@Payload() unmerged: ProfileUnmerged): Promise<void> {
    await this.repository.clearRedirects(
      unmerged.profiles.map((p) => p.profileId).filter((id) => id !== unmerged.profileId),
    );
  }

  @OnEvent(PROFILE_DELETED)
  async deleted(@Payload() deleted: ProfileDeleted): Promise<void> {
    await this.repository.erase([deleted.profileId, ...deleted.mergedProfileIds], new Date(), (exits) =>
      this.membership.publish(exits),
    );
  }

  /** A segmentation model's source (`features`, or a CSV source), asked of clustering once. */
  private async sourceOf(modelId: string): Promise<string> {
    let source = this.sources.get(modelId);
    if (source === undefined) {
      // No answer throws: the message is redelivered later rather than filed under a wrong source.
      source = (await this.messaging.request(SEGMENTS_MODEL_GET, { modelId }, 10_000)).source;
      this.sources.set(modelId, source);
    }
    return source;
  }
}

/** Identify traits `consent: { email: true }` or `consent_email: true` record opt-ins. */
function consentTraits(traits: Record<string, unknown>): Record<string, boolean> | undefined {
  const found: Record<string, boolean> = {};
  const nested = traits['consent'];
  for (const channel of CAMPAIGN_CHANNELS) {
    const value =
      nested !== null && typeof nested === 'object'
        ? (nested as Record<string, unknown>)[channel]
        : undefined;
    const flat = traits[`consent_${channel}`];
    if (typeof value === 'boolean') found[channel] = value;
    else if (typeof flat === 'boolean') found[channel] = flat;
  }
  return Object.keys(found).length > 0 ? found : undefined;
}
