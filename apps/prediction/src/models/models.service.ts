import { Injectable } from '@nestjs/common';
import {
  TRAINING_ROWS_MAX_LIMIT,
  type MODEL_TRAINING_ROWS,
  type PredictionModelDetail,
  type PredictionModelSummary,
  type PredictionTarget,
} from '@cdp/prediction/contracts';
import {
  PredictionStore,
  type ActiveChange,
  type StoredPredictionModel,
} from '@cdp/prediction/data-access-db';
import type { RequestContract } from '@cdp/shared/contracts';
import { BusError } from '@cdp/shared/util-messaging';
import { TrainingService } from '../training/training.service.js';
import { ActiveModels } from './active-models.service.js';

type TrainingRowsReply = typeof MODEL_TRAINING_ROWS extends RequestContract<unknown, infer R> ? R : never;

/** The registry over request/reply: versions, their metrics, promotion and rollback. */
@Injectable()
export class ModelsService {
  constructor(
    private readonly store: PredictionStore,
    private readonly models: ActiveModels,
    private readonly training: TrainingService,
  ) {}

  async list(target?: PredictionTarget): Promise<PredictionModelSummary[]> {
    return (await this.store.models(target)).map(summary);
  }

  async detail(request: { modelId?: string; target?: PredictionTarget }): Promise<PredictionModelDetail> {
    const target = request.target ?? 'churn';
    const id = request.modelId ?? (await this.store.activeModelId(target));
    if (!id) throw new BusError('NOT_FOUND', `no active ${target} model: train one first`, { target });
    const model = await this.store.model(id);
    if (!model) throw new BusError('NOT_FOUND', `no model ${id}`, { modelId: id });
    const detail = model.detail as Record<string, unknown>;
    return {
      ...summary(model),
      metrics: model.metrics as unknown as PredictionModelDetail['metrics'],
      params: model.params as PredictionModelDetail['params'],
      rounds: model.rounds,
      importance: detail['importance'] as PredictionModelDetail['importance'],
      cutoffs: detail['cutoffs'] as PredictionModelDetail['cutoffs'],
      classBalance: detail['classBalance'] as PredictionModelDetail['classBalance'],
      comparison: (detail['comparison'] ?? null) as PredictionModelDetail['comparison'],
      timings: detail['timings'] as PredictionModelDetail['timings'],
      labels: String(detail['labels'] ?? ''),
    };
  }

  async promote(modelId: string): Promise<ActiveChange & { target: PredictionTarget; jobId: string }> {
    const model = await this.store.model(modelId);
    if (!model) throw new BusError('NOT_FOUND', `no model ${modelId}`, { modelId });
    const change = await this.store.promote(modelId, 'promoted by hand');
    return this.changed(model.target as PredictionTarget, change);
  }

  async rollback(
    target: PredictionTarget,
  ): Promise<ActiveChange & { target: PredictionTarget; jobId: string }> {
    const change = await this.store.rollback(target);
    if (!change)
      throw new BusError(
        'CONFLICT',
        `no earlier ${target} model to roll back to (fewer than two promotions)`,
        {
          target,
        },
      );
    return this.changed(target, change);
  }

  private changed(
    target: PredictionTarget,
    change: ActiveChange,
  ): ActiveChange & { target: PredictionTarget; jobId: string } {
    this.models.invalidate(target);
    return { target, ...change, jobId: this.training.rescore() };
  }

  async trainingRows(request: {
    modelId: string;
    offset?: number;
    limit?: number;
  }): Promise<TrainingRowsReply> {
    const model = await this.store.model(request.modelId);
    if (!model) throw new BusError('NOT_FOUND', `no model ${request.modelId}`, { modelId: request.modelId });
    const rows = await this.store.trainingRows(
      request.modelId,
      request.offset ?? 0,
      request.limit ?? TRAINING_ROWS_MAX_LIMIT,
    );
    return {
      total: await this.store.trainingRowCount(request.modelId),
      rows: rows.map((r) => ({
        profileId: r.profileId,
        at: r.at.toISOString(),
        label: r.label,
        set: r.validation ? ('validation' as const) : ('train' as const),
      })),
    };
  }
}

function summary(model: StoredPredictionModel): PredictionModelSummary {
  return {
    id: model.id,
    target: model.target as PredictionTarget,
    version: model.version,
    active: model.active,
    auc: Number((model.metrics as { auc?: number }).auc ?? Number.NaN),
    trainRows: model.trainRows,
    validationRows: model.validationRows,
    features: model.features,
    horizonDays: model.horizonDays,
    dataFrom: model.dataFrom.toISOString(),
    dataTo: model.dataTo.toISOString(),
    codeVersion: model.codeVersion,
    createdAt: model.createdAt.toISOString(),
    promotedAt: model.promotedAt ? model.promotedAt.toISOString() : null,
  };
}
