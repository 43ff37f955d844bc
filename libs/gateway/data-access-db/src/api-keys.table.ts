import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gatewaySchema } from './schema.js';

/** An admin API key. Only its hash is stored; revoking sets `revoked_at` and keeps the row for audit. */
export const apiKeys = gatewaySchema.table('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  scopes: text('scopes').array().notNull().default([]),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKeyRow = typeof apiKeys.$inferInsert;
