import type pg from 'pg';

/**
 * Holds the profiles until the transaction ends, so two writers (online updates, merges, a
 * backfill chunk) never read-modify-write one profile's days at once. Taken in one order (sorted
 * ids), so two writers cannot deadlock on them; `unnest` without ORDER BY yields the array as given,
 * so the locks follow that order.
 */
export async function lockProfiles(client: pg.PoolClient, profileIds: readonly string[]): Promise<void> {
  const sorted = [...new Set(profileIds.map((id) => id.toLowerCase()))].sort();
  if (sorted.length === 0) return;
  await client.query(
    `SELECT pg_advisory_xact_lock(hashtextextended('feature_store.profile:' || id, 0))
     FROM unnest($1::text[]) AS id`,
    [sorted],
  );
}
