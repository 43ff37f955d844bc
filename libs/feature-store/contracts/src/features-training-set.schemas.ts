import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { featureTypeSchema } from './feature-columns.schemas.js';
import { featureValueSchema } from './feature-value.schemas.js';

/** Rows per FEATURES_TRAINING_SET request. */
export const TRAINING_SET_MAX_ROWS = 2_000;

/** `details.reason` of the VALIDATION_FAILED refusing a training set whose reply would not fit in one message. */
export const REPLY_TOO_LARGE = 'reply-too-large';

/** A row to learn from: a profile, the instant to read it at, and the label, which is passed through as is. */
export const trainingRowSchema = z.object({
  profileId: z.string().uuid(),
  at: z.iso.datetime({ offset: true }),
  label: z.union([z.number(), z.string(), z.null()]),
});

export type TrainingRow = z.infer<typeof trainingRowSchema>;

export const featuresTrainingSetRequestSchema = z.object({
  rows: z.array(trainingRowSchema).min(1).max(TRAINING_SET_MAX_ROWS),
  /** Feature names, in the order of the columns (default: the whole catalog). */
  names: z.array(z.string().min(1)).min(1).optional(),
});

export type FeaturesTrainingSetRequest = z.infer<typeof featuresTrainingSetRequestSchema>;

export const featuresTrainingSetResponseSchema = z
  .object({
    names: z.array(z.string()),
    types: z.array(featureTypeSchema),
    /** The request's rows in its order, each with its feature values in `names` order. */
    rows: z.array(trainingRowSchema.extend({ values: z.array(featureValueSchema) })),
  })
  .superRefine((reply, ctx) => {
    if (reply.types.length !== reply.names.length) {
      ctx.addIssue({ code: 'custom', path: ['types'], message: 'one type per name' });
    }
    const bad = reply.rows.findIndex((r) => r.values.length !== reply.names.length);
    if (bad >= 0)
      ctx.addIssue({ code: 'custom', path: ['rows', bad, 'values'], message: 'one value per name' });
  });

export type FeaturesTrainingSetResponse = z.infer<typeof featuresTrainingSetResponseSchema>;

/**
 * A training set: for each `(profile, at, label)` row, the profile's features as of `at`, read from
 * the event history (only events with a timestamp at or before `at` count: no leakage from later).
 * Two rows of one profile at different times each see their own past. An unknown name is a
 * VALIDATION_FAILED naming it. The reply is one bus message: a request whose reply would not fit
 * (many rows × many features) is refused with VALIDATION_FAILED, `details.reason` REPLY_TOO_LARGE
 * and `details.maxRows`: send fewer rows.
 */
export const FEATURES_TRAINING_SET = defineRequest(
  'cdp.feature-store.cmd.features.training-set.v1',
  featuresTrainingSetRequestSchema,
  featuresTrainingSetResponseSchema,
);
