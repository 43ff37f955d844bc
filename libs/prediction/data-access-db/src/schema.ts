import { pgSchema } from 'drizzle-orm/pg-core';

/** The prediction service's own Postgres schema; no other service reads it. */
export const predictionSchema = pgSchema('prediction');
