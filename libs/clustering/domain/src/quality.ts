import { seededRandom, selectRows, type Matrix } from './matrix.js';
import { adjustedRandIndex, daviesBouldin } from './metrics.js';

/**
 * Honest quality for a segmentation: k chosen by silhouette (inertia and Davies–Bouldin reported
 * beside it), stability as the agreement of fits on bootstrap resamples, and a plain verdict when
 * the structure is too weak for the segments to mean much.
 */

/** A fitted clustering, whatever the algorithm: its labels on the training rows and a way to label others. */
export interface FittedClusters {
  readonly labels: Int32Array;
  /** Sum of squared distances to the centres, where the algorithm has one (k-means). */
  readonly inertia: number | null;
  predict(x: Matrix): Int32Array;
}

export type Fitter = (x: Matrix, k: number, seed: number) => FittedClusters | Promise<FittedClusters>;

export interface KChoice {
  readonly k: number;
  readonly silhouette: number | null;
  readonly inertia: number | null;
  readonly daviesBouldin: number | null;
}

export interface SelectKOptions {
  readonly kMin: number;
  readonly kMax: number;
  readonly fit: Fitter;
  /** The silhouette of labels on x (on a sample: it is O(n²)). */
  readonly silhouette: (labels: Int32Array) => number | Promise<number>;
  readonly seed?: number;
  readonly onK?: (k: number, done: number, total: number) => void;
}

/**
 * Fits every k in [kMin, kMax] and keeps the one with the highest silhouette (ties: the smaller
 * k). A k whose fit finds fewer than 2 clusters scores null and is never chosen.
 */
export async function selectK(
  x: Matrix,
  options: SelectKOptions,
): Promise<{ readonly best: number; readonly fitted: FittedClusters; readonly table: KChoice[] }> {
  const { kMin, kMax, fit, seed = 0 } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 2 || kMax < kMin)
    throw new RangeError(`k range must be whole numbers with 2 ≤ min ≤ max (got ${kMin}..${kMax})`);
  if (kMax >= x.rows)
    throw new RangeError(`k up to ${kMax} needs more than ${kMax} rows (there are ${x.rows})`);
  const table: KChoice[] = [];
  let best: { k: number; silhouette: number; fitted: FittedClusters } | undefined;
  for (let k = kMin; k <= kMax; k++) {
    const fitted = await fit(x, k, seed);
    const clusters = new Set(fitted.labels).size;
    const score = clusters >= 2 ? await options.silhouette(fitted.labels) : null;
    table.push({
      k,
      silhouette: score,
      inertia: fitted.inertia,
      daviesBouldin: clusters >= 2 ? daviesBouldin(x, fitted.labels) : null,
    });
    if (score !== null && (best === undefined || score > best.silhouette))
      best = { k, silhouette: score, fitted };
    options.onK?.(k, k - kMin + 1, kMax - kMin + 1);
  }
  if (best === undefined) throw new RangeError(`no k in ${kMin}..${kMax} found two or more clusters`);
  return { best: best.k, fitted: best.fitted, table };
}

export interface StabilityOptions {
  readonly runs?: number;
  /** Rows drawn (with replacement) for each fit; default min(rows, 20,000). */
  readonly sampleSize?: number;
  /** Rows every fit labels, to compare the fits on; default min(rows, 5,000). */
  readonly evalSize?: number;
  readonly seed?: number;
}

/**
 * Stability as in Lange et al. / Hennig's bootstrap: `runs` fits on bootstrap resamples each label
 * the same evaluation rows, and the score is the mean adjusted Rand index over every pair of runs
 * (1: the same groups whatever the sample; near 0: the groups are an accident of the sample).
 */
export async function bootstrapStability(
  x: Matrix,
  k: number,
  fit: Fitter,
  options: StabilityOptions = {},
): Promise<number> {
  const { runs = 5, seed = 0 } = options;
  if (!Number.isInteger(runs) || runs < 2)
    throw new RangeError(`stability needs at least 2 runs (got ${runs})`);
  const n = x.rows;
  const random = seededRandom(seed ^ 0x5bd1e995);
  const evalRows = pickRows(n, Math.min(n, options.evalSize ?? 5_000), random, false);
  const evalX = selectRows(x, evalRows);
  const labellings: Int32Array[] = [];
  for (let r = 0; r < runs; r++) {
    const sample = selectRows(x, pickRows(n, Math.min(options.sampleSize ?? 20_000, n), random, true));
    const fitted = await fit(sample, k, seed + r + 1);
    labellings.push(fitted.predict(evalX));
  }
  let total = 0;
  let pairs = 0;
  for (let a = 0; a < runs; a++)
    for (let b = a + 1; b < runs; b++) {
      total += adjustedRandIndex(labellings[a] as Int32Array, labellings[b] as Int32Array);
      pairs++;
    }
  return total / pairs;
}

export interface QualityThresholds {
  /** Below this mean silhouette the groups overlap too much (default 0.15). */
  readonly silhouette: number;
  /** Below this bootstrap ARI the groups change with the sample (default 0.8). */
  readonly stability: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = { silhouette: 0.15, stability: 0.8 };

/** The verdict: weak when a score is under its threshold, with one plain sentence per reason. */
export function assessQuality(
  scores: { readonly silhouette: number; readonly stability: number | null },
  thresholds: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS,
): { readonly weak: boolean; readonly warnings: string[] } {
  const warnings: string[] = [];
  if (scores.silhouette < thresholds.silhouette)
    warnings.push(
      `Silhouette ${scores.silhouette.toFixed(2)} is below ${thresholds.silhouette}: the groups overlap, so ` +
        'most people sit about as close to another segment as to their own.',
    );
  if (scores.stability !== null && scores.stability < thresholds.stability)
    warnings.push(
      `Stability ${scores.stability.toFixed(2)} is below ${thresholds.stability}: refitting on resampled data ` +
        'gives different groups, so the segments are partly an accident of the sample.',
    );
  return { weak: warnings.length > 0, warnings };
}

/** `count` row indices: with replacement (a bootstrap), or distinct and sorted. */
function pickRows(n: number, count: number, random: () => number, replace: boolean): Int32Array {
  const rows = new Int32Array(count);
  if (replace) {
    for (let i = 0; i < count; i++) rows[i] = Math.min(n - 1, Math.floor(random() * n));
    return rows;
  }
  // Selection sampling (Knuth's algorithm S): distinct, already in order.
  let picked = 0;
  for (let i = 0; i < n && picked < count; i++) if ((n - i) * random() < count - picked) rows[picked++] = i;
  return rows;
}
