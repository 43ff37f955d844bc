import { pgSchema } from 'drizzle-orm/pg-core';

/** The activation service's own Postgres schema; no other service reads it. */
export const activationSchema = pgSchema('activation');
