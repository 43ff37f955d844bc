import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { carriesSuppressedIdentifier, type ErasureCriteria } from '@cdp/ingestion/domain';
import { SUPPRESSION_LOCK, type Queryable } from './suppressed-identifiers.repository.js';

/** What one accepted request (or import slice) brought: the envelope the bus carried. */
export interface StoredEnvelope {
  sourceId: string;
  requestId: string;
  events: NormalizedEvent[];
}

export interface AppendResult {
  stored: number;
  /** Events whose `(source, messageId)` was already stored, in this batch or before. */
  duplicates: number;
  /** Events dropped because they carry a suppressed identifier. */
  suppressed: number;
}

/**
 * Called inside an append's transaction once suppressions can no longer change under it (the
 * shared `SUPPRESSION_LOCK` is held): returns which events carry a suppressed identifier.
 */
export type SuppressionScreen = (q: Queryable) => Promise<(event: NormalizedEvent) => boolean>;

export interface AppendOptions {
  /** Drops the events of erased people (not stored, not claimed in the ledger, counted as suppressed). */
  screen?: SuppressionScreen;
}

export interface ErasureResult {
  /** Raw events deleted. */
  events: number;
  /** Dedup ledger rows deleted with them. */
  ledgerRows: number;
}

export interface StoredEvent {
  requestId: string;
  event: NormalizedEvent;
}

export interface SourceEventStats {
  sourceId: string;
  stored: number;
  duplicates: number;
  suppressed: number;
  lastReceivedAt: Date | null;
  byType: Record<string, number>;
}

export interface TimelineRow {
  messageId: string;
  sourceId: string;
  type: string;
  event: string | null;
  timestamp: Date;
  properties: Record<string, unknown>;
}

interface Row {
  sourceId: string;
  requestId: string;
  event: NormalizedEvent;
}

type Tally = 'stored' | 'duplicates' | 'suppressed';

const PARTITION_LOCK = "hashtext('ingestion.raw_events:partitions')";

/**
 * The append-only raw event store. A batch of envelopes is one transaction: the dedup ledger
 * takes the `(source, messageId)` pairs it has not seen, only those events are written, and the
 * per-source counters move. The rows travel as one JSON parameter read by `json_to_recordset`
 * (see APPEND): `pg` escaping ten column arrays for `unnest` took ten times the Node CPU.
 */
export class RawEventStore {
  /** Months (`YYYY-MM`) whose partition is known to exist. */
  private readonly partitions = new Set<string>();

  constructor(private readonly pool: pg.Pool) {}

  async append(envelopes: readonly StoredEnvelope[], options: AppendOptions = {}): Promise<AppendResult> {
    const rows = toRows(envelopes);
    if (rows.length === 0) return { stored: 0, duplicates: 0, suppressed: 0 };
    await this.ensurePartitions(rows.map((r) => r.event.receivedAt));
    // One lock order for every writer (sorted keys), so concurrent batches cannot deadlock. The
    // sort is stable: of repeated messageIds in one batch, the first sent comes first.
    rows.sort((a, b) => compare(a.sourceId, b.sourceId) || compare(a.event.messageId, b.event.messageId));
    return withTransaction(this.pool, async (client) => {
      let kept = rows;
      const suppressed: Row[] = [];
      if (options.screen) {
        await client.query(`SELECT pg_advisory_xact_lock_shared(${SUPPRESSION_LOCK})`);
        const isSuppressed = await options.screen(client);
        kept = [];
        for (const row of rows) (isSuppressed(row.event) ? suppressed : kept).push(row);
      }
      // The first of repeated messageIds in one batch is the one kept; the ledger judges the rest.
      const unique: Row[] = [];
      const duplicates: Row[] = [];
      for (const row of kept) {
        const previous = unique[unique.length - 1];
        const repeated =
          previous?.sourceId === row.sourceId && previous.event.messageId === row.event.messageId;
        (repeated ? duplicates : unique).push(row);
      }
      let stored = unique;
      if (unique.length > 0) {
        const refused = await client.query<{ n: number }>(APPEND, [JSON.stringify(unique.map(toRecord))]);
        if (refused.rows.length > 0) {
          const known = new Set(refused.rows.map((r) => r.n));
          stored = [];
          unique.forEach((row, n) => (known.has(n) ? duplicates : stored).push(row));
        }
      }
      await this.count(client, { stored, duplicates, suppressed });
      return { stored: stored.length, duplicates: duplicates.length, suppressed: suppressed.length };
    });
  }

  /** Counts events as duplicates without storing anything: a retry the bus deduplicated. */
  async countDuplicates(sourceId: string, events: readonly NormalizedEvent[]): Promise<void> {
    const rows = toRows([{ sourceId, requestId: '', events: [...events] }]);
    await this.count(this.pool, { duplicates: rows });
  }

  /** Counts events dropped before the bus because they carry a suppressed identifier. */
  async countSuppressed(sourceId: string, events: readonly NormalizedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const rows = toRows([{ sourceId, requestId: '', events: [...events] }]);
    await this.count(this.pool, { suppressed: rows });
  }

  /**
   * Deletes an erased person's raw events, their dedup ledger rows, and their share of the
   * counters, in one transaction. A SQL pre-filter over the columns and payload fields
   * (`criteria`) finds candidates in one pass over the store (erasures are rare: no index is worth
   * its cost on the ingest path); each candidate is then kept or deleted by the same key rules
   * that drop events at ingestion. Running it again deletes nothing more.
   */
  async erase(criteria: ErasureCriteria): Promise<ErasureResult> {
    const keys = new Set(criteria.keys);
    const params: unknown[] = [criteria.trimmed];
    const p = (value: unknown) => `$${params.push(value)}`;
    const conditions: string[] = [];
    if (criteria.ids.length > 0) {
      const ids = p(criteria.ids);
      conditions.push(
        `btrim(user_id, $1) = ANY(${ids}::text[])`,
        `btrim(anonymous_id, $1) = ANY(${ids}::text[])`,
        `btrim(payload->>'previousId', $1) = ANY(${ids}::text[])`,
      );
    }
    if (criteria.emails.length > 0) {
      const emails = p(criteria.emails);
      conditions.push(
        `lower(btrim(payload->'traits'->>'email', $1)) = ANY(${emails}::text[])`,
        `lower(btrim(payload->'context'->'traits'->>'email', $1)) = ANY(${emails}::text[])`,
      );
    }
    if (criteria.phoneDigits.length > 0) {
      const patterns = p(criteria.phoneDigits.map((digits) => `%${digits}%`));
      conditions.push(
        `regexp_replace(payload->'traits'->>'phone', '[^0-9]', '', 'g') LIKE ANY(${patterns}::text[])`,
        `regexp_replace(payload->'context'->'traits'->>'phone', '[^0-9]', '', 'g') LIKE ANY(${patterns}::text[])`,
      );
    }
    if (criteria.deviceIds.length > 0) {
      conditions.push(
        `lower(btrim(payload->'context'->'device'->>'id', $1)) = ANY(${p(criteria.deviceIds)}::text[])`,
      );
    }
    if (criteria.advertisingIds.length > 0) {
      conditions.push(
        `lower(btrim(payload->'context'->'device'->>'advertisingId', $1)) = ANY(${p(criteria.advertisingIds)}::text[])`,
      );
    }
    if (criteria.externalIds.length > 0) {
      // CASE: jsonb_array_elements fails on anything but an array.
      conditions.push(
        `CASE WHEN jsonb_typeof(payload->'context'->'externalIds') = 'array' THEN EXISTS (
           SELECT 1 FROM jsonb_array_elements(payload->'context'->'externalIds') AS x
           WHERE btrim(x->>'id', $1) = ANY(${p(criteria.externalIds)}::text[])) ELSE false END`,
      );
    }
    if (conditions.length === 0) return { events: 0, ledgerRows: 0 };

    return withTransaction(this.pool, async (client) => {
      const candidates = await client.query<{
        partition: number;
        address: string;
        source_id: string;
        message_id: string;
        payload: NormalizedEvent;
      }>(
        // payload is stored as json (text): read as jsonb once per row, not once per condition.
        `SELECT partition, address, source_id, message_id, payload FROM (
           SELECT tableoid AS partition, ctid AS address, source_id, message_id, user_id, anonymous_id,
                  payload::jsonb AS payload
           FROM ingestion.raw_events) r
         WHERE ${conditions.join('\n OR ')}`,
        params,
      );
      const doomed = candidates.rows
        .filter((row) => carriesSuppressedIdentifier(row.payload, keys))
        .sort((a, b) => compare(a.source_id, b.source_id) || compare(a.message_id, b.message_id));
      if (doomed.length === 0) {
        return { events: 0, ledgerRows: 0 };
      }
      const pairs = [doomed.map((row) => row.source_id), doomed.map((row) => row.message_id)];
      // By address (partition and ctid: a TID scan, the store has no index to find rows by key),
      // and by key too, so a slot freed and reused since the scan is never taken for the row found.
      const deleted = await client.query<{ source_id: string; type: string }>(
        `DELETE FROM ingestion.raw_events r
         USING unnest($1::uuid[], $2::text[], $3::oid[], $4::tid[]) AS d(source_id, message_id, partition, address)
         WHERE r.tableoid = d.partition AND r.ctid = d.address
           AND r.source_id = d.source_id AND r.message_id = d.message_id
         RETURNING r.source_id, r.type`,
        [...pairs, doomed.map((row) => row.partition), doomed.map((row) => row.address)],
      );
      const ledger = await client.query(
        `DELETE FROM ingestion.message_ids m
         USING unnest($1::uuid[], $2::text[]) AS d(source_id, message_id)
         WHERE m.source_id = d.source_id AND m.message_id = d.message_id`,
        pairs,
      );
      // Counted from the rows this transaction deleted, so a second run takes nothing off.
      const byType = new Map<string, { sourceId: string; type: string; n: number }>();
      for (const row of deleted.rows) {
        const k = key(row.source_id, row.type);
        const entry = byType.get(k) ?? { sourceId: row.source_id, type: row.type, n: 0 };
        entry.n += 1;
        byType.set(k, entry);
      }
      // In the appends' lock order (source, type), one row at a time, so neither can deadlock the other.
      const decrements = [...byType.values()].sort(
        (a, b) => compare(a.sourceId, b.sourceId) || compare(a.type, b.type),
      );
      for (const d of decrements) {
        await client.query(
          `UPDATE ingestion.event_counts SET stored = greatest(stored - $3, 0)
           WHERE source_id = $1 AND type = $2`,
          [d.sourceId, d.type, d.n],
        );
      }
      return { events: deleted.rowCount ?? 0, ledgerRows: ledger.rowCount ?? 0 };
    });
  }

  /** A source's stored events, oldest receipt first (a scan, for checks and tools; bounded by `limit`). */
  async read(sourceId: string, limit = 1_000): Promise<StoredEvent[]> {
    const result = await this.pool.query<{ request_id: string; payload: NormalizedEvent }>(
      `SELECT request_id, payload FROM ingestion.raw_events
       WHERE source_id = $1 ORDER BY received_at, message_id LIMIT $2`,
      [sourceId, limit],
    );
    return result.rows.map((row) => ({ requestId: row.request_id, event: row.payload }));
  }

  /**
   * A person's events, newest first by event timestamp (then message id, so a page boundary is
   * stable): those whose user_id is one of `userIds` or whose anonymous_id is one of `anonymousIds`,
   * older than `before` when given. Found by the user id and anonymous id indexes.
   */
  async timeline(criteria: {
    userIds: readonly string[];
    anonymousIds: readonly string[];
    limit: number;
    before?: Date;
  }): Promise<TimelineRow[]> {
    if (criteria.userIds.length === 0 && criteria.anonymousIds.length === 0) return [];
    const result = await this.pool.query<TimelineRow>(
      `SELECT message_id AS "messageId", source_id AS "sourceId", type, event, timestamp,
              coalesce(payload->'properties', '{}'::json) AS properties
         FROM ingestion.raw_events
        WHERE (user_id = ANY($1::text[]) OR anonymous_id = ANY($2::text[]))
          AND ($3::timestamptz IS NULL OR timestamp < $3)
        ORDER BY timestamp DESC, message_id DESC
        LIMIT $4`,
      [criteria.userIds, criteria.anonymousIds, criteria.before ?? null, criteria.limit],
    );
    return result.rows;
  }

  /** Stored and duplicate counts per source and type, and the last receipt, from the counters. */
  async stats(): Promise<SourceEventStats[]> {
    const result = await this.pool.query<{
      source_id: string;
      type: string;
      stored: string;
      duplicates: string;
      suppressed: string;
      last_received_at: Date | null;
    }>(
      `SELECT source_id, type, stored, duplicates, suppressed, last_received_at
       FROM ingestion.event_counts ORDER BY source_id, type`,
    );
    const bySource = new Map<string, SourceEventStats>();
    for (const row of result.rows) {
      let stats = bySource.get(row.source_id);
      if (!stats) {
        stats = {
          sourceId: row.source_id,
          stored: 0,
          duplicates: 0,
          suppressed: 0,
          lastReceivedAt: null,
          byType: {},
        };
        bySource.set(row.source_id, stats);
      }
      const stored = Number(row.stored);
      stats.stored += stored;
      stats.duplicates += Number(row.duplicates);
      stats.suppressed += Number(row.suppressed);
      if (stored > 0) stats.byType[row.type] = stored;
      if (row.last_received_at && (!stats.lastReceivedAt || row.last_received_at > stats.lastReceivedAt)) {
        stats.lastReceivedAt = row.last_received_at;
      }
    }
    return [...bySource.values()];
  }

  /** Creates the monthly partitions `receivedAt` values fall in, once per process and month. */
  async ensurePartitions(receivedAt: readonly string[]): Promise<void> {
    const months = new Set<string>();
    for (const value of receivedAt) {
      const month = value.slice(0, 7);
      if (!this.partitions.has(month)) months.add(month);
    }
    for (const month of months) {
      const [year, mon] = month.split('-').map(Number) as [number, number];
      const from = new Date(Date.UTC(year, mon - 1, 1)).toISOString();
      const to = new Date(Date.UTC(year, mon, 1)).toISOString();
      // Two writers creating one month at once would race on IF NOT EXISTS: take turns.
      await withTransaction(this.pool, async (client) => {
        await client.query(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ingestion.raw_events_p${year}${String(mon).padStart(2, '0')}
           PARTITION OF ingestion.raw_events FOR VALUES FROM ('${from}') TO ('${to}')`,
        );
      });
      this.partitions.add(month);
    }
  }

  private async count(q: Queryable, tallies: Partial<Record<Tally, readonly Row[]>>): Promise<void> {
    const totals = new Map<
      string,
      { sourceId: string; type: string; stored: number; duplicates: number; suppressed: number; last: string }
    >();
    for (const field of ['stored', 'duplicates', 'suppressed'] as const) {
      for (const { sourceId, event } of tallies[field] ?? []) {
        const k = key(sourceId, event.type);
        let t = totals.get(k);
        if (!t) {
          t = {
            sourceId,
            type: event.type,
            stored: 0,
            duplicates: 0,
            suppressed: 0,
            last: event.receivedAt,
          };
          totals.set(k, t);
        }
        t[field] += 1;
        if (event.receivedAt > t.last) t.last = event.receivedAt;
      }
    }
    if (totals.size === 0) return;
    const sorted = [...totals.values()].sort(
      (a, b) => compare(a.sourceId, b.sourceId) || compare(a.type, b.type),
    );
    await q.query(
      `INSERT INTO ingestion.event_counts AS c (source_id, type, stored, duplicates, suppressed, last_received_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::timestamptz[])
       ON CONFLICT (source_id, type) DO UPDATE SET
         stored = c.stored + excluded.stored,
         duplicates = c.duplicates + excluded.duplicates,
         suppressed = c.suppressed + excluded.suppressed,
         last_received_at = greatest(c.last_received_at, excluded.last_received_at)`,
      [
        sorted.map((t) => t.sourceId),
        sorted.map((t) => t.type),
        sorted.map((t) => t.stored),
        sorted.map((t) => t.duplicates),
        sorted.map((t) => t.suppressed),
        sorted.map((t) => t.last),
      ],
    );
  }
}

function toRows(envelopes: readonly StoredEnvelope[]): Row[] {
  const rows: Row[] = [];
  for (const { sourceId, requestId, events } of envelopes) {
    for (const event of events) rows.push({ sourceId, requestId, event });
  }
  return rows;
}

/**
 * One batch in one statement: claim the ledger's `(source, messageId)` pairs, write the events
 * whose pair was new, and return the positions (`n`) of those whose pair was already taken. The
 * rows arrive as a JSON array of `toRecord` objects, short keys because each is repeated per row.
 */
const APPEND = `
  WITH batch AS (
    SELECT * FROM json_to_recordset($1::json) AS r(
      n int, s uuid, m text, t text, e text, u text, a text, ts timestamptz, r timestamptz, q text, p json)
  ), claimed AS (
    INSERT INTO ingestion.message_ids (source_id, message_id, received_at)
    SELECT s, m, r FROM batch
    ON CONFLICT DO NOTHING
    RETURNING source_id, message_id
  ), written AS (
    INSERT INTO ingestion.raw_events
      (source_id, message_id, type, event, user_id, anonymous_id, timestamp, received_at, request_id, payload)
    SELECT b.s, b.m, b.t, b.e, b.u, b.a, b.ts, b.r, b.q, b.p
    FROM batch b JOIN claimed c ON c.source_id = b.s AND c.message_id = b.m
  )
  SELECT n FROM batch b
  WHERE NOT EXISTS (SELECT 1 FROM claimed c WHERE c.source_id = b.s AND c.message_id = b.m)`;

/** A row of APPEND's parameter; `n` is its position in the batch. */
function toRecord({ sourceId, requestId, event }: Row, n: number): Record<string, unknown> {
  return {
    n,
    s: sourceId,
    m: event.messageId,
    t: event.type,
    e: event.event ?? event.name ?? null,
    u: event.userId ?? null,
    a: event.anonymousId ?? null,
    ts: event.timestamp,
    r: event.receivedAt,
    q: requestId,
    p: event,
  };
}

function key(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
