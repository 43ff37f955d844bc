import type pg from 'pg';

/** Where each profile's facts now live: its survivor when it was merged away, else itself. */
export async function survivorsOf(
  client: pg.Pool | pg.PoolClient,
  rows: ReadonlyArray<{ profileId: string }>,
): Promise<(profileId: string) => string> {
  const ids = [...new Set(rows.map((r) => r.profileId))];
  if (ids.length === 0) return (id) => id;
  const result = await client.query<{ profile_id: string; merged_into: string }>(
    'SELECT profile_id, merged_into FROM activation.merged_profiles WHERE profile_id = ANY($1::uuid[])',
    [ids],
  );
  const redirects = new Map(result.rows.map((r) => [r.profile_id, r.merged_into]));
  return (id) => redirects.get(id) ?? id;
}
