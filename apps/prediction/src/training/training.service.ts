import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ModelsTrainRequest, PredictionJob, PredictionTarget } from '@cdp/prediction/contracts';
import { PredictionStore } from '@cdp/prediction/data-access-db';
import {
  buildTrainingSet,
  CHURN_LABEL_FEATURE,
  cutoffs as cutoffList,
  DAY_MS,
  DEFAULT_HORIZON_DAYS,
  evaluate,
  HIGHLY_ENGAGED,
  promotionDecision,
  rocAuc,
  scalePosWeight,
  selectColumns,
  selectRows,
  type TrainingSet,
} from '@cdp/prediction/domain';
import {
  compileTrees,
  DEFAULT_XGBOOST_PARAMS,
  featureGain,
  parseModelTrees,
  trainInWorker,
  type XGBoostParams,
} from '@cdp/prediction/util-xgboost';
import type { Logger } from '@cdp/shared/util-logging';
import { BusError, MessagingClient } from '@cdp/shared/util-messaging';
import { LOGGER, SERVICE_ENV } from '@cdp/shared/util-service';
import type { PredictionEnv } from '../config/env.schema.js';
import { ActiveModels } from '../models/active-models.service.js';
import { ScoringService } from '../scoring/scoring.service.js';
import { FeatureReader } from './feature-reader.js';
import { ClusteringTiers } from './tier-reader.js';

/** Jobs remembered for status requests (the newest). */
const KEEP_JOBS = 20;

/**
 * The service's training defaults, every one explicit (see XGBoostParams). Shallower trees and a
 * smaller step than XGBoost's own defaults: behaviour data is noisy and a few hundred rounds at
 * eta 0.1 overfit less than 100 at 0.3.
 */
export const TRAINING_DEFAULTS = {
  horizonDays: DEFAULT_HORIZON_DAYS,
  everyDays: 7,
  historyDays: 180,
  validationShare: 0.25,
  rounds: 200,
  params: { ...DEFAULT_XGBOOST_PARAMS, eta: 0.1, max_depth: 4 } satisfies XGBoostParams,
};

/**
 * Training and rescoring as jobs. A training labels every (profile, cut-off) from the feature
 * store's history, reads each row's features as of its cut-off, splits by time, trains XGBoost
 * with classes balanced by scale_pos_weight, evaluates on the later cut-offs, stores the model with
 * its rows and promotes it when it beats the active model on the same validation rows; a promotion
 * rescores everyone. One job per target at a time.
 */
@Injectable()
export class TrainingService {
  private readonly jobs = new Map<string, PredictionJob>();
  private readonly running = new Map<string, string>();
  private rescoring: Promise<unknown> = Promise.resolve();
  private readonly reader: FeatureReader;

  constructor(
    private readonly store: PredictionStore,
    private readonly models: ActiveModels,
    private readonly scoring: ScoringService,
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_ENV) private readonly env: PredictionEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.reader = new FeatureReader(messaging);
  }

  train(request: ModelsTrainRequest): string {
    return this.startJob('train', request.target, request.target, (job) => this.run(job, request));
  }

  /**
   * Rescores everyone with the active models. Never refused: a rescoring asked for while another
   * runs (a promotion during a training's rescoring, say) waits for it, then reads the models anew.
   */
  rescore(): string {
    return this.startJob('rescore', null, `rescore:${randomUUID()}`, async (job) => {
      job.phase = 'waiting for the rescoring before it';
      job.scored = await this.rescoreEveryone((scored) => {
        job.scored = scored;
        job.phase = `rescoring (${scored} profiles)`;
      });
      return undefined;
    });
  }

  /** One rescoring at a time, in the order asked. */
  private rescoreEveryone(onProgress: (scored: number) => void): Promise<number> {
    const run = this.rescoring.then(() => this.scoring.rescoreAll(onProgress));
    this.rescoring = run.catch(() => undefined);
    return run;
  }

  status(jobId: string): PredictionJob {
    const job = this.jobs.get(jobId);
    if (!job) throw new BusError('NOT_FOUND', `no job ${jobId} (jobs are kept until a restart)`, { jobId });
    return { ...job };
  }

  private startJob(
    kind: PredictionJob['kind'],
    target: PredictionTarget | null,
    lock: string,
    work: (job: PredictionJob) => Promise<string | undefined>,
  ): string {
    const runningJob = this.running.get(lock);
    if (runningJob)
      throw new BusError('CONFLICT', `a training of '${lock}' is already running (job ${runningJob})`, {
        jobId: runningJob,
      });
    const job: PredictionJob = {
      jobId: randomUUID(),
      kind,
      target,
      state: 'running',
      phase: 'starting',
      progress: 0,
      startedAt: new Date().toISOString(),
    };
    this.jobs.set(job.jobId, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS)))
      this.jobs.delete(old);
    this.running.set(lock, job.jobId);
    void work(job)
      .then(
        (modelId) => {
          Object.assign(job, { state: 'done', phase: 'done', progress: 1 }, modelId ? { modelId } : {});
          this.logger.info(
            { jobId: job.jobId, kind, target, modelId, promoted: job.promoted },
            `${kind} job done`,
          );
        },
        (error: unknown) => {
          Object.assign(job, {
            state: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
          this.logger.error({ err: error, jobId: job.jobId, kind, target }, `${kind} job failed`);
        },
      )
      .finally(() => {
        job.finishedAt = new Date().toISOString();
        this.running.delete(lock);
      });
    return job.jobId;
  }

  private async run(job: PredictionJob, request: ModelsTrainRequest): Promise<string> {
    const progress = (phase: string, fraction: number): void => {
      job.phase = phase;
      job.progress = Math.min(1, Math.max(job.progress, fraction));
    };
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
      const started = performance.now();
      try {
        return await work();
      } finally {
        timings[name] = Math.round(performance.now() - started) / 1000;
      }
    };
    const horizonDays = request.horizonDays ?? TRAINING_DEFAULTS.horizonDays;
    const everyDays = request.everyDays ?? TRAINING_DEFAULTS.everyDays;
    const historyDays = request.historyDays ?? TRAINING_DEFAULTS.historyDays;
    const rounds = request.rounds ?? TRAINING_DEFAULTS.rounds;

    progress('reading the catalog', 0.01);
    const catalog = await this.reader.catalog();
    const features = request.features ?? catalog.numeric;
    const unknown = features.filter((name) => !catalog.all.has(name));
    if (unknown.length > 0)
      throw new Error(`unknown features: ${unknown.join(', ')} (see \`cdp features list\`)`);
    const categories = features.filter((name) => catalog.all.get(name) !== 'number');
    if (categories.length > 0)
      throw new Error(`XGBoost takes number features; these are categories: ${categories.join(', ')}`);

    const now = Date.now();
    const list =
      historyDays > horizonDays
        ? cutoffList({ from: now - historyDays * DAY_MS, to: now - horizonDays * DAY_MS, everyDays })
        : [];
    if (list.length < 2)
      throw new Error(
        `${historyDays} days of history give ${list.length} cut-off(s) with a closed ${horizonDays}-day window: raise --history-days or lower --horizon-days`,
      );
    const profileIds = await timed('profiles', () => this.reader.profileIds(CHURN_LABEL_FEATURE));
    if (profileIds.length === 0) throw new Error('the feature store has no profiles to learn from');

    const tiers =
      request.target === 'engagement' ? new ClusteringTiers(this.messaging, HIGHLY_ENGAGED) : undefined;
    const set = await timed('training set', () =>
      buildTrainingSet({
        target: request.target,
        profileIds,
        cutoffs: list,
        horizonDays,
        now,
        features,
        read: this.reader.read,
        ...(tiers ? { tiers: tiers.read, tier: HIGHLY_ENGAGED } : {}),
        ...(request.validationShare !== undefined ? { validationShare: request.validationShare } : {}),
        onProgress: (done, total) =>
          progress(
            `reading features at cut-off ${done} of ${total} (${profileIds.length} profiles)`,
            0.02 + (0.6 * done) / total,
          ),
      }),
    );
    const parts = splitSet(set);
    checkClasses(parts.train.labels, 'training', request.target);
    checkClasses(parts.validation.labels, 'validation', request.target);

    progress(`training on ${parts.train.rows} rows × ${features.length} features`, 0.65);
    const weight = scalePosWeight(parts.train.labels);
    const params: XGBoostParams = {
      ...TRAINING_DEFAULTS.params,
      ...request.params,
      scale_pos_weight: weight,
    };
    // Off the main thread: real-time scoring and health checks go on while it trains.
    const bytes = await timed('train', () =>
      trainInWorker({
        x: parts.train.x,
        rows: parts.train.rows,
        cols: features.length,
        labels: Float32Array.from(parts.train.labels),
        params,
        rounds,
      }),
    );

    progress('evaluating', 0.8);
    const trees = parseModelTrees(bytes);
    const compiled = compileTrees(trees);
    const probabilities = (x: Float32Array, rows: number, cols: number, model = compiled): Float64Array =>
      Float64Array.from(model.margins(x, rows, cols), (m) => 1 / (1 + Math.exp(-m)));
    const validationScores = probabilities(parts.validation.x, parts.validation.rows, features.length);
    const metrics = evaluate(parts.validation.labels, validationScores);

    // The active model, scored on this model's validation rows, so both are judged on the same rows.
    const activeId = await this.store.activeModelId(request.target);
    const active = activeId ? await this.models.load(activeId) : undefined;
    let comparison: { modelId: string; auc: number; candidateAuc: number } | null = null;
    if (active) {
      const x = selectColumns(parts.validation.x, parts.validation.rows, features, active.features);
      const auc = rocAuc(
        parts.validation.labels,
        probabilities(x, parts.validation.rows, active.features.length, active.trees),
      );
      comparison = { modelId: active.id, auc, candidateAuc: metrics.auc };
    }
    const decision = promotionDecision(metrics.auc, comparison?.auc ?? null);
    const promote = request.promote === 'always' || (request.promote !== 'never' && decision.promote);

    const gain = featureGain(trees);
    const total = gain.totalGain.reduce((a, b) => a + b, 0) || 1;
    const importance = features
      .map((feature, i) => ({
        feature,
        gain: gain.totalGain[i] ?? 0,
        share: (gain.totalGain[i] ?? 0) / total,
      }))
      .filter((f) => f.gain > 0)
      .sort((a, b) => b.gain - a.gain);

    progress('storing the model', 0.85);
    const positives = parts.train.labels.reduce((a, b) => a + b, 0);
    const model = await this.store.insertModel(
      {
        target: request.target,
        features,
        params: { ...params },
        rounds,
        booster: bytes,
        metrics: { ...metrics },
        detail: {
          importance,
          cutoffs: {
            train: set.split.train.map((c) => new Date(c).toISOString()),
            validation: set.split.validation.map((c) => new Date(c).toISOString()),
          },
          classBalance: { positives, negatives: parts.train.rows - positives, scalePosWeight: weight },
          comparison,
          timings,
          everyDays,
          historyDays,
          labels: labelDescription(request.target, horizonDays, tiers?.unavailable),
        },
        horizonDays,
        trainRows: parts.train.rows,
        validationRows: parts.validation.rows,
        dataFrom: new Date(Math.min(...set.split.train)),
        dataTo: new Date(Math.max(...set.split.validation)),
        codeVersion: this.env.CDP_CODE_VERSION,
      },
      { profileIds: set.profileIds, at: set.cutoffs, labels: set.labels, validation: set.validation },
    );
    job.modelId = model.id;
    const reason =
      request.promote === 'always'
        ? `promoted as asked (${decision.reason})`
        : request.promote === 'never'
          ? `not promoted, as asked (${decision.reason})`
          : decision.reason;
    job.decision = reason;
    job.promoted = promote;
    if (promote) {
      await this.store.promote(model.id, reason);
      this.models.invalidate(request.target);
      progress('rescoring everyone', 0.9);
      job.scored = await this.rescoreEveryone((scored) => {
        job.scored = scored;
        progress(`rescoring (${scored} profiles)`, 0.9);
      });
    }
    return model.id;
  }
}

interface Part {
  readonly x: Float32Array;
  readonly labels: Uint8Array;
  readonly rows: number;
}

function splitSet(set: TrainingSet): { train: Part; validation: Part } {
  const width = set.names.length;
  const part = (value: 0 | 1): Part => {
    const x = selectRows(set.x, width, set.validation, value);
    const labels = set.labels.filter((_, r) => set.validation[r] === value);
    return { x, labels, rows: labels.length };
  };
  return { train: part(0), validation: part(1) };
}

function checkClasses(labels: Uint8Array, name: string, target: PredictionTarget): void {
  const positives = labels.reduce((a, b) => a + b, 0);
  if (labels.length === 0)
    throw new Error(`no ${name} rows: no profile was active by those cut-offs (is there enough history?)`);
  if (positives === 0 || positives === labels.length)
    throw new Error(
      `the ${name} rows hold one class only (${positives} of ${labels.length} are ${target}): a model needs both; widen the history or the horizon`,
    );
}

/** What a label meant for this model, in words, stored with it. */
function labelDescription(
  target: PredictionTarget,
  horizonDays: number,
  tiersUnavailable: string | undefined,
): string {
  if (target === 'churn')
    return `churn: active by the cut-off, then no activity in the next ${horizonDays} days`;
  const base = `engagement: an order, or entering the ${HIGHLY_ENGAGED} tier, within ${horizonDays} days of the cut-off`;
  return tiersUnavailable ? `${base} (${tiersUnavailable})` : base;
}
