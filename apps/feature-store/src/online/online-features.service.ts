import { Inject, Injectable } from '@nestjs/common';
import type { ProfileUnmerged, ResolvedEvent } from '@cdp/identity/contracts';
import {
  FeatureStoreDb,
  toFeatureEvent,
  type AppendedEventRow,
  type EventRow,
  type FeatureStoreTransaction,
} from '@cdp/feature-store/data-access-db';
import { applyEvent, combineDays, dayOf, daysFromEvents, type DayMeasures } from '@cdp/feature-store/domain';
import { MEASURES, type Measures } from '../feature-store.providers.js';
import { FreshnessService } from '../freshness/freshness.service.js';
import { FeatureUpdatesService } from './feature-updates.service.js';

function toRow({ profileId, sourceId, event }: ResolvedEvent): EventRow {
  return {
    sourceId,
    messageId: event.messageId,
    profileId,
    ts: event.timestamp,
    type: event.type,
    event: event.event,
    name: event.name,
    userId: event.userId,
    anonymousId: event.anonymousId,
    properties: event.properties,
    traits: event.traits,
    context: event.context,
    // Ingestion's receipt: freshness is measured from it.
    receivedAt: event.receivedAt,
  };
}

/**
 * The online store: each resolved event is recorded once (the event log is the ledger, so a
 * redelivered event changes nothing) and added to its profile's measures of its UTC day, in one
 * transaction holding the profiles' locks; merges combine two profiles' days, erasure removes them.
 */
@Injectable()
export class OnlineFeaturesService {
  constructor(
    private readonly db: FeatureStoreDb,
    private readonly updates: FeatureUpdatesService,
    private readonly freshness: FreshnessService,
    @Inject(MEASURES) private readonly measures: Measures,
  ) {}

  /** Returns how many of the events were new. */
  async apply(resolved: readonly ResolvedEvent[]): Promise<number> {
    const { applied, profiles, receivedAt } = await this.db.transaction(async (tx) => {
      // An event resolved to a profile identity has since merged away is stored on the survivor.
      const fresh = await tx.events.append(resolved.map(toRow));
      if (fresh.length === 0) return { applied: 0, profiles: [], receivedAt: [] };
      const locked = [...new Set(fresh.map((r) => r.profileId))];
      await tx.lockProfiles(locked);
      const profiles = await this.followLateMerges(tx, fresh, locked);
      const firstDay = fresh.map((r) => dayOf(r.ts)).reduce((a, b) => (a < b ? a : b));
      const stored = await tx.daily.load(profiles, firstDay);
      const changed = new Map<string, { profileId: string; day: string; measures: DayMeasures }>();
      for (const row of fresh) {
        const day = dayOf(row.ts);
        const key = `${row.profileId}|${day}`;
        let entry = changed.get(key);
        if (!entry) {
          entry = { profileId: row.profileId, day, measures: stored.get(row.profileId)?.get(day) ?? {} };
          changed.set(key, entry);
        }
        applyEvent(entry.measures, toFeatureEvent(row), this.measures);
      }
      await tx.daily.save([...changed.values()]);
      return { applied: fresh.length, profiles, receivedAt: fresh.map((r) => r.receivedAt) };
    });
    this.freshness.record(receivedAt);
    this.updates.touch(profiles);
    return applied;
  }

  /**
   * A merge that committed after this batch's append looked up merged profiles (the merge held the
   * profile's lock, the batch waited for it) left the batch's rows on the merged-away profile: they
   * move to the survivor, whose lock is taken too, and `rows` are updated in place. Returns the
   * profiles the rows are on now. Survivors are locked after the first locks, out of sorted order:
   * a deadlock that could make is PostgreSQL's to detect, and the batch is redelivered.
   */
  private async followLateMerges(
    tx: FeatureStoreTransaction,
    rows: AppendedEventRow[],
    profiles: string[],
  ): Promise<string[]> {
    const survivorOf = new Map(
      [...(await tx.redirects.resolve(profiles))].filter(([from, to]) => from !== to),
    );
    if (survivorOf.size === 0) return profiles;
    await tx.lockProfiles([...new Set(survivorOf.values())]);
    for (const [from, to] of survivorOf) {
      const moved = rows.filter((r) => r.profileId === from);
      await tx.events.moveEvents(moved, to);
      for (const row of moved) row.profileId = to;
    }
    return [...new Set(rows.map((r) => r.profileId))];
  }

  /** `mergedProfileId` went into `profileId`: its events and days move there, days combined. */
  async merge(profileId: string, mergedProfileId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.lockProfiles([profileId, mergedProfileId]);
      await tx.events.reassign(mergedProfileId, profileId);
      const stored = await tx.daily.load([profileId, mergedProfileId]);
      const days = new Map(stored.get(profileId) ?? []);
      for (const [day, measures] of stored.get(mergedProfileId) ?? []) {
        const own = days.get(day);
        days.set(day, own ? combineDays(own, measures) : measures);
      }
      await tx.daily.replaceProfile(profileId, days);
      await tx.daily.deleteProfiles([mergedProfileId]);
      await tx.redirects.record(mergedProfileId, profileId);
    });
    this.updates.touch([profileId]);
  }

  /**
   * A merge was undone: each event of `profileId` goes to the profile now holding its userId or
   * anonymousId (else it stays), and every profile involved is rebuilt from its events.
   */
  async split(unmerged: ProfileUnmerged): Promise<void> {
    const ids = unmerged.profiles.map((p) => p.profileId);
    await this.db.transaction(async (tx) => {
      await tx.lockProfiles(ids);
      await tx.redirects.clear(ids.filter((id) => id !== unmerged.profileId));
      const owner = new Map<string, string>();
      for (const profile of unmerged.profiles) {
        for (const identifier of profile.identifiers)
          owner.set(`${identifier.type}:${identifier.value}`, profile.profileId);
      }
      const moves = new Map<string, EventRow[]>();
      for (const row of await tx.events.forProfile(unmerged.profileId)) {
        const to =
          (row.userId !== undefined ? owner.get(`user_id:${row.userId}`) : undefined) ??
          (row.anonymousId !== undefined ? owner.get(`anonymous_id:${row.anonymousId}`) : undefined);
        if (to && to !== unmerged.profileId) moves.set(to, [...(moves.get(to) ?? []), row]);
      }
      for (const [to, rows] of moves) await tx.events.moveEvents(rows, to);
      for (const profileId of ids) {
        const events = (await tx.events.forProfile(profileId)).map(toFeatureEvent);
        await tx.daily.replaceProfile(profileId, daysFromEvents(events, this.measures));
      }
    });
    this.updates.touch(ids);
  }

  /** A person was erased: everything kept for them goes. */
  async erase(profileIds: readonly string[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.lockProfiles(profileIds);
      await tx.events.deleteProfiles(profileIds);
      await tx.daily.deleteProfiles(profileIds);
      await tx.redirects.clear(profileIds);
    });
  }
}
