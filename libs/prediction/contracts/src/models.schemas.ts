import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { predictionTargetSchema } from './models-train.schemas.js';

const point = z.object({ x: z.number(), y: z.number() });

/** How well a model separates the validation rows (the later cut-offs), with what to plot. */
export const modelMetricsSchema = z.object({
  auc: z.number(),
  prAuc: z.number(),
  logLoss: z.number(),
  /** Positives among the top 10 % of scores over the base rate. */
  liftAtTopDecile: z.number(),
  positiveRate: z.number(),
  /** x = false positive rate, y = true positive rate, thinned for plotting. */
  roc: z.array(point),
  /** x = recall, y = precision, thinned for plotting. */
  pr: z.array(point),
  calibration: z.array(z.object({ predicted: z.number(), observed: z.number(), count: z.number().int() })),
});

export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

export const predictionModelSummarySchema = z.object({
  id: z.string().uuid(),
  target: predictionTargetSchema,
  version: z.number().int(),
  active: z.boolean(),
  /** AUC on its own validation rows. */
  auc: z.number(),
  trainRows: z.number().int(),
  validationRows: z.number().int(),
  features: z.array(z.string()),
  horizonDays: z.number().int(),
  /** First and last cut-off of the training data. */
  dataFrom: z.iso.datetime({ offset: true }),
  dataTo: z.iso.datetime({ offset: true }),
  codeVersion: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  promotedAt: z.iso.datetime({ offset: true }).nullable(),
});

export type PredictionModelSummary = z.infer<typeof predictionModelSummarySchema>;

export const predictionModelDetailSchema = predictionModelSummarySchema.extend({
  metrics: modelMetricsSchema,
  /** XGBoost parameters, every one explicit, and the boosting rounds. */
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  rounds: z.number().int(),
  /** Total gain per feature, largest first. */
  importance: z.array(z.object({ feature: z.string(), gain: z.number(), share: z.number() })),
  cutoffs: z.object({
    train: z.array(z.iso.datetime({ offset: true })),
    validation: z.array(z.iso.datetime({ offset: true })),
  }),
  /** Positives / negatives among the training rows, and the scale_pos_weight that balanced them. */
  classBalance: z.object({
    positives: z.number().int(),
    negatives: z.number().int(),
    scalePosWeight: z.number(),
  }),
  /** The model it was compared with at training, and both AUCs on this model's validation rows. */
  comparison: z.object({ modelId: z.string().uuid(), auc: z.number(), candidateAuc: z.number() }).nullable(),
  timings: z.record(z.string(), z.number()),
  /** What the label meant, in words (e.g. whether tier entries were available to the engagement label). */
  labels: z.string(),
});

export type PredictionModelDetail = z.infer<typeof predictionModelDetailSchema>;

export const MODELS_LIST = defineRequest(
  'cdp.prediction.cmd.models.list.v1',
  z.object({ target: predictionTargetSchema.optional() }).strict(),
  z.object({ models: z.array(predictionModelSummarySchema) }),
);

/** One model in full; the active model of `target` when no id is given. */
export const MODEL_GET = defineRequest(
  'cdp.prediction.cmd.models.get.v1',
  z.object({ modelId: z.string().uuid().optional(), target: predictionTargetSchema.optional() }).strict(),
  predictionModelDetailSchema,
);

export const activeChangeSchema = z.object({
  target: predictionTargetSchema,
  activeModelId: z.string().uuid(),
  activeVersion: z.number().int(),
  previousModelId: z.string().uuid().nullable(),
  /** The rescoring job started for the new active model. */
  jobId: z.string().uuid(),
});

/** Makes a model its target's active one (whatever its metrics) and rescores everyone with it. */
export const MODEL_PROMOTE = defineRequest(
  'cdp.prediction.cmd.models.promote.v1',
  z.object({ modelId: z.string().uuid() }).strict(),
  activeChangeSchema,
);

/** Goes back to the model that was active before the current one, and rescores everyone. */
export const MODEL_ROLLBACK = defineRequest(
  'cdp.prediction.cmd.models.rollback.v1',
  z.object({ target: predictionTargetSchema }).strict(),
  activeChangeSchema,
);

/** Rows per MODEL_TRAINING_ROWS reply. */
export const TRAINING_ROWS_MAX_LIMIT = 5_000;

/**
 * The labelled rows a model learnt from and was validated on, in the shape FEATURES_TRAINING_SET
 * takes, so anyone can read the same features and reproduce the training elsewhere.
 */
export const MODEL_TRAINING_ROWS = defineRequest(
  'cdp.prediction.cmd.models.training-rows.v1',
  z
    .object({
      modelId: z.string().uuid(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(TRAINING_ROWS_MAX_LIMIT).optional(),
    })
    .strict(),
  z.object({
    total: z.number().int(),
    rows: z.array(
      z.object({
        profileId: z.string().uuid(),
        at: z.iso.datetime({ offset: true }),
        label: z.number().int().min(0).max(1),
        set: z.enum(['train', 'validation']),
      }),
    ),
  }),
);
