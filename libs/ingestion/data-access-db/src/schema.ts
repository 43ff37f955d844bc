import { pgSchema } from 'drizzle-orm/pg-core';

/** The ingestion service's own Postgres schema; no other service reads it. */
export const ingestionSchema = pgSchema('ingestion');
