import { defineEvent, defineRequest, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';

export const riskBandSchema = z.enum(['low', 'medium', 'high']);

export type RiskBand = z.infer<typeof riskBandSchema>;

/** A feature's push on one score, in log-odds (positive raises it). */
export const contributionSchema = z.object({ feature: z.string(), contribution: z.number() });

export type Contribution = z.infer<typeof contributionSchema>;

/** One model's score of a profile. */
export const modelScoreSchema = z.object({
  modelId: z.string().uuid(),
  /** Probability 0..1. */
  score: z.number().min(0).max(1),
  band: riskBandSchema,
  /** The features that moved this score most, largest push first. */
  top: z.array(contributionSchema),
});

export type ModelScore = z.infer<typeof modelScoreSchema>;

/**
 * Scores as profile traits for audiences: `churn_risk` 0..1 and `churn_risk_band`,
 * `engagement_score` and `intent_score` 0..1. A trait is absent when its model has not scored the profile.
 */
export const scoreTraitsSchema = z.object({
  churn_risk: z.number().min(0).max(1).optional(),
  churn_risk_band: riskBandSchema.optional(),
  engagement_score: z.number().min(0).max(1).optional(),
  intent_score: z.number().min(0).max(1).optional(),
});

export type ScoreTraits = z.infer<typeof scoreTraitsSchema>;

export const profileScoresSchema = z.object({
  profileId: z.string().uuid(),
  /** The features' `asOf` the scores were computed from. */
  asOf: z.iso.datetime({ offset: true }),
  churn: modelScoreSchema.optional(),
  engagement: modelScoreSchema.optional(),
  /** Purchase intent now, from the last day's activity: moves with every update within a session. */
  intent: z.number().min(0).max(1),
  traits: scoreTraitsSchema,
});

export type ProfileScores = z.infer<typeof profileScoresSchema>;

export const scoresUpdatedSchema = envelopeOf(profileScoresSchema);

export type ScoresUpdated = z.infer<typeof scoresUpdatedSchema>;

/** Published when a profile's scores change: in real time from `features.updated`, and by a rescoring. */
export const SCORES_UPDATED = defineEvent('cdp.prediction.evt.scores.updated.v1', scoresUpdatedSchema);

/** A profile's latest scores (NOT_FOUND when it has none). */
export const SCORES_GET = defineRequest(
  'cdp.prediction.cmd.scores.get.v1',
  z.object({ profileId: z.string().uuid() }).strict(),
  profileScoresSchema.extend({ updatedAt: z.iso.datetime({ offset: true }) }),
);
