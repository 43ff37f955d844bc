import { identifierKey, type Identifier } from './identifier-types.js';
import { sortByPriority, type ProtectionConfig } from './protection.js';
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
