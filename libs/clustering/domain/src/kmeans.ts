import { candidateKernel } from './kernels.js';
import {
  checkFinite,
  type Matrix,
  matrix,
  seededRandom,
  squaredDistance,
  squaredDistanceAt,
} from './matrix.js';

/**
 * k-means on dense row-major matrices, following scikit-learn's choices (greedy k-means++,
 * tolerance relative to the data's variance, relocation of empty clusters) so that a benchmark can
 * compare inertia with sklearn from the same starting centres.
 *
 * The hot loops take a row range (`assignRange`) and return partial sums, so that worker threads can
 * later split the rows and add the partials; everything here is single-threaded.
 */

export interface LloydOptions {
  /** Most assignment + update rounds (sklearn's default 300). */
  readonly maxIter?: number;
  /** Convergence threshold, relative to the mean per-feature variance of x (sklearn's 1e-4). */
  readonly tol?: number;
  /**
   * 'hamerly' (default) skips distance computations with bounds and gives the same labels as
   * 'plain', the textbook loop kept as a reference.
   */
  readonly algorithm?: 'hamerly' | 'plain';
}

export interface KmeansResult {
  readonly centres: Matrix;
  /** Cluster of each row of x. */
  readonly labels: Int32Array;
  /** Sum of squared distances from each row to its centre. */
  readonly inertia: number;
  readonly iterations: number;
}

export interface KmeansOptions extends LloydOptions {
  readonly k: number;
  /** Restarts from different k-means++ seeds; the lowest inertia wins. */
  readonly nInit?: number;
  readonly seed?: number;
}

export interface MiniBatchKmeansOptions {
  readonly k: number;
  readonly batchSize?: number;
  /** Most passes over the data, counted in batches as sklearn does (`maxIter × rows / batchSize`). */
  readonly maxIter?: number;
  readonly seed?: number;
}

/** What one row range contributes to an update: per-cluster sums and counts, and its inertia. */
export interface PartialSums {
  /** k × cols sums of the rows assigned to each cluster, row-major like a Matrix. */
  readonly sums: Float64Array;
  readonly counts: Float64Array;
  readonly inertia: number;
  /** Rows whose label differs from what `labels` held before the call. */
  readonly changed: number;
}

/**
 * scikit-learn's greedy k-means++: the first centre is a uniformly drawn row; each next centre is
 * the best of `2 + floor(ln k)` candidates drawn with probability ∝ D² (squared distance to the
 * closest centre so far), "best" meaning the one that leaves the smallest potential (sum of D²).
 * Greedy trials make a bad start much rarer than plain k-means++ for little extra cost.
 */
export function kmeansPlusPlus(x: Matrix, k: number, random: () => number): Matrix {
  checkFinite(x, 'k-means');
  checkK(k, x.rows);
  const seeding = startSeeding(x, k, random);
  seeding.first(distancesToCandidates(x, seeding.candidates, undefined, seeding.buffers, 0, x.rows));
  while (!seeding.done)
    seeding.next(distancesToCandidates(x, seeding.candidates, seeding.closest, seeding.buffers, 0, x.rows));
  return seeding.centres;
}

/**
 * The bookkeeping of greedy k-means++ without its one expensive part, the distances from every row
 * to the candidates: `candidates` says which rows to measure next, into `buffers` (capped by
 * `closest` after the first centre), and `first`/`next` take the potentials of those candidates (sum
 * of the row distances). One pass measures all of a step's candidates, so the rows are read once
 * per centre rather than once per candidate; the passes can be split over worker threads.
 */
export interface Seeding {
  readonly centres: Matrix;
  readonly done: boolean;
  /** Rows of x to measure in the next pass. */
  readonly candidates: Int32Array;
  /** One row-length buffer per candidate for the next pass to fill. */
  readonly buffers: readonly Float64Array[];
  /** The D² of each row to its closest centre so far (caps the next pass). */
  readonly closest: Float64Array;
  first(potentials: Float64Array): void;
  next(potentials: Float64Array): void;
}

export function startSeeding(
  x: Matrix,
  k: number,
  random: () => number,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): Seeding {
  const { rows: n, cols, data } = x;
  const centres = matrix(k, cols);
  const trials = 2 + Math.floor(Math.log(k));
  // trials + 1 row-length buffers allocated once: the candidates' D² and the closest so far.
  const pool = Array.from({ length: trials + 1 }, () => allocate(n));
  let closest = pool[trials] as Float64Array;
  let potential = 0;
  let placed = 1;
  const first = randomRow(random, n);
  copyRow(data, first, centres.data, 0, cols);

  const seeding: Seeding & { candidates: Int32Array; buffers: Float64Array[]; closest: Float64Array } = {
    centres,
    get done() {
      return placed >= k;
    },
    candidates: Int32Array.of(first),
    buffers: [pool[0] as Float64Array],
    closest,
    first(potentials) {
      // The first pass measured the first centre: its distances become D².
      [pool[0], pool[trials]] = [closest, pool[0] as Float64Array];
      closest = pool[trials] as Float64Array;
      potential = potentials[0] as number;
      if (placed < k) drawCandidates();
    },
    next(potentials) {
      let best = 0;
      for (let t = 1; t < potentials.length; t++)
        if ((potentials[t] as number) < (potentials[best] as number)) best = t;
      copyRow(data, seeding.candidates[best] as number, centres.data, placed, cols);
      placed++;
      [pool[best], pool[trials]] = [closest, pool[best] as Float64Array];
      closest = pool[trials] as Float64Array;
      potential = potentials[best] as number;
      if (placed < k) drawCandidates();
    },
  };
  function drawCandidates(): void {
    const candidates = new Int32Array(trials);
    for (let t = 0; t < trials; t++) candidates[t] = drawByWeight(closest, random() * potential);
    seeding.candidates = candidates;
    seeding.buffers = pool.slice(0, trials);
    seeding.closest = closest;
  }
  return seeding;
}

/**
 * For rows [from, to): the squared distance to each candidate row, capped by `closest` when given,
 * into that candidate's buffer; returns each candidate's share of the potential.
 */
export function distancesToCandidates(
  x: Matrix,
  candidates: Int32Array,
  closest: Float64Array | undefined,
  buffers: readonly Float64Array[],
  from: number,
  to: number,
): Float64Array {
  const { cols, data } = x;
  const compiled = candidateKernel(cols);
  if (compiled) return compiled(data, candidates, closest, buffers, from, to);
  const trials = candidates.length;
  const potentials = new Float64Array(trials);
  for (let i = from, v = from * cols; i < to; i++, v += cols) {
    const cap = closest === undefined ? Infinity : (closest[i] as number);
    for (let t = 0; t < trials; t++) {
      let d = squaredDistanceAt(data, v, data, (candidates[t] as number) * cols, cols);
      if (cap < d) d = cap;
      (buffers[t] as Float64Array)[i] = d;
      potentials[t] = (potentials[t] as number) + d;
    }
  }
  return potentials;
}

/**
 * Lloyd's algorithm from the given centres, with sklearn's stopping rules: stop when no label
 * changes, or when the summed squared centre shift is at most `tol` × the mean per-feature variance
 * of x (so `tol` does not depend on the data's scale). Labels and inertia are always those of the
 * returned centres.
 */
export function lloyd(x: Matrix, initialCentres: Matrix, options: LloydOptions = {}): KmeansResult {
  const { maxIter = 300, tol = 1e-4, algorithm = 'hamerly' } = options;
  checkCentres(x, initialCentres);
  checkK(initialCentres.rows, x.rows);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a whole number ≥ 1 (got ${maxIter})`);
  if (!(tol >= 0)) throw new RangeError(`tol must be ≥ 0 (got ${tol})`);

  const n = x.rows;
  const k = initialCentres.rows;
  const threshold = tol * meanVariance(x);
  let centres = matrix(k, x.cols, Float64Array.from(initialCentres.data));
  // -1 so that the first round counts every row as changed, as sklearn's labels_old does.
  const labels = new Int32Array(n).fill(-1);
  const bounds = algorithm === 'hamerly' ? newBounds(n, k) : undefined;
  let iterations = 0;

  while (iterations < maxIter) {
    const partial =
      bounds === undefined
        ? assignRange(x, centres, labels, 0, n)
        : boundedAssignRange(x, centres, labels, bounds, 0, n);
    iterations++;
    const step = updateCentres(x, centres, labels, partial, bounds, threshold);
    centres = step.centres;
    if (step.converged) break;
  }
  // One last pass: labels and inertia of the returned centres, whichever way the loop ended.
  const { inertia } =
    bounds === undefined
      ? assignRange(x, centres, labels, 0, n)
      : boundedAssignRange(x, centres, labels, bounds, 0, n, true);
  return { centres, labels, inertia, iterations };
}

/**
 * The update half of a Lloyd round, given the assignment's partial sums (added over all rows):
 * relocates empty clusters, takes the means, moves the Hamerly bounds, and says whether to stop
 * (no label changed, or the squared centre shift is within `threshold`).
 */
export function updateCentres(
  x: Matrix,
  centres: Matrix,
  labels: Int32Array,
  partial: PartialSums,
  bounds: Bounds | undefined,
  threshold: number,
): { centres: Matrix; converged: boolean } {
  relocateEmptyClusters(x, centres, labels, partial);
  const next = meansOf(partial, centres.rows, x.cols, centres);
  const shift = squaredShift(centres, next);
  if (bounds !== undefined) prepareBounds(bounds, centres, next);
  // No label changed (sklearn's strict convergence): `next` is already the fixed point.
  return { centres: next, converged: partial.changed === 0 || shift <= threshold };
}

/** Partial sums of row ranges added up, in range order (so the result does not depend on timing). */
export function addPartials(partials: readonly PartialSums[]): PartialSums {
  const [head, ...rest] = partials;
  if (head === undefined) throw new RangeError('no partial sums to add');
  const sums = Float64Array.from(head.sums);
  const counts = Float64Array.from(head.counts);
  let { inertia, changed } = head;
  for (const p of rest) {
    for (let s = 0; s < sums.length; s++) sums[s] = (sums[s] as number) + (p.sums[s] as number);
    for (let j = 0; j < counts.length; j++) counts[j] = (counts[j] as number) + (p.counts[j] as number);
    inertia += p.inertia;
    changed += p.changed;
  }
  return { sums, counts, inertia, changed };
}

/**
 * Hamerly's bounds, per row: an upper bound on the distance to its own centre and a lower bound on
 * the distance to any other. A row whose upper bound is below both its lower bound and half the
 * gap from its centre to the nearest other centre cannot change cluster, so after the first few
 * rounds most rows cost no distance at all. Distances here are plain (not squared), as the triangle
 * inequality needs.
 */
export interface CentreMoves {
  /** Per centre: half the distance to the nearest other centre. */
  readonly half: Float64Array;
  /** Per centre: how far it moved in the last update, still to be applied to the rows' bounds. */
  readonly moved: Float64Array;
  /** The largest move, its centre, and the second largest (for rows of that centre). */
  maxMove: number;
  maxMoved: number;
  secondMove: number;
}

export interface Bounds extends CentreMoves {
  readonly upper: Float64Array;
  readonly lower: Float64Array;
}

export function newBounds(
  n: number,
  k: number,
  allocate: (length: number) => Float64Array = (length) => new Float64Array(length),
): Bounds {
  return {
    upper: allocate(n),
    lower: allocate(n),
    half: new Float64Array(k),
    moved: new Float64Array(k),
    maxMove: 0,
    maxMoved: -1,
    secondMove: 0,
  };
}

/** Records how far each centre moves (old → next) and the half-gaps between the next centres. */
function prepareBounds(bounds: Bounds, old: Matrix, next: Matrix): void {
  const k = next.rows;
  bounds.maxMove = 0;
  bounds.secondMove = 0;
  bounds.maxMoved = -1;
  for (let j = 0; j < k; j++) {
    const move = Math.sqrt(squaredDistance(old, j, next, j));
    bounds.moved[j] = move;
    if (move > bounds.maxMove) {
      bounds.secondMove = bounds.maxMove;
      bounds.maxMove = move;
      bounds.maxMoved = j;
    } else if (move > bounds.secondMove) bounds.secondMove = move;
  }
  bounds.half.fill(Infinity);
  for (let j = 0; j < k; j++)
    for (let l = j + 1; l < k; l++) {
      const gap = 0.5 * Math.sqrt(squaredDistance(next, j, next, l));
      if (gap < (bounds.half[j] as number)) bounds.half[j] = gap;
      if (gap < (bounds.half[l] as number)) bounds.half[l] = gap;
    }
}

/**
 * `assignRange` with Hamerly's bounds: the same labels, sums and counts, but `inertia` is not
 * computed (0), since skipped rows have no exact distance. Rows labelled -1 get a full search.
 * `final`: the last pass, after the last update: labels and the exact inertia (one distance per
 * row the bounds settle instead of k), no sums.
 */
export function boundedAssignRange(
  x: Matrix,
  centres: Matrix,
  labels: Int32Array,
  bounds: Bounds,
  from: number,
  to: number,
  final = false,
): PartialSums {
  const { cols, data } = x;
  const k = centres.rows;
  const cd = centres.data;
  const { upper, lower, half, moved, maxMove, maxMoved, secondMove } = bounds;
  const sums = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  let changed = 0;
  let inertia = 0;
  for (let i = from; i < to; i++) {
    const base = i * cols;
    let label = labels[i] as number;
    let search = label < 0;
    let own = 0;
    if (!search) {
      let up = (upper[i] as number) + (moved[label] as number);
      const low = (lower[i] as number) - (label === maxMoved ? secondMove : maxMove);
      lower[i] = low;
      const limit = Math.max(half[label] as number, low);
      if (final || up > limit) {
        // Tighten the upper bound to the exact distance before paying for a full search (and the
        // final pass needs that distance for the inertia anyway).
        own = squaredDistanceAt(data, base, cd, label * cols, cols);
        up = Math.sqrt(own);
        search = up > limit;
      }
      upper[i] = up;
    }
    if (search) {
      let best = 0;
      let bestDistance = Infinity;
      let second = Infinity;
      for (let j = 0, cb = 0; j < k; j++, cb += cols) {
        const d = squaredDistanceAt(data, base, cd, cb, cols);
        if (d < bestDistance) {
          second = bestDistance;
          bestDistance = d;
          best = j;
        } else if (d < second) second = d;
      }
      upper[i] = Math.sqrt(bestDistance);
      lower[i] = Math.sqrt(second);
      own = bestDistance;
      if (best !== label) {
        labels[i] = best;
        label = best;
        changed++;
      }
    }
    counts[label] = (counts[label] as number) + 1;
    if (final) {
      inertia += own;
      continue;
    }
    for (let c = 0, s = label * cols; c < cols; c++, s++)
      sums[s] = (sums[s] as number) + (data[base + c] as number);
  }
  return { sums, counts, inertia, changed };
}

/**
 * k-means++ then Lloyd, `nInit` times from seeds drawn deterministically from `seed`; keeps the
 * run with the lowest inertia. The returned `seed` is that run's: `lloyd(x, kmeansPlusPlus(x, k,
 * seededRandom(seed)))` reproduces it.
 */
export function kmeans(x: Matrix, options: KmeansOptions): KmeansResult & { readonly seed: number } {
  const { k, nInit = 3, seed = 0, maxIter, tol, algorithm } = options;
  checkFinite(x, 'k-means');
  checkK(k, x.rows);
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new RangeError(`nInit must be a whole number ≥ 1 (got ${nInit})`);
  const seeds = seededRandom(seed);
  let best: (KmeansResult & { seed: number }) | undefined;
  for (let run = 0; run < nInit; run++) {
    const runSeed = Math.floor(seeds() * 4_294_967_296);
    const centres = kmeansPlusPlus(x, k, seededRandom(runSeed));
    const result = lloyd(x, centres, { maxIter, tol, algorithm });
    if (best === undefined || result.inertia < best.inertia) best = { ...result, seed: runSeed };
  }
  return best as KmeansResult & { seed: number };
}

/**
 * sklearn-style mini-batch k-means for large n: k-means++ on a random subset of 3 × batchSize rows,
 * then each batch moves every centre it touches towards the batch mean with learning rate
 * batch count / total count (so each centre is the running mean of all rows ever assigned to it).
 * Stops after `maxIter` passes or, as sklearn, when the smoothed batch inertia has not improved for
 * 10 batches. Final labels and inertia come from a full assignment pass.
 * Not done: sklearn's random reassignment of centres with very small counts.
 */
export function miniBatchKmeans(x: Matrix, options: MiniBatchKmeansOptions): KmeansResult {
  const { k, batchSize = 1024, maxIter = 100, seed = 0 } = options;
  checkFinite(x, 'k-means');
  checkK(k, x.rows);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a whole number ≥ 1 (got ${batchSize})`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a whole number ≥ 1 (got ${maxIter})`);

  const { rows: n, cols, data } = x;
  const random = seededRandom(seed);
  const initSize = Math.min(n, Math.max(3 * batchSize, 3 * k));
  const subset = matrix(initSize, cols);
  for (let r = 0; r < initSize; r++) copyRow(data, randomRow(random, n), subset.data, r, cols);
  const centres = kmeansPlusPlus(subset, k, random);
  const cd = centres.data;

  const counts = new Float64Array(k);
  const batchSums = new Float64Array(k * cols);
  const batchCounts = new Float64Array(k);
  const steps = Math.ceil((maxIter * n) / batchSize);
  const alpha = Math.min(1, (2 * batchSize) / (n + 1));
  let smoothed = Infinity;
  let bestSmoothed = Infinity;
  let sinceImprovement = 0;
  let step = 0;

  while (step < steps) {
    batchSums.fill(0);
    batchCounts.fill(0);
    let batchInertia = 0;
    for (let b = 0; b < batchSize; b++) {
      const row = randomRow(random, n);
      const label = nearestCentre(data, row * cols, cd, k, cols);
      const distance = NEAREST_DISTANCE[0] as number;
      batchInertia += distance;
      batchCounts[label] = (batchCounts[label] as number) + 1;
      for (let c = 0, s = label * cols, v = row * cols; c < cols; c++, s++, v++)
        batchSums[s] = (batchSums[s] as number) + (data[v] as number);
    }
    for (let j = 0; j < k; j++) {
      const added = batchCounts[j] as number;
      if (added === 0) continue;
      const before = counts[j] as number;
      const total = before + added;
      counts[j] = total;
      for (let c = 0, s = j * cols; c < cols; c++, s++)
        cd[s] = ((cd[s] as number) * before + (batchSums[s] as number)) / total;
    }
    step++;

    const perRow = batchInertia / batchSize;
    smoothed = smoothed === Infinity ? perRow : smoothed * (1 - alpha) + perRow * alpha;
    if (smoothed < bestSmoothed) {
      bestSmoothed = smoothed;
      sinceImprovement = 0;
    } else if (++sinceImprovement >= 10) break;
  }

  const labels = new Int32Array(n);
  const { inertia } = assignRange(x, centres, labels, 0, n);
  return { centres, labels, inertia, iterations: step };
}

/** The nearest centre of every row of x: the real-time path, one pass with no allocation per row. */
export function assign(x: Matrix, centres: Matrix): Int32Array {
  checkCentres(x, centres);
  if (centres.rows < 1) throw new RangeError('assign needs at least one centre');
  checkFinite(centres, 'k-means', 'centres');
  const { rows: n, cols, data } = x;
  const cd = centres.data;
  const k = centres.rows;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const best = nearestCentre(data, i * cols, cd, k, cols);
    // NaN or infinite values make every distance fail `<`: checked here rather than by a prior scan.
    if (best < 0) throw new RangeError(`row ${i} of x holds a NaN or infinite value`);
    labels[i] = best;
  }
  return labels;
}

/**
 * Assigns rows [from, to) to their nearest centre (writing `labels`) and returns what they add to
 * the next centres. Worker threads can each take a range and the caller adds the partials.
 */
export function assignRange(
  x: Matrix,
  centres: Matrix,
  labels: Int32Array,
  from: number,
  to: number,
): PartialSums {
  const { cols, data } = x;
  const k = centres.rows;
  const cd = centres.data;
  const sums = new Float64Array(k * cols);
  const counts = new Float64Array(k);
  let inertia = 0;
  let changed = 0;
  for (let i = from; i < to; i++) {
    const base = i * cols;
    const best = nearestCentre(data, base, cd, k, cols);
    const bestDistance = NEAREST_DISTANCE[0] as number;
    if (labels[i] !== best) {
      labels[i] = best;
      changed++;
    }
    inertia += bestDistance;
    counts[best] = (counts[best] as number) + 1;
    for (let c = 0, s = best * cols; c < cols; c++, s++)
      sums[s] = (sums[s] as number) + (data[base + c] as number);
  }
  return { sums, counts, inertia, changed };
}

/**
 * Gives every empty cluster the row farthest from its own centre, taking that row out of its old
 * cluster's sums (sklearn relocates empty clusters to far points too). Labels are left as they
 * are, as in sklearn: the next assignment round settles them.
 */
function relocateEmptyClusters(x: Matrix, centres: Matrix, labels: Int32Array, partial: PartialSums): void {
  const { sums, counts } = partial;
  const k = centres.rows;
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty.push(j);
  if (empty.length === 0) return;

  const { rows: n, cols, data } = x;
  const cd = centres.data;
  // The `empty.length` farthest rows, kept sorted by decreasing distance; k is small.
  const far: { row: number; distance: number }[] = [];
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    const d = squaredDistanceAt(data, i * cols, cd, label * cols, cols);
    if (far.length === empty.length && d <= (far[far.length - 1] as { distance: number }).distance) continue;
    let at = far.length;
    while (at > 0 && (far[at - 1] as { distance: number }).distance < d) at--;
    far.splice(at, 0, { row: i, distance: d });
    if (far.length > empty.length) far.pop();
  }
  for (let e = 0; e < empty.length && e < far.length; e++) {
    const target = empty[e] as number;
    const { row } = far[e] as { row: number };
    const source = labels[row] as number;
    for (let c = 0, v = row * cols; c < cols; c++, v++) {
      const value = data[v] as number;
      sums[source * cols + c] = (sums[source * cols + c] as number) - value;
      sums[target * cols + c] = value;
    }
    counts[source] = (counts[source] as number) - 1;
    counts[target] = 1;
  }
}

/** Centres from partial sums; a cluster still empty (more empty clusters than rows) keeps its centre. */
function meansOf(partial: PartialSums, k: number, cols: number, previous: Matrix): Matrix {
  const next = matrix(k, cols);
  const { sums, counts } = partial;
  for (let j = 0; j < k; j++) {
    const count = counts[j] as number;
    for (let c = 0, s = j * cols; c < cols; c++, s++)
      next.data[s] = count > 0 ? (sums[s] as number) / count : (previous.data[s] as number);
  }
  return next;
}

function squaredShift(a: Matrix, b: Matrix): number {
  let shift = 0;
  for (let s = 0; s < a.data.length; s++) {
    const t = (a.data[s] as number) - (b.data[s] as number);
    shift += t * t;
  }
  return shift;
}

/** Per-column sums and sums of squares of a row range, and the first non-finite value's index (−1: none). */
export interface ColumnStats {
  readonly sums: Float64Array;
  readonly squares: Float64Array;
  readonly firstBad: number;
}

export function columnStats(x: Matrix, from: number, to: number): ColumnStats {
  const { cols, data } = x;
  const sums = new Float64Array(cols);
  const squares = new Float64Array(cols);
  let firstBad = -1;
  for (let v = from * cols, end = to * cols; v < end;) {
    for (let c = 0; c < cols; c++, v++) {
      const value = data[v] as number;
      sums[c] = (sums[c] as number) + value;
      squares[c] = (squares[c] as number) + value * value;
    }
  }
  // A NaN or ±Infinity anywhere makes its column's sum non-finite: only then look for it.
  for (let c = 0; c < cols; c++)
    if (!Number.isFinite((sums[c] as number) + (squares[c] as number))) {
      for (let v = from * cols + c; v < to * cols; v += cols)
        if (!Number.isFinite(data[v] as number)) {
          if (firstBad < 0 || v < firstBad) firstBad = v;
          break;
        }
    }
  return { sums, squares, firstBad };
}

/**
 * Mean over features of each feature's (population) variance, sklearn's scale for `tol`, from the
 * stats of row ranges covering x; throws on the first non-finite value, since a NaN would poison
 * every centre it touches, silently.
 */
export function meanVarianceOf(x: Matrix, stats: readonly ColumnStats[]): number {
  const { rows: n, cols } = x;
  for (const { firstBad } of stats)
    if (firstBad >= 0) {
      const row = Math.floor(firstBad / cols);
      throw new RangeError(
        `row ${row}, column ${firstBad - row * cols} of x is ${x.data[firstBad]}: k-means needs finite numbers`,
      );
    }
  let total = 0;
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    let squares = 0;
    for (const part of stats) {
      sum += part.sums[c] as number;
      squares += part.squares[c] as number;
    }
    const mean = sum / n;
    total += Math.max(0, squares / n - mean * mean);
  }
  return total / cols;
}

function meanVariance(x: Matrix): number {
  return meanVarianceOf(x, [columnStats(x, 0, x.rows)]);
}

/**
 * The first index whose running sum of weights exceeds `target` (numpy's searchsorted on the
 * cumulative sum), clipped to the last index against rounding. "Exceeds" rather than "reaches" so
 * that a zero draw never picks a row that is already a centre.
 */
function drawByWeight(weights: Float64Array, target: number): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    sum += weights[i] as number;
    if (sum > target) return i;
  }
  return weights.length - 1;
}

/** Where {@link nearestCentre} leaves the squared distance of the centre it returns. */
export const NEAREST_DISTANCE = new Float64Array(1);

/**
 * The nearest of the k centres in `cd` to the row at `data[base ..]` (−1 when every distance is
 * NaN); its squared distance is left in NEAREST_DISTANCE[0], so the hot loops allocate nothing.
 */
export function nearestCentre(
  data: Float64Array,
  base: number,
  cd: Float64Array,
  k: number,
  cols: number,
): number {
  let label = -1;
  let distance = Infinity;
  for (let j = 0, cb = 0; j < k; j++, cb += cols) {
    const d = squaredDistanceAt(data, base, cd, cb, cols);
    if (d < distance) {
      distance = d;
      label = j;
    }
  }
  NEAREST_DISTANCE[0] = distance;
  return label;
}

function randomRow(random: () => number, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

function copyRow(from: Float64Array, row: number, to: Float64Array, toRow: number, cols: number): void {
  to.set(from.subarray(row * cols, (row + 1) * cols), toRow * cols);
}

function checkK(k: number, rows: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k})`);
  if (k > rows) throw new RangeError(`k = ${k} clusters need at least ${k} rows (x has ${rows})`);
}

function checkCentres(x: Matrix, centres: Matrix): void {
  if (centres.cols !== x.cols)
    throw new RangeError(`centres are ${centres.cols} wide but x rows are ${x.cols} wide`);
}
