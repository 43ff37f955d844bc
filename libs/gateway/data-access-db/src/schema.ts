import { pgSchema } from 'drizzle-orm/pg-core';

/** The gateway service's own Postgres schema; no other service reads it. */
export const gatewaySchema = pgSchema('gateway');
