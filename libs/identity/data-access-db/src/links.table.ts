import { index, jsonb, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

export interface StoredIdentifier {
  type: string;
  value: string;
}

/**
 * What each event brought together: the identifiers it carried, after merge protection. The
 * history unmerge replays; `profile_id` follows merges so a profile's links are found by index.
 */
export const links = identitySchema.table(
  'links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    profileId: uuid('profile_id').notNull(),
    sourceId: text('source_id').notNull(),
    messageId: text('message_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    identifiers: jsonb('identifiers').$type<StoredIdentifier[]>().notNull(),
    /** An identify call's traits: unmerge recomputes each side's traits from them. */
    traits: jsonb('traits').$type<Record<string, unknown>>(),
  },
  (t) => [
    unique('links_event_unique').on(t.sourceId, t.messageId),
    index('links_profile_idx').on(t.profileId),
  ],
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
