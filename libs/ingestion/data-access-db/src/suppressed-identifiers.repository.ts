import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import type { SuppressionEntry } from '@cdp/ingestion/domain';

/**
 * Writers of suppressions take it exclusively, the raw store's writers shared (per batch). So a
 * batch either commits before a suppression (and the erasure that follows deletes its rows) or
 * reads the suppression before it writes (and drops those events): none slips in between.
 */
export const SUPPRESSION_LOCK = "hashtext('ingestion.suppressed_identifiers')";

/** A connection or the pool: reads may run inside the caller's transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface SuppressionChanges {
  /** The highest `seq` read (the `after` given when nothing is new). */
  seq: number;
  keyHashes: string[];
}

/** The erased people's identifier keys (see `suppressedIdentifiers`). */
export class SuppressedIdentifiersRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Stores the keys; those already suppressed stay as they are. Returns how many are new. */
  async suppress(
    entries: readonly SuppressionEntry[],
    by: { profileId: string; auditId: string },
  ): Promise<number> {
    if (entries.length === 0) return 0;
    const sorted = [...entries].sort((a, b) => (a.keyHash < b.keyHash ? -1 : a.keyHash > b.keyHash ? 1 : 0));
    return withTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(${SUPPRESSION_LOCK})`);
      const inserted = await client.query(
        `INSERT INTO ingestion.suppressed_identifiers (key_hash, identifier_type, profile_id, audit_id)
         SELECT k, t, $3, $4 FROM unnest($1::text[], $2::text[]) AS u(k, t)
         ON CONFLICT (key_hash) DO NOTHING`,
        [sorted.map((e) => e.keyHash), sorted.map((e) => e.identifierType), by.profileId, by.auditId],
      );
      return inserted.rowCount ?? 0;
    });
  }

  /** The highest `seq` stored (0 when nobody is suppressed): one index probe. */
  async latestSeq(q: Queryable = this.pool): Promise<number> {
    const result = await q.query<{ seq: string | null }>(
      'SELECT max(seq) AS seq FROM ingestion.suppressed_identifiers',
    );
    return Number(result.rows[0]?.seq ?? 0);
  }

  /** The keys stored after `after` (a `seq`), with the new highest `seq`. */
  async since(after: number, q: Queryable = this.pool): Promise<SuppressionChanges> {
    const result = await q.query<{ key_hash: string; seq: string }>(
      'SELECT key_hash, seq FROM ingestion.suppressed_identifiers WHERE seq > $1 ORDER BY seq',
      [after],
    );
    const last = result.rows.at(-1);
    return { seq: last ? Number(last.seq) : after, keyHashes: result.rows.map((row) => row.key_hash) };
  }
}
