import type { DayMeasures } from '@cdp/feature-store/domain';
import type pg from 'pg';

export interface DailyMeasuresRow {
  profileId: string;
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  measures: DayMeasures;
}

/** A batch of rows as one JSON parameter; `jsonb_to_recordset` reads it. */
const ROWS = `jsonb_to_recordset($1::jsonb) AS r(profile_id uuid, day date, measures jsonb)`;

/** The online measures (`feature_store.daily`): one `DayMeasures` per profile and UTC day. */
export class DailyMeasuresStore {
  /** A pool, or a client inside a transaction the caller holds (every method is one statement). */
  constructor(private readonly pool: pg.Pool | pg.PoolClient) {}

  /** Profile → day (ascending) → measures, from `fromDay` on when given. */
  async load(
    profileIds: readonly string[],
    fromDay?: string,
  ): Promise<Map<string, Map<string, DayMeasures>>> {
    const byProfile = new Map<string, Map<string, DayMeasures>>();
    if (profileIds.length === 0) return byProfile;
    const result = await this.pool.query<{ profile_id: string; day: string; measures: DayMeasures }>(
      `SELECT profile_id, day::text AS day, measures FROM feature_store.daily
       WHERE profile_id = ANY($1::uuid[]) AND ($2::date IS NULL OR day >= $2::date)
       ORDER BY profile_id, day`,
      [profileIds, fromDay ?? null],
    );
    for (const row of result.rows) {
      let days = byProfile.get(row.profile_id);
      if (!days) {
        days = new Map();
        byProfile.set(row.profile_id, days);
      }
      days.set(row.day, row.measures);
    }
    return byProfile;
  }

  /**
   * Writes each row's measures, replacing what the day held. Of repeats, the last row wins. Empty
   * measures (no key: nothing matched) are no row at all: the day's row, if any, is deleted.
   */
  async save(rows: readonly DailyMeasuresRow[]): Promise<void> {
    const records = recordsOf(rows);
    if (records.length === 0) return;
    // The two parts touch different rows (a day is either emptied or written).
    await this.pool.query(
      `WITH input AS (SELECT profile_id, day, measures FROM ${ROWS}),
       emptied AS (
         DELETE FROM feature_store.daily d USING input i
         WHERE d.profile_id = i.profile_id AND d.day = i.day AND i.measures = '{}'::jsonb)
       INSERT INTO feature_store.daily AS d (profile_id, day, measures)
       SELECT profile_id, day, measures FROM input WHERE measures <> '{}'::jsonb
       ON CONFLICT (profile_id, day) DO UPDATE SET measures = excluded.measures, updated_at = now()`,
      [JSON.stringify(records)],
    );
  }

  /** Deletes the days of erased profiles; returns how many rows. */
  async deleteProfiles(profileIds: readonly string[]): Promise<number> {
    if (profileIds.length === 0) return 0;
    const result = await this.pool.query(
      'DELETE FROM feature_store.daily WHERE profile_id = ANY($1::uuid[])',
      [profileIds],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Makes `days` the profile's whole history (after a merge, an unmerge or a recompute): days not in
   * it (or with empty measures) are deleted, the others written, in one statement and so one
   * transaction. The two parts touch different rows (a day is either deleted or written), so
   * neither sees the other's work.
   */
  async replaceProfile(profileId: string, days: ReadonlyMap<string, DayMeasures>): Promise<void> {
    const records = recordsOf([...days].map(([day, measures]) => ({ profileId, day, measures })));
    await this.pool.query(
      `WITH input AS (SELECT profile_id, day, measures FROM ${ROWS}),
       gone AS (
         DELETE FROM feature_store.daily d WHERE d.profile_id = $2::uuid
         AND NOT EXISTS (SELECT 1 FROM input i WHERE i.day = d.day AND i.measures <> '{}'::jsonb))
       INSERT INTO feature_store.daily AS d (profile_id, day, measures)
       SELECT profile_id, day, measures FROM input WHERE measures <> '{}'::jsonb
       ON CONFLICT (profile_id, day) DO UPDATE SET measures = excluded.measures, updated_at = now()`,
      [JSON.stringify(records), profileId],
    );
  }
}

/**
 * Rows as `ROWS` reads them, the last of each (profile, day), in key order: one upsert cannot touch
 * a row twice, and concurrent writers locking rows in one order cannot deadlock.
 */
function recordsOf(
  rows: readonly DailyMeasuresRow[],
): Array<{ profile_id: string; day: string; measures: DayMeasures }> {
  const last = new Map<string, DailyMeasuresRow>();
  for (const row of rows) last.set(`${row.profileId} ${row.day}`, row);
  return [...last.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, row]) => ({ profile_id: row.profileId, day: row.day, measures: row.measures }));
}
