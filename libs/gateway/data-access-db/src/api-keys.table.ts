import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gatewaySchema } from './schema.js';

/**
 * An admin API key. Only its SHA-256 is stored; revoking sets `revoked_at` and keeps the row for
 * the audit log. `role` is `admin` (reads and writes) or `analyst` (reads only).
 */
export const apiKeys = gatewaySchema.table('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  scopes: text('scopes').array().notNull().default([]),
  role: text('role').notNull().default('analyst'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKeyRow = typeof apiKeys.$inferInsert;
