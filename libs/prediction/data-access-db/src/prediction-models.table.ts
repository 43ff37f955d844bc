import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  real,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { predictionSchema } from './schema.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * A trained model for one target (churn, engagement), versioned per target: the XGBoost binary,
 * every parameter, the features in column order, its validation metrics and the data it saw.
 */
export const predictionModels = predictionSchema.table(
  'prediction_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    target: text('target').notNull(),
    version: integer('version').notNull(),
    metrics: jsonb('metrics').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    features: jsonb('features').$type<string[]>().notNull().default([]),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    rounds: integer('rounds').notNull().default(0),
    booster: bytea('booster').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    horizonDays: integer('horizon_days').notNull(),
    trainRows: integer('train_rows').notNull(),
    validationRows: integer('validation_rows').notNull(),
    dataFrom: timestamp('data_from', { withTimezone: true }).notNull(),
    dataTo: timestamp('data_to', { withTimezone: true }).notNull(),
    codeVersion: text('code_version').notNull(),
  },
  (t) => [unique('prediction_models_target_version_unique').on(t.target, t.version)],
);

/**
 * Which model is active per target: the newest promotion not rolled back. A rollback marks the
 * current promotion rolled back, which makes the one before it active again.
 */
export const modelPromotions = predictionSchema.table(
  'model_promotions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    target: text('target').notNull(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => predictionModels.id),
    reason: text('reason').notNull(),
    promotedAt: timestamp('promoted_at', { withTimezone: true }).notNull().defaultNow(),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true }),
  },
  (t) => [
    index('model_promotions_live_idx')
      .on(t.target, t.id)
      .where(sql`rolled_back_at IS NULL`),
  ],
);

/** The labelled (profile, cut-off) rows a model was trained and validated on. */
export const trainingRows = predictionSchema.table(
  'training_rows',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => predictionModels.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    profileId: uuid('profile_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    label: smallint('label').notNull(),
    validation: boolean('validation').notNull(),
  },
  (t) => [index('training_rows_model_position_idx').on(t.modelId, t.position)],
);

/** Each profile's latest scores (the traits audiences use), with the full payload last published. */
export const profileScores = predictionSchema.table('profile_scores', {
  profileId: uuid('profile_id').primaryKey(),
  asOf: timestamp('as_of', { withTimezone: true }).notNull(),
  churnRisk: real('churn_risk'),
  churnBand: text('churn_band'),
  engagementScore: real('engagement_score'),
  intentScore: real('intent_score').notNull(),
  scores: jsonb('scores').$type<Record<string, unknown>>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export type PredictionModelRow = typeof predictionModels.$inferSelect;
export type NewPredictionModelRow = typeof predictionModels.$inferInsert;
