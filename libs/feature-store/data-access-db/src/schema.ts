import { pgSchema } from 'drizzle-orm/pg-core';

/** The feature-store service's own Postgres schema; no other service reads it. */
export const featureStoreSchema = pgSchema('feature_store');
