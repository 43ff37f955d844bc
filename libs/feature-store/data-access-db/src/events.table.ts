import { index, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { featureStoreSchema } from './schema.js';

/**
 * The resolved events the store has applied, once each: the ledger that makes a redelivered event
 * change nothing (its `(source_id, message_id)` is taken), the history point-in-time reads replay,
 * and the input of the offline backfill. `profile_id` follows merges.
 */
export const events = featureStoreSchema.table(
  'events',
  {
    sourceId: text('source_id').notNull(),
    messageId: text('message_id').notNull(),
    profileId: uuid('profile_id').notNull(),
    /** The event's own timestamp (not its receipt): days and windows follow it. */
    ts: timestamp('ts', { withTimezone: true }).notNull(),
    type: text('type').notNull(),
    event: text('event'),
    name: text('name'),
    userId: text('user_id'),
    anonymousId: text('anonymous_id'),
    properties: jsonb('properties').$type<Record<string, unknown>>(),
    traits: jsonb('traits').$type<Record<string, unknown>>(),
    context: jsonb('context').$type<Record<string, unknown>>(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // A profile's history, in time order, is what every read and the backfill scan.
  (t) => [
    primaryKey({ columns: [t.sourceId, t.messageId] }),
    index('events_profile_ts_idx').on(t.profileId, t.ts),
  ],
);
