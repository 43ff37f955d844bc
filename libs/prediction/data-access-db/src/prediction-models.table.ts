import { integer, jsonb, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { predictionSchema } from './schema.js';

/** A trained model for one target (e.g. churn), versioned per target, with the metrics it scored. */
export const predictionModels = predictionSchema.table(
  'prediction_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    target: text('target').notNull(),
    version: integer('version').notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('prediction_models_target_version_unique').on(t.target, t.version)],
);

export type PredictionModelRow = typeof predictionModels.$inferSelect;
export type NewPredictionModelRow = typeof predictionModels.$inferInsert;
