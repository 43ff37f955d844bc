import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

/** The identity graph: each identifier belongs to exactly one live profile. */
export const identifiers = identitySchema.table(
  'identifiers',
  {
    type: text('type').notNull(),
    value: text('value').notNull(),
    profileId: uuid('profile_id').notNull(),
    firstSeen: timestamp('first_seen', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.type, t.value] }), index('identifiers_profile_idx').on(t.profileId)],
);

export type IdentifierRow = typeof identifiers.$inferSelect;
