import { checkout, withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import type { StoredIdentifier } from './links.table.js';

/** A profile as resolution needs it: every identifier it holds, and its traits. */
export interface GraphProfile {
  profileId: string;
  createdAt: string;
  identifiers: StoredIdentifier[];
  traits: Record<string, unknown>;
  traitTimes: Record<string, string>;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface NewLink {
  id: string;
  /** See `links.link_key`: `set:<hash>` for a repeatable identifier set, `event:...` for one event. */
  key: string;
  profileId: string;
  /** The first event's source and messageId. */
  sourceId: string;
  messageId: string;
  at: string;
  lastAt: string;
  identifiers: StoredIdentifier[];
  traits: Record<string, unknown> | null;
}

export interface MergeRecord {
  mergeId: string;
  profileId: string;
  mergedProfileId: string;
  linkId: string;
  linkedBy: StoredIdentifier[];
  sourceId: string;
  eventMessageId: string;
  at: string;
}

export interface DroppedRecord {
  sourceId: string;
  messageId: string;
  type: string;
  value: string;
  reason: string;
  profileId: string | null;
}

export interface ProfileState {
  profileId: string;
  traits: Record<string, unknown>;
  traitTimes: Record<string, string>;
  firstSeen: string;
  lastSeen: string;
}

const GRAPH_LOCK = "hashtext('identity.graph')";
/** Held from just before a resolution commits until its results are published (session lock). */
const PUBLISH_LOCK = "hashtext('identity.publish')";

/** A committed transaction whose place in the publish order is held until `release()`. */
export interface OrderedCommit<T> {
  result: T;
  /** Lets the next commit (of any process) go: call once this one's results are published. */
  release(): Promise<void>;
}

/**
 * The identity graph in PostgreSQL. Every change happens inside `transaction`, which holds one
 * advisory lock: replicas resolve one batch at a time, so two of them can never give one new
 * identifier two profiles, and what a batch read is still true when it writes.
 */
export class IdentityGraph {
  constructor(private readonly pool: pg.Pool) {}

  async transaction<T>(fn: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    return this.run('BEGIN', true, fn);
  }

  /**
   * A transaction whose results are published after it commits, in commit order across every
   * process: before committing it takes the publish lock, on a connection of its own, which the
   * previous commit holds until its results are published. So publishes follow commits one at a
   * time, while the next transaction already reads and computes. Call `release()` once published
   * (also after a failed publish); a process that dies holding it loses its session, and the lock.
   */
  async orderedTransaction<T>(fn: (tx: GraphTransaction) => Promise<T>): Promise<OrderedCommit<T>> {
    const { client: gate, release } = await checkout(this.pool);
    let locked = false;
    try {
      const result = await this.run('BEGIN', true, fn, async () => {
        await gate.query(`SELECT pg_advisory_lock(${PUBLISH_LOCK})`);
        locked = true;
      });
      return {
        result,
        release: async () => {
          try {
            await gate.query(`SELECT pg_advisory_unlock(${PUBLISH_LOCK})`);
            release();
          } catch (error) {
            // Closing the session is what frees its lock.
            release(error instanceof Error ? error : new Error(String(error)));
          }
        },
      };
    } catch (error) {
      if (locked) await gate.query(`SELECT pg_advisory_unlock(${PUBLISH_LOCK})`).catch(() => undefined);
      release();
      throw error;
    }
  }

  /**
   * A consistent read without the graph lock: a lookup neither waits for a resolving batch nor
   * holds one up. Only the read methods may be called inside.
   */
  async read<T>(fn: (tx: GraphTransaction) => Promise<T>): Promise<T> {
    return this.run('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', false, fn);
  }

  private run<T>(
    begin: string,
    lock: boolean,
    fn: (tx: GraphTransaction) => Promise<T>,
    beforeCommit?: () => Promise<void>,
  ): Promise<T> {
    return withTransaction(
      this.pool,
      async (client) => {
        if (lock) await client.query(`SELECT pg_advisory_xact_lock(${GRAPH_LOCK})`);
        const result = await fn(new GraphTransaction(client));
        await beforeCommit?.();
        return result;
      },
      begin,
    );
  }
}

export class GraphTransaction {
  constructor(readonly client: pg.PoolClient) {}

  /** The graph's change token (see graph_state); null before the first change. */
  async generation(): Promise<string | null> {
    const result = await this.client.query<{ generation: string }>(
      'SELECT generation FROM identity.graph_state WHERE id = 1',
    );
    return result.rows[0]?.generation ?? null;
  }

  /** Marks the graph changed: every other holder of a cache must drop it. */
  async setGeneration(generation: string): Promise<void> {
    await this.client.query(
      `INSERT INTO identity.graph_state (id, generation) VALUES (1, $1)
       ON CONFLICT (id) DO UPDATE SET generation = excluded.generation`,
      [generation],
    );
  }

  /**
   * Counts for an overview: live profiles (a merged-away one points at its survivor, an erased one
   * has no row), identifiers, merges in force and undone merges (an erasure deletes its merges).
   * Plain counts: the graph is small enough that each is a quick scan.
   */
  async stats(): Promise<{ profiles: number; identifiers: number; merges: number; unmerges: number }> {
    const result = await this.client.query<{
      profiles: number;
      identifiers: number;
      merges: number;
      unmerges: number;
    }>(
      `SELECT (SELECT count(*) FROM identity.profiles WHERE merged_into IS NULL)::int AS profiles,
              (SELECT count(*) FROM identity.identifiers)::int AS identifiers,
              m.merges, m.unmerges
         FROM (SELECT (count(*) FILTER (WHERE undone_at IS NULL))::int AS merges,
                      (count(*) FILTER (WHERE undone_at IS NOT NULL))::int AS unmerges
                 FROM identity.merges) m`,
    );
    return result.rows[0] as { profiles: number; identifiers: number; merges: number; unmerges: number };
  }

  /** `type:value` → profile id, for the identifiers that have one. */
  async owners(ids: readonly StoredIdentifier[]): Promise<Map<string, string>> {
    const owners = new Map<string, string>();
    if (ids.length === 0) return owners;
    const result = await this.client.query<{ type: string; value: string; profile_id: string }>(
      `SELECT i.type, i.value, i.profile_id FROM identity.identifiers i
       JOIN unnest($1::text[], $2::text[]) AS k(type, value) ON i.type = k.type AND i.value = k.value`,
      [ids.map((i) => i.type), ids.map((i) => i.value)],
    );
    for (const row of result.rows) owners.set(`${row.type}:${row.value}`, row.profile_id);
    return owners;
  }

  async profiles(profileIds: readonly string[]): Promise<Map<string, GraphProfile>> {
    const profiles = new Map<string, GraphProfile>();
    if (profileIds.length === 0) return profiles;
    const result = await this.client.query<{
      id: string;
      created_at: Date;
      traits: Record<string, unknown>;
      trait_times: Record<string, string>;
      first_seen: Date | null;
      last_seen: Date | null;
      type: string | null;
      value: string | null;
    }>(
      `SELECT p.id, p.created_at, p.traits, p.trait_times, p.first_seen, p.last_seen, i.type, i.value
       FROM identity.profiles p LEFT JOIN identity.identifiers i ON i.profile_id = p.id
       WHERE p.id = ANY($1::uuid[])`,
      [[...new Set(profileIds)]],
    );
    for (const row of result.rows) {
      let profile = profiles.get(row.id);
      if (!profile) {
        profile = {
          profileId: row.id,
          createdAt: row.created_at.toISOString(),
          identifiers: [],
          traits: row.traits,
          traitTimes: row.trait_times,
          firstSeen: row.first_seen?.toISOString() ?? null,
          lastSeen: row.last_seen?.toISOString() ?? null,
        };
        profiles.set(row.id, profile);
      }
      if (row.type !== null && row.value !== null)
        profile.identifiers.push({ type: row.type, value: row.value });
    }
    return profiles;
  }

  /** Which of these `type:value` SHA-256 hashes belong to erased people. */
  async suppressed(hashes: readonly string[]): Promise<Set<string>> {
    if (hashes.length === 0) return new Set();
    const result = await this.client.query<{ key_hash: string }>(
      'SELECT key_hash FROM identity.suppressed_identifiers WHERE key_hash = ANY($1::text[])',
      [[...new Set(hashes)]],
    );
    return new Set(result.rows.map((r) => r.key_hash));
  }

  async createProfiles(rows: ReadonlyArray<{ id: string; createdAt: string }>): Promise<void> {
    if (rows.length === 0) return;
    await this.client.query(
      `INSERT INTO identity.profiles (id, created_at, updated_at)
       SELECT id, created_at, created_at FROM unnest($1::uuid[], $2::timestamptz[]) AS r(id, created_at)`,
      [rows.map((r) => r.id), rows.map((r) => r.createdAt)],
    );
  }

  async attach(
    rows: ReadonlyArray<StoredIdentifier & { profileId: string; firstSeen: string }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.client.query(
      `INSERT INTO identity.identifiers (type, value, profile_id, first_seen)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[])
       ON CONFLICT (type, value) DO NOTHING`,
      [
        rows.map((r) => r.type),
        rows.map((r) => r.value),
        rows.map((r) => r.profileId),
        rows.map((r) => r.firstSeen),
      ],
    );
  }

  /** Moves everything of `mergedProfileId` to `profileId` and records the merge. */
  async merge(merge: MergeRecord): Promise<void> {
    const { profileId, mergedProfileId } = merge;
    await this.client.query('UPDATE identity.identifiers SET profile_id = $1 WHERE profile_id = $2', [
      profileId,
      mergedProfileId,
    ]);
    await this.client.query('UPDATE identity.links SET profile_id = $1 WHERE profile_id = $2', [
      profileId,
      mergedProfileId,
    ]);
    // Earlier merges into the loser now belong to the survivor's history (and can be undone there).
    await this.client.query('UPDATE identity.merges SET profile_id = $1 WHERE profile_id = $2', [
      profileId,
      mergedProfileId,
    ]);
    await this.client.query(
      'UPDATE identity.profiles SET merged_into = $1, updated_at = now() WHERE id = $2 OR merged_into = $2',
      [profileId, mergedProfileId],
    );
    await this.client.query(
      `INSERT INTO identity.merges
         (id, profile_id, merged_profile_id, link_id, linked_by, source_id, event_message_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        merge.mergeId,
        profileId,
        mergedProfileId,
        merge.linkId,
        JSON.stringify(merge.linkedBy),
        merge.sourceId,
        merge.eventMessageId,
        merge.at,
      ],
    );
  }

  /**
   * Adds links, one row per key (the caller sends each key once). A key seen before only widens its
   * `at`..`last_at` span and follows the profile it now resolves to, so a redelivered batch changes
   * nothing and a repeated identifier set costs no new row.
   */
  async addLinks(rows: readonly NewLink[]): Promise<void> {
    if (rows.length === 0) return;
    // One JSON parameter: pg escapes a jsonb[] array element by element, which costs more than the insert.
    await this.client.query(
      `INSERT INTO identity.links AS l
         (id, link_key, profile_id, source_id, message_id, at, last_at, identifiers, traits)
       SELECT r.id, r.link_key, r.profile_id, r.source_id, r.message_id, r.at, r.last_at, r.identifiers, r.traits
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, link_key text, profile_id uuid, source_id text,
         message_id text, at timestamptz, last_at timestamptz, identifiers jsonb, traits jsonb)
       ON CONFLICT (link_key) DO UPDATE SET
         at = LEAST(l.at, excluded.at), last_at = GREATEST(l.last_at, excluded.last_at),
         profile_id = excluded.profile_id
       WHERE excluded.at < l.at OR excluded.last_at > l.last_at OR excluded.profile_id <> l.profile_id`,
      [
        JSON.stringify(
          rows.map((r) => ({
            id: r.id,
            link_key: r.key,
            profile_id: r.profileId,
            source_id: r.sourceId,
            message_id: r.messageId,
            at: r.at,
            last_at: r.lastAt,
            identifiers: r.identifiers,
            traits: r.traits,
          })),
        ),
      ],
    );
  }

  async recordDropped(rows: readonly DroppedRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.query(
      `INSERT INTO identity.dropped_identifiers (source_id, message_id, type, value, reason, profile_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
       ON CONFLICT DO NOTHING`,
      [
        rows.map((r) => r.sourceId),
        rows.map((r) => r.messageId),
        rows.map((r) => r.type),
        rows.map((r) => r.value),
        rows.map((r) => r.reason),
        rows.map((r) => r.profileId),
      ],
    );
  }

  async saveProfiles(rows: readonly ProfileState[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.query(
      `UPDATE identity.profiles p SET traits = r.traits, trait_times = r.trait_times,
         first_seen = r.first_seen, last_seen = r.last_seen, updated_at = now()
       FROM unnest($1::uuid[], $2::jsonb[], $3::jsonb[], $4::timestamptz[], $5::timestamptz[])
         AS r(id, traits, trait_times, first_seen, last_seen)
       WHERE p.id = r.id`,
      [
        rows.map((r) => r.profileId),
        rows.map((r) => JSON.stringify(r.traits)),
        rows.map((r) => JSON.stringify(r.traitTimes)),
        rows.map((r) => r.firstSeen),
        rows.map((r) => r.lastSeen),
      ],
    );
  }
}
