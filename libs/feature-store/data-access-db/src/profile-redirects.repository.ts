import type pg from 'pg';

/** Where merged-away profiles live on (`feature_store.merged_profiles`). */
export class ProfileRedirects {
  constructor(private readonly pool: pg.Pool | pg.PoolClient) {}

  /** The profile each id lives on now: itself unless it was merged away. */
  async resolve(profileIds: readonly string[]): Promise<Map<string, string>> {
    const result = await this.pool.query<{ profile_id: string; merged_into: string }>(
      'SELECT profile_id, merged_into FROM feature_store.merged_profiles WHERE profile_id = ANY($1::uuid[])',
      [[...new Set(profileIds)]],
    );
    const redirects = new Map(profileIds.map((id) => [id, id]));
    for (const row of result.rows) redirects.set(row.profile_id, row.merged_into);
    return redirects;
  }

  /** `from` now lives on `to`, and so does every profile that had been merged into `from`. */
  async record(from: string, to: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO feature_store.merged_profiles (profile_id, merged_into) VALUES ($1, $2)
       ON CONFLICT (profile_id) DO UPDATE SET merged_into = excluded.merged_into, merged_at = now()`,
      [from, to],
    );
    await this.pool.query(
      'UPDATE feature_store.merged_profiles SET merged_into = $2 WHERE merged_into = $1',
      [from, to],
    );
  }

  /** These profiles exist on their own again (unmerged) or not at all (erased). */
  async clear(profileIds: readonly string[]): Promise<void> {
    await this.pool.query(
      'DELETE FROM feature_store.merged_profiles WHERE profile_id = ANY($1::uuid[]) OR merged_into = ANY($1::uuid[])',
      [[...profileIds]],
    );
  }
}
