import { Injectable } from '@nestjs/common';
import type {
  ModelDetail,
  ModelSummary,
  SegmentInfo,
  SegmentTransitionsResponse,
} from '@cdp/clustering/contracts';
import { SegmentationStore, type StoredModel, type StoredSegment } from '@cdp/clustering/data-access-db';
import type { SegmentSummary } from '@cdp/clustering/domain';
import { BusError } from '@cdp/shared/util-messaging';
import { FEATURES_SOURCE } from '../training/behaviour-features.js';

/** Non-finite numbers (an empty segment's NaN mean) travel as null. */
const finiteOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** Models, segments and assignments as the contracts describe them. */
@Injectable()
export class ModelsService {
  constructor(private readonly store: SegmentationStore) {}

  /** When the subjects entered a segment of that name within (from, to] (prediction's engagement label). */
  async entries(request: {
    source?: string;
    segmentName: string;
    subjectIds: string[];
    from: string;
    to: string;
  }): Promise<{ entries: Array<{ subjectId: string; at: string }> }> {
    const rows = await this.store.entries(
      request.source ?? FEATURES_SOURCE,
      request.segmentName,
      request.subjectIds,
      new Date(request.from),
      new Date(request.to),
    );
    return { entries: rows.map((r) => ({ subjectId: r.subjectId, at: r.at.toISOString() })) };
  }

  async list(source?: string): Promise<ModelSummary[]> {
    return (await this.store.models(source)).map(summaryOf);
  }

  async detail(request: { modelId?: string; source?: string }): Promise<ModelDetail> {
    const source = request.source ?? FEATURES_SOURCE;
    const model = request.modelId
      ? await this.store.model(request.modelId)
      : await this.store.activeModel(source);
    if (!model)
      throw new BusError(
        'NOT_FOUND',
        request.modelId
          ? `no segmentation model ${request.modelId}`
          : `no segmentation of '${source}' yet: train one with npm run cdp -- segments train`,
        { ...request },
      );
    const segments = await this.store.segments(model.id);
    const detail = model.detail as {
      kSelection?: ModelDetail['kSelection'];
      timings?: Record<string, number>;
      projection?: ModelDetail['projection'];
      scatter?: ModelDetail['scatter'];
      matchedFrom?: Record<string, string | null>;
    };
    return {
      ...summaryOf(model),
      segments: segments.map(segmentOf),
      kSelection: (detail.kSelection ?? []).map((row) => ({
        k: row.k,
        silhouette: finiteOrNull(row.silhouette),
        inertia: finiteOrNull(row.inertia),
        daviesBouldin: finiteOrNull(row.daviesBouldin),
      })),
      timings: detail.timings ?? {},
      projection: detail.projection ?? { points: [], segments: [], explainedVarianceRatio: [] },
      // Models stored before the scatter existed have none.
      scatter: detail.scatter ?? null,
      matchedFrom: detail.matchedFrom ?? {},
    };
  }

  /** Sizes at the end of each of the last `days` UTC days (today: now), for the active model's segments. */
  async sizes(request: { source?: string; days?: number }) {
    const source = request.source ?? FEATURES_SOURCE;
    const model = await this.store.activeModel(source);
    if (!model) throw new BusError('NOT_FOUND', `no segmentation of '${source}' yet`, { source });
    const segments = await this.store.segments(model.id);
    const days = request.days ?? 30;
    const now = Date.now();
    const today = Math.floor(now / 86_400_000) * 86_400_000;
    const ends = Array.from({ length: days }, (_, i) =>
      i === days - 1 ? new Date(now) : new Date(today - (days - 2 - i) * 86_400_000 - 1),
    );
    const rows = await this.store.sizesAt(source, ends);
    const points = ends.map((at) => ({ at: at.toISOString(), sizes: {} as Record<string, number> }));
    const index = new Map(ends.map((at, i) => [at.getTime(), i]));
    for (const row of rows) {
      const point = points[index.get(row.at.getTime()) ?? -1];
      if (point) point.sizes[row.segmentId] = row.size;
    }
    return { modelId: model.id, segments: segments.map((s) => ({ id: s.id, name: s.name })), points };
  }

  /** Subjects that moved between segments of the source within the last `days` (now included). */
  async transitions(request: { source?: string; days?: number }): Promise<SegmentTransitionsResponse> {
    const source = request.source ?? FEATURES_SOURCE;
    const model = await this.store.activeModel(source);
    if (!model) throw new BusError('NOT_FOUND', `no segmentation of '${source}' yet`, { source });
    const segments = await this.store.segments(model.id);
    const days = request.days ?? 30;
    const transitions = await this.store.transitions(source, new Date(Date.now() - days * 86_400_000));
    return { modelId: model.id, segments: segments.map((s) => ({ id: s.id, name: s.name })), transitions };
  }

  async rename(segmentId: string, name: string): Promise<{ segmentId: string; name: string }> {
    if ((await this.store.renameSegment(segmentId, name)) === 0)
      throw new BusError('NOT_FOUND', `no segment ${segmentId}`, { segmentId });
    return { segmentId, name };
  }

  async assignment(subjectId: string) {
    const { current, history } = await this.store.assignments(subjectId);
    const modelIds = [...new Set([...current, ...history].map((a) => a.modelId))];
    const names = await this.store.segmentNames(modelIds);
    const view = (a: (typeof history)[number]) => ({
      modelId: a.modelId,
      source: a.source,
      segmentId: a.segmentId,
      segmentName: names.get(`${a.modelId}/${a.segmentId}`) ?? '',
      since: a.since.toISOString(),
    });
    return {
      subjectId,
      current: current.map(view),
      history: history.map((a) => ({ ...view(a), until: a.until ? a.until.toISOString() : null })),
    };
  }
}

function summaryOf(model: StoredModel): ModelSummary {
  const quality = model.quality as Partial<ModelSummary['quality']>;
  return {
    id: model.id,
    version: model.version,
    name: model.name,
    source: model.source,
    algorithm: model.algorithm as ModelSummary['algorithm'],
    naming: model.naming as ModelSummary['naming'],
    k: model.k,
    active: model.active,
    rows: model.rows,
    features: model.features,
    quality: {
      silhouette: finiteOrNull(quality.silhouette) ?? 0,
      stability: finiteOrNull(quality.stability),
      daviesBouldin: finiteOrNull(quality.daviesBouldin),
      weak: quality.weak ?? false,
      warnings: quality.warnings ?? [],
      thresholds: quality.thresholds ?? { silhouette: 0.15, stability: 0.8 },
    },
    createdAt: model.createdAt.toISOString(),
    dataFrom: model.dataFrom ? model.dataFrom.toISOString() : null,
    dataTo: model.dataTo ? model.dataTo.toISOString() : null,
  };
}

function segmentOf(segment: StoredSegment): SegmentInfo {
  const summary = segment.summary as unknown as SegmentSummary;
  return {
    id: segment.id,
    name: segment.name,
    nameEdited: segment.nameEdited,
    rank: segment.rank,
    size: segment.size,
    share: segment.share,
    traits: segment.traits as SegmentInfo['traits'],
    numbers: Object.fromEntries(
      Object.entries(summary.numbers ?? {}).map(([name, n]) => [
        name,
        {
          mean: finiteOrNull(n.mean),
          median: finiteOrNull(n.median),
          p25: finiteOrNull(n.p25),
          p75: finiteOrNull(n.p75),
          std: finiteOrNull(n.std),
          missing: n.missing,
        },
      ]),
    ),
    categories: Object.fromEntries(
      Object.entries(summary.categories ?? {}).map(([name, c]) => [name, { ...c.shares }]),
    ),
  };
}
