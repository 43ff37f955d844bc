import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import {
  EVENTS_RESOLVED,
  PROFILE_MERGED,
  type ProfileMerged,
  type ResolvedEvent,
} from '@cdp/identity/contracts';
import {
  IdentityGraph,
  type DroppedRecord,
  type GraphProfile,
  type MergeRecord,
  type NewLink,
  type ProfileState,
} from '@cdp/identity/data-access-db';
import {
  aliasIdentifiers,
  combineProfilesTraits,
  extractIdentifiers,
  identifierKey,
  mergeTraits,
  resolveIdentifiers,
  sortByPriority,
  type Identifier,
  type ProtectionConfig,
} from '@cdp/identity/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { envelopeSlices, JsonText, MessagingClient } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { PROTECTION } from '../identity.providers.js';
import { GraphCache } from './graph-cache.js';
import { profileGroupKey } from '@cdp/shared/contracts';
import { Turns } from './turns.js';

export interface IncomingEvent {
  sourceId: string;
  event: NormalizedEvent;
}

export interface BatchOutcome {
  resolved: number;
  /** Events with no usable identifier left, or carrying a suppressed (erased) one. */
  skipped: number;
  merges: number;
  newProfiles: number;
}

/** Identifier hashes kept between batches (~100 bytes each); emptied when full. */
const HASH_CACHE_SIZE = 500_000;

/** SHA-256 of `type:value`: how erased identifiers are remembered. */
export function suppressionHash(identifier: Identifier): string {
  return createHash('sha256').update(identifierKey(identifier)).digest('hex');
}

interface Working extends Omit<GraphProfile, 'identifiers'> {
  /** Stored identifiers were written from resolved `Identifier`s, so their types are known ones. */
  identifiers: Identifier[];
  touched: boolean;
}

/**
 * Resolves raw events to profiles a batch at a time: one read of the owners of every identifier in
 * the batch, the merge rules applied event by event in memory, one write of all changes, and the
 * results published once committed. Re-resolving a redelivered batch finds the same profiles.
 */
@Injectable()
export class ResolverService {
  constructor(
    private readonly graph: IdentityGraph,
    private readonly messaging: MessagingClient,
    @Inject(PROTECTION) private readonly protection: ProtectionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Owners and profiles read by earlier batches; see GraphCache for when it is trusted. */
  private readonly cache = new GraphCache();
  /**
   * Batches may overlap (the consumer starts the next one while this one waits on I/O): their
   * transactions (and the cache they read and refresh) run one at a time in arrival order. Their
   * publishes follow in commit order, across replicas too (IdentityGraph.orderedTransaction), so a
   * profile's events reach the bus in the order they were resolved.
   */
  private readonly transactions = new Turns();
  /** `type:value` → suppressionHash: identifiers recur batch after batch; a hash never changes. */
  private readonly hashes = new Map<string, string>();

  private hashOf(identifier: Identifier): string {
    const key = identifierKey(identifier);
    let hash = this.hashes.get(key);
    if (hash === undefined) {
      if (this.hashes.size >= HASH_CACHE_SIZE) this.hashes.clear();
      hash = suppressionHash(identifier);
      this.hashes.set(key, hash);
    }
    return hash;
  }

  async resolve(incoming: readonly IncomingEvent[]): Promise<BatchOutcome> {
    const extracted = incoming.map((item) => ({
      ...item,
      ...extractIdentifiers(item.event, this.protection),
    }));
    const releaseTransaction = await this.transactions.take();
    const { result: outcome, release } = await this.graph
      .orderedTransaction(async (tx) => {
        const lookups: Identifier[] = [];
        for (const item of extracted) {
          lookups.push(...item.identifiers);
          if (item.aliasOf) {
            lookups.push(
              { type: 'user_id', value: item.aliasOf },
              { type: 'anonymous_id', value: item.aliasOf },
            );
          }
        }
        const suppressed = await tx.suppressed(lookups.map((i) => this.hashOf(i)));
        this.cache.validate(await tx.generation());
        const owners = new Map<string, string>();
        const unknown: Identifier[] = [];
        for (const identifier of lookups) {
          const owner = this.cache.owner(identifierKey(identifier));
          if (owner) owners.set(identifierKey(identifier), owner);
          else unknown.push(identifier);
        }
        for (const [key, profileId] of await tx.owners(unknown)) owners.set(key, profileId);
        const profiles = new Map<string, Working>();
        const uncached: string[] = [];
        for (const profileId of new Set(owners.values())) {
          const cached = this.cache.profile(profileId);
          if (cached)
            profiles.set(profileId, {
              ...cached,
              identifiers: cached.identifiers as Identifier[],
              touched: false,
            });
          else uncached.push(profileId);
        }
        for (const profile of (await tx.profiles(uncached)).values()) {
          profiles.set(profile.profileId, {
            ...profile,
            identifiers: profile.identifiers as Identifier[],
            touched: false,
          });
        }

        const created: Array<{ id: string; createdAt: string }> = [];
        const attached: Array<Identifier & { profileId: string; firstSeen: string }> = [];
        /** By link key: events repeating an identifier set share one row (see `links.link_key`). */
        const links = new Map<string, NewLink>();
        const setKeys = new Map<string, string>();
        const merges: MergeRecord[] = [];
        const dropped: DroppedRecord[] = [];
        /** loser → winner, to give events resolved before a later merge their final profile. */
        const mergedInto = new Map<string, string>();
        const resolved: ResolvedEvent[] = [];
        let skipped = 0;

        for (const item of extracted) {
          const { event, sourceId } = item;
          const at = event.timestamp;
          const identifiers = item.aliasOf
            ? sortByPriority(
                [...item.identifiers, ...aliasIdentifiers(item.aliasOf, owners)],
                this.protection,
              )
            : item.identifiers;
          for (const drop of item.dropped) {
            dropped.push({
              sourceId,
              messageId: event.messageId,
              ...drop.identifier,
              reason: drop.reason,
              profileId: null,
            });
          }
          if (identifiers.length === 0 || identifiers.some((i) => suppressed.has(this.hashOf(i)))) {
            skipped += 1;
            continue;
          }
          const resolution = resolveIdentifiers({ identifiers, owners, profiles }, this.protection);
          let profileId: string;
          if (resolution.kind === 'new') {
            profileId = randomUUID();
            created.push({ id: profileId, createdAt: at });
            profiles.set(profileId, {
              profileId,
              createdAt: at,
              identifiers: [],
              traits: {},
              traitTimes: {},
              firstSeen: null,
              lastSeen: null,
              touched: true,
            });
          } else {
            profileId = resolution.profileId;
          }
          const profile = profiles.get(profileId);
          if (!profile)
            throw new Error(`resolution named profile ${profileId}, which the batch does not know`);
          const linkId = randomUUID();
          if (resolution.kind === 'merge') {
            for (const loserId of resolution.merged) {
              const loser = profiles.get(loserId);
              if (!loser) throw new Error(`merge named profile ${loserId}, which the batch does not know`);
              for (const identifier of loser.identifiers) owners.set(identifierKey(identifier), profileId);
              profile.identifiers.push(...loser.identifiers);
              const combined = combineProfilesTraits(
                { traits: profile.traits, updatedAt: profile.traitTimes },
                { traits: loser.traits, updatedAt: loser.traitTimes },
              );
              profile.traits = combined.traits;
              profile.traitTimes = combined.updatedAt;
              profile.firstSeen = minTime(profile.firstSeen, loser.firstSeen);
              profile.lastSeen = maxTime(profile.lastSeen, loser.lastSeen);
              profiles.delete(loserId);
              mergedInto.set(loserId, profileId);
              merges.push({
                mergeId: randomUUID(),
                profileId,
                mergedProfileId: loserId,
                linkId,
                linkedBy: resolution.linkedBy,
                sourceId,
                eventMessageId: event.messageId,
                at: new Date().toISOString(),
              });
            }
          }
          for (const identifier of resolution.attach) {
            owners.set(identifierKey(identifier), profileId);
            profile.identifiers.push(identifier);
            attached.push({ ...identifier, profileId, firstSeen: at });
          }
          for (const drop of resolution.dropped) {
            dropped.push({
              sourceId,
              messageId: event.messageId,
              ...drop.identifier,
              reason: drop.reason,
              profileId,
            });
          }
          const kept = identifiers.filter(
            (i) =>
              !resolution.dropped.some((d) => d.identifier.type === i.type && d.identifier.value === i.value),
          );
          const traits = event.type === 'identify' && event.traits ? event.traits : null;
          const key =
            traits || resolution.kind === 'merge' || kept.length === 0
              ? `event:${sourceId}:${event.messageId}`
              : setKeyOf(kept, setKeys);
          const link = links.get(key);
          if (link) {
            if (at < link.at) link.at = at;
            if (at > link.lastAt) link.lastAt = at;
            link.profileId = profileId;
          } else {
            links.set(key, {
              id: linkId,
              key,
              profileId,
              sourceId,
              messageId: event.messageId,
              at,
              lastAt: at,
              identifiers: kept,
              traits,
            });
          }
          if (traits) {
            const merged = mergeTraits(
              { traits: profile.traits, updatedAt: profile.traitTimes },
              { traits, timestamp: at },
            );
            profile.traits = merged.traits;
            profile.traitTimes = merged.updatedAt;
          }
          profile.firstSeen = minTime(profile.firstSeen, at);
          profile.lastSeen = maxTime(profile.lastSeen, at);
          profile.touched = true;
          resolved.push({ profileId, sourceId, event });
        }

        // Writes in the order the decisions were made: merges move what was attached before them.
        await tx.createProfiles(created);
        await tx.attach(attached);
        await tx.addLinks([...links.values()]);
        for (const merge of merges) await tx.merge(merge);
        await tx.recordDropped(dropped);
        const states: ProfileState[] = [];
        for (const profile of profiles.values()) {
          if (!profile.touched || !profile.firstSeen || !profile.lastSeen) continue;
          states.push({
            profileId: profile.profileId,
            traits: profile.traits,
            traitTimes: profile.traitTimes,
            firstSeen: profile.firstSeen,
            lastSeen: profile.lastSeen,
          });
        }
        await tx.saveProfiles(states);
        for (const event of resolved) event.profileId = finalProfile(event.profileId, mergedInto);
        const token = randomUUID();
        await tx.setGeneration(token);
        return {
          resolved,
          merges,
          skipped,
          newProfiles: created.length,
          token,
          owners,
          profiles,
          gone: mergedInto.keys(),
        };
      })
      .then((committed) => {
        const { token, owners, profiles, gone } = committed.result;
        this.cache.store(token, owners, profiles.values(), gone);
        return committed;
      })
      .catch((error: unknown) => {
        this.cache.clear();
        throw error;
      })
      .finally(releaseTransaction);

    // Published once committed; a failure here redelivers the batch, which resolves the same way.
    try {
      for (const merge of outcome.merges)
        await this.messaging.publish(PROFILE_MERGED, mergedEvent(merge), { msgId: merge.mergeId });
      await this.publishResolved(outcome.resolved);
    } finally {
      await release();
    }
    this.logger.debug(
      {
        resolved: outcome.resolved.length,
        skipped: outcome.skipped,
        merges: outcome.merges.length,
        created: outcome.newProfiles,
      },
      'batch resolved',
    );
    return {
      resolved: outcome.resolved.length,
      skipped: outcome.skipped,
      merges: outcome.merges.length,
      newProfiles: outcome.newProfiles,
    };
  }

  private async publishResolved(events: readonly ResolvedEvent[]): Promise<void> {
    const groups = new Map<string, Array<{ event: ResolvedEvent; json: string }>>();
    for (const event of events) {
      const key = profileGroupKey(event.profileId);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      // Serialised once: the length sizes the envelope and the text is what is published.
      group.push({ event, json: JSON.stringify(event) });
    }
    await Promise.all(
      [...groups].map(async ([key, group]) => {
        // By size, not count: a busy group in a big batch would pass NATS's payload limit.
        for (const slice of envelopeSlices(group, { sizeOf: (item) => item.json.length + 1 })) {
          const msgId = createHash('sha256')
            .update(JSON.stringify(slice.map(({ event: e }) => [e.sourceId, e.event.messageId, e.profileId])))
            .digest('hex');
          // Each event was validated as it was consumed; profileId is a UUID this service made.
          const payload = new JsonText(`{"events":[${slice.map((item) => item.json).join(',')}]}`);
          await this.messaging.publishEncoded(EVENTS_RESOLVED, payload, { key, msgId });
        }
      }),
    );
  }
}

/**
 * `set:` + SHA-256 of the set's `type:value` keys in sorted order, so any order gives one key;
 * `known` keeps the batch's keys so a repeated set is hashed once.
 */
function setKeyOf(identifiers: readonly Identifier[], known: Map<string, string>): string {
  const canonical = identifiers.map(identifierKey).sort().join('\n');
  let key = known.get(canonical);
  if (key === undefined) {
    key = `set:${createHash('sha256').update(canonical).digest('base64url')}`;
    known.set(canonical, key);
  }
  return key;
}

function finalProfile(profileId: string, mergedInto: ReadonlyMap<string, string>): string {
  let current = profileId;
  for (let hops = 0; hops < 1_000; hops++) {
    const next = mergedInto.get(current);
    if (!next) return current;
    current = next;
  }
  return current;
}

function mergedEvent(merge: MergeRecord): ProfileMerged {
  return {
    mergeId: merge.mergeId,
    profileId: merge.profileId,
    mergedProfileId: merge.mergedProfileId,
    linkedBy: merge.linkedBy,
    sourceId: merge.sourceId,
    eventMessageId: merge.eventMessageId,
    at: merge.at,
  };
}

function minTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

function maxTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
