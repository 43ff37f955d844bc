import { integer, text, timestamp } from 'drizzle-orm/pg-core';
import { featureStoreSchema } from './schema.js';

/** A feature the store computes per person; its name is how every consumer asks for it. */
export const featureDefinitions = featureStoreSchema.table('feature_definitions', {
  name: text('name').primaryKey(),
  description: text('description').notNull(),
  valueType: text('value_type').notNull(),
  /** Raised when the meaning changes: a new version is backfilled before it is served. */
  version: integer('version').notNull().default(1),
  /** `intent`, `ads`, `commerce`, `engagement` or `traits` (the domain's `FeatureGroup`). */
  group: text('group').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type FeatureDefinitionRow = typeof featureDefinitions.$inferSelect;
export type NewFeatureDefinitionRow = typeof featureDefinitions.$inferInsert;
