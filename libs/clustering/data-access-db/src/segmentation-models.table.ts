import { integer, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clusteringSchema } from './schema.js';

/** A fitted segmentation model: the algorithm, its k and every fitted parameter needed to reuse it. */
export const segmentationModels = clusteringSchema.table('segmentation_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  algorithm: text('algorithm').notNull(),
  k: integer('k').notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type SegmentationModelRow = typeof segmentationModels.$inferSelect;
export type NewSegmentationModelRow = typeof segmentationModels.$inferInsert;
