import { index, jsonb, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

/** One resolved person. A profile merged into another keeps its row and points at the survivor. */
export const profiles = identitySchema.table(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    mergedInto: uuid('merged_into'),
    /** Earliest and latest event timestamps seen for the person. */
    firstSeen: timestamp('first_seen', { withTimezone: true }),
    lastSeen: timestamp('last_seen', { withTimezone: true }),
    /** Identify traits, latest value per key by event timestamp. */
    traits: jsonb('traits').$type<Record<string, unknown>>().notNull().default({}),
    /** The event timestamp each trait's value came from. */
    traitTimes: jsonb('trait_times').$type<Record<string, string>>().notNull().default({}),
  },
  // Finding the profiles merged into a survivor must not scan the table.
  (t) => [index('profiles_merged_into_idx').on(t.mergedInto)],
);

export type ProfileRow = typeof profiles.$inferSelect;
export type NewProfileRow = typeof profiles.$inferInsert;
