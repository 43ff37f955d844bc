import { bigint, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ingestionSchema } from './schema.js';

/**
 * Identifiers of people erased by identity (`profile.deleted`): events carrying one are dropped.
 * Only the SHA-256 of the canonical `type:value` is kept, never the value itself.
 *
 * `seq` orders the rows for the replicas' in-memory copies: a reader asks for `seq` above the last
 * it saw. Writers take an exclusive advisory lock (see `SUPPRESSION_LOCK`), so rows commit in `seq`
 * order and a reader never skips one that commits late.
 */
export const suppressedIdentifiers = ingestionSchema.table(
  'suppressed_identifiers',
  {
    /** SHA-256 (hex) of the canonical `type:value` (`suppressionKey` in the ingestion domain). */
    keyHash: text('key_hash').primaryKey(),
    /** The type as identity published it (`email`, `idfa`, ...): not personal, kept for the audit. */
    identifierType: text('identifier_type').notNull(),
    profileId: uuid('profile_id').notNull(),
    auditId: uuid('audit_id').notNull(),
    suppressedAt: timestamp('suppressed_at', { withTimezone: true }).notNull().defaultNow(),
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
  },
  (t) => [index('suppressed_identifiers_seq_idx').on(t.seq)],
);
