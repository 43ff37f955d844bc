import type pg from 'pg';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';

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
}

export interface StoredEvent {
  requestId: string;
  event: NormalizedEvent;
}

export interface SourceEventStats {
  sourceId: string;
  stored: number;
  duplicates: number;
  lastReceivedAt: Date | null;
  byType: Record<string, number>;
}

interface Row {
  sourceId: string;
  messageId: string;
  type: string;
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  timestamp: string;
  receivedAt: string;
  requestId: string;
  payload: string;
}

const PARTITION_LOCK = "hashtext('ingestion.raw_events:partitions')";

/**
 * The append-only raw event store. A batch of envelopes is one transaction: the dedup ledger
 * takes the `(source, messageId)` pairs it has not seen, only those events are written, and the
 * per-source counters move. Rows go in as one `unnest` of column arrays per table, which costs
 * a handful of parameters however large the batch.
 */
export class RawEventStore {
  /** Months (`YYYY-MM`) whose partition is known to exist. */
  private readonly partitions = new Set<string>();

  constructor(private readonly pool: pg.Pool) {}

  async append(envelopes: readonly StoredEnvelope[]): Promise<AppendResult> {
    const rows = toRows(envelopes);
    if (rows.length === 0) return { stored: 0, duplicates: 0 };
    await this.ensurePartitions(rows.map((r) => r.receivedAt));
    // One lock order for every writer (sorted keys), so concurrent batches cannot deadlock.
    rows.sort((a, b) => compare(a.sourceId, b.sourceId) || compare(a.messageId, b.messageId));
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const claimed = await client.query<{ source_id: string; message_id: string }>(
        `INSERT INTO ingestion.message_ids (source_id, message_id, received_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])
         ON CONFLICT DO NOTHING
         RETURNING source_id, message_id`,
        [column(rows, 'sourceId'), column(rows, 'messageId'), column(rows, 'receivedAt')],
      );
      const fresh = new Set(claimed.rows.map((r) => key(r.source_id, r.message_id)));
      const stored: Row[] = [];
      for (const row of rows) {
        // The first of repeated messageIds in one batch is the one kept.
        if (fresh.delete(key(row.sourceId, row.messageId))) stored.push(row);
      }
      if (stored.length > 0) {
        await client.query(
          `INSERT INTO ingestion.raw_events
             (source_id, message_id, type, event, user_id, anonymous_id, timestamp, received_at, request_id, payload)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                                $7::timestamptz[], $8::timestamptz[], $9::text[], $10::jsonb[])`,
          [
            column(stored, 'sourceId'),
            column(stored, 'messageId'),
            column(stored, 'type'),
            column(stored, 'event'),
            column(stored, 'userId'),
            column(stored, 'anonymousId'),
            column(stored, 'timestamp'),
            column(stored, 'receivedAt'),
            column(stored, 'requestId'),
            column(stored, 'payload'),
          ],
        );
      }
      await this.count(client, rows, stored);
      await client.query('COMMIT');
      return { stored: stored.length, duplicates: rows.length - stored.length };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Counts events as duplicates without storing anything: a retry the bus deduplicated. */
  async countDuplicates(sourceId: string, events: readonly NormalizedEvent[]): Promise<void> {
    const rows = toRows([{ sourceId, requestId: '', events: [...events] }]);
    const client = await this.pool.connect();
    try {
      await this.count(client, rows, []);
    } finally {
      client.release();
    }
  }

  /** A source's stored events, oldest receipt first (for checks and tools; bounded by `limit`). */
  async read(sourceId: string, limit = 1_000): Promise<StoredEvent[]> {
    const result = await this.pool.query<{ request_id: string; payload: NormalizedEvent }>(
      `SELECT request_id, payload FROM ingestion.raw_events
       WHERE source_id = $1 ORDER BY received_at, message_id LIMIT $2`,
      [sourceId, limit],
    );
    return result.rows.map((row) => ({ requestId: row.request_id, event: row.payload }));
  }

  /** Stored and duplicate counts per source and type, and the last receipt, from the counters. */
  async stats(): Promise<SourceEventStats[]> {
    const result = await this.pool.query<{
      source_id: string;
      type: string;
      stored: string;
      duplicates: string;
      last_received_at: Date | null;
    }>(
      `SELECT source_id, type, stored, duplicates, last_received_at
       FROM ingestion.event_counts ORDER BY source_id, type`,
    );
    const bySource = new Map<string, SourceEventStats>();
    for (const row of result.rows) {
      let stats = bySource.get(row.source_id);
      if (!stats) {
        stats = { sourceId: row.source_id, stored: 0, duplicates: 0, lastReceivedAt: null, byType: {} };
        bySource.set(row.source_id, stats);
      }
      const stored = Number(row.stored);
      stats.stored += stored;
      stats.duplicates += Number(row.duplicates);
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
      const client = await this.pool.connect();
      try {
        // Two writers creating one month at once would race on IF NOT EXISTS: take turns.
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK})`);
        await client.query(
          `CREATE TABLE IF NOT EXISTS ingestion.raw_events_p${year}${String(mon).padStart(2, '0')}
           PARTITION OF ingestion.raw_events FOR VALUES FROM ('${from}') TO ('${to}')`,
        );
        await client.query('COMMIT');
        this.partitions.add(month);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  }

  private async count(client: pg.PoolClient, all: readonly Row[], stored: readonly Row[]): Promise<void> {
    const totals = new Map<
      string,
      { sourceId: string; type: string; stored: number; duplicates: number; last: string }
    >();
    const tally = (row: Row, field: 'stored' | 'duplicates') => {
      const k = key(row.sourceId, row.type);
      let t = totals.get(k);
      if (!t) {
        t = { sourceId: row.sourceId, type: row.type, stored: 0, duplicates: 0, last: row.receivedAt };
        totals.set(k, t);
      }
      t[field] += 1;
      if (row.receivedAt > t.last) t.last = row.receivedAt;
    };
    for (const row of stored) tally(row, 'stored');
    const storedSet = new Set(stored);
    for (const row of all) if (!storedSet.has(row)) tally(row, 'duplicates');
    const sorted = [...totals.values()].sort(
      (a, b) => compare(a.sourceId, b.sourceId) || compare(a.type, b.type),
    );
    await client.query(
      `INSERT INTO ingestion.event_counts AS c (source_id, type, stored, duplicates, last_received_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::bigint[], $5::timestamptz[])
       ON CONFLICT (source_id, type) DO UPDATE SET
         stored = c.stored + excluded.stored,
         duplicates = c.duplicates + excluded.duplicates,
         last_received_at = greatest(c.last_received_at, excluded.last_received_at)`,
      [
        sorted.map((t) => t.sourceId),
        sorted.map((t) => t.type),
        sorted.map((t) => t.stored),
        sorted.map((t) => t.duplicates),
        sorted.map((t) => t.last),
      ],
    );
  }
}

function toRows(envelopes: readonly StoredEnvelope[]): Row[] {
  const rows: Row[] = [];
  for (const envelope of envelopes) {
    for (const event of envelope.events) {
      rows.push({
        sourceId: envelope.sourceId,
        messageId: event.messageId,
        type: event.type,
        event: event.event ?? event.name ?? null,
        userId: event.userId ?? null,
        anonymousId: event.anonymousId ?? null,
        timestamp: event.timestamp,
        receivedAt: event.receivedAt,
        requestId: envelope.requestId,
        payload: JSON.stringify(event),
      });
    }
  }
  return rows;
}

function column<K extends keyof Row>(rows: readonly Row[], name: K): Array<Row[K]> {
  return rows.map((row) => row[name]);
}

function key(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
