import { jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { activationSchema } from './schema.js';

/** A named set of people defined by rules over segments, scores and features. */
export const audiences = activationSchema.table('audiences', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  // The rule tree; its schema belongs to the audience rules, not to storage.
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AudienceRow = typeof audiences.$inferSelect;
export type NewAudienceRow = typeof audiences.$inferInsert;
