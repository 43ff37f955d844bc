import { Inject, Injectable } from '@nestjs/common';
import {
  EXPORT_MAX_LIMIT,
  exportMatrix,
  FEATURES_EXPORT,
  type ProfileFeatures,
} from '@cdp/feature-store/contracts';
import {
  SCORES_UPDATED,
  type ModelScore,
  type PredictionTarget,
  type ProfileScores,
} from '@cdp/prediction/contracts';
import { PredictionStore, type ScoreRow } from '@cdp/prediction/data-access-db';
import { INTENT_WEIGHTS, intentScore, riskBand, topContributions } from '@cdp/prediction/domain';
import { profileGroupKey } from '@cdp/shared/contracts';
import { BusError, MessagingClient } from '@cdp/shared/util-messaging';
import { SERVICE_ENV } from '@cdp/shared/util-service';
import { ActiveModels, type ScoringModel } from '../models/active-models.service.js';
import type { PredictionEnv } from '../config/env.schema.js';

export const TARGETS: readonly PredictionTarget[] = ['churn', 'engagement'];

/** A profile's features by name (numbers; anything else is missing). */
type Lookup = (name: string) => number | null;

/**
 * Scores profiles with each target's active model: in real time from `features.updated` and for
 * everyone in a rescoring. Each score comes with the features that moved it most; scores are kept
 * as traits (`churn_risk`, `churn_risk_band`, `engagement_score`, `intent_score`) and published as
 * `scores.updated` inside the write's transaction, so a failed publish is retried, never lost.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly store: PredictionStore,
    private readonly models: ActiveModels,
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_ENV) private readonly env: PredictionEnv,
  ) {}

  /** Scores the newest vector of each profile in the batch; returns how many were scored. */
  async onFeatures(vectors: readonly ProfileFeatures[]): Promise<number> {
    if (vectors.length === 0) return 0;
    const latest = new Map<string, ProfileFeatures>();
    for (const vector of vectors) {
      const seen = latest.get(vector.profileId);
      if (!seen || seen.asOf <= vector.asOf) latest.set(vector.profileId, vector);
    }
    const active = await this.activeModels();
    const scores = [...latest.values()].map((v) =>
      this.score(v.profileId, v.asOf, active, (name) => {
        const value = v.features[name];
        return typeof value === 'number' ? value : null;
      }),
    );
    await this.save(scores);
    return scores.length;
  }

  /** Rescores every profile the feature store has, a page at a time. */
  async rescoreAll(onProgress?: (scored: number) => void): Promise<number> {
    const active = await this.activeModels();
    const names = [
      ...new Set([
        ...[...active.values()].flatMap((m) => m.features),
        ...INTENT_WEIGHTS.map((w) => w.feature),
      ]),
    ];
    const asOf = new Date().toISOString();
    let scored = 0;
    for await (const chunk of exportMatrix((r) => this.messaging.request(FEATURES_EXPORT, r, 60_000), {
      names,
      limit: EXPORT_MAX_LIMIT,
    })) {
      const scores = chunk.profileIds.map((profileId, row) =>
        this.score(profileId, asOf, active, (name) => {
          const value = chunk.numeric.get(name)?.[row];
          return value === undefined || Number.isNaN(value) ? null : value;
        }),
      );
      await this.save(scores);
      scored += scores.length;
      onProgress?.(scored);
    }
    return scored;
  }

  async get(profileId: string): Promise<ProfileScores & { updatedAt: string }> {
    const row = await this.store.scores(profileId);
    if (!row) throw new BusError('NOT_FOUND', `profile ${profileId} has no scores yet`, { profileId });
    return { ...(row.scores as unknown as ProfileScores), updatedAt: row.updatedAt.toISOString() };
  }

  private async activeModels(): Promise<Map<PredictionTarget, ScoringModel>> {
    const active = new Map<PredictionTarget, ScoringModel>();
    for (const target of TARGETS) {
      const model = await this.models.get(target);
      if (model) active.set(target, model);
    }
    return active;
  }

  private score(
    profileId: string,
    asOf: string,
    active: ReadonlyMap<PredictionTarget, ScoringModel>,
    feature: Lookup,
  ): ProfileScores {
    const churn = active.get('churn');
    const engagement = active.get('engagement');
    const churnScore = churn ? this.modelScore(churn, feature) : undefined;
    const engagementScore = engagement ? this.modelScore(engagement, feature) : undefined;
    const intent = intentScore(feature);
    return {
      profileId,
      asOf,
      ...(churnScore ? { churn: churnScore } : {}),
      ...(engagementScore ? { engagement: engagementScore } : {}),
      intent,
      traits: {
        ...(churnScore ? { churn_risk: churnScore.score, churn_risk_band: churnScore.band } : {}),
        ...(engagementScore ? { engagement_score: engagementScore.score } : {}),
        intent_score: intent,
      },
    };
  }

  private modelScore(model: ScoringModel, feature: Lookup): ModelScore {
    const row = new Float32Array(model.features.length);
    model.features.forEach((name, i) => {
      row[i] = feature(name) ?? Number.NaN;
    });
    const margin = model.trees.margins(row, 1, row.length)[0] as number;
    const score = Math.round((1 / (1 + Math.exp(-margin))) * 1e4) / 1e4;
    return {
      modelId: model.id,
      score,
      band: riskBand(score, { medium: this.env.PREDICTION_BAND_MEDIUM, high: this.env.PREDICTION_BAND_HIGH }),
      top: topContributions(model.contributions(row), model.features, this.env.PREDICTION_TOP_FEATURES),
    };
  }

  private async save(scores: readonly ProfileScores[]): Promise<void> {
    const rows: ScoreRow[] = scores.map((s) => ({
      profileId: s.profileId,
      asOf: new Date(s.asOf),
      churnRisk: s.churn?.score ?? null,
      churnBand: s.churn?.band ?? null,
      engagementScore: s.engagement?.score ?? null,
      intentScore: s.intent,
      scores: s as unknown as Record<string, unknown>,
    }));
    await this.store.saveScores(rows, () => this.publish(scores));
  }

  private async publish(scores: readonly ProfileScores[]): Promise<void> {
    await this.messaging.publishGrouped(SCORES_UPDATED, scores, (s) => profileGroupKey(s.profileId), {
      sizeOf: () => 900,
      maxItems: 500,
    });
  }

  async merged(mergedProfileId: string): Promise<void> {
    await this.store.dropScores([mergedProfileId]);
  }

  async erase(profileIds: readonly string[]): Promise<void> {
    await this.store.erase(profileIds);
  }
}
