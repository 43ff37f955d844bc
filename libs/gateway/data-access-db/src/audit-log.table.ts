import { bigserial, index, integer, jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { gatewaySchema } from './schema.js';

/** Every write through the admin API: who, what, on which route, and how it ended. Append-only. */
export const auditLog = gatewaySchema.table(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** `user:<email>` or `key:<name>`. */
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    method: text('method').notNull(),
    /** The route's pattern (`/api/v1/audiences/:id`), and its parameters in `details`. */
    route: text('route').notNull(),
    status: integer('status').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

export type AuditRow = typeof auditLog.$inferSelect;
