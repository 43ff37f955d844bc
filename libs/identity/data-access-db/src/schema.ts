import { pgSchema } from 'drizzle-orm/pg-core';

/** The identity service's own Postgres schema; no other service reads it. */
export const identitySchema = pgSchema('identity');
