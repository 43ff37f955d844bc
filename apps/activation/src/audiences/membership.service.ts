import { Inject, Injectable } from '@nestjs/common';
import { AUDIENCE_MEMBERSHIP_CHANGED, type MembershipChange } from '@cdp/activation/contracts';
import {
  MembershipRepository,
  type MembershipStep,
  type ProfileFactsRow,
  type RecordedMembershipChange,
} from '@cdp/activation/data-access-db';
import { evaluateAudienceRule, eventCountFrom, type ProfileFacts } from '@cdp/activation/domain';
import { profileGroupKey } from '@cdp/shared/contracts';
import { LOGGER } from '@cdp/shared/util-service';
import type { Logger } from '@cdp/shared/util-logging';
import { MessagingClient } from '@cdp/shared/util-messaging';
import { deliveriesForChanges } from '../campaigns/triggers.js';
import { DeliveryWakeups } from '../delivery/wakeups.js';
import { affects, Catalog, type Changed, type LiveAudience } from './catalog.service.js';

const DAY_MS = 86_400_000;
const RECOMPUTE_PAGE = 2_000;

/**
 * Keeps every audience's membership current: each batch of changed profiles is evaluated against
 * the audiences that read what changed, and entries and exits are written, the deliveries they
 * trigger queued and `audience.membership.changed` published, all in the transaction that applied
 * the change.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly repository: MembershipRepository,
    private readonly catalog: Catalog,
    private readonly messaging: MessagingClient,
    private readonly wakeups: DeliveryWakeups,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The step for a batch where `changed` changed (optionally only `audiences`). */
  step(changed: Changed, only?: readonly string[]): MembershipStep {
    return async (tx, facts) => {
      if (facts.length === 0) return;
      const { audiences, campaigns } = await this.catalog.current();
      const candidates = audiences.filter(
        (a) => (only === undefined || only.includes(a.id)) && affects(a.deps, changed),
      );
      if (candidates.length === 0) return;
      const ids = facts.map((f) => f.profileId);
      const now = Date.now();
      const history = await this.history(tx, ids, candidates, now);
      const current = await tx.memberships(
        ids,
        candidates.map((a) => a.id),
      );
      const changes: Array<{ audienceId: string; profileId: string; change: 'entered' | 'exited' }> = [];
      for (const fact of facts) {
        const profile = profileFacts(fact, history?.get(fact.profileId));
        const inNow = current.get(fact.profileId);
        for (const audience of candidates) {
          const should = evaluateAudienceRule(audience.rule, profile, now);
          const is = inNow?.has(audience.id) ?? false;
          if (should !== is)
            changes.push({
              audienceId: audience.id,
              profileId: fact.profileId,
              change: should ? 'entered' : 'exited',
            });
        }
      }
      const recorded = await tx.applyChanges(changes, new Date(now));
      if (recorded.length === 0) return;
      const deliveries = deliveriesForChanges(recorded, campaigns);
      if ((await tx.enqueueDeliveries(deliveries)) > 0) {
        this.wakeups.wake(new Set(deliveries.map((d) => d.destinationId)));
      }
      await this.publish(recorded);
    };
  }

  /** Entries and exits to the bus, grouped by profile so each profile's changes stay in order. */
  async publish(changes: readonly RecordedMembershipChange[]): Promise<void> {
    if (changes.length === 0) return;
    const events: MembershipChange[] = changes.map((c) => ({
      seq: c.seq,
      audienceId: c.audienceId,
      profileId: c.profileId,
      change: c.change,
      at: c.at.toISOString(),
    }));
    await this.messaging.publishGrouped(
      AUDIENCE_MEMBERSHIP_CHANGED,
      events,
      (e) => profileGroupKey(e.profileId),
      {
        sizeOf: () => 190,
        maxItems: 2_000,
      },
    );
  }

  /** Every profile against `audienceIds` (all when absent), a locked page at a time. */
  async recompute(audienceIds?: readonly string[]): Promise<number> {
    let after: string | null = null;
    let pages = 0;
    const step = this.step({ all: true }, audienceIds);
    do {
      after = await this.repository.recomputePage(after, RECOMPUTE_PAGE, step);
      pages += 1;
    } while (after !== null);
    return pages;
  }

  /** How many known profiles `audience` would hold now, and how many are known. */
  async estimate(audience: Pick<LiveAudience, 'rule' | 'deps'>): Promise<{ size: number; profiles: number }> {
    let after: string | null = null;
    let size = 0;
    let profiles = 0;
    const now = Date.now();
    for (;;) {
      const page = await this.repository.profilesPage(after, RECOMPUTE_PAGE);
      if (page.length === 0) break;
      const events = audience.deps.events;
      const history =
        events.length > 0
          ? await this.repository.eventHistory(
              page.map((p) => p.profileId),
              events.map((e) => e.event),
              new Date(now - Math.max(...events.map((e) => e.withinDays)) * DAY_MS),
            )
          : undefined;
      for (const fact of page) {
        if (evaluateAudienceRule(audience.rule, profileFacts(fact, history?.get(fact.profileId)), now))
          size += 1;
      }
      profiles += page.length;
      after = page.at(-1)?.profileId ?? null;
      if (page.length < RECOMPUTE_PAGE) break;
    }
    return { size, profiles };
  }

  /** Recomputes audiences with event conditions: their windows slide with time. */
  async sweepEventAudiences(): Promise<void> {
    const { audiences } = await this.catalog.current();
    const sliding = audiences.filter((a) => a.deps.events.length > 0).map((a) => a.id);
    if (sliding.length === 0) return;
    const started = Date.now();
    await this.recompute(sliding);
    this.logger.info({ audiences: sliding.length, ms: Date.now() - started }, 'event audiences recomputed');
  }

  private async history(
    tx: Parameters<MembershipStep>[0],
    ids: readonly string[],
    audiences: readonly LiveAudience[],
    now: number,
  ): Promise<Map<string, Array<{ event: string; timestamp: number }>> | undefined> {
    const events = audiences.flatMap((a) => a.deps.events);
    if (events.length === 0) return undefined;
    const days = Math.max(...events.map((e) => e.withinDays));
    return tx.eventHistory(ids, [...new Set(events.map((e) => e.event))], new Date(now - days * DAY_MS));
  }
}

export function profileFacts(
  fact: ProfileFactsRow,
  history: ReadonlyArray<{ event: string; timestamp: number }> | undefined,
): ProfileFacts {
  return {
    traits: fact.traits,
    features: fact.features,
    segments: fact.segments,
    scores: fact.scores as ProfileFacts['scores'],
    eventCount: eventCountFrom(history ?? []),
  };
}
