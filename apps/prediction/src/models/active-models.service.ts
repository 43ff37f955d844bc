import { Injectable } from '@nestjs/common';
import type { PredictionTarget } from '@cdp/prediction/contracts';
import { PredictionStore } from '@cdp/prediction/data-access-db';
import {
  compileTrees,
  parseModelTrees,
  treeContributions,
  type CompiledTrees,
  type ContributionFn,
} from '@cdp/prediction/util-xgboost';

/** How long a replica trusts its cached active model before checking for a newer one. */
const MODEL_CHECK_MS = 5_000;

/** A model ready to score: compiled trees over its features in column order. */
export interface ScoringModel {
  readonly id: string;
  readonly version: number;
  readonly features: readonly string[];
  readonly trees: CompiledTrees;
  readonly contributions: ContributionFn;
}

/** Loads a model's booster into flat trees (no WASM needed to score). */
export function scoringModel(
  id: string,
  version: number,
  features: readonly string[],
  booster: Uint8Array,
): ScoringModel {
  const trees = parseModelTrees(booster);
  return { id, version, features, trees: compileTrees(trees), contributions: treeContributions(trees) };
}

/** Each target's active model, compiled once per version and rechecked every few seconds. */
@Injectable()
export class ActiveModels {
  private readonly cache = new Map<
    PredictionTarget,
    { model: ScoringModel | undefined; checkedAt: number }
  >();

  constructor(private readonly store: PredictionStore) {}

  async get(target: PredictionTarget): Promise<ScoringModel | undefined> {
    const now = Date.now();
    const cached = this.cache.get(target);
    if (cached && now - cached.checkedAt < MODEL_CHECK_MS) return cached.model;
    const id = await this.store.activeModelId(target);
    let model = cached?.model?.id === id ? cached?.model : undefined;
    if (model === undefined && id !== undefined) model = await this.load(id);
    this.cache.set(target, { model, checkedAt: now });
    return model;
  }

  /** Any stored model, compiled (not cached). */
  async load(id: string): Promise<ScoringModel | undefined> {
    const stored = await this.store.model(id);
    const booster = stored ? await this.store.booster(id) : undefined;
    if (!stored || !booster) return undefined;
    return scoringModel(stored.id, stored.version, stored.features, booster);
  }

  /** Forget the cached model of `target` (after a promotion or rollback in this replica). */
  invalidate(target: PredictionTarget): void {
    this.cache.delete(target);
  }
}
