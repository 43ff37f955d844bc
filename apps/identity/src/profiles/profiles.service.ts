import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  PROFILE_DELETED,
  PROFILE_UNMERGED,
  type IdentityStats,
  type ProfileView,
} from '@cdp/identity/contracts';
import { IdentityGraph, ProfileRecords, type LinkRecord } from '@cdp/identity/data-access-db';
import {
  identifierKey,
  mergeTraits,
  parseIdentifierRef,
  replayLinks,
  splitProfileIds,
  type Identifier,
  type ProfileTraits,
  type ProtectionConfig,
} from '@cdp/identity/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { BusError, MessagingClient } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { PROTECTION } from '../identity.providers.js';
import { suppressionHash } from '../resolution/resolver.service.js';

/** Looking a person up, splitting a wrong merge, and erasing a person. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly graph: IdentityGraph,
    private readonly messaging: MessagingClient,
    @Inject(PROTECTION) private readonly protection: ProtectionConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The graph's counts, read without waiting for a resolving batch. */
  stats(): Promise<IdentityStats> {
    return this.graph.read((tx) => tx.stats());
  }

  async get(ref: string): Promise<ProfileView> {
    // `profile_id:<uuid>` names the profile itself (the console's links), not an identifier of it.
    const byId = /^profile_id:([0-9a-f-]{36})$/i.exec(ref.trim())?.[1]?.toLowerCase();
    const identifier = byId ? undefined : this.parse(ref);
    return this.graph.read(async (tx) => {
      const records = new ProfileRecords(tx);
      const profileId = identifier ? await records.ownerOf(identifier) : byId;
      const record = profileId ? await records.load(profileId) : undefined;
      if (!record)
        throw new BusError(
          'NOT_FOUND',
          `no profile has ${identifier ? identifierKey(identifier) : `the id ${byId ?? ref}`}`,
          { identifier: ref },
        );
      return {
        profileId: record.profileId,
        identifiers: record.identifiers,
        traits: record.traits,
        firstSeen: record.firstSeen ?? record.createdAt,
        lastSeen: record.lastSeen ?? record.createdAt,
        merges: record.merges,
      };
    });
  }

  /**
   * Replays the profile's links without the one that caused `mergeId`. The group that would win the
   * merge again keeps the profile id, the other side becomes the merged-away profile again, any
   * further group is a new profile (`splitProfileIds`). Each side's traits are recomputed from its
   * own identify calls.
   */
  async unmerge(
    profileId: string,
    mergeId: string,
  ): Promise<Array<{ profileId: string; identifiers: Identifier[] }>> {
    const result = await this.graph.transaction(async (tx) => {
      const records = new ProfileRecords(tx);
      const merge = await records.merge(mergeId);
      if (!merge) throw new BusError('NOT_FOUND', `no merge ${mergeId}`, { mergeId });
      if (merge.profileId !== profileId) {
        throw new BusError(
          'VALIDATION_FAILED',
          `merge ${mergeId} merged into ${merge.profileId}, not ${profileId}`,
          {
            mergeId,
            profileId,
          },
        );
      }
      if (merge.undone) throw new BusError('CONFLICT', `merge ${mergeId} was already undone`, { mergeId });
      const links = await records.links(profileId);
      const groups = replayLinks(
        links.map((l) => ({ id: l.id, at: l.at, identifiers: l.identifiers as Identifier[] })),
        this.protection,
        { exclude: new Set([merge.linkId]) },
      );
      if (groups.length < 2) {
        throw new BusError(
          'CONFLICT',
          `other events also link the identifiers merge ${mergeId} joined; without it the profile is still one person`,
          { mergeId },
        );
      }
      const ids = splitProfileIds(
        groups,
        { profileId, mergedProfileId: merge.mergedProfileId, linkedBy: merge.linkedBy as Identifier[] },
        this.protection,
        randomUUID,
      );
      const groupOf = new Map<string, number>();
      groups.forEach((group, i) => group.forEach((identifier) => groupOf.set(identifierKey(identifier), i)));
      const linksByGroup = groups.map((): LinkRecord[] => []);
      for (const link of links) {
        const first = link.identifiers.find((i) => groupOf.has(identifierKey(i as Identifier)));
        const index = first ? (groupOf.get(identifierKey(first as Identifier)) ?? 0) : 0;
        linksByGroup[index]?.push(link);
      }
      // Every resolver's cache of owners and profiles is stale now.
      await tx.setGeneration(randomUUID());
      await records.split(
        profileId,
        mergeId,
        groups.map((identifiers, i) => ({
          profileId: ids[i] ?? profileId,
          identifiers,
          linkIds: (linksByGroup[i] ?? []).map((l) => l.id),
        })),
      );
      await tx.saveProfiles(
        groups.map((_, i) => ({ profileId: ids[i] ?? profileId, ...stateFromLinks(linksByGroup[i] ?? []) })),
      );
      return groups.map((identifiers, i) => ({ profileId: ids[i] ?? profileId, identifiers }));
    });
    await this.messaging.publish(
      PROFILE_UNMERGED,
      { mergeId, profileId, profiles: result, at: new Date().toISOString() },
      { msgId: `unmerge:${mergeId}`, key: profileId },
    );
    this.logger.info({ mergeId, profileId, profiles: result.length }, 'merge undone');
    return result;
  }

  /** Erases the person `ref` belongs to, suppresses their identifiers, audits it, tells every service. */
  async delete(
    ref: string,
    actor: string,
    reason?: string,
  ): Promise<{ profileId: string; auditId: string; identifiers: number }> {
    const identifier = this.parse(ref);
    const auditId = randomUUID();
    const erased = await this.graph.transaction(async (tx) => {
      const records = new ProfileRecords(tx);
      const profileId = await records.ownerOf(identifier);
      if (!profileId)
        throw new BusError('NOT_FOUND', `no profile has ${identifierKey(identifier)}`, { identifier: ref });
      const { identifiers, mergedProfileIds } = await records.erase(profileId);
      await tx.setGeneration(randomUUID());
      const all = identifiers.length > 0 ? identifiers : [identifier];
      await records.suppress(
        all.map((i) => suppressionHash(i as Identifier)),
        auditId,
      );
      await records.audit({
        id: auditId,
        actor,
        reason,
        identifierHash: suppressionHash(identifier),
        profileId,
        identifiers: all.length,
      });
      return { profileId, identifiers: all, mergedProfileIds };
    });
    await this.messaging.publish(
      PROFILE_DELETED,
      {
        profileId: erased.profileId,
        mergedProfileIds: erased.mergedProfileIds,
        identifiers: erased.identifiers,
        auditId,
        deletedAt: new Date().toISOString(),
      },
      { msgId: `delete:${auditId}`, key: erased.profileId },
    );
    this.logger.info(
      { auditId, profileId: erased.profileId, identifiers: erased.identifiers.length },
      'profile erased',
    );
    return { profileId: erased.profileId, auditId, identifiers: erased.identifiers.length };
  }

  private parse(ref: string): Identifier {
    try {
      return parseIdentifierRef(ref, this.protection);
    } catch (error) {
      throw new BusError('VALIDATION_FAILED', error instanceof Error ? error.message : String(error), {
        identifier: ref,
      });
    }
  }
}

function stateFromLinks(links: readonly LinkRecord[]): {
  traits: Record<string, unknown>;
  traitTimes: Record<string, string>;
  firstSeen: string;
  lastSeen: string;
} {
  let traits: ProfileTraits = { traits: {}, updatedAt: {} };
  let first = links[0]?.at ?? new Date().toISOString();
  let last = first;
  for (const link of links) {
    if (link.traits) traits = mergeTraits(traits, { traits: link.traits, timestamp: link.at });
    if (link.at < first) first = link.at;
    if (link.lastAt > last) last = link.lastAt;
  }
  return { traits: traits.traits, traitTimes: traits.updatedAt, firstSeen: first, lastSeen: last };
}
