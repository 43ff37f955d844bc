import type { DayMeasures, Measure } from '@cdp/feature-store/domain';
import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import { dayMeasuresSql, MEASURE_SETTINGS } from './measure-sql.js';
import { lockProfiles } from './profile-locks.js';

/** One profile's measures for one UTC day, as the offline SQL computes them. */
export interface OfflineDay {
  profileId: string;
  /** `YYYY-MM-DD`. */
  day: string;
  measures: DayMeasures;
}

export interface ComputeOptions {
  /** Only these profiles (all when absent). */
  profileIds?: readonly string[];
  /** Only events with a timestamp at or before this instant (ISO 8601): a read as of then. */
  until?: string;
}

export interface BackfillProgress {
  /** Profiles recomputed so far. */
  done: number;
  /** Profiles to recompute (counted when the backfill starts). */
  total: number;
}

export interface BackfillOptions {
  /** Profiles per transaction (default 500). */
  chunkSize?: number;
  onProgress?: (progress: BackfillProgress) => void;
}

export interface BackfillResult {
  profiles: number;
  /** Days written. */
  days: number;
}

/** A row of `trainingRows`: a profile, and the instant its measures are read as of. */
export interface TrainingPoint {
  profileId: string;
  /** ISO 8601. */
  at: string;
}

/** Every profile id with events or online days (a backfill also clears days no event backs any more). */
const PROFILES_AFTER = `
  SELECT profile_id FROM (
    (SELECT DISTINCT profile_id FROM feature_store.events
     WHERE $1::uuid IS NULL OR profile_id > $1::uuid ORDER BY profile_id LIMIT $2)
    UNION
    (SELECT DISTINCT profile_id FROM feature_store.daily
     WHERE $1::uuid IS NULL OR profile_id > $1::uuid ORDER BY profile_id LIMIT $2)
  ) AS p ORDER BY profile_id LIMIT $2`;

/**
 * A chunk of `profilesAfter` as the range of ids from its first ($1) to its last ($2): every profile
 * in that range is in the chunk, and a range reads the (profile_id, ts) index as one scan.
 */
const CHUNK = 'e.profile_id >= $1::uuid AND e.profile_id <= $2::uuid';

const PROFILE_COUNT = `
  SELECT count(*)::int AS n FROM (
    SELECT profile_id FROM feature_store.events UNION SELECT profile_id FROM feature_store.daily) AS p`;

/**
 * The offline side of the measures: the same `DayMeasures` the online store keeps, computed in one
 * set-based statement from `feature_store.events` (see measure-sql.ts). Serves the backfill of a new
 * definition version, point-in-time reads and training rows without leakage.
 */
export class OfflineMeasures {
  constructor(private readonly pool: pg.Pool) {}

  /** The measures of every (profile, day) with a matching event, restricted by `options`. */
  async compute(measures: ReadonlyMap<string, Measure>, options: ComputeOptions = {}): Promise<OfflineDay[]> {
    if (options.profileIds?.length === 0) return [];
    const params: unknown[] = [];
    const where: string[] = [];
    if (options.profileIds) where.push(`e.profile_id = ANY($${params.push(options.profileIds)}::uuid[])`);
    return this.select(measures, where, params, options.until);
  }

  /** `compute` as profile → day (ascending) → measures; profiles without a day are absent. */
  async profiles(
    measures: ReadonlyMap<string, Measure>,
    profileIds?: readonly string[],
    until?: string,
  ): Promise<Map<string, Map<string, DayMeasures>>> {
    const options: ComputeOptions = {};
    if (profileIds) options.profileIds = profileIds;
    if (until !== undefined) options.until = until;
    const byProfile = new Map<string, Map<string, DayMeasures>>();
    for (const { profileId, day, measures: dayMeasures } of await this.compute(measures, options)) {
      let days = byProfile.get(profileId);
      if (!days) {
        days = new Map();
        byProfile.set(profileId, days);
      }
      days.set(day, dayMeasures);
    }
    return byProfile;
  }

  /** A profile's days as of `asOf` (events with a timestamp at or before it), day → measures. */
  async pointInTime(
    measures: ReadonlyMap<string, Measure>,
    profileId: string,
    asOf: string,
  ): Promise<Map<string, DayMeasures>> {
    const days = await this.compute(measures, { profileIds: [profileId], until: asOf });
    return new Map(days.map((d) => [d.day, d.measures]));
  }

  /**
   * Per input row, in input order: that profile's days as of the row's `at`. One statement for all
   * rows: each row joins only the events at or before its own `at`, so two rows of one profile at
   * different times each see their own past and nothing after it.
   */
  async trainingRows(
    measures: ReadonlyMap<string, Measure>,
    rows: readonly TrainingPoint[],
  ): Promise<Array<Map<string, DayMeasures>>> {
    const result = rows.map(() => new Map<string, DayMeasures>());
    if (measures.size === 0 || rows.length === 0) return result;
    const sql = dayMeasuresSql(measures, {
      from: `unnest($1::uuid[], $2::timestamptz[]) WITH ORDINALITY AS r(profile_id, until, row_no)
        JOIN feature_store.events e ON e.profile_id = r.profile_id AND e.ts <= r.until`,
      keys: [{ sql: 'r.row_no', as: 'row_no' }],
    });
    const found = await this.read<{ row_no: string; day: string; measures: string }>(
      `${sql}\nORDER BY row_no, day`,
      [rows.map((r) => r.profileId), rows.map((r) => r.at)],
    );
    for (const row of found) result[Number(row.row_no) - 1]?.set(row.day, parseMeasures(row.measures));
    return result;
  }

  /**
   * A keyset page of the profiles a backfill covers (those with events or online days), in id
   * order after `afterProfileId` (from the first when null).
   */
  async profilesAfter(afterProfileId: string | null, limit: number): Promise<string[]> {
    const result = await this.pool.query<{ profile_id: string }>(PROFILES_AFTER, [afterProfileId, limit]);
    return result.rows.map((r) => r.profile_id);
  }

  /**
   * Every profile's days, a chunk of profiles at a time (keyset paginated, so the events are read
   * once whatever their number): for an export, or a backfill elsewhere.
   */
  /** Profiles with events or online days: what a backfill goes through. */
  async profileCount(): Promise<number> {
    return (await this.pool.query<{ n: number }>(PROFILE_COUNT)).rows[0]?.n ?? 0;
  }

  async *stream(
    measures: ReadonlyMap<string, Measure>,
    options: { chunkSize?: number; until?: string } = {},
  ): AsyncGenerator<{ profileIds: string[]; days: OfflineDay[] }> {
    const chunkSize = options.chunkSize ?? 500;
    let after: string | null = null;
    for (;;) {
      const profileIds = await this.profilesAfter(after, chunkSize);
      const [first, last] = [profileIds[0], profileIds[profileIds.length - 1]];
      if (first === undefined || last === undefined) return;
      const days = await this.select(measures, [CHUNK], [first, last], options.until);
      yield { profileIds, days };
      after = last;
    }
  }

  /**
   * Recomputes `feature_store.daily` from the events for every profile, a chunk at a time: each
   * chunk's days are deleted and written again in one transaction, so a reader sees a profile's old
   * days or its new ones, never a mix. Profiles whose events are gone lose their days.
   */
  async backfill(
    measures: ReadonlyMap<string, Measure>,
    options: BackfillOptions = {},
  ): Promise<BackfillResult> {
    const chunkSize = options.chunkSize ?? 500;
    const total = (await this.pool.query<{ n: number }>(PROFILE_COUNT)).rows[0]?.n ?? 0;
    const insert =
      measures.size === 0
        ? undefined
        : `INSERT INTO feature_store.daily (profile_id, day, measures)
           SELECT profile_id, day::date, measures::jsonb FROM (${dayMeasuresSql(measures, {
             from: 'feature_store.events e',
             where: CHUNK,
             keys: [{ sql: 'e.profile_id', as: 'profile_id' }],
           })}) AS computed
           ON CONFLICT (profile_id, day) DO UPDATE SET measures = excluded.measures, updated_at = now()`;
    let done = 0;
    let days = 0;
    let after: string | null = null;
    options.onProgress?.({ done, total });
    for (;;) {
      const profileIds = await this.profilesAfter(after, chunkSize);
      const [first, last] = [profileIds[0], profileIds[profileIds.length - 1]];
      if (first === undefined || last === undefined) break;
      days += await this.transaction(async (client) => {
        // Online writers of these profiles wait, then read the recomputed days.
        await lockProfiles(client, profileIds);
        await client.query(
          'DELETE FROM feature_store.daily WHERE profile_id >= $1::uuid AND profile_id <= $2::uuid',
          [first, last],
        );
        // ON CONFLICT: an online write may have added a day of these profiles since the delete.
        return insert ? ((await client.query(insert, [first, last])).rowCount ?? 0) : 0;
      });
      done += profileIds.length;
      after = last;
      // Profiles that arrived since the count make `done` overtake it: the total grows with them.
      options.onProgress?.({ done, total: Math.max(total, done) });
    }
    return { profiles: done, days };
  }

  /** `dayMeasuresSql` over the events passing `where` (and `until`), read into days. */
  private async select(
    measures: ReadonlyMap<string, Measure>,
    where: readonly string[],
    params: unknown[],
    until: string | undefined,
  ): Promise<OfflineDay[]> {
    if (measures.size === 0) return [];
    const conditions = [...where];
    if (until !== undefined) conditions.push(`e.ts <= $${params.push(until)}::timestamptz`);
    const sql = dayMeasuresSql(measures, {
      from: 'feature_store.events e',
      where: conditions.join(' AND ') || undefined,
      keys: [{ sql: 'e.profile_id', as: 'profile_id' }],
    });
    const rows = await this.read<{ profile_id: string; day: string; measures: string }>(
      `${sql}\nORDER BY profile_id, day`,
      params,
    );
    return rows.map((r) => ({ profileId: r.profile_id, day: r.day, measures: parseMeasures(r.measures) }));
  }

  /** A read in a transaction of its own, with the float output `jsNumberTextSql` needs. */
  private async read<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
    return this.transaction(async (client) => (await client.query<T>(sql, params)).rows, 'BEGIN READ ONLY');
  }

  private transaction<T>(fn: (client: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    return withTransaction(
      this.pool,
      async (client) => {
        await client.query(MEASURE_SETTINGS);
        return fn(client);
      },
      begin,
    );
  }
}

/** The statement's JSON text of a day's measures (see `dayMeasuresSql`). */
function parseMeasures(text: string): DayMeasures {
  return JSON.parse(text) as DayMeasures;
}
