import { integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

/** Identifiers of erased people, as SHA-256 of `type:value`: their later events are dropped. */
export const suppressedIdentifiers = identitySchema.table(
  'suppressed_identifiers',
  {
    keyHash: text('key_hash').notNull(),
    auditId: uuid('audit_id').notNull(),
    suppressedAt: timestamp('suppressed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.keyHash] })],
);

/** Who erased which profile, when and why; no personal data (the identifier is hashed). */
export const deletionAudit = identitySchema.table('deletion_audit', {
  id: uuid('id').primaryKey(),
  actor: text('actor').notNull(),
  reason: text('reason'),
  identifierHash: text('identifier_hash').notNull(),
  profileId: uuid('profile_id').notNull(),
  identifiers: integer('identifiers').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
