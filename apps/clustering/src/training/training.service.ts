import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { SegmentsTrainRequest, TrainStatus } from '@cdp/clustering/contracts';
import { SegmentationStore, type StoredSegment } from '@cdp/clustering/data-access-db';
import {
  featureLabelsFor,
  matchSegments,
  trainSegmentation,
  type ColumnSpec,
  type RawColumns,
  type SegmentSummary,
} from '@cdp/clustering/domain';
import { EXPORT_MAX_LIMIT, exportMatrix, FEATURES_EXPORT } from '@cdp/feature-store/contracts';
import type { Logger } from '@cdp/shared/util-logging';
import { BusError, MessagingClient } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER, SERVICE_ENV } from '@cdp/shared/util-service';
import { AssignmentService } from '../assignment/assignment.service.js';
import type { ClusteringEnv } from '../config/env.schema.js';
import {
  BEHAVIOUR_FEATURES,
  BEHAVIOUR_LABELS,
  ENGAGEMENT_FEATURES,
  FEATURES_SOURCE,
  longestWindowDays,
} from './behaviour-features.js';

/** Jobs remembered for status requests (the newest). */
const KEEP_JOBS = 20;

interface Rows {
  readonly source: string;
  readonly subjectIds: string[];
  readonly columns: ColumnSpec[];
  readonly raw: RawColumns;
  readonly dataFrom: Date | null;
  readonly dataTo: Date | null;
}

/**
 * Training as a job: read the rows (the feature store's profiles, or rows sent with the request),
 * fit and name a segmentation (domain `trainSegmentation`), match its segments to the active
 * model's so ids and edited names carry over, store it as the source's new active version, and
 * assign every row, publishing `segments.changed` for those that moved. One job per source at a
 * time; the behaviour segmentation also retrains on a schedule.
 */
@Injectable()
export class TrainingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly jobs = new Map<string, TrainStatus>();
  private readonly running = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: SegmentationStore,
    private readonly messaging: MessagingClient,
    private readonly assignments: AssignmentService,
    @Inject(SERVICE_ENV) private readonly env: ClusteringEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    const minutes = this.env.SEGMENTS_RETRAIN_MINUTES;
    if (minutes > 0) {
      this.timer = setInterval(() => this.scheduled(), minutes * 60_000);
      this.timer.unref();
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The scheduled retrain of the behaviour segmentation, with the active model's settings. */
  private scheduled(): void {
    if (this.running.has(FEATURES_SOURCE)) return;
    void this.store
      .activeModel(FEATURES_SOURCE)
      .then((active) => {
        // The active model's algorithm and k, so the retrain keeps its segments comparable.
        const algorithm = active?.algorithm as SegmentsTrainRequest['algorithm'];
        const request: SegmentsTrainRequest = !active
          ? {}
          : algorithm === 'dbscan'
            ? { algorithm }
            : { algorithm, k: active.k };
        this.logger.info({ request }, 'scheduled retrain of the behaviour segmentation');
        this.start(request);
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'scheduled retrain not started'));
  }

  start(request: SegmentsTrainRequest): string {
    const source = request.rows?.source ?? FEATURES_SOURCE;
    const runningJob = this.running.get(source);
    if (runningJob)
      throw new BusError('CONFLICT', `a training of '${source}' is already running (job ${runningJob})`, {
        jobId: runningJob,
      });
    if (request.algorithm === 'dbscan' && request.k !== undefined)
      throw new BusError('VALIDATION_FAILED', 'DBSCAN finds its own number of segments: leave out k', {});
    const jobId = randomUUID();
    const status: TrainStatus = {
      jobId,
      state: 'running',
      phase: 'starting',
      progress: 0,
      startedAt: new Date().toISOString(),
    };
    this.jobs.set(jobId, status);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS)))
      this.jobs.delete(old);
    this.running.set(source, jobId);
    void this.run(status, request)
      .then(
        (modelId) => {
          Object.assign(status, { state: 'done', phase: 'done', progress: 1, modelId });
          this.logger.info({ jobId, modelId, source }, 'segmentation trained');
        },
        (error: unknown) => {
          Object.assign(status, {
            state: 'failed',
            error: error instanceof Error ? error.message : String(error),
          });
          this.logger.error({ err: error, jobId, source }, 'segmentation training failed');
        },
      )
      .finally(() => {
        status.finishedAt = new Date().toISOString();
        this.running.delete(source);
      });
    return jobId;
  }

  status(jobId: string): TrainStatus {
    const status = this.jobs.get(jobId);
    if (!status)
      throw new BusError('NOT_FOUND', `no training job ${jobId} (jobs are kept until a restart)`, { jobId });
    return { ...status };
  }

  private async run(status: TrainStatus, request: SegmentsTrainRequest): Promise<string> {
    const progress = (phase: string, fraction: number): void => {
      status.phase = phase;
      status.progress = Math.min(1, Math.max(status.progress, fraction));
    };
    progress(request.rows ? 'reading rows' : 'reading features', 0.01);
    const rows = request.rows
      ? inlineRows(request.rows)
      : await this.readFeatures(request.features, progress);
    const naming = request.naming ?? (rows.source === FEATURES_SOURCE ? 'tiers' : 'personas');
    const result = await trainSegmentation(rows.columns, rows.raw, {
      ...(request.algorithm ? { algorithm: request.algorithm } : {}),
      ...(request.k !== undefined ? { k: request.k } : {}),
      naming,
      scaling: request.scaling ?? (rows.source === FEATURES_SOURCE ? 'robust' : 'standard'),
      seed: request.seed ?? 0,
      stabilityRuns: request.stabilityRuns ?? 5,
      engagement: ENGAGEMENT_FEATURES,
      labels:
        rows.source === FEATURES_SOURCE
          ? BEHAVIOUR_LABELS
          : featureLabelsFor(rows.columns.map((c) => c.name)),
      thresholds: {
        silhouette: this.env.SEGMENTS_WEAK_SILHOUETTE,
        stability: this.env.SEGMENTS_WEAK_STABILITY,
      },
      ...(this.env.SEGMENTS_THREADS > 0 ? { threads: this.env.SEGMENTS_THREADS } : {}),
      onProgress: (phase, fraction) => progress(phase, 0.2 + 0.6 * fraction),
    });

    progress('matching segments', 0.8);
    const active = await this.store.activeModel(rows.source);
    const previous = active ? await this.store.segments(active.id) : [];
    const sameFeatures =
      active !== undefined &&
      JSON.stringify(active.features) === JSON.stringify(rows.columns.map((c) => c.name));
    const match = sameFeatures
      ? matchSegments(
          previous.map((s) => s.summary as unknown as SegmentSummary),
          result.segments.map((s) => s.summary),
          result.overall,
        )
      : result.segments.map(() => null);
    const segments: StoredSegment[] = result.segments.map((segment, position) => {
      const old = match[position] === null ? undefined : previous[match[position] as number];
      return {
        id: old?.id ?? `seg_${randomUUID().slice(0, 8)}`,
        position,
        name: old?.nameEdited ? old.name : segment.name,
        nameEdited: old?.nameEdited ?? false,
        rank: segment.rank,
        size: segment.size,
        share: segment.share,
        traits: [...segment.traits],
        summary: segment.summary as unknown as Record<string, unknown>,
      };
    });
    const idOf = segments.map((s) => s.id);
    const model = await this.store.insertActiveModel(
      {
        source: rows.source,
        name:
          request.name ??
          (rows.source === FEATURES_SOURCE ? 'Behaviour segments' : `Personas of ${rows.source}`),
        algorithm: result.model.algorithm,
        naming,
        k: result.model.k,
        rows: rows.subjectIds.length,
        features: rows.columns.map((c) => c.name),
        params: result.model as unknown as Record<string, unknown>,
        quality: { ...result.quality },
        detail: {
          kSelection: result.kSelection,
          timings: result.timings,
          projection: {
            points: result.projection.points,
            segments: result.projection.labels.map((label) => idOf[label] ?? ''),
            explainedVarianceRatio: result.projection.explainedVarianceRatio,
          },
          scatter: result.scatter && {
            x: result.scatter.x,
            y: result.scatter.y,
            points: result.scatter.points,
            segments: result.scatter.labels.map((label) => idOf[label] ?? ''),
          },
          matchedFrom: Object.fromEntries(
            segments.map((s, position) => [
              s.id,
              match[position] === null ? null : (previous[match[position] as number]?.id ?? null),
            ]),
          ),
        },
        dataFrom: rows.dataFrom,
        dataTo: rows.dataTo,
        codeVersion: this.env.CDP_CODE_VERSION,
      },
      segments,
    );

    progress('assigning', 0.85);
    await this.assignments.assignAll(
      model.id,
      rows.source,
      rows.subjectIds,
      result.labels,
      segments,
      (done) => progress('assigning', 0.85 + (0.15 * done) / Math.max(1, rows.subjectIds.length)),
    );
    return model.id;
  }

  /** Every profile's features from the feature store, a page at a time, into columns. */
  private async readFeatures(
    names: readonly string[] | undefined,
    progress: (phase: string, fraction: number) => void,
  ): Promise<Rows> {
    const columns: ColumnSpec[] = names
      ? names.map((name) => BEHAVIOUR_FEATURES.find((c) => c.name === name) ?? { name, kind: 'number' })
      : [...BEHAVIOUR_FEATURES];
    const dataTo = new Date();
    const subjectIds: string[] = [];
    const numbers = new Map<string, Float64Array[]>();
    const categories = new Map<string, (string | null)[]>();
    const kinds = new Map<string, 'number' | 'category'>();
    for await (const chunk of exportMatrix((r) => this.messaging.request(FEATURES_EXPORT, r, 60_000), {
      names: columns.map((c) => c.name),
      limit: EXPORT_MAX_LIMIT,
    })) {
      subjectIds.push(...chunk.profileIds);
      for (const [name, values] of chunk.numeric) {
        kinds.set(name, 'number');
        const parts = numbers.get(name) ?? [];
        parts.push(values);
        numbers.set(name, parts);
      }
      for (const [name, values] of chunk.categorical) {
        kinds.set(name, 'category');
        const all = categories.get(name) ?? [];
        for (const value of values) all.push(value);
        categories.set(name, all);
      }
      progress(`reading features (${subjectIds.length} profiles)`, 0.1);
    }
    const minimum = 20;
    if (subjectIds.length < minimum)
      throw new Error(
        `the feature store has ${subjectIds.length} profiles: a segmentation needs at least ${minimum}`,
      );
    const raw: Record<string, Float64Array | (string | null)[]> = {};
    for (const [name, parts] of numbers) {
      const all = new Float64Array(subjectIds.length);
      let at = 0;
      for (const part of parts) {
        all.set(part, at);
        at += part.length;
      }
      raw[name] = all;
    }
    for (const [name, values] of categories) raw[name] = values;
    const days = longestWindowDays(columns.map((c) => c.name));
    return {
      source: FEATURES_SOURCE,
      subjectIds,
      columns: columns.map((c) => ({ ...c, kind: kinds.get(c.name) ?? c.kind })),
      raw,
      dataFrom: days > 0 ? new Date(dataTo.getTime() - days * 86_400_000) : null,
      dataTo,
    };
  }
}

function inlineRows(rows: NonNullable<SegmentsTrainRequest['rows']>): Rows {
  return {
    source: rows.source,
    subjectIds: rows.ids.map((id) => `${rows.source}:${id}`),
    columns: rows.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.log1p ? { log1p: true } : {}),
      ...(c.multiValue ? { multiValue: true } : {}),
      ...(c.weight !== undefined ? { weight: c.weight } : {}),
    })),
    raw: Object.fromEntries(rows.columns.map((c) => [c.name, c.values])),
    dataFrom: null,
    dataTo: null,
  };
}
