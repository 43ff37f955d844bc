import { csvRow } from '@cdp/feature-store/contracts';
import {
  modelsTrainRequestSchema,
  predictionModelSummarySchema,
  predictionTargetSchema,
  profileScoresSchema,
  type MODEL_PROMOTE,
  type MODEL_TRAINING_ROWS,
  type ModelScore,
  type ModelsTrainRequest,
  type PredictionJob,
  type PredictionModelDetail,
  type PredictionModelSummary,
  type PredictionTarget,
  type SCORES_GET,
} from '@cdp/prediction/contracts';
import type { RequestContract } from '@cdp/shared/contracts';
import { parseNames } from './csv-output.js';
import { jobProgress, type JobProgress } from './job-progress.js';
import { formatTable } from './table.js';
import { fixed, minute, percent } from './format.js';

/** What MODEL_PROMOTE and MODEL_ROLLBACK answer. */
export type ActiveChange = typeof MODEL_PROMOTE extends RequestContract<unknown, infer Reply> ? Reply : never;

export type ScoresReply = typeof SCORES_GET extends RequestContract<unknown, infer Reply> ? Reply : never;

export type TrainingRowsRequest =
  typeof MODEL_TRAINING_ROWS extends RequestContract<infer Request, unknown> ? Request : never;

export type TrainingRowsReply =
  typeof MODEL_TRAINING_ROWS extends RequestContract<unknown, infer Reply> ? Reply : never;

export const PREDICTION_TARGETS = predictionTargetSchema.options;

/** `<target>`, `--target`: one the service trains, or an error naming the ones it does. */
export function parseTarget(text: string): PredictionTarget {
  const checked = predictionTargetSchema.safeParse(text);
  if (!checked.success)
    throw new Error(`unknown target "${text}": the targets are ${PREDICTION_TARGETS.join(', ')}`);
  return checked.data;
}

/** A model id is a UUID: anything else is refused before a round trip to the service. */
export function parseModelId(text: string): string {
  if (!predictionModelSummarySchema.shape.id.safeParse(text).success)
    throw new Error(`a model id is a UUID (see \`cdp models list\`), not "${text}"`);
  return text;
}

/** A profile id is a UUID (`cdp profiles get <type>:<value>` finds a person's). */
export function parseProfileId(text: string): string {
  if (!profileScoresSchema.shape.profileId.safeParse(text).success)
    throw new Error(`a profile id is a UUID (see \`cdp profiles get <type>:<value>\`), not "${text}"`);
  return text;
}

/** The flags of `models train` as commander hands them over: text, or absent. */
export interface ModelsTrainFlags {
  horizonDays?: string;
  everyDays?: string;
  historyDays?: string;
  rounds?: string;
  validationShare?: string;
  features?: string;
  promote?: string;
}

const TRAIN_FLAGS: Record<keyof Omit<ModelsTrainRequest, 'target' | 'params'>, string> = {
  horizonDays: '--horizon-days',
  everyDays: '--every-days',
  historyDays: '--history-days',
  rounds: '--rounds',
  validationShare: '--validation-share',
  features: '--features',
  promote: '--promote',
};

const WHOLE = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

function numberFlag(flag: string, text: string, whole: boolean): number {
  if (!(whole ? WHOLE : DECIMAL).test(text))
    throw new Error(`${flag} must be ${whole ? 'a whole number' : 'a number'}, not "${text}"`);
  return Number(text);
}

/**
 * `models train <target>` and its flags as a ModelsTrainRequest. The bounds are the contract's, so
 * a request the service would refuse is refused here, with the flag named, before anything is sent.
 */
export function parseTrainRequest(target: string, flags: ModelsTrainFlags): ModelsTrainRequest {
  const features = flags.features === undefined ? undefined : parseNames(flags.features);
  if (flags.features !== undefined && !features)
    throw new Error(`--features needs at least one feature name (e.g. orders_30d,sessions_7d)`);
  const request = {
    target: parseTarget(target),
    ...(flags.horizonDays !== undefined
      ? { horizonDays: numberFlag('--horizon-days', flags.horizonDays, true) }
      : {}),
    ...(flags.everyDays !== undefined
      ? { everyDays: numberFlag('--every-days', flags.everyDays, true) }
      : {}),
    ...(flags.historyDays !== undefined
      ? { historyDays: numberFlag('--history-days', flags.historyDays, true) }
      : {}),
    ...(flags.rounds !== undefined ? { rounds: numberFlag('--rounds', flags.rounds, true) } : {}),
    ...(flags.validationShare !== undefined
      ? { validationShare: numberFlag('--validation-share', flags.validationShare, false) }
      : {}),
    ...(features ? { features } : {}),
    ...(flags.promote !== undefined ? { promote: flags.promote } : {}),
  };
  const checked = modelsTrainRequestSchema.safeParse(request);
  if (!checked.success) {
    throw new Error(
      checked.error.issues
        .map((issue) => {
          const key = issue.path[0] as keyof typeof TRAIN_FLAGS;
          const flag = TRAIN_FLAGS[key] ?? String(key);
          const given = flags[key];
          return `${flag}${given === undefined ? '' : ` "${given}"`}: ${issue.message}`;
        })
        .join('; '),
    );
  }
  return checked.data;
}

function day(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

export function formatPredictionModels(models: readonly PredictionModelSummary[]): string {
  if (models.length === 0) return 'no prediction models yet (train one with `cdp models train churn`)';
  return formatTable(
    ['id', 'target', 'version', 'active', 'AUC', 'train rows', 'validation rows', 'created'],
    models.map((m) => [
      m.id,
      m.target,
      String(m.version),
      m.active ? 'yes' : '',
      fixed(m.auc),
      String(m.trainRows),
      String(m.validationRows),
      minute(m.createdAt),
    ]),
  );
}

/** What a training decided about the model it made (from its job). */
export interface PromotionOutcome {
  promoted: boolean;
  decision: string | null;
}

export interface FormatModelOptions {
  /** After `models train`: whether the job promoted the model, and why. */
  outcome?: PromotionOutcome;
  /** `models show`: ROC points, cut-off ranges and parameters too. */
  full?: boolean;
}

/** Features listed by gain share. */
const TOP_FEATURES = 10;

function range(times: readonly string[]): string {
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return 'none';
  return `${times.length} from ${day(first)} to ${day(last)}`;
}

export function formatModelDetail(detail: PredictionModelDetail, options: FormatModelOptions = {}): string {
  const { metrics, classBalance } = detail;
  const lines = [
    `${detail.target} model v${detail.version}${detail.active ? ' (active)' : ''}, id ${detail.id}, trained ${minute(detail.createdAt)}`,
    `horizon ${detail.horizonDays} days, data ${day(detail.dataFrom)} to ${day(detail.dataTo)}, ${detail.features.length} features, ${detail.rounds} rounds, code ${detail.codeVersion}`,
    `validation: AUC ${fixed(metrics.auc)}, PR AUC ${fixed(metrics.prAuc)}, log loss ${fixed(metrics.logLoss)}, lift at top decile ${fixed(metrics.liftAtTopDecile, 2)}× (base rate ${percent(metrics.positiveRate)})`,
    `label: ${detail.labels}`,
    `rows: ${detail.trainRows} train, ${detail.validationRows} validation`,
    `class balance (train): ${classBalance.positives} positives, ${classBalance.negatives} negatives, scale_pos_weight ${fixed(classBalance.scalePosWeight, 2)}`,
  ];
  if (options.outcome) {
    const { promoted, decision } = options.outcome;
    lines.push(`promoted: ${promoted ? 'yes' : 'no'}${decision ? ` (${decision})` : ''}`);
  } else {
    lines.push(
      `promoted: ${detail.promotedAt === null ? 'no' : `yes, ${minute(detail.promotedAt)}`}${detail.active ? ', active now' : ''}`,
    );
  }
  if (detail.comparison !== null) {
    lines.push(
      `compared with model ${detail.comparison.modelId}: AUC ${fixed(detail.comparison.auc)}, this model ${fixed(detail.comparison.candidateAuc)} (on this model's validation rows)`,
    );
  }
  if (options.full) {
    lines.push(
      `ROC: ${metrics.roc.length} points, PR: ${metrics.pr.length} points`,
      `cut-offs: train ${range(detail.cutoffs.train)}; validation ${range(detail.cutoffs.validation)}`,
      `params: ${[
        ...Object.entries(detail.params)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => `${name}=${value}`),
        `rounds=${detail.rounds}`,
      ].join(', ')}`,
    );
  }
  lines.push(
    '',
    `top features by gain (${Math.min(TOP_FEATURES, detail.importance.length)} of ${detail.importance.length}):`,
    formatTable(
      ['feature', 'gain share'],
      detail.importance.slice(0, TOP_FEATURES).map((f) => [f.feature, percent(f.share)]),
    ),
    '',
    'calibration (validation):',
    formatTable(
      ['predicted', 'observed', 'rows'],
      metrics.calibration.map((bin) => [fixed(bin.predicted), fixed(bin.observed), String(bin.count)]),
    ),
  );
  return lines.join('\n');
}

/** `models train --json`: the model, and what the training job decided and did. */
export function trainResult(
  detail: PredictionModelDetail,
  job: PredictionJob,
): PredictionModelDetail & {
  jobId: string;
  promoted: boolean;
  decision: string | null;
  scored: number | null;
} {
  return {
    ...detail,
    jobId: job.jobId,
    promoted: job.promoted ?? false,
    decision: job.decision ?? null,
    scored: job.scored ?? null,
  };
}

export function formatActiveChange(change: ActiveChange): string {
  return [
    `${change.target}: model ${change.activeModelId} (v${change.activeVersion}) is now active`,
    `before: ${change.previousModelId ?? 'no active model'}`,
    `rescoring every profile: job ${change.jobId}`,
  ].join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : ''}${value.toFixed(3)}`;
}

function contributions(title: string, score: ModelScore): string[] {
  if (score.top.length === 0) return [];
  return [
    '',
    `${title} (model ${score.modelId}), top contributing features (log-odds):`,
    formatTable(
      ['feature', 'contribution'],
      score.top.map((c) => [c.feature, signed(c.contribution)]),
    ),
  ];
}

export function formatScores(scores: ScoresReply): string {
  const { churn, engagement } = scores;
  const lines = [
    `profile ${scores.profileId}: scored from features as of ${minute(scores.asOf)}, updated ${minute(scores.updatedAt)}`,
    churn
      ? `churn risk        ${fixed(churn.score)} (${churn.band})`
      : 'churn risk        — (no churn model has scored it)',
    engagement
      ? `engagement score  ${fixed(engagement.score)}`
      : 'engagement score  — (no engagement model has scored it)',
    `intent score      ${fixed(scores.intent)}`,
  ];
  if (churn) lines.push(...contributions('churn risk', churn));
  if (engagement) lines.push(...contributions('engagement score', engagement));
  return lines.join('\n');
}

/** A prediction job's phase beside a bar of its progress (0..1, in thousandths). */
export function predictionJobProgress(tty: boolean, what: string): JobProgress<PredictionJob> {
  return jobProgress<PredictionJob>(tty, {
    format: `${what} [{bar}] {percentage}% | {phase}`,
    total: () => 1_000,
    done: (job) => Math.round(job.progress * 1_000),
    payload: (job) => ({ phase: job.phase }),
    line: (job, tenth) => `${what}: ${tenth * 10}% (${job.phase})`,
  });
}

/** The CSV `features training-set --rows` reads (it ignores the extra `set` column). */
export const TRAINING_ROWS_HEADER = csvRow(['profile', 'timestamp', 'label', 'set']);

export function trainingRowsCsv(rows: TrainingRowsReply['rows']): string {
  let text = '';
  for (const row of rows) text += csvRow([row.profileId, row.at, row.label, row.set]);
  return text;
}

export interface TrainingRowsOptions {
  modelId: string;
  /** Writes a piece of the CSV (resolves when it may take more). */
  write(text: string): Promise<void>;
  /** One MODEL_TRAINING_ROWS request. */
  send(request: TrainingRowsRequest): Promise<TrainingRowsReply>;
  /** Rows per request. */
  limit: number;
  onProgress?(rows: number, total: number): void;
}

/**
 * Streams a model's training rows as CSV: a page is asked for, written and dropped before the
 * next, so memory holds one page however many rows the model learnt from. Returns the rows written.
 */
export async function writeTrainingRows(options: TrainingRowsOptions): Promise<number> {
  await options.write(TRAINING_ROWS_HEADER);
  let offset = 0;
  for (;;) {
    const page = await options.send({ modelId: options.modelId, offset, limit: options.limit });
    if (page.rows.length > 0) await options.write(trainingRowsCsv(page.rows));
    offset += page.rows.length;
    options.onProgress?.(offset, page.total);
    if (page.rows.length === 0 || offset >= page.total) return offset;
  }
}
