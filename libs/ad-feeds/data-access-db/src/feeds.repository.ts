import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';

export interface IncomingChange {
  seq: number;
  audienceId: string;
  profileId: string;
  change: 'entered' | 'exited';
  at: Date;
}

export type IdentifierKind = 'email' | 'phone' | 'maid' | 'user_id';

export interface IdentifierRow {
  profileId: string;
  kind: IdentifierKind;
  value: string;
}

export interface FeedRow {
  profileId: string;
  /** Delta rows only. */
  localSeq?: number;
  change?: 'entered' | 'exited';
  identifiers: Array<{ kind: IdentifierKind; value: string }>;
}

/** One lock for every write the log and the index follow, so their sequence numbers are commit order. */
const LOG_LOCK = 7_220_001;

/** Activation's memberships as ad platforms read them: the change log, current members, identifiers. */
export class FeedsRepository {
  constructor(private readonly pool: pg.Pool) {}

  async upsertAudiences(rows: ReadonlyArray<{ id: string; name: string; key: string }>): Promise<void> {
    if (rows.length === 0) return;
    await this.pool.query(
      `INSERT INTO ad_feeds.audiences (id, name, key) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, key = excluded.key, updated_at = now()`,
      [rows.map((r) => r.id), rows.map((r) => r.name), rows.map((r) => r.key)],
    );
  }

  async audiences(): Promise<Array<{ id: string; name: string; key: string }>> {
    return (
      await this.pool.query<{ id: string; name: string; key: string }>(
        'SELECT id, name, key FROM ad_feeds.audiences',
      )
    ).rows;
  }

  /** The newest activation change seen: catch-up asks for what came after. */
  async lastActivationSeq(): Promise<number> {
    const result = await this.pool.query<{ seq: string | null }>(
      'SELECT max(seq) AS seq FROM ad_feeds.changes',
    );
    return Number(result.rows[0]?.seq ?? 0);
  }

  /**
   * Applies changes in activation's order. A change older than the pair's newest applied one (a
   * late delivery) or already seen changes nothing and is not logged, so the log replays to the
   * state. Returns how many moved a member.
   */
  async applyChanges(changes: readonly IncomingChange[]): Promise<number> {
    if (changes.length === 0) return 0;
    const sorted = [...changes].sort((a, b) => a.seq - b.seq);
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      let moved = 0;
      for (const c of sorted) {
        const applied = await client.query<{ inserted: boolean }>(
          `INSERT INTO ad_feeds.memberships AS m (audience_id, profile_id, member, seq) VALUES ($1, $2, $3, $4)
           ON CONFLICT (audience_id, profile_id) DO UPDATE SET member = excluded.member, seq = excluded.seq
           WHERE m.seq < excluded.seq AND m.member <> excluded.member
           RETURNING (xmax = 0) AS inserted`,
          [c.audienceId, c.profileId, c.change === 'entered', c.seq],
        );
        const row = applied.rows[0];
        // An exit of someone never seen in (history from before this service) moves nobody.
        if (!row || (row.inserted && c.change === 'exited')) {
          // Not a move (stale, duplicate or already in that state): keep the newest seq only.
          await client.query(
            `UPDATE ad_feeds.memberships SET seq = $3 WHERE audience_id = $1 AND profile_id = $2 AND seq < $3`,
            [c.audienceId, c.profileId, c.seq],
          );
          continue;
        }
        await client.query(
          `INSERT INTO ad_feeds.changes (seq, audience_id, profile_id, change, at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (seq) DO NOTHING`,
          [c.seq, c.audienceId, c.profileId, c.change, c.at],
        );
        moved += 1;
      }
      return moved;
    });
  }

  async addIdentifiers(rows: readonly IdentifierRow[]): Promise<void> {
    if (rows.length === 0) return;
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      await client.query(
        `INSERT INTO ad_feeds.identifiers (profile_id, kind, value)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((r) => r.profileId), rows.map((r) => r.kind), rows.map((r) => r.value)],
      );
    });
  }

  /** The merged profile's identifiers move to the survivor; replicas hear of it through `removals`. */
  async merge(survivorId: string, mergedId: string): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      await client.query(
        `INSERT INTO ad_feeds.identifiers (profile_id, kind, value)
         SELECT $1, kind, value FROM ad_feeds.identifiers WHERE profile_id = $2 ON CONFLICT DO NOTHING`,
        [survivorId, mergedId],
      );
      await client.query('DELETE FROM ad_feeds.identifiers WHERE profile_id = $1', [mergedId]);
      await client.query('INSERT INTO ad_feeds.removals (profile_id, into_profile_id) VALUES ($1, $2)', [
        mergedId,
        survivorId,
      ]);
    });
  }

  /**
   * Erasure: identifiers and the profiles' entries in the log go. Exits stay (a profile id and no
   * more), so a delta from an old cursor still removes them; activation publishes them too.
   */
  async erase(profileIds: readonly string[]): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [LOG_LOCK]);
      await client.query('DELETE FROM ad_feeds.identifiers WHERE profile_id = ANY($1::uuid[])', [profileIds]);
      await client.query(
        `DELETE FROM ad_feeds.changes WHERE profile_id = ANY($1::uuid[]) AND change = 'entered'`,
        [profileIds],
      );
      await client.query('INSERT INTO ad_feeds.removals (profile_id) SELECT unnest($1::uuid[])', [
        profileIds,
      ]);
    });
  }

  /**
   * Runs `read` in one REPEATABLE READ snapshot with the log's current end as the cursor: the rows
   * read and the cursor describe the same moment.
   */
  async atCursor<T>(read: (reader: FeedReader, cursor: number) => Promise<T>): Promise<T> {
    return withTransaction(
      this.pool,
      async (client) => {
        const cursor = Number(
          (await client.query<{ c: string | null }>('SELECT max(local_seq) AS c FROM ad_feeds.changes'))
            .rows[0]?.c ?? 0,
        );
        return read(new FeedReader(client, cursor), cursor);
      },
      'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
    );
  }

  /** Current member counts per audience, and of each pair of `audienceIds` (overlap). */
  async sizes(
    audienceIds: readonly string[],
  ): Promise<{ sizes: Map<string, number>; overlaps: Map<string, number> }> {
    const sizes = new Map<string, number>();
    const overlaps = new Map<string, number>();
    if (audienceIds.length === 0) return { sizes, overlaps };
    const counted = await this.pool.query<{ audienceId: string; n: number }>(
      `SELECT audience_id AS "audienceId", count(*)::int AS n FROM ad_feeds.memberships
       WHERE member AND audience_id = ANY($1::uuid[]) GROUP BY audience_id`,
      [audienceIds],
    );
    for (const r of counted.rows) sizes.set(r.audienceId, r.n);
    const pairs = await this.pool.query<{ a: string; b: string; n: number }>(
      `SELECT x.audience_id AS a, y.audience_id AS b, count(*)::int AS n
       FROM ad_feeds.memberships x JOIN ad_feeds.memberships y ON x.profile_id = y.profile_id AND x.audience_id < y.audience_id
       WHERE x.member AND y.member AND x.audience_id = ANY($1::uuid[]) AND y.audience_id = ANY($1::uuid[])
       GROUP BY 1, 2`,
      [audienceIds],
    );
    for (const r of pairs.rows) overlaps.set(`${r.a}|${r.b}`, r.n);
    return { sizes, overlaps };
  }

  // ---- what each replica's in-memory index follows ------------------------------------------

  /** Current members in (profile, audience) order after `after`: the warm-up, a page at a time. */
  async membersPage(
    after: { profileId: string; audienceId: string } | null,
    limit: number,
  ): Promise<Array<{ profileId: string; audienceId: string }>> {
    const result = await this.pool.query<{ profileId: string; audienceId: string }>(
      `SELECT profile_id AS "profileId", audience_id AS "audienceId" FROM ad_feeds.memberships
       WHERE member AND ($1::uuid IS NULL OR (profile_id, audience_id) > ($1::uuid, $2::uuid))
       ORDER BY profile_id, audience_id LIMIT $3`,
      [after?.profileId ?? null, after?.audienceId ?? null, limit],
    );
    return result.rows;
  }

  async changesAfter(localSeq: number, limit: number): Promise<Array<IncomingChange & { localSeq: number }>> {
    const result = await this.pool.query<IncomingChange & { localSeq: string; seq: string }>(
      `SELECT local_seq AS "localSeq", seq, audience_id AS "audienceId", profile_id AS "profileId", change, at
       FROM ad_feeds.changes WHERE local_seq > $1 ORDER BY local_seq LIMIT $2`,
      [localSeq, limit],
    );
    return result.rows.map((r) => ({ ...r, localSeq: Number(r.localSeq), seq: Number(r.seq) }));
  }

  async identifiersAfter(seq: number, limit: number): Promise<Array<IdentifierRow & { seq: number }>> {
    const result = await this.pool.query<IdentifierRow & { seq: string }>(
      `SELECT seq, profile_id AS "profileId", kind, value FROM ad_feeds.identifiers WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  async removalsAfter(
    seq: number,
    limit: number,
  ): Promise<Array<{ seq: number; profileId: string; intoProfileId: string | null }>> {
    const result = await this.pool.query<{ seq: string; profileId: string; intoProfileId: string | null }>(
      `SELECT seq, profile_id AS "profileId", into_profile_id AS "intoProfileId" FROM ad_feeds.removals
       WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [seq, limit],
    );
    return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** Where each log ends now: the index starts following from here after its warm-up. */
  async ends(): Promise<{ changes: number; identifiers: number; removals: number }> {
    const result = await this.pool.query<{ c: string | null; i: string | null; r: string | null }>(
      `SELECT (SELECT max(local_seq) FROM ad_feeds.changes) AS c, (SELECT max(seq) FROM ad_feeds.identifiers) AS i,
         (SELECT max(seq) FROM ad_feeds.removals) AS r`,
    );
    const row = result.rows[0];
    return { changes: Number(row?.c ?? 0), identifiers: Number(row?.i ?? 0), removals: Number(row?.r ?? 0) };
  }
}

/** Reads inside one snapshot (see `FeedsRepository.atCursor`). */
export class FeedReader {
  constructor(
    private readonly client: pg.PoolClient,
    readonly cursor: number,
  ) {}

  /** Current members with their identifiers, in profile order after `afterProfile`. */
  async members(audienceId: string, afterProfile: string | null, limit: number): Promise<FeedRow[]> {
    const result = await this.client.query<{ profileId: string; identifiers: FeedRow['identifiers'] | null }>(
      `SELECT m.profile_id AS "profileId",
         (SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value)
          FROM ad_feeds.identifiers i WHERE i.profile_id = m.profile_id) AS identifiers
       FROM ad_feeds.memberships m
       WHERE m.audience_id = $1 AND m.member AND ($2::uuid IS NULL OR m.profile_id > $2::uuid)
       ORDER BY m.profile_id LIMIT $3`,
      [audienceId, afterProfile, limit],
    );
    return result.rows.map((r) => ({ profileId: r.profileId, identifiers: r.identifiers ?? [] }));
  }

  /** The audience's log entries in (since, cursor], in order, with identifiers. */
  async changes(audienceId: string, since: number, limit: number): Promise<FeedRow[]> {
    const result = await this.client.query<{
      profileId: string;
      localSeq: string;
      change: 'entered' | 'exited';
      identifiers: FeedRow['identifiers'] | null;
    }>(
      `SELECT c.profile_id AS "profileId", c.local_seq AS "localSeq", c.change,
         (SELECT json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value)
          FROM ad_feeds.identifiers i WHERE i.profile_id = c.profile_id) AS identifiers
       FROM ad_feeds.changes c
       WHERE c.audience_id = $1 AND c.local_seq > $2 AND c.local_seq <= $3 ORDER BY c.local_seq LIMIT $4`,
      [audienceId, since, this.cursor, limit],
    );
    return result.rows.map((r) => ({
      profileId: r.profileId,
      localSeq: Number(r.localSeq),
      change: r.change,
      identifiers: r.identifiers ?? [],
    }));
  }

  async size(audienceId: string): Promise<number> {
    const result = await this.client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM ad_feeds.memberships WHERE audience_id = $1 AND member',
      [audienceId],
    );
    return result.rows[0]?.n ?? 0;
  }
}
