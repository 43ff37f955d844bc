import { boolean, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SourceKind } from '@cdp/ingestion/contracts';
import { ingestionSchema } from './schema.js';

/**
 * A place events come from (an app, a server, a CDP webhook, an import). The write key is shown
 * once and only its SHA-256 is kept; the webhook signing secret is kept as is, because verifying
 * an HMAC needs the secret itself.
 */
export const sources = ingestionSchema.table(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    kind: text('kind').$type<SourceKind>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** SHA-256 (hex) of the write key. */
    writeKeyHash: text('write_key_hash').notNull().unique(),
    /** The key's last 4 characters, so a person can tell keys apart in a list. */
    writeKeyHint: text('write_key_hint').notNull(),
    signingSecret: text('signing_secret'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    keyRotatedAt: timestamp('key_rotated_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [index('sources_created_at_idx').on(t.createdAt)],
);

export type SourceRow = typeof sources.$inferSelect;
export type NewSourceRow = typeof sources.$inferInsert;
