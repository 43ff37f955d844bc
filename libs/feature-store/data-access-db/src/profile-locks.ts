import type pg from 'pg';

/**
 * Profiles are locked by stripe: a profile's id hashes to one of this many advisory locks. A batch
 * touches thousands of profiles, and PostgreSQL's shared lock table holds only
 * max_locks_per_transaction × max_connections locks (6,400 by default): one lock per profile could
 * exhaust it with two batches in flight. Two writers on different profiles of one stripe wait for
 * each other, which batches of many profiles mostly do anyway.
 */
export const PROFILE_LOCK_STRIPES = 1_024;

/** The first key of the two-key advisory locks: the feature store's profiles ('fs' 'pr'). */
const LOCK_SPACE = 0x6673_7072;

/** A profile id's stripe: FNV-1a of its lower-cased text (the same in every process). */
export function profileStripe(profileId: string): number {
  const text = profileId.toLowerCase();
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % PROFILE_LOCK_STRIPES;
}

/**
 * Holds the profiles until the transaction ends, so two writers (online updates, merges, a
 * backfill chunk) never read-modify-write one profile's days at once. Stripes are taken in one
 * order (ascending), so two writers taking their locks in one call cannot deadlock; `unnest`
 * without ORDER BY yields the array as given, so the locks follow that order. Taking a stripe the
 * transaction holds already is a no-op (advisory locks are re-entrant).
 */
export async function lockProfiles(client: pg.PoolClient, profileIds: readonly string[]): Promise<void> {
  const stripes = [...new Set(profileIds.map(profileStripe))].sort((a, b) => a - b);
  if (stripes.length === 0) return;
  await client.query('SELECT pg_advisory_xact_lock($1::int, s) FROM unnest($2::int[]) AS s', [
    LOCK_SPACE,
    stripes,
  ]);
}
