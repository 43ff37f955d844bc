import type { EventType, FeatureEvent } from '@cdp/feature-store/domain';
import { copyRows, withTransaction, type CopyValue } from '@cdp/shared/util-db';
import pg from 'pg';

/** One resolved event as the store keeps it (`feature_store.events`). */
export interface EventRow {
  sourceId: string;
  messageId: string;
  profileId: string;
  /** The event's timestamp, ISO 8601 (read back as UTC with milliseconds). */
  ts: string;
  type: EventType;
  event?: string;
  name?: string;
  userId?: string;
  anonymousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  /** When the platform received the event (ISO 8601); the time it is stored when absent. */
  receivedAt?: string;
}

/** A row `append` stored, with its receipt time as stored. */
export type AppendedEventRow = EventRow & { receivedAt: string };

/** The parts of a stored event the measures read. */
export function toFeatureEvent(row: EventRow): FeatureEvent {
  const event: FeatureEvent = { messageId: row.messageId, type: row.type, timestamp: row.ts };
  if (row.event !== undefined) event.event = row.event;
  if (row.name !== undefined) event.name = row.name;
  if (row.userId !== undefined) event.userId = row.userId;
  if (row.anonymousId !== undefined) event.anonymousId = row.anonymousId;
  if (row.properties !== undefined) event.properties = row.properties;
  if (row.traits !== undefined) event.traits = row.traits;
  if (row.context !== undefined) event.context = row.context;
  return event;
}

interface StoredRow {
  source_id: string;
  message_id: string;
  profile_id: string;
  ts: Date;
  type: EventType;
  event: string | null;
  name: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  properties: Record<string, unknown> | null;
  traits: Record<string, unknown> | null;
  context: Record<string, unknown> | null;
  received_at: Date;
}

/** The log's columns, in `toCopyRow`'s order (what COPY fills, what reads select). */
const COPIED = [
  'source_id',
  'message_id',
  'profile_id',
  'ts',
  'type',
  'event',
  'name',
  'user_id',
  'anonymous_id',
  'properties',
  'traits',
  'context',
  'received_at',
];
const COLUMNS = COPIED.join(', ');

/**
 * Where a batch is copied before it joins the log: a temporary table of the session, emptied at
 * every commit or rollback (so only inside a transaction does it hold anything).
 */
const STAGING = 'feature_events_in';
const CREATE_STAGING = `
  CREATE TEMP TABLE IF NOT EXISTS ${STAGING}
  (LIKE feature_store.events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS`;

/**
 * The staged rows not in the log yet, written in key order (two concurrent batches wait on each
 * other's keys in one order and cannot deadlock), each on the profile it was merged into if any:
 * an event resolved to a profile before identity merged it away lands on the survivor.
 */
const APPEND_STAGED = `
  INSERT INTO feature_store.events (${COLUMNS})
  SELECT s.source_id, s.message_id, coalesce(m.merged_into, s.profile_id), s.ts, s.type, s.event, s.name,
    s.user_id, s.anonymous_id, s.properties, s.traits, s.context, s.received_at
  FROM ${STAGING} s LEFT JOIN feature_store.merged_profiles m ON m.profile_id = s.profile_id
  ORDER BY s.source_id COLLATE "C", s.message_id COLLATE "C"
  ON CONFLICT (source_id, message_id) DO NOTHING
  RETURNING source_id, message_id, profile_id, received_at`;

/** Sessions whose staging table exists (a pooled client is one session for its life). */
const staged = new WeakSet<pg.PoolClient>();

/** The resolved events the store has applied: the redelivery guard and every profile's history. */
export class FeatureEventLog {
  constructor(private readonly pool: pg.Pool | pg.PoolClient) {}

  /**
   * Stores the rows not stored before and returns those (in input order): an event redelivered, or
   * repeated within the batch, is not returned again, so it is applied once. A row for a profile
   * merged away is stored (and returned) on the profile it was merged into. The rows reach
   * PostgreSQL by COPY into a staging table, then join the log in one statement; on a pool this
   * runs in a transaction of its own.
   */
  async append(rows: readonly EventRow[]): Promise<AppendedEventRow[]> {
    // Of repeats within the batch the first is the one kept.
    const unique = new Map<string, EventRow>();
    for (const row of rows) {
      const key = keyOf(row.sourceId, row.messageId);
      if (!unique.has(key)) unique.set(key, row);
    }
    if (unique.size === 0) return [];
    const written = await this.inTransaction(async (client) => {
      if (!staged.has(client)) {
        await client.query(CREATE_STAGING);
        staged.add(client);
      }
      // Emptied at commit. A second batch in one transaction would find the first's rows staged
      // still: they conflict with themselves in the log, so they are neither written nor returned again.
      await copyRows(client, STAGING, COPIED, [...unique.values()].map(toCopyRow));
      const result = await client.query<{
        source_id: string;
        message_id: string;
        profile_id: string;
        received_at: Date;
      }>(APPEND_STAGED);
      return result.rows;
    });
    const stored = new Map(written.map((r) => [keyOf(r.source_id, r.message_id), r]));
    const fresh: AppendedEventRow[] = [];
    for (const [key, row] of unique) {
      const at = stored.get(key);
      if (at) fresh.push({ ...row, profileId: at.profile_id, receivedAt: at.received_at.toISOString() });
    }
    return fresh;
  }

  private async inTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.pool instanceof pg.Pool ? withTransaction(this.pool, fn) : fn(this.pool as pg.PoolClient);
  }

  /** A profile's events in time order (then messageId, source), up to and including `until` when given. */
  async forProfile(profileId: string, until?: string): Promise<EventRow[]> {
    const result = await this.pool.query<StoredRow>(
      `SELECT ${COLUMNS} FROM feature_store.events
       WHERE profile_id = $1 AND ($2::timestamptz IS NULL OR ts <= $2::timestamptz)
       ORDER BY ts, message_id COLLATE "C", source_id COLLATE "C"`,
      [profileId, until ?? null],
    );
    return result.rows.map(fromStored);
  }

  /** Moves every event of a profile merged away to the survivor; returns how many moved. */
  async reassign(fromProfileId: string, toProfileId: string): Promise<number> {
    const result = await this.pool.query(
      'UPDATE feature_store.events SET profile_id = $2 WHERE profile_id = $1',
      [fromProfileId, toProfileId],
    );
    return result.rowCount ?? 0;
  }

  /** Moves the given events (by source and messageId) to another profile: an unmerge's split. */
  async moveEvents(
    rows: ReadonlyArray<Pick<EventRow, 'sourceId' | 'messageId'>>,
    toProfileId: string,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.pool.query(
      `UPDATE feature_store.events e SET profile_id = $3
       FROM unnest($1::text[], $2::text[]) AS k(source_id, message_id)
       WHERE e.source_id = k.source_id AND e.message_id = k.message_id`,
      [rows.map((r) => r.sourceId), rows.map((r) => r.messageId), toProfileId],
    );
    return result.rowCount ?? 0;
  }

  /** Deletes the events of erased profiles; returns how many. */
  /** Events recorded, all of them. */
  async count(): Promise<number> {
    return (
      (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM feature_store.events')).rows[0]
        ?.n ?? 0
    );
  }

  /** Events recorded for these profiles. */
  async countFor(profileIds: readonly string[]): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM feature_store.events WHERE profile_id = ANY($1::uuid[])',
      [[...profileIds]],
    );
    return result.rows[0]?.n ?? 0;
  }

  async deleteProfiles(profileIds: readonly string[]): Promise<number> {
    if (profileIds.length === 0) return 0;
    const result = await this.pool.query(
      'DELETE FROM feature_store.events WHERE profile_id = ANY($1::uuid[])',
      [profileIds],
    );
    return result.rowCount ?? 0;
  }
}

function keyOf(sourceId: string, messageId: string): string {
  return `${sourceId}\u0000${messageId}`;
}

function toCopyRow(row: EventRow): CopyValue[] {
  return [
    row.sourceId,
    row.messageId,
    row.profileId,
    row.ts,
    row.type,
    row.event,
    row.name,
    row.userId,
    row.anonymousId,
    row.properties,
    row.traits,
    row.context,
    // Stored as the time it is stored when the platform's receipt is unknown.
    row.receivedAt ?? new Date().toISOString(),
  ];
}

function fromStored(row: StoredRow): EventRow {
  const event: EventRow = {
    sourceId: row.source_id,
    messageId: row.message_id,
    profileId: row.profile_id,
    ts: row.ts.toISOString(),
    type: row.type,
    receivedAt: row.received_at.toISOString(),
  };
  if (row.event !== null) event.event = row.event;
  if (row.name !== null) event.name = row.name;
  if (row.user_id !== null) event.userId = row.user_id;
  if (row.anonymous_id !== null) event.anonymousId = row.anonymous_id;
  if (row.properties !== null) event.properties = row.properties;
  if (row.traits !== null) event.traits = row.traits;
  if (row.context !== null) event.context = row.context;
  return event;
}
