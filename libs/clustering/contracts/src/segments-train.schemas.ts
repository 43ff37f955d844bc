import { defineRequest, jobStartedSchema, jobStatusShape } from '@cdp/shared/contracts';
import { z } from 'zod';

export const clusteringAlgorithmSchema = z.enum(['kmeans', 'minibatch', 'dbscan', 'gmm']);

export type ClusteringAlgorithm = z.infer<typeof clusteringAlgorithmSchema>;

/** How segments are named: ordered engagement tiers, or personas from what sets each apart. */
export const namingSchema = z.enum(['tiers', 'personas']);

/** Columns sent with the request (e.g. a CSV of trait profiles), one array per column. */
export const inlineRowsSchema = z
  .object({
    /** What the rows are (the assignments' subject ids are `<source>:<id>`), e.g. `ads-csv`. */
    source: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    ids: z.array(z.string().min(1)).min(2).max(200_000),
    columns: z
      .array(
        z.object({
          name: z.string().min(1),
          kind: z.enum(['number', 'category']),
          values: z.union([z.array(z.number().nullable()), z.array(z.string().nullable())]),
          /** A category cell may hold several comma-separated values ("Gaming, DIY Crafts"). */
          multiValue: z.boolean().optional(),
          log1p: z.boolean().optional(),
          weight: z.number().positive().optional(),
        }),
      )
      .min(1),
  })
  .superRefine((rows, ctx) => {
    rows.columns.forEach((column, i) => {
      if (column.values.length !== rows.ids.length)
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'values'],
          message: `column ${column.name} has ${column.values.length} values for ${rows.ids.length} ids`,
        });
    });
  });

export type InlineRows = z.infer<typeof inlineRowsSchema>;

export const segmentsTrainRequestSchema = z
  .object({
    algorithm: clusteringAlgorithmSchema.optional(),
    /** A fixed k, or the range k is chosen from by silhouette (default 2–10). */
    k: z
      .union([
        z.number().int().min(2).max(50),
        z.object({ min: z.number().int().min(2), max: z.number().int().max(50) }),
      ])
      .optional(),
    /** Feature names from the feature store (default: the behaviour set). Ignored with `rows`. */
    features: z.array(z.string().min(1)).min(1).optional(),
    /** Train on these rows instead of the feature store's profiles. */
    rows: inlineRowsSchema.optional(),
    naming: namingSchema.optional(),
    scaling: z.enum(['robust', 'standard']).optional(),
    seed: z.number().int().min(0).optional(),
    /** Bootstrap resamples for the stability score (default 5; 0 skips it). */
    stabilityRuns: z.number().int().min(0).max(50).optional(),
    /** A human name for the segmentation (default from the source). */
    name: z.string().min(1).max(100).optional(),
  })
  .superRefine((request, ctx) => {
    if (typeof request.k === 'object' && request.k.min > request.k.max)
      ctx.addIssue({
        code: 'custom',
        path: ['k'],
        message: `k range ${request.k.min}..${request.k.max} is empty`,
      });
  });

export type SegmentsTrainRequest = z.infer<typeof segmentsTrainRequestSchema>;

/**
 * Starts training a segmentation (answers at once with the job id; SEGMENTS_TRAIN_STATUS reports
 * progress): reads the rows, preprocesses, fits, picks k, measures quality, names the segments,
 * matches them to the current model's, stores the model and assigns everyone.
 */
export const SEGMENTS_TRAIN = defineRequest(
  'cdp.clustering.cmd.segments.train.v1',
  segmentsTrainRequestSchema,
  jobStartedSchema,
);

export const trainStatusSchema = z.object(jobStatusShape);

export type TrainStatus = z.infer<typeof trainStatusSchema>;

export const SEGMENTS_TRAIN_STATUS = defineRequest(
  'cdp.clustering.cmd.segments.train-status.v1',
  z.object({ jobId: z.string().uuid() }),
  trainStatusSchema,
);
