import { index, jsonb, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

export interface StoredIdentifier {
  type: string;
  value: string;
}

/**
 * What events brought together: the identifiers they carried, after merge protection. The history
 * unmerge replays; `profile_id` follows merges so a profile's links are found by index.
 *
 * Events that only repeat an identifier set share one row (`link_key` = `set:` + hash of the set),
 * spanning `at` (the earliest) to `last_at`: replaying a set again changes nothing, so only its first
 * time matters to unmerge. An identify call (its traits) and an event that merged profiles keep a row
 * of their own (`link_key` = `event:<source>:<messageId>`): traits are replayed per call, and a merge
 * names the one event that caused it.
 */
export const links = identitySchema.table(
  'links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    profileId: uuid('profile_id').notNull(),
    sourceId: text('source_id').notNull(),
    messageId: text('message_id').notNull(),
    linkKey: text('link_key').notNull(),
    /** The earliest event with this link. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The latest event with this link (`at` for a row of one event). */
    lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
    identifiers: jsonb('identifiers').$type<StoredIdentifier[]>().notNull(),
    /** An identify call's traits: unmerge recomputes each side's traits from them. */
    traits: jsonb('traits').$type<Record<string, unknown>>(),
  },
  (t) => [unique('links_key_unique').on(t.linkKey), index('links_profile_idx').on(t.profileId)],
);

/** Every merge, with the event that caused it; `undone_at` once an operator split it again. */
export const merges = identitySchema.table(
  'merges',
  {
    id: uuid('id').primaryKey(),
    profileId: uuid('profile_id').notNull(),
    mergedProfileId: uuid('merged_profile_id').notNull(),
    linkId: uuid('link_id').notNull(),
    linkedBy: jsonb('linked_by').$type<StoredIdentifier[]>().notNull(),
    sourceId: text('source_id').notNull(),
    eventMessageId: text('event_message_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    index('merges_profile_idx').on(t.profileId),
    index('merges_merged_profile_idx').on(t.mergedProfileId),
  ],
);

/** Identifiers merge protection kept out of an event, and why: the decision, recorded. */
export const droppedIdentifiers = identitySchema.table(
  'dropped_identifiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sourceId: text('source_id').notNull(),
    messageId: text('message_id').notNull(),
    type: text('type').notNull(),
    value: text('value').notNull(),
    reason: text('reason').notNull(),
    profileId: uuid('profile_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('dropped_identifiers_event_unique').on(t.sourceId, t.messageId, t.type, t.value)],
);
