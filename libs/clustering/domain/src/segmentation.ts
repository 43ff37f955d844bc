import { dbscan, dbscanAssignRow, dbscanModel, estimateEps, kdTree, type DbscanModel } from './dbscan.js';
import { gaussianMixture, gmmAssignRow, gmmPredict, type GaussianMixtureModel } from './gmm.js';
import { assign, kmeans, miniBatchKmeans, nearestCentre } from './kmeans.js';
import { matrix, sampleRows, seededRandom, selectRows, type Matrix } from './matrix.js';
import { hungarian, silhouette } from './metrics.js';
import {
  describePersonas,
  engagementScores,
  nameTiers,
  type EngagementFeature,
  type FeatureLabel,
  type PersonaTrait,
} from './naming.js';
import { ClusteringWorkers, PARALLEL_MIN_ROWS, sharedMatrix } from './parallel.js';
import { fitPca, projectPca } from './pca.js';
import {
  applyPreprocessing,
  fitPreprocessing,
  rowTransformer,
  type ColumnSpec,
  type NumberValues,
  type PreprocessParams,
  type RawColumns,
  type RawValue,
  type Scaling,
} from './preprocess.js';
import {
  assessQuality,
  bootstrapStability,
  DEFAULT_QUALITY_THRESHOLDS,
  selectK,
  type FittedClusters,
  type Fitter,
  type KChoice,
  type QualityThresholds,
} from './quality.js';
import { summariseSegments, type SegmentSummary } from './summaries.js';

/**
 * A whole segmentation, from raw columns to named segments: preprocessing, the fit (k chosen by
 * silhouette over a range), quality (silhouette, bootstrap stability, the weak-structure verdict),
 * names (engagement tiers or personas), per-segment summaries and a 2-D PCA for plots. The fitted
 * model is plain JSON, and {@link compileAssigner} turns it into the real-time assignment of one
 * row at a time.
 */

export type Algorithm = 'kmeans' | 'minibatch' | 'dbscan' | 'gmm';
export type Naming = 'tiers' | 'personas';

export interface SegmentationOptions {
  readonly algorithm?: Algorithm;
  /** A fixed k, or the range to choose k from by silhouette (default 2–10). Ignored by DBSCAN. */
  readonly k?: number | { readonly min: number; readonly max: number };
  readonly naming?: Naming;
  readonly scaling?: Scaling;
  readonly seed?: number;
  /** k-means restarts per k (default 3, or 1 above 200,000 rows). */
  readonly nInit?: number;
  /** Bootstrap fits for stability (default 5; 0 skips it). */
  readonly stabilityRuns?: number;
  /** Rows the silhouette is measured on (default 5,000). */
  readonly silhouetteSample?: number;
  /** Features whose weighted z-score orders the tiers (those present are used). */
  readonly engagement?: readonly EngagementFeature[];
  /** Wording of persona traits. */
  readonly labels?: readonly FeatureLabel[];
  readonly thresholds?: QualityThresholds;
  /** Worker threads for k-means on large inputs (default: the machine's). */
  readonly threads?: number;
  readonly onProgress?: (phase: string, fraction: number) => void;
}

/** The fitted model: everything assignment needs, as plain JSON. */
export interface SegmentationModel {
  readonly version: 1;
  readonly algorithm: Algorithm;
  readonly preprocess: PreprocessParams;
  /** Segments the model can assign to (positions 0..k−1). */
  readonly k: number;
  /** k × width centres in the preprocessed space (k-means; cluster means otherwise). */
  readonly centres: number[][];
  readonly gmm?: { means: number[][]; variances: number[][]; weights: number[] };
  /** Core rows (a sample of at most 5,000) and their clusters; a row near none is an outlier (position k − 1). */
  readonly dbscan?: { eps: number; corePoints: number[][]; coreLabels: number[]; outlier: number | null };
}

export interface SegmentResult {
  readonly position: number;
  readonly name: string;
  /** Tier rank, 0 = least engaged; null for personas. */
  readonly rank: number | null;
  readonly size: number;
  readonly share: number;
  readonly traits: readonly PersonaTrait[];
  readonly summary: SegmentSummary;
}

export interface SegmentationQuality {
  readonly silhouette: number;
  readonly stability: number | null;
  readonly daviesBouldin: number | null;
  readonly weak: boolean;
  readonly warnings: string[];
  readonly thresholds: QualityThresholds;
}

export interface SegmentationResult {
  readonly model: SegmentationModel;
  /** Position of each input row. */
  readonly labels: Int32Array;
  readonly segments: SegmentResult[];
  readonly overall: SegmentSummary;
  readonly kSelection: KChoice[];
  readonly quality: SegmentationQuality;
  /** A 2-D PCA of a sample: x, y interleaved, and each point's position. */
  readonly projection: { points: number[]; labels: number[]; explainedVarianceRatio: number[] };
  /**
   * Two raw numeric columns ({@link scatterColumns}) of the same sample, x, y interleaved in the
   * input's units, and each point's position; rows missing either value are left out. null when
   * the input has fewer than two numeric columns.
   */
  readonly scatter: SegmentationScatter | null;
  readonly timings: Record<string, number>;
}

export interface SegmentationScatter {
  readonly x: string;
  readonly y: string;
  readonly points: number[];
  readonly labels: number[];
}

const LARGE = 200_000;
const DBSCAN_SAMPLE = 20_000;
const DBSCAN_MIN_SAMPLES = 10;
const PCA_POINTS = 2_000;

export async function trainSegmentation(
  columns: readonly ColumnSpec[],
  raw: RawColumns,
  options: SegmentationOptions = {},
): Promise<SegmentationResult> {
  const {
    algorithm = 'kmeans',
    naming = 'tiers',
    scaling = 'robust',
    seed = 0,
    stabilityRuns = 5,
    silhouetteSample = 5_000,
    thresholds = DEFAULT_QUALITY_THRESHOLDS,
    onProgress,
  } = options;
  const timings: Record<string, number> = {};
  const timed = async <T>(phase: string, fraction: number, fn: () => T | Promise<T>): Promise<T> => {
    onProgress?.(phase, fraction);
    const started = performance.now();
    const value = await fn();
    timings[phase] = (timings[phase] ?? 0) + (performance.now() - started) / 1000;
    return value;
  };

  const preprocess = await timed('preprocessing', 0.05, () => fitPreprocessing(columns, raw, { scaling }));
  const x = await timed('preprocessing', 0.08, () => {
    const { matrix: m } = applyPreprocessing(preprocess, raw);
    if (m.rows < PARALLEL_MIN_ROWS) return m;
    const shared = sharedMatrix(m.rows, m.cols);
    shared.data.set(m.data);
    return shared;
  });
  const n = x.rows;
  const range = kRange(options.k, n);
  const nInit = options.nInit ?? (n > LARGE ? 1 : 3);

  const pool =
    algorithm === 'kmeans' && n >= PARALLEL_MIN_ROWS && options.threads !== 1
      ? await ClusteringWorkers.start(x, options.threads === undefined ? {} : { threads: options.threads })
      : undefined;
  try {
    const score = (labels: Int32Array): number | Promise<number> =>
      pool
        ? pool.silhouette(labels, { sampleSize: silhouetteSample, seed })
        : silhouette(x, labels, { sampleSize: Math.min(silhouetteSample, n), seed });
    const fitter = fitterFor(algorithm, nInit, pool);

    let fitted: FittedWithModel;
    let kSelection: KChoice[];
    if (algorithm === 'dbscan') {
      fitted = await timed('fitting', 0.1, () => fitDbscan(x, seed));
      const s = new Set(fitted.labels).size >= 2 ? await score(fitted.labels) : 0;
      kSelection = [{ k: fitted.model.k, silhouette: s, inertia: null, daviesBouldin: null }];
    } else {
      const selection = await timed('fitting', 0.1, () =>
        selectK(x, {
          kMin: range.min,
          kMax: range.max,
          fit: fitter,
          silhouette: score,
          seed,
          onK: (k, done, total) => onProgress?.(`fitting k=${k}`, 0.1 + (0.5 * done) / total),
        }),
      );
      fitted = selection.fitted as FittedWithModel;
      kSelection = selection.table;
    }
    const labels = fitted.labels;
    const chosen = kSelection.find((row) => row.k === fitted.model.k) ?? kSelection[0];

    const stability =
      stabilityRuns >= 2 && algorithm !== 'dbscan'
        ? await timed('stability', 0.65, () =>
            bootstrapStability(x, fitted.model.k, fitterFor(algorithm, 1, undefined), {
              runs: stabilityRuns,
              seed,
            }),
          )
        : null;
    const silhouetteScore = chosen?.silhouette ?? 0;
    const verdict = assessQuality({ silhouette: silhouetteScore, stability }, thresholds);

    const { segments, overall } = await timed('naming', 0.85, () => {
      const summaries = summariseSegments(columns, raw, labels, fitted.model.k, {
        multiValue: new Set(columns.filter((c) => c.multiValue).map((c) => c.name)),
      });
      return {
        segments: nameSegments(summaries.segments, summaries.overall, naming, options),
        overall: summaries.overall,
      };
    });

    const rows = sampleRows(n, Math.min(n, PCA_POINTS), seed);
    const projection = await timed('projection', 0.95, () => {
      const pca = fitPca(x, { sampleSize: Math.min(n, 20_000), seed });
      return {
        points: Array.from(projectPca(pca, x, rows), (v) => Math.round(v * 1e4) / 1e4),
        labels: Array.from(rows, (row) => labels[row] as number),
        explainedVarianceRatio: Array.from(pca.explainedVarianceRatio),
      };
    });
    const scatter = await timed('projection', 0.97, () => scatterOf(columns, raw, rows, labels));
    onProgress?.('done', 1);
    return {
      model: { ...fitted.model, preprocess },
      labels,
      segments,
      overall,
      kSelection,
      quality: {
        silhouette: silhouetteScore,
        stability,
        daviesBouldin: chosen?.daviesBouldin ?? null,
        weak: verdict.weak,
        warnings: verdict.warnings,
        thresholds,
      },
      projection,
      scatter,
      timings,
    };
  } finally {
    await pool?.close();
  }
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function scatterOf(
  columns: readonly ColumnSpec[],
  raw: RawColumns,
  rows: Int32Array,
  labels: Int32Array,
): SegmentationScatter | null {
  const chosen = scatterColumns(columns.filter((c) => c.kind === 'number').map((c) => c.name));
  if (!chosen) return null;
  const xs = raw[chosen.x] as NumberValues;
  const ys = raw[chosen.y] as NumberValues;
  const points: number[] = [];
  const pointLabels: number[] = [];
  for (const row of rows) {
    const x = xs[row];
    const y = ys[row];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
      continue;
    points.push(round4(x), round4(y));
    pointLabels.push(labels[row] as number);
  }
  return { x: chosen.x, y: chosen.y, points, labels: pointLabels };
}

const CLICKS = /click/i;
const TIME = /time|seconds|(^|[^a-z])secs?([^a-z]|$)/i;
/** Seconds as the unit: "Ad Interaction Time (sec)" over "Time Spent Online (hrs/weekday)". */
const SECONDS = /seconds|(^|[^a-z])secs?([^a-z]|$)/i;

/**
 * The two numeric columns of the raw-unit scatter, from the numeric column names in input order:
 * clicks across (`intent.clicks…` first, then any click count or rate such as the ads CSV's
 * "Click-Through Rates (CTR)"), time on content up (`intent.avg_article_seconds…`, else a column in
 * seconds such as "Ad Interaction Time (sec)", else any time column). An axis with no match takes
 * the first other numeric column; null when there are fewer than two.
 */
export function scatterColumns(columnNames: readonly string[]): { x: string; y: string } | null {
  const names = [...new Set(columnNames)];
  if (names.length < 2) return null;
  const first = (tests: ReadonlyArray<(name: string) => boolean>, not?: string): string | undefined => {
    for (const test of tests) {
      const found = names.find((name) => name !== not && test(name));
      if (found !== undefined) return found;
    }
    return undefined;
  };
  let x = first([
    (name) => name.includes('intent.clicks'),
    (name) => CLICKS.test(name) && !TIME.test(name),
    (name) => CLICKS.test(name),
  ]);
  let y = first(
    [
      (name) => /article/i.test(name) && /sec|time/i.test(name),
      (name) => SECONDS.test(name),
      (name) => TIME.test(name),
    ],
    x,
  );
  x ??= names.find((name) => name !== y);
  y ??= names.find((name) => name !== x);
  return x === undefined || y === undefined ? null : { x, y };
}

type ModelCore = Omit<SegmentationModel, 'preprocess'>;
type FittedWithModel = FittedClusters & { readonly model: ModelCore };

function kRange(k: SegmentationOptions['k'], n: number): { min: number; max: number } {
  if (typeof k === 'number') return { min: k, max: k };
  const min = k?.min ?? 2;
  // The default range stops below the row count; an explicit range is checked by selectK.
  const max = k?.max ?? Math.max(min, Math.min(10, n - 1));
  return { min, max };
}

const toRows = (m: Matrix): number[][] =>
  Array.from({ length: m.rows }, (_, j) => Array.from(m.data.subarray(j * m.cols, (j + 1) * m.cols)));

function fitterFor(algorithm: Algorithm, nInit: number, pool: ClusteringWorkers | undefined): Fitter {
  const withCentres = (
    result: { labels: Int32Array; inertia: number; centres: Matrix },
    kind: Algorithm,
  ): FittedWithModel => ({
    labels: result.labels,
    inertia: result.inertia,
    predict: (rows) => assign(rows, result.centres),
    model: { version: 1, algorithm: kind, k: result.centres.rows, centres: toRows(result.centres) },
  });
  switch (algorithm) {
    case 'kmeans':
      return async (x, k, seed) => {
        if (!pool || x !== pool.x) return withCentres(kmeans(x, { k, seed, nInit }), 'kmeans');
        const seeds = seededRandom(seed);
        let best: { labels: Int32Array; inertia: number; centres: Matrix } | undefined;
        for (let run = 0; run < nInit; run++) {
          const centres = await pool.kmeansPlusPlus(k, seededRandom(Math.floor(seeds() * 4_294_967_296)));
          const result = await pool.lloyd(centres);
          if (best === undefined || result.inertia < best.inertia) best = result;
        }
        return withCentres(best as { labels: Int32Array; inertia: number; centres: Matrix }, 'kmeans');
      };
    case 'minibatch':
      return (x, k, seed) => withCentres(miniBatchKmeans(x, { k, seed }), 'minibatch');
    case 'gmm':
      return (x, k, seed) => {
        // EM on a sample for large inputs; every row is then labelled by the fitted mixture.
        const sample = x.rows > LARGE ? selectRows(x, sampleRows(x.rows, LARGE, seed)) : x;
        const result = gaussianMixture(sample, { k, seed });
        const labels = sample === x ? result.labels : gmmPredict(result, x);
        return {
          labels,
          inertia: null,
          predict: (rows) => gmmPredict(result, rows),
          model: {
            version: 1,
            algorithm: 'gmm',
            k,
            centres: toRows(result.means),
            gmm: {
              means: toRows(result.means),
              variances: toRows(result.variances),
              weights: Array.from(result.weights),
            },
          },
        };
      };
    case 'dbscan':
      return (x, _k, seed) => fitDbscan(x, seed);
  }
}

/**
 * DBSCAN on a sample (it is O(n log n) at best and keeps every row in memory), eps from the knee
 * of the k-distance curve; every row is then labelled by its nearest core row within eps. Rows
 * near no core row are outliers, one more segment after the clusters.
 */
function fitDbscan(x: Matrix, seed: number): FittedWithModel {
  const sample = x.rows > DBSCAN_SAMPLE ? selectRows(x, sampleRows(x.rows, DBSCAN_SAMPLE, seed)) : x;
  const eps = estimateEps(sample, DBSCAN_MIN_SAMPLES, { seed });
  const result = dbscan(sample, { eps, minSamples: DBSCAN_MIN_SAMPLES });
  if (result.clusters === 0)
    throw new RangeError(
      `DBSCAN found no cluster (eps ${eps.toPrecision(3)}): every row is noise; try k-means`,
    );
  const full = dbscanModel(sample, result, eps);
  // At most 5,000 core rows kept: the model is stored as JSON and each assignment searches them.
  const keep = full.corePoints.rows > 5_000 ? sampleRows(full.corePoints.rows, 5_000, seed) : undefined;
  const corePoints = keep ? selectRows(full.corePoints, keep) : full.corePoints;
  const coreLabels = keep ? Int32Array.from(keep, (i) => full.coreLabels[i] as number) : full.coreLabels;
  const model: DbscanModel = { eps, corePoints, coreLabels, index: kdTree(corePoints) };
  const label = (rows: Matrix, outlier: number): Int32Array => {
    const out = new Int32Array(rows.rows);
    for (let i = 0; i < rows.rows; i++) {
      const c = dbscanAssignRow(model, rows.data, i * rows.cols);
      out[i] = c < 0 ? outlier : c;
    }
    return out;
  };
  const clusters = result.clusters;
  const labels = label(x, clusters);
  const hasOutliers = labels.includes(clusters);
  const k = clusters + (hasOutliers ? 1 : 0);
  const centres = meansOf(x, labels, k);
  return {
    labels,
    inertia: null,
    predict: (rows) => label(rows, clusters),
    model: {
      version: 1,
      algorithm: 'dbscan',
      k,
      centres: toRows(centres),
      dbscan: {
        eps,
        corePoints: toRows(corePoints),
        coreLabels: Array.from(coreLabels),
        outlier: hasOutliers ? clusters : null,
      },
    },
  };
}

function nameSegments(
  summaries: readonly SegmentSummary[],
  overall: SegmentSummary,
  naming: Naming,
  options: SegmentationOptions,
): SegmentResult[] {
  const personas = describePersonas(summaries, overall, options.labels ? { labels: options.labels } : {});
  const engagement = (options.engagement ?? []).filter((f) => f.name in overall.numbers);
  if (naming === 'tiers' && engagement.length === 0)
    throw new RangeError(
      `tier names need engagement features among the columns (${(options.engagement ?? []).map((f) => f.name).join(', ') || 'none given'}); use personas`,
    );
  const tiers = naming === 'tiers' ? nameTiers(engagementScores(summaries, overall, engagement)) : undefined;
  return summaries.map((summary, position) => {
    const persona = personas[position];
    const tier = tiers?.[position];
    return {
      position,
      name: tier?.name ?? persona?.name ?? `Segment ${position + 1}`,
      rank: tier?.rank ?? null,
      size: summary.size,
      share: summary.share,
      traits: persona?.traits ?? [],
      summary,
    };
  });
}

/**
 * Matches a retrain's segments to the current model's (Hungarian assignment on the distance
 * between segment means, each feature in units of its overall std), so a segment that is the
 * same group keeps its id and name. Returns, per new position, the old index matched, or null
 * (a new group, when k grew).
 */
export function matchSegments(
  previous: readonly SegmentSummary[],
  next: readonly SegmentSummary[],
  overall: SegmentSummary,
): (number | null)[] {
  if (previous.length === 0) return next.map(() => null);
  const features = Object.keys(overall.numbers).filter((name) => {
    const std = overall.numbers[name]?.std;
    return std !== undefined && std > 0 && previous.every((s) => Number.isFinite(s.numbers[name]?.mean));
  });
  const cost = next.map((a) =>
    previous.map((b) => {
      let d = 0;
      for (const name of features) {
        const std = overall.numbers[name]?.std as number;
        const t = ((a.numbers[name]?.mean ?? 0) - (b.numbers[name]?.mean ?? 0)) / std;
        d += Number.isFinite(t) ? t * t : 0;
      }
      return d;
    }),
  );
  return hungarian(cost).map((j) => (j >= 0 && j < previous.length ? j : null));
}

/** Labels one row at a time with a stored model: the real-time path. */
export function compileAssigner(model: SegmentationModel): (row: (name: string) => RawValue) => number {
  const transform = rowTransformer(model.preprocess);
  const width = model.centres[0]?.length ?? 0;
  const out = new Float64Array(width);
  const centres = new Float64Array(model.centres.flat());
  const k = model.centres.length;
  if (model.algorithm === 'gmm' && model.gmm) {
    const g = model.gmm;
    const gmm: GaussianMixtureModel = {
      means: matrix(k, width, new Float64Array(g.means.flat())),
      variances: matrix(k, width, new Float64Array(g.variances.flat())),
      weights: Float64Array.from(g.weights),
    };
    return (row) => {
      transform(row, out);
      return gmmAssignRow(gmm, out);
    };
  }
  if (model.algorithm === 'dbscan' && model.dbscan) {
    const d = model.dbscan;
    const corePoints = matrix(d.corePoints.length, width, new Float64Array(d.corePoints.flat()));
    const db: DbscanModel = {
      eps: d.eps,
      corePoints,
      coreLabels: Int32Array.from(d.coreLabels),
      index: kdTree(corePoints),
    };
    return (row) => {
      transform(row, out);
      const c = dbscanAssignRow(db, out);
      return c >= 0 ? c : (d.outlier ?? nearestCentre(out, 0, centres, k, width));
    };
  }
  return (row) => {
    transform(row, out);
    return nearestCentre(out, 0, centres, k, width);
  };
}

function meansOf(x: Matrix, labels: Int32Array, k: number): Matrix {
  const centres = matrix(k, x.cols);
  const counts = new Float64Array(k);
  for (let i = 0; i < x.rows; i++) {
    const j = labels[i] as number;
    counts[j] = (counts[j] as number) + 1;
    for (let c = 0; c < x.cols; c++) centres.data[j * x.cols + c] += x.data[i * x.cols + c] as number;
  }
  for (let j = 0; j < k; j++)
    for (let c = 0; c < x.cols; c++) centres.data[j * x.cols + c] /= Math.max(1, counts[j] as number);
  return centres;
}
