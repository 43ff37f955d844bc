import { bigint, index, json, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ingestionSchema } from './schema.js';

/**
 * Every event as ingestion accepted it, append-only. The migration partitions it by month of
 * `received_at` (drizzle-kit cannot declare partitioning; the table is created `PARTITION BY
 * RANGE`), and the store creates each month's partition before writing to it.
 *
 * A partitioned table can only enforce uniqueness that includes the partition key, so
 * `(source_id, message_id)` is made unique by `message_ids` below, written in the same transaction.
 * Dedup probes `message_ids`; an erasure scans the store (it has to look inside payloads anyway)
 * and deletes the rows it found by their physical address. The only indexes are the two a
 * person's timeline (EVENTS_TIMELINE) needs, by user id and by anonymous id with the event time:
 * each costs every insert on the hot path, so add none that nothing reads.
 */
export const rawEvents = ingestionSchema.table(
  'raw_events',
  {
    sourceId: uuid('source_id').notNull(),
    messageId: text('message_id').notNull(),
    type: text('type').notNull(),
    /** The track event's name, or the page/screen name. */
    event: text('event'),
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    requestId: text('request_id').notNull(),
    /**
     * The whole normalized event, as `json` (its text, checked) rather than `jsonb`: the store
     * writes every event and reads a few back, and jsonb's parse into a binary tree was 40% of the
     * insert's time in PostgreSQL. A query that digs into many fields casts it to jsonb once per row.
     */
    payload: json('payload').notNull(),
  },
  (t) => [
    index('raw_events_user_id_timestamp_idx').on(t.userId, t.timestamp),
    index('raw_events_anonymous_id_timestamp_idx').on(t.anonymousId, t.timestamp),
  ],
);

/** The dedup ledger: one row per `(source, messageId)` ever stored. Not partitioned. */
export const messageIds = ingestionSchema.table(
  'message_ids',
  {
    sourceId: uuid('source_id').notNull(),
    messageId: text('message_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.messageId] })],
);

/**
 * Running totals per source and event type, updated with each stored batch (what `events stats`
 * reads); `stored` goes down when an erased person's events are deleted.
 */
export const eventCounts = ingestionSchema.table(
  'event_counts',
  {
    sourceId: uuid('source_id').notNull(),
    type: text('type').notNull(),
    stored: bigint('stored', { mode: 'number' }).notNull().default(0),
    duplicates: bigint('duplicates', { mode: 'number' }).notNull().default(0),
    /** Events dropped because they carry the identifier of an erased person. */
    suppressed: bigint('suppressed', { mode: 'number' }).notNull().default(0),
    lastReceivedAt: timestamp('last_received_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.type] })],
);
