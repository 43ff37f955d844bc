import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ingestionSchema } from './schema.js';

/** A place events come from (an app, a server, a CDP webhook), with the write key it sends. */
export const sources = ingestionSchema.table(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    writeKey: text('write_key').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sources_created_at_idx').on(t.createdAt)],
);

export type SourceRow = typeof sources.$inferSelect;
export type NewSourceRow = typeof sources.$inferInsert;
