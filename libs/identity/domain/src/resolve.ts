import {
  identifierKey,
  type DroppedIdentifier,
  type Identifier,
  type IdentifierType,
} from './identifier-types.js';
import { compareIdentifiers, limitOf, priorityRank, type ProtectionConfig } from './protection.js';

export interface KnownProfile {
  profileId: string;
  /** ISO timestamp; the older profile wins a tie between merge candidates. */
  createdAt: string;
  identifiers: Identifier[];
}

export interface ResolveInput {
  /** The event's identifiers, already extracted and not blocked. */
  identifiers: Identifier[];
  /** identifierKey → profileId, for the event's identifiers already in the graph. */
  owners: ReadonlyMap<string, string>;
  /** Every profile named in `owners`, with all its identifiers. */
  profiles: ReadonlyMap<string, KnownProfile>;
}

export type Resolution =
  | { kind: 'new'; attach: Identifier[]; dropped: DroppedIdentifier[] }
  | { kind: 'existing'; profileId: string; attach: Identifier[]; dropped: DroppedIdentifier[] }
  | {
      kind: 'merge';
      /** The profile that stays. */
      profileId: string;
      /** The profiles folded into it, oldest first. */
      merged: string[];
      attach: Identifier[];
      /** The event's identifiers owned by the profiles it merged: the evidence for the merge. */
      linkedBy: Identifier[];
      dropped: DroppedIdentifier[];
    };

/** Distinct values per type of a growing set of identifiers. */
class ValuesByType {
  private readonly values = new Map<IdentifierType, Set<string>>();

  add(identifier: Identifier): void {
    let values = this.values.get(identifier.type);
    if (!values) this.values.set(identifier.type, (values = new Set()));
    values.add(identifier.value);
  }

  of(type: IdentifierType): ReadonlySet<string> {
    return this.values.get(type) ?? new Set();
  }
}

function quoteList(values: Iterable<string>): string {
  const all = [...values].sort();
  const shown = all.slice(0, 5).map((value) => JSON.stringify(value));
  return all.length > shown.length
    ? `${shown.join(', ')} and ${all.length - shown.length} more`
    : shown.join(', ');
}

/**
 * Why joining `profile` to the set would break a limit, or undefined when it may join. A type's
 * count may not grow past its limit; a profile already over a limit (the limit was lowered later) is
 * not held against it as long as the merge adds nothing to that type.
 */
function joinViolation(
  set: ValuesByType,
  profile: KnownProfile,
  identifier: Identifier,
  config: ProtectionConfig,
): string | undefined {
  const incoming = new ValuesByType();
  for (const held of profile.identifiers) incoming.add(held);
  incoming.add(identifier);
  const types = [...new Set([...profile.identifiers.map((held) => held.type), identifier.type])].sort(
    (a, b) => priorityRank(a, config) - priorityRank(b, config) || (a < b ? -1 : a > b ? 1 : 0),
  );
  for (const type of types) {
    const limit = limitOf(type, config);
    const current = set.of(type);
    const theirs = incoming.of(type);
    const union = new Set([...current, ...theirs]);
    if (union.size > limit && union.size > Math.max(current.size, theirs.size)) {
      const added = [...theirs].filter((value) => !current.has(value));
      return (
        `${type} limit ${limit} reached: merging profile ${profile.profileId} (via ${identifier.type} ` +
        `${JSON.stringify(identifier.value)}) would add ${quoteList(added)} to a profile that already holds ${quoteList(current)}`
      );
    }
  }
  return undefined;
}

function byAge(a: KnownProfile, b: KnownProfile): number {
  return (
    Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
    (a.profileId < b.profileId ? -1 : a.profileId > b.profileId ? 1 : 0)
  );
}

/**
 * The decision for one event. Its identifiers are walked in priority order, growing one resolved
 * set (the profiles joined so far plus new identifiers). An identifier owned by another profile
 * joins that profile only if every type stays within its limit; otherwise the identifier is dropped
 * from this event and that profile is left alone. An unknown identifier is attached only if its
 * type's limit still holds. So two profiles with different user_ids never merge, and a shared
 * device cannot glue two logged-in people together.
 *
 * Merge winner: the profile owning the event's highest-priority identifier; ties (two profiles
 * owning identifiers of the same rank) go to the oldest `createdAt`, then the smallest id.
 *
 * An event without identifiers resolves to `new` with nothing to attach; whether that deserves a
 * profile is the caller's call.
 */
export function resolveIdentifiers(input: ResolveInput, config: ProtectionConfig): Resolution {
  const unique = new Map<string, Identifier>();
  for (const identifier of input.identifiers) unique.set(identifierKey(identifier), identifier);
  const identifiers = [...unique.values()].sort((a, b) => compareIdentifiers(a, b, config));

  const set = new ValuesByType();
  const joined: KnownProfile[] = [];
  const joinedIds = new Set<string>();
  /** The kept event identifiers, with the joined profile that owns each (undefined: new). */
  const kept: { identifier: Identifier; owner: string | undefined }[] = [];
  const dropped: DroppedIdentifier[] = [];

  for (const identifier of identifiers) {
    const owner = input.owners.get(identifierKey(identifier));
    if (owner !== undefined && joinedIds.has(owner)) {
      kept.push({ identifier, owner });
      continue;
    }
    if (owner !== undefined) {
      const profile = input.profiles.get(owner);
      if (!profile) throw new Error(`profile ${owner} owns ${identifierKey(identifier)} but was not given`);
      const violation = joinViolation(set, profile, identifier, config);
      if (violation) {
        dropped.push({ identifier, reason: violation });
        continue;
      }
      joined.push(profile);
      joinedIds.add(owner);
      for (const held of profile.identifiers) set.add(held);
      set.add(identifier);
      kept.push({ identifier, owner });
      continue;
    }
    const limit = limitOf(identifier.type, config);
    const held = set.of(identifier.type);
    // `held.has`: a stale `owners` may miss an identifier its profile lists; that adds no value.
    if (!held.has(identifier.value) && held.size + 1 > limit) {
      dropped.push({
        identifier,
        reason:
          held.size === 0
            ? `${identifier.type} limit ${limit} reached: this type is not kept`
            : `${identifier.type} limit ${limit} reached: profile already holds ${quoteList(held)}`,
      });
      continue;
    }
    set.add(identifier);
    kept.push({ identifier, owner: undefined });
  }

  const attach = kept.filter((entry) => entry.owner === undefined).map((entry) => entry.identifier);
  const [first] = joined;
  if (!first) return { kind: 'new', attach, dropped };
  if (joined.length === 1) return { kind: 'existing', profileId: first.profileId, attach, dropped };

  // Several joined profiles can own identifiers of the top rank (two emails): the oldest of them wins.
  const owned = kept.filter((entry) => entry.owner !== undefined);
  const topRank = Math.min(...owned.map((entry) => priorityRank(entry.identifier.type, config)));
  const contenders = new Set(
    owned
      .filter((entry) => priorityRank(entry.identifier.type, config) === topRank)
      .map((entry) => entry.owner),
  );
  const [winner] = joined.filter((profile) => contenders.has(profile.profileId)).sort(byAge);
  if (!winner) throw new Error('unreachable: a merge without a winner');
  return {
    kind: 'merge',
    profileId: winner.profileId,
    merged: joined
      .filter((profile) => profile !== winner)
      .sort(byAge)
      .map((profile) => profile.profileId),
    attach,
    linkedBy: owned.map((entry) => entry.identifier),
    dropped,
  };
}
