import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { gatewaySchema } from './schema.js';

/** A console user. The password is kept as a scrypt hash (`scrypt$<salt>$<hash>`, base64). */
export const users = gatewaySchema.table('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** A console login: the cookie's SHA-256, so a database read does not hand out sessions. */
export const sessions = gatewaySchema.table(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_expires_at').on(t.expiresAt)],
);

export type UserRow = typeof users.$inferSelect;
