import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { clusteringAlgorithmSchema, namingSchema } from './segments-train.schemas.js';

/**
 * Whether the segments mean anything: silhouette (−1..1, separation of the groups) and stability
 * (adjusted Rand index between fits on bootstrap resamples, 1 = the same groups every time). Below
 * the thresholds the structure is weak and every surface says so instead of showing confident
 * personas.
 */
export const segmentQualitySchema = z.object({
  silhouette: z.number(),
  /** null when stability was not measured (stabilityRuns 0). */
  stability: z.number().nullable(),
  daviesBouldin: z.number().nullable(),
  weak: z.boolean(),
  /** Plain sentences, e.g. "silhouette 0.09 is below 0.15: the groups overlap". */
  warnings: z.array(z.string()),
  thresholds: z.object({ silhouette: z.number(), stability: z.number() }),
});

export type SegmentQuality = z.infer<typeof segmentQualitySchema>;

export const personaTraitSchema = z.object({
  feature: z.string(),
  kind: z.enum(['number', 'category']),
  text: z.string(),
  effect: z.number(),
});

export const numberSummarySchema = z.object({
  mean: z.number().nullable(),
  median: z.number().nullable(),
  p25: z.number().nullable(),
  p75: z.number().nullable(),
  std: z.number().nullable(),
  missing: z.number(),
});

export const segmentSchema = z.object({
  /** Stable id, kept by a retrained segment that is the same group. */
  id: z.string(),
  name: z.string(),
  /** True once someone renamed it: a retrain keeps the edited name. */
  nameEdited: z.boolean(),
  /** Tier rank (0 = least engaged) for tier namings; null for personas. */
  rank: z.number().int().nullable(),
  size: z.number().int(),
  share: z.number(),
  traits: z.array(personaTraitSchema),
  /** Raw-unit summaries of the numeric features and category shares. */
  numbers: z.record(z.string(), numberSummarySchema),
  categories: z.record(z.string(), z.record(z.string(), z.number())),
});

export type SegmentInfo = z.infer<typeof segmentSchema>;

export const kChoiceSchema = z.object({
  k: z.number().int(),
  silhouette: z.number().nullable(),
  inertia: z.number().nullable(),
  daviesBouldin: z.number().nullable(),
});

export const modelSummarySchema = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  name: z.string(),
  /** `features` or the source of inline rows (e.g. `ads-csv`). */
  source: z.string(),
  algorithm: clusteringAlgorithmSchema,
  naming: namingSchema,
  k: z.number().int(),
  active: z.boolean(),
  rows: z.number().int(),
  features: z.array(z.string()),
  quality: segmentQualitySchema,
  createdAt: z.iso.datetime({ offset: true }),
  /** The data the model was fitted on: the oldest and newest feature snapshot read (null for inline rows). */
  dataFrom: z.iso.datetime({ offset: true }).nullable(),
  dataTo: z.iso.datetime({ offset: true }).nullable(),
});

export type ModelSummary = z.infer<typeof modelSummarySchema>;

export const modelDetailSchema = modelSummarySchema.extend({
  segments: z.array(segmentSchema),
  /** The k tried, with their scores (k chosen by silhouette). */
  kSelection: z.array(kChoiceSchema),
  /** Seconds per phase of the training. */
  timings: z.record(z.string(), z.number()),
  /** A 2-D PCA of a sample: x, y interleaved, with each point's segment id. */
  projection: z.object({
    points: z.array(z.number()),
    segments: z.array(z.string()),
    explainedVarianceRatio: z.array(z.number()),
  }),
  /**
   * Two numeric features of the same sample in their raw units (clicks across, time on content up
   * when the model has them): x, y interleaved, with each point's segment id. null when the model
   * has fewer than two numeric features, or was trained before the scatter was stored.
   */
  scatter: z
    .object({
      x: z.string(),
      y: z.string(),
      points: z.array(z.number()),
      segments: z.array(z.string()),
    })
    .nullable(),
  /** The previous version's segment each of this model's segments was matched to (null: new). */
  matchedFrom: z.record(z.string(), z.string().nullable()),
});

export type ModelDetail = z.infer<typeof modelDetailSchema>;

export const SEGMENTS_MODELS_LIST = defineRequest(
  'cdp.clustering.cmd.models.list.v1',
  z.object({ source: z.string().optional() }),
  z.object({ models: z.array(modelSummarySchema) }),
);

/** One model in full; the active model of `source` (default `features`) when no id is given. */
export const SEGMENTS_MODEL_GET = defineRequest(
  'cdp.clustering.cmd.models.get.v1',
  z.object({ modelId: z.string().uuid().optional(), source: z.string().optional() }),
  modelDetailSchema,
);

/** Renames a segment: the name sticks across retrains that keep the segment. */
export const SEGMENT_RENAME = defineRequest(
  'cdp.clustering.cmd.segment.rename.v1',
  z.object({ segmentId: z.string().min(1), name: z.string().trim().min(1).max(100) }),
  z.object({ segmentId: z.string(), name: z.string() }),
);

export const assignmentSchema = z.object({
  modelId: z.string().uuid(),
  source: z.string(),
  segmentId: z.string(),
  segmentName: z.string(),
  since: z.iso.datetime({ offset: true }),
});

/** A profile's (or imported row's) current segments, one per source, and its history, newest first. */
export const SEGMENT_ASSIGNMENT_GET = defineRequest(
  'cdp.clustering.cmd.assignment.get.v1',
  z.object({ subjectId: z.string().min(1) }),
  z.object({
    subjectId: z.string(),
    current: z.array(assignmentSchema),
    history: z.array(assignmentSchema.extend({ until: z.iso.datetime({ offset: true }).nullable() })),
  }),
);

/**
 * Segment sizes over time for a source's active model (a plot): the subjects in each segment at the
 * end of each of the last `days` UTC days, from the assignment history.
 */
export const SEGMENT_SIZES = defineRequest(
  'cdp.clustering.cmd.segment.sizes.v1',
  z.object({ source: z.string().optional(), days: z.number().int().min(1).max(366).optional() }),
  z.object({
    modelId: z.string().uuid(),
    segments: z.array(z.object({ id: z.string(), name: z.string() })),
    points: z.array(
      z.object({ at: z.iso.datetime({ offset: true }), sizes: z.record(z.string(), z.number().int()) }),
    ),
  }),
);
