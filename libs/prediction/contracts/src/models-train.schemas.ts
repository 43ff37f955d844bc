import { defineRequest, jobStartedSchema, jobStatusShape } from '@cdp/shared/contracts';
import { z } from 'zod';

/** What a model predicts: churn (no activity in the horizon) or engagement (converts or becomes Highly Engaged). */
export const predictionTargetSchema = z.enum(['churn', 'engagement']);

export type PredictionTarget = z.infer<typeof predictionTargetSchema>;

/** XGBoost parameters a request may set; the rest keep the service's explicit defaults. */
export const xgboostParamsSchema = z
  .object({
    eta: z.number().gt(0).max(1),
    max_depth: z.number().int().min(1).max(16),
    min_child_weight: z.number().min(0),
    subsample: z.number().gt(0).max(1),
    colsample_bytree: z.number().gt(0).max(1),
    lambda: z.number().min(0),
    alpha: z.number().min(0),
    tree_method: z.enum(['exact', 'approx', 'hist']),
    seed: z.number().int().min(0),
  })
  .partial()
  .strict();

export const modelsTrainRequestSchema = z
  .object({
    target: predictionTargetSchema,
    /** Days after a cut-off the label looks at (default 30). */
    horizonDays: z.number().int().min(1).max(365).optional(),
    /** Days between cut-offs (default 7). */
    everyDays: z.number().int().min(1).max(90).optional(),
    /** How far back the first cut-off may be, in days before now (default 180). */
    historyDays: z.number().int().min(2).max(3_650).optional(),
    /** Share of the latest cut-offs that validate (default 0.25). */
    validationShare: z.number().gt(0).lt(1).optional(),
    /** Feature store names (default: every numeric feature of the catalog). */
    features: z.array(z.string().min(1)).min(1).optional(),
    params: xgboostParamsSchema.optional(),
    /** Boosting rounds (default 200). */
    rounds: z.number().int().min(1).max(5_000).optional(),
    /** auto (default): promote when it beats the active model on this validation set. */
    promote: z.enum(['auto', 'always', 'never']).optional(),
  })
  .strict();

export type ModelsTrainRequest = z.infer<typeof modelsTrainRequestSchema>;

/**
 * Starts training a model (answers at once with the job id; MODELS_TRAIN_STATUS reports progress):
 * labels every (profile, cut-off) from the feature store's history, reads each row's features as of
 * its cut-off, splits by time, trains XGBoost, evaluates on the later cut-offs, stores the version
 * and promotes it if it beats the active one, then rescores everyone.
 */
export const MODELS_TRAIN = defineRequest(
  'cdp.prediction.cmd.models.train.v1',
  modelsTrainRequestSchema,
  jobStartedSchema,
);

export const predictionJobSchema = z.object({
  ...jobStatusShape,
  kind: z.enum(['train', 'rescore']),
  target: predictionTargetSchema.nullable(),
  /** Whether the trained model became the active one, and why (or why not). */
  promoted: z.boolean().optional(),
  decision: z.string().optional(),
  /** Profiles scored by a rescoring (or after a promotion). */
  scored: z.number().int().optional(),
});

export type PredictionJob = z.infer<typeof predictionJobSchema>;

export const MODELS_TRAIN_STATUS = defineRequest(
  'cdp.prediction.cmd.models.train-status.v1',
  z.object({ jobId: z.string().uuid() }),
  predictionJobSchema,
);

/** Rescores every profile with the active models (a job: its status comes from MODELS_TRAIN_STATUS). */
export const SCORES_RESCORE = defineRequest(
  'cdp.prediction.cmd.scores.rescore.v1',
  z.object({}).strict(),
  jobStartedSchema,
);
