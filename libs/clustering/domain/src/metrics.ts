import { sampleRows, selectRows, squaredDistance, squaredDistanceAt, type Matrix } from './matrix.js';

/**
 * Cluster quality metrics, matching scikit-learn's definitions so figures can be compared with a
 * notebook, and the Hungarian assignment used to keep segment ids stable across retrains.
 */

/** Sum of squared distances from each row to the centre of its label (k-means' objective). */
export function inertia(x: Matrix, centres: Matrix, labels: Int32Array): number {
  checkLabels(x, labels);
  if (centres.cols !== x.cols)
    throw new RangeError(`centres have ${centres.cols} columns but the rows have ${x.cols}`);
  let sum = 0;
  for (let i = 0; i < x.rows; i++) {
    const label = labels[i] as number;
    if (label < 0 || label >= centres.rows)
      throw new RangeError(`row ${i} has label ${label}, but there are only ${centres.rows} centres`);
    sum += squaredDistance(x, i, centres, label);
  }
  return sum;
}

export interface SilhouetteOptions {
  /** Score a random sample of this many rows instead of all (the score is O(n²)). */
  readonly sampleSize?: number;
  /** Seed of the sample, default 0: the same seed picks the same rows. */
  readonly seed?: number;
}

/**
 * Mean silhouette coefficient, as scikit-learn's `silhouette_score` (euclidean): per row,
 * (b − a) / max(a, b) with a the mean distance to the rest of its cluster and b the lowest mean
 * distance to another cluster; a row alone in its cluster scores 0. Needs 2 ≤ clusters ≤ rows − 1
 * among the scored rows. With `sampleSize`, scores a seeded random sample of rows, as sklearn's
 * `sample_size` (the same rows as sklearn only by chance: the generators differ).
 */
export function silhouette(x: Matrix, labels: Int32Array, options: SilhouetteOptions = {}): number {
  checkLabels(x, labels);
  const { sampleSize } = options;
  let sample = x;
  let sampleLabels = labels;
  if (sampleSize !== undefined) {
    if (!Number.isInteger(sampleSize) || sampleSize < 1)
      throw new RangeError(`sampleSize must be a whole number ≥ 1 (got ${sampleSize})`);
    if (sampleSize < x.rows) {
      const picked = sampleRows(x.rows, sampleSize, options.seed ?? 0);
      sample = selectRows(x, picked);
      sampleLabels = Int32Array.from(picked, (i) => labels[i] as number);
    }
  }
  const { ids, k } = silhouetteIds(sample, sampleLabels);
  return silhouetteOf(ids, k, silhouetteSums(sample, ids, k, 0, sample.rows));
}

/** Dense cluster ids (0..k−1) of the scored rows, checking there are 2 to rows − 1 clusters. */
export function silhouetteIds(sample: Matrix, labels: Int32Array): { ids: Int32Array; k: number } {
  const n = sample.rows;
  const { ids, k } = denseIds(labels);
  if (k < 2 || k > n - 1)
    throw new RangeError(`the silhouette needs 2 to ${n - 1} clusters among the ${n} scored rows, got ${k}`);
  return { ids, k };
}

/**
 * The O(n²) part of the silhouette for the pairs (i, j > i) with i in [from, to): `sums[i * k + c]`
 * is the total distance from row i to the rows of cluster c. Each pair is measured once and credited
 * to both ends; worker threads take row ranges with equal pair counts and the caller adds the sums.
 */
export function silhouetteSums(
  sample: Matrix,
  ids: Int32Array,
  k: number,
  from: number,
  to: number,
): Float64Array {
  const { rows: n, cols, data } = sample;
  const sums = new Float64Array(n * k);
  for (let i = from; i < to; i++) {
    const ci = ids[i] as number;
    const base = i * cols;
    const own = i * k;
    for (let j = i + 1, other = j * cols; j < n; j++, other += cols) {
      const d = Math.sqrt(squaredDistanceAt(data, base, data, other, cols));
      sums[own + (ids[j] as number)] += d;
      sums[j * k + ci] += d;
    }
  }
  return sums;
}

/** The mean silhouette from the added-up `silhouetteSums`. */
export function silhouetteOf(ids: Int32Array, k: number, sums: Float64Array): number {
  const n = ids.length;
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) sizes[ids[i] as number]++;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = ids[i] as number;
    const size = sizes[own] as number;
    if (size === 1) continue; // alone in its cluster: scores 0
    const a = (sums[i * k + own] as number) / (size - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own) continue;
      const mean = (sums[i * k + c] as number) / (sizes[c] as number);
      if (mean < b) b = mean;
    }
    const denominator = Math.max(a, b);
    // a = b = 0 (duplicate points across clusters) is NaN in sklearn, which it turns into 0.
    if (denominator > 0) total += (b - a) / denominator;
  }
  return total / n;
}

/**
 * Davies–Bouldin index, as scikit-learn's `davies_bouldin_score`: the mean over clusters of the
 * worst (sᵢ + sⱼ) / dᵢⱼ, s being the mean distance of a cluster's rows to its centroid and d the
 * distance between centroids. Lower is better; needs 2 ≤ clusters ≤ rows − 1.
 */
export function daviesBouldin(x: Matrix, labels: Int32Array): number {
  checkLabels(x, labels);
  const n = x.rows;
  const cols = x.cols;
  const { ids, k } = denseIds(labels);
  if (k < 2 || k > n - 1)
    throw new RangeError(`the Davies–Bouldin index needs 2 to ${n - 1} clusters among ${n} rows, got ${k}`);
  const centroids = new Float64Array(k * cols);
  const sizes = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = ids[i] as number;
    sizes[c]++;
    for (let f = 0; f < cols; f++) centroids[c * cols + f] += x.data[i * cols + f] as number;
  }
  for (let c = 0; c < k; c++) for (let f = 0; f < cols; f++) centroids[c * cols + f] /= sizes[c] as number;
  const centres: Matrix = { rows: k, cols, data: centroids };
  const spread = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = ids[i] as number;
    spread[c] += Math.sqrt(squaredDistance(x, i, centres, c));
  }
  for (let c = 0; c < k; c++) spread[c] /= sizes[c] as number;
  const between = new Float64Array(k * k);
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) between[c * k + d] = Math.sqrt(squaredDistance(centres, c, centres, d));
  // sklearn returns 0 when every spread, or every centroid distance, is (numpy-allclose to) 0.
  const allNearZero = (values: Float64Array) => values.every((v) => Math.abs(v) <= 1e-8);
  if (allNearZero(spread) || allNearZero(between)) return 0;
  let total = 0;
  for (let c = 0; c < k; c++) {
    let worst = -Infinity;
    for (let d = 0; d < k; d++) {
      const distance = between[c * k + d] as number;
      // Coinciding centroids (and a cluster with itself) count as infinitely far, as in sklearn.
      const ratio = ((spread[c] as number) + (spread[d] as number)) / (distance === 0 ? Infinity : distance);
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / k;
}

/**
 * Adjusted Rand index of two labellings of the same rows, as scikit-learn's
 * `adjusted_rand_score`: 1 for the same partition (whatever the label values), about 0 for
 * chance agreement, negative below chance. Two single-cluster labellings score 1.
 */
export function adjustedRandIndex(a: Int32Array, b: Int32Array): number {
  if (a.length !== b.length)
    throw new RangeError(
      `the labellings differ in length (${a.length} and ${b.length}): they must label the same rows`,
    );
  const n = a.length;
  const left = denseIds(a);
  const right = denseIds(b);
  const rowSums = new Float64Array(left.k);
  const colSums = new Float64Array(right.k);
  const cells = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = left.ids[i] as number;
    const c = right.ids[i] as number;
    rowSums[r]++;
    colSums[c]++;
    const key = r * right.k + c;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  // Ordered pair counts as sklearn's pair_confusion_matrix. Each stays below n² (< 2^53), so the
  // doubles are exact; the products below may not be, hence BigInt as Python's integers.
  let sumSquares = 0;
  for (const count of cells.values()) sumSquares += count * count;
  let rowSquares = 0;
  for (const s of rowSums) rowSquares += s * s;
  let colSquares = 0;
  for (const s of colSums) colSquares += s * s;
  const tp = BigInt(sumSquares - n);
  const fp = BigInt(colSquares - sumSquares);
  const fn = BigInt(rowSquares - sumSquares);
  const tn = BigInt(n * n - (colSquares - sumSquares) - (rowSquares - sumSquares) - sumSquares);
  if (fn === 0n && fp === 0n) return 1;
  return (2 * Number(tp * tn - fn * fp)) / Number((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Minimum-cost assignment (Hungarian method, O(size³)) of the rows of `cost` to its columns:
 * `result[row]` is the column given to that row, or −1 when there are more rows than columns and
 * the row got none. Used to match a retrained model's centroids (rows) to the current model's
 * (columns) by distance, so segments keep their ids.
 */
export function hungarian(cost: ReadonlyArray<ReadonlyArray<number>>): number[] {
  const rows = cost.length;
  if (rows === 0) return [];
  const cols = (cost[0] as ReadonlyArray<number>).length;
  for (const [i, line] of cost.entries()) {
    if (line.length !== cols)
      throw new RangeError(
        `cost row ${i} has ${line.length} entries but row 0 has ${cols}: the matrix must be rectangular`,
      );
    for (const [j, value] of line.entries())
      if (!Number.isFinite(value))
        throw new RangeError(`cost[${i}][${j}] is ${value}: costs must be finite numbers`);
  }
  if (cols === 0) return new Array<number>(rows).fill(-1);
  // Pad to a square with zero costs: a row matched to a padding column is left unassigned.
  const size = Math.max(rows, cols);
  const at = (i: number, j: number) =>
    i < rows && j < cols ? ((cost[i] as ReadonlyArray<number>)[j] as number) : 0;
  // Shortest augmenting paths with potentials (1-indexed; column 0 is the virtual start).
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const owner = new Int32Array(size + 1); // owner[j]: the row matched to column j, 0 for none
  const way = new Int32Array(size + 1);
  const minSlack = new Float64Array(size + 1);
  const used = new Uint8Array(size + 1);
  for (let i = 1; i <= size; i++) {
    owner[0] = i;
    let j0 = 0;
    minSlack.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = owner[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (used[j]) continue;
        const slack = at(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
        if (slack < (minSlack[j] as number)) {
          minSlack[j] = slack;
          way[j] = j0;
        }
        if ((minSlack[j] as number) < delta) {
          delta = minSlack[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (used[j]) {
          u[owner[j] as number] += delta;
          v[j] -= delta;
        } else {
          minSlack[j] -= delta;
        }
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      owner[j0] = owner[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  const result = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) {
    const i = owner[j] as number;
    if (i >= 1 && i <= rows) result[i - 1] = j - 1;
  }
  return result;
}

function checkLabels(x: Matrix, labels: Int32Array): void {
  if (labels.length !== x.rows)
    throw new RangeError(`${labels.length} labels for ${x.rows} rows: each row needs one label`);
}

/** Labels renumbered 0..k−1 in order of first appearance, so any label values work (−1 too). */
function denseIds(labels: Int32Array): { ids: Int32Array; k: number } {
  const ids = new Int32Array(labels.length);
  const seen = new Map<number, number>();
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    let id = seen.get(label);
    if (id === undefined) {
      id = seen.size;
      seen.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, k: seen.size };
}
