import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clusteringSchema } from './schema.js';

/**
 * A fitted segmentation model, versioned per source: the algorithm, its k, every fitted parameter
 * needed to assign new rows (`params`: preprocessing, centres, algorithm state), its quality, the
 * data it was fitted on and the code that fitted it. One model per source is active.
 */
export const segmentationModels = clusteringSchema.table(
  'segmentation_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    algorithm: text('algorithm').notNull(),
    k: integer('k').notNull(),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** `features`, or the source of imported rows (e.g. `csv-ads`). */
    source: text('source').notNull().default('features'),
    version: integer('version').notNull().default(1),
    name: text('name').notNull().default(''),
    naming: text('naming').notNull().default('tiers'),
    active: boolean('active').notNull().default(false),
    rows: integer('rows').notNull().default(0),
    features: jsonb('features').$type<string[]>().notNull().default([]),
    quality: jsonb('quality').$type<Record<string, unknown>>().notNull().default({}),
    /** k-selection table, timings, PCA projection, retrain matching: what the console shows. */
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    dataFrom: timestamp('data_from', { withTimezone: true }),
    dataTo: timestamp('data_to', { withTimezone: true }),
    codeVersion: text('code_version').notNull().default(''),
  },
  (t) => [
    uniqueIndex('segmentation_models_source_version_idx').on(t.source, t.version),
    uniqueIndex('segmentation_models_active_idx')
      .on(t.source)
      .where(sql`${t.active}`),
  ],
);

export type SegmentationModelRow = typeof segmentationModels.$inferSelect;
export type NewSegmentationModelRow = typeof segmentationModels.$inferInsert;

/** The segments of a model. `id` is stable: a retrained segment matched to an old one keeps it. */
export const segments = clusteringSchema.table(
  'segments',
  {
    modelId: uuid('model_id')
      .notNull()
      .references(() => segmentationModels.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    /** The cluster index inside the model's fitted parameters. */
    position: integer('position').notNull(),
    name: text('name').notNull(),
    nameEdited: boolean('name_edited').notNull().default(false),
    rank: integer('rank'),
    size: integer('size').notNull(),
    share: doublePrecision('share').notNull(),
    traits: jsonb('traits').$type<unknown[]>().notNull().default([]),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [uniqueIndex('segments_model_id_idx').on(t.modelId, t.id), index('segments_id_idx').on(t.id)],
);

/** Each subject's current segment, per source (a profile id, or `<source>:<id>` for imported rows). */
export const segmentAssignments = clusteringSchema.table(
  'segment_assignments',
  {
    subjectId: text('subject_id').notNull(),
    source: text('source').notNull(),
    modelId: uuid('model_id').notNull(),
    segmentId: text('segment_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('segment_assignments_subject_idx').on(t.subjectId, t.source)],
);

/** Every stay of a subject in a segment: `until` is null for the current one. */
export const segmentHistory = clusteringSchema.table(
  'segment_history',
  {
    subjectId: text('subject_id').notNull(),
    source: text('source').notNull(),
    modelId: uuid('model_id').notNull(),
    segmentId: text('segment_id').notNull(),
    since: timestamp('since', { withTimezone: true }).notNull(),
    until: timestamp('until', { withTimezone: true }),
  },
  (t) => [
    index('segment_history_subject_idx').on(t.subjectId, t.since),
    // Stays begun within a window of a source: the moves between segments (SEGMENT_TRANSITIONS).
    index('segment_history_source_since_idx').on(t.source, t.since),
    // The open stays: closing one is a lookup. Not unique, since one statement closes a stay and
    // opens the next, in an order PostgreSQL does not promise.
    index('segment_history_open_idx')
      .on(t.subjectId, t.source)
      .where(sql`${t.until} IS NULL`),
  ],
);
