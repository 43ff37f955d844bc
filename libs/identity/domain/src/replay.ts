import { identifierKey, type Identifier } from './identifier-types.js';
import { compareIdentifiers, sortByPriority, type ProtectionConfig } from './protection.js';
import { resolveIdentifiers, type KnownProfile } from './resolve.js';

/** The identifiers one event brought together, as kept after protection. */
export interface Link {
  id: string;
  /** ISO timestamp of the event. */
  at: string;
  identifiers: Identifier[];
}

export interface ReplayOptions {
  /** Link ids to leave out (the wrong merge being undone). */
  exclude: ReadonlySet<string>;
}

function compareLinks(a: Link, b: Link): number {
  return Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Rebuilds profiles from scratch by resolving the links in `at` order (then id) with the same rules
 * as live events, leaving out the excluded ones. Returns one group of identifiers per profile, each
 * highest priority first; the group holding the earliest link comes first.
 *
 * Used to split a wrong merge: replay a profile's links without the link that merged it. An
 * identifier that lands in no group (it appeared only in excluded links, or limits dropped it every
 * time) belongs to nobody afterwards, as if those events had never linked it.
 */
export function replayLinks(
  links: readonly Link[],
  config: ProtectionConfig,
  options: ReplayOptions,
): Identifier[][] {
  const ordered = links.filter((link) => !options.exclude.has(link.id)).sort(compareLinks);
  const owners = new Map<string, string>();
  const profiles = new Map<string, KnownProfile>();
  /** profileId → index (in `ordered`) of the earliest link in it. */
  const earliest = new Map<string, number>();
  let created = 0;

  const own = (profile: KnownProfile, identifiers: Identifier[]) => {
    for (const identifier of identifiers) {
      profile.identifiers.push(identifier);
      owners.set(identifierKey(identifier), profile.profileId);
    }
  };

  ordered.forEach((link, index) => {
    const resolution = resolveIdentifiers({ identifiers: link.identifiers, owners, profiles }, config);
    if (resolution.kind === 'new') {
      if (resolution.attach.length === 0) return;
      // Zero-padded, so "smallest id" (the last tie-break) is also creation order.
      const profile: KnownProfile = {
        profileId: `replay-${String(created++).padStart(12, '0')}`,
        createdAt: link.at,
        identifiers: [],
      };
      profiles.set(profile.profileId, profile);
      earliest.set(profile.profileId, index);
      own(profile, resolution.attach);
      return;
    }
    const winner = profiles.get(resolution.profileId);
    if (!winner) throw new Error(`unreachable: replay lost profile ${resolution.profileId}`);
    if (resolution.kind === 'merge') {
      for (const loserId of resolution.merged) {
        const loser = profiles.get(loserId);
        if (!loser) throw new Error(`unreachable: replay lost profile ${loserId}`);
        own(winner, loser.identifiers);
        earliest.set(
          winner.profileId,
          Math.min(earliest.get(winner.profileId) ?? index, earliest.get(loserId) ?? index),
        );
        profiles.delete(loserId);
        earliest.delete(loserId);
      }
    }
    own(winner, resolution.attach);
  });

  return [...profiles.values()]
    .sort((a, b) => (earliest.get(a.profileId) ?? 0) - (earliest.get(b.profileId) ?? 0))
    .map((profile) => sortByPriority(profile.identifiers, config));
}

export interface UndoneMerge {
  /** The profile that won the merge and holds everything now. */
  profileId: string;
  /** The profile it absorbed. */
  mergedProfileId: string;
  /** The merging event's identifiers held by either side. */
  linkedBy: readonly Identifier[];
}

/**
 * Which profile id each replayed group takes when a merge is undone: the group holding the
 * highest-priority identifier keeps the surviving profile's id, as it would win the merge again
 * (ties: the earlier group); the group holding one of the merging event's other identifiers gets
 * the absorbed profile's id back (else the earliest group left); any further group is a new profile.
 */
export function splitProfileIds(
  groups: ReadonlyArray<readonly Identifier[]>,
  merge: UndoneMerge,
  config: ProtectionConfig,
  newId: () => string,
): string[] {
  const ids: Array<string | undefined> = groups.map(() => undefined);
  let keep = 0;
  groups.forEach((group, index) => {
    const best = group[0];
    const current = groups[keep]?.[0];
    if (best && (!current || compareIdentifiers(best, current, config) < 0)) keep = index;
  });
  ids[keep] = merge.profileId;
  const linked = new Set(merge.linkedBy.map(identifierKey));
  const revived = groups.findIndex(
    (group, index) => index !== keep && group.some((i) => linked.has(identifierKey(i))),
  );
  const back = revived >= 0 ? revived : ids.findIndex((id) => id === undefined);
  if (back >= 0) ids[back] = merge.mergedProfileId;
  return ids.map((id) => id ?? newId());
}
