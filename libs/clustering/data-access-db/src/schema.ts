import { pgSchema } from 'drizzle-orm/pg-core';

/** The clustering service's own Postgres schema; no other service reads it. */
export const clusteringSchema = pgSchema('clustering');
