import { checkFinite, type Matrix, matrix, seededRandom } from './matrix.js';

/**
 * DBSCAN as scikit-learn's: a core row has at least `minSamples` rows (itself included) within
 * `eps` (Euclidean, boundary included); clusters grow from core rows through their neighbours, and
 * rows reached by no core row are noise (−1). Clusters are numbered 0.. in the order of their
 * lowest-index core row, and a border row within reach of several clusters joins the first one,
 * which makes the labels identical to sklearn's.
 *
 * Neighbourhoods come from a KD-tree over all columns rather than stored neighbour lists (sklearn's
 * are O(n²) memory on dense data). Every row gets one neighbour count that stops at `minSamples`,
 * and every core row one radius query that skips subtrees already labelled. Cost: O(n log n · cols)
 * to build the tree, then about O(log n + neighbours · cols) per query when eps is small next to the
 * data's spread, degrading towards O(n · cols) per query when most rows lie within eps of each other
 * (the tree prunes less as columns grow: 50k rows of 5 Gaussian blobs at the estimated eps take a
 * fraction of a second in 3 columns, a few seconds in 10). Memory O(n · cols).
 */

/** Rows above this are refused: beyond it, cluster a sample and assign the rest with dbscanAssignRow. */
export const DBSCAN_MAX_ROWS = 200_000;

export interface DbscanOptions {
  readonly eps: number;
  /** Rows within eps, the row itself included, that make a row core (sklearn's default 5). */
  readonly minSamples?: number;
}

export interface DbscanResult {
  /** Cluster of each row, −1 for noise. */
  readonly labels: Int32Array;
  readonly clusters: number;
  /** Rows labelled −1. */
  readonly noise: number;
  /** 1 for core rows. */
  readonly core: Uint8Array;
  /** clusters × cols: the mean of each cluster's rows, border rows included. */
  readonly centres: Matrix;
}

/**
 * A KD-tree over the rows of a matrix: each node covers a contiguous range of positions and knows
 * the bounding box of those rows, so that a query skips every node whose box is out of reach.
 * Nodes are split at the median of their widest column, so the depth stays below log2(rows).
 */
export interface KdTree {
  readonly cols: number;
  /** The rows copied in tree order (position s holds row `order[s]`): leaves read memory in sequence. */
  readonly data: Float64Array;
  /** Row index at each position; every node's rows are at positions `start .. end`. */
  readonly order: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Children of each node, −1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** nodes × cols: the smallest and largest value of each column among the node's rows. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** What assigning new rows needs: the core rows, their clusters and an index over them. */
export interface DbscanModel {
  readonly eps: number;
  readonly corePoints: Matrix;
  readonly coreLabels: Int32Array;
  readonly index: KdTree;
}

const LEAF_SIZE = 32;
/**
 * Scratch stack of every tree walk, shared since walks never nest: a walk holds at most depth + 1
 * nodes and median splits keep the depth below 32 for any array length.
 */
const STACK = new Int32Array(64);
/** Box distance of each node on STACK, for the walks that compute it when pushing. */
const STACK_DISTANCE = new Float64Array(64);

export function dbscan(x: Matrix, options: DbscanOptions): DbscanResult {
  const { eps, minSamples = 5 } = options;
  const { rows: n, cols, data } = x;
  if (n > DBSCAN_MAX_ROWS)
    throw new RangeError(
      `dbscan takes at most ${DBSCAN_MAX_ROWS} rows (got ${n}): ` +
        'cluster a sample and assign the other rows with dbscanAssignRow',
    );
  checkEps(eps);
  if (!Number.isInteger(minSamples) || minSamples < 1)
    throw new RangeError(`minSamples must be a whole number ≥ 1 (got ${minSamples})`);
  checkFinite(x, 'DBSCAN');

  const tree = kdTree(x);
  const eps2 = eps * eps;
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    if (countWithin(tree, data, i * cols, eps2, minSamples) >= minSamples) core[i] = 1;

  // Unlabelled rows under each node: expansion skips subtrees already labelled, which inside a
  // dense cluster is nearly all of the eps-ball after the first few expansions.
  const nodes = tree.start.length;
  const unlabelled = new Int32Array(nodes);
  const parent = new Int32Array(nodes).fill(-1);
  const leafOf = new Int32Array(n);
  for (let node = 0; node < nodes; node++) {
    unlabelled[node] = (tree.end[node] as number) - (tree.start[node] as number);
    const l = tree.left[node] as number;
    if (l >= 0) {
      parent[l] = node;
      parent[tree.right[node] as number] = node;
    } else
      for (let s = tree.start[node] as number; s < (tree.end[node] as number); s++)
        leafOf[tree.order[s] as number] = node;
  }

  // Rows are labelled when pushed, so each enters the stack at most once and only core rows expand.
  const labels = new Int32Array(n).fill(-1);
  const found = new Int32Array(n);
  const stack = new Int32Array(n);
  let clusters = 0;
  const labelRow = (row: number): void => {
    labels[row] = clusters;
    for (let node = leafOf[row] as number; node >= 0; node = parent[node] as number)
      unlabelled[node] = (unlabelled[node] as number) - 1;
  };
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || core[i] === 0) continue;
    labelRow(i);
    let top = 0;
    stack[top++] = i;
    while (top > 0) {
      const row = stack[--top] as number;
      const count = unlabelledWithin(tree, data, row * cols, eps2, labels, unlabelled, found);
      for (let f = 0; f < count; f++) {
        const v = found[f] as number;
        labelRow(v);
        if (core[v] === 1) stack[top++] = v;
      }
    }
    clusters++;
  }

  const centres = matrix(clusters, cols);
  const sizes = new Float64Array(clusters);
  let noise = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    if (label < 0) {
      noise++;
      continue;
    }
    sizes[label] = (sizes[label] as number) + 1;
    for (let c = 0, s = label * cols, v = i * cols; c < cols; c++, s++, v++)
      centres.data[s] = (centres.data[s] as number) + (data[v] as number);
  }
  for (let j = 0; j < clusters; j++)
    for (let c = 0, s = j * cols; c < cols; c++, s++)
      centres.data[s] = (centres.data[s] as number) / (sizes[j] as number);
  return { labels, clusters, noise, core, centres };
}

/** The core rows of a DBSCAN result with their clusters, indexed for dbscanAssignRow. */
export function dbscanModel(x: Matrix, result: DbscanResult, eps: number): DbscanModel {
  checkEps(eps);
  const { rows: n, cols, data } = x;
  const { core, labels } = result;
  if (core.length !== n || labels.length !== n)
    throw new RangeError(`the result labels ${labels.length} rows but x has ${n}`);
  let count = 0;
  for (let i = 0; i < n; i++) count += core[i] as number;
  const corePoints = matrix(count, cols);
  const coreLabels = new Int32Array(count);
  for (let i = 0, r = 0; i < n; i++) {
    if (core[i] === 0) continue;
    corePoints.data.set(data.subarray(i * cols, (i + 1) * cols), r * cols);
    coreLabels[r++] = labels[i] as number;
  }
  return { eps, corePoints, coreLabels, index: kdTree(corePoints) };
}

/**
 * The cluster of a new row (`row[start .. start + cols)`): that of its nearest core row if within
 * eps, else −1. A border row of the training data may get another cluster than in `labels` (its
 * nearest core row rather than the first cluster to reach it). No allocation per call.
 */
export function dbscanAssignRow(model: DbscanModel, row: Float64Array, start = 0): number {
  const { eps, coreLabels, index } = model;
  const { cols, data } = index;
  if (start < 0 || start + cols > row.length)
    throw new RangeError(`row holds ${row.length} values, too few for ${cols} from ${start}`);
  const { order, left, right, lower, upper } = index;
  let bestDistance = eps * eps;
  let best = -1;
  let top = 0;
  STACK[top++] = 0;
  while (top > 0) {
    const node = STACK[--top] as number;
    if (boxDistance(row, start, lower, upper, node * cols, cols, bestDistance) > bestDistance) continue;
    const l = left[node] as number;
    if (l >= 0) {
      STACK[top++] = right[node] as number;
      STACK[top++] = l;
      continue;
    }
    for (let s = index.start[node] as number, e = index.end[node] as number; s < e; s++) {
      const d = squaredDistanceUpTo(data, s * cols, row, start, cols, bestDistance);
      // eps itself counts (≤), then only strictly nearer rows replace the best.
      if (d < bestDistance || (best < 0 && d === bestDistance)) {
        bestDistance = d;
        best = order[s] as number;
      }
    }
  }
  return best < 0 ? -1 : (coreLabels[best] as number);
}

/**
 * An eps for DBSCAN: the knee of the sorted k-distance curve, k = minSamples (the distance from a
 * row to its minSamples-th nearest row, itself counted first, which is what makes it core). The
 * knee is the point farthest below the chord joining the curve's ends. Distances are measured
 * against all rows, for a seeded sample of `sampleSize` query rows (default 5,000). When no point
 * lies below the chord (no knee), returns the median k-distance.
 *
 * The chord ends at the largest sampled k-distance, so one far outlier in the sample moves the knee
 * up (from inside the clusters' k-distances towards their edges'): a heuristic to start from, not
 * a figure to trust blindly.
 */
export function estimateEps(
  x: Matrix,
  minSamples: number,
  options: { readonly sampleSize?: number; readonly seed?: number } = {},
): number {
  const { sampleSize = 5000, seed = 0 } = options;
  const { rows: n, cols, data } = x;
  if (!Number.isInteger(minSamples) || minSamples < 1 || minSamples > n)
    throw new RangeError(
      `minSamples must be a whole number from 1 to the number of rows (${n}), got ${minSamples}`,
    );
  if (!Number.isInteger(sampleSize) || sampleSize < 1)
    throw new RangeError(`sampleSize must be a whole number ≥ 1 (got ${sampleSize})`);
  checkFinite(x, 'DBSCAN');

  const tree = kdTree(x);
  const m = Math.min(n, sampleSize);
  // A partial Fisher–Yates shuffle: the first m entries are a sample without replacement.
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  const random = seededRandom(seed);
  const nearest = new Float64Array(minSamples);
  const distances = new Float64Array(m);
  for (let s = 0; s < m; s++) {
    const pick = s + Math.min(n - s - 1, Math.floor(random() * (n - s)));
    const row = rows[pick] as number;
    rows[pick] = rows[s] as number;
    rows[s] = row;
    distances[s] = Math.sqrt(kthNearest(tree, data, row * cols, nearest));
  }
  distances.sort();

  const first = distances[0] as number;
  const last = distances[m - 1] as number;
  // The gap below the chord is proportional to the distance from it; its argmax ignores the axes' scales.
  let knee = -1;
  let widest = 0;
  for (let s = 1; s < m - 1; s++) {
    const gap = first + ((last - first) * s) / (m - 1) - (distances[s] as number);
    if (gap > widest) {
      widest = gap;
      knee = s;
    }
  }
  return distances[knee < 0 ? Math.floor((m - 1) / 2) : knee] as number;
}

/** Builds a KD-tree over the rows of `points`, which it copies (in tree order). */
export function kdTree(points: Matrix): KdTree {
  const { rows: n, cols, data } = points;
  // Splits happen above LEAF_SIZE rows into halves, so every leaf but a lone root holds ≥ LEAF_SIZE / 2.
  const capacity = Math.max(1, 2 * Math.ceil(n / (LEAF_SIZE / 2)));
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const start = new Int32Array(capacity);
  const end = new Int32Array(capacity);
  const left = new Int32Array(capacity);
  const right = new Int32Array(capacity);
  const lower = new Float64Array(capacity * cols);
  const upper = new Float64Array(capacity * cols);
  let nodes = 0;

  const build = (from: number, to: number): number => {
    const node = nodes++;
    start[node] = from;
    end[node] = to;
    const box = node * cols;
    lower.fill(Infinity, box, box + cols);
    upper.fill(-Infinity, box, box + cols);
    for (let s = from; s < to; s++)
      for (let c = 0, v = (order[s] as number) * cols; c < cols; c++, v++) {
        const value = data[v] as number;
        if (value < (lower[box + c] as number)) lower[box + c] = value;
        if (value > (upper[box + c] as number)) upper[box + c] = value;
      }
    let widest = 0;
    let spread = 0;
    for (let c = 0; c < cols; c++) {
      const width = (upper[box + c] as number) - (lower[box + c] as number);
      if (width > spread) {
        spread = width;
        widest = c;
      }
    }
    // Identical rows cannot be separated: splitting them would only deepen the tree.
    if (to - from <= LEAF_SIZE || !(spread > 0)) {
      left[node] = -1;
      right[node] = -1;
      return node;
    }
    const middle = (from + to) >>> 1;
    selectNth(order, data, cols, widest, from, to - 1, middle);
    left[node] = build(from, middle);
    right[node] = build(middle, to);
    return node;
  };
  build(0, n);
  const sorted = new Float64Array(n * cols);
  for (let s = 0; s < n; s++) {
    const row = order[s] as number;
    sorted.set(data.subarray(row * cols, (row + 1) * cols), s * cols);
  }
  return {
    cols,
    data: sorted,
    order,
    start: start.slice(0, nodes),
    end: end.slice(0, nodes),
    left: left.slice(0, nodes),
    right: right.slice(0, nodes),
    lower: lower.slice(0, nodes * cols),
    upper: upper.slice(0, nodes * cols),
  };
}

/**
 * Hoare's selection: reorders `order[from ..= to]` so that `order[nth]` holds the row whose value
 * in `column` ranks nth, with no larger value before it and no smaller one after. Hoare's partition
 * rather than Lomuto's, which turns quadratic on the many ties of discrete columns.
 */
function selectNth(
  order: Int32Array,
  data: Float64Array,
  cols: number,
  column: number,
  from: number,
  to: number,
  nth: number,
): void {
  let lo = from;
  let hi = to;
  while (hi > lo) {
    const pivot = data[(order[(lo + hi) >>> 1] as number) * cols + column] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((data[(order[i] as number) * cols + column] as number) < pivot) i++;
      while ((data[(order[j] as number) * cols + column] as number) > pivot) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i++] = order[j] as number;
        order[j--] = t;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/**
 * How many rows lie within √radius2 of `q[qStart ..]` (squared distance ≤ radius2), counting no
 * further than `cap`. Nearer children are walked first so that a core row reaches `cap` early.
 */
function countWithin(tree: KdTree, q: Float64Array, qStart: number, radius2: number, cap: number): number {
  const { cols, data, start, end, left, right, lower, upper } = tree;
  let count = 0;
  let top = 0;
  STACK[top] = 0;
  STACK_DISTANCE[top++] = boxDistance(q, qStart, lower, upper, 0, cols, radius2);
  while (top > 0) {
    const node = STACK[--top] as number;
    if ((STACK_DISTANCE[top] as number) > radius2) continue;
    const l = left[node] as number;
    if (l >= 0) {
      top = pushChildren(q, qStart, tree, l, right[node] as number, radius2, top);
      continue;
    }
    for (let s = start[node] as number, e = end[node] as number; s < e; s++)
      if (squaredDistanceUpTo(data, s * cols, q, qStart, cols, radius2) <= radius2 && ++count >= cap)
        return count;
  }
  return count;
}

/**
 * Writes to `out` the rows within √radius2 of `q[qStart ..]` whose label is still −1, skipping
 * nodes with no such row, and returns how many were written.
 */
function unlabelledWithin(
  tree: KdTree,
  q: Float64Array,
  qStart: number,
  radius2: number,
  labels: Int32Array,
  unlabelled: Int32Array,
  out: Int32Array,
): number {
  const { cols, data, order, start, end, left, right, lower, upper } = tree;
  let found = 0;
  let top = 0;
  STACK[top++] = 0;
  while (top > 0) {
    const node = STACK[--top] as number;
    if (unlabelled[node] === 0 || boxDistance(q, qStart, lower, upper, node * cols, cols, radius2) > radius2)
      continue;
    const l = left[node] as number;
    if (l >= 0) {
      STACK[top++] = right[node] as number;
      STACK[top++] = l;
      continue;
    }
    for (let s = start[node] as number, e = end[node] as number; s < e; s++) {
      const row = order[s] as number;
      if (labels[row] === -1 && squaredDistanceUpTo(data, s * cols, q, qStart, cols, radius2) <= radius2)
        out[found++] = row;
    }
  }
  return found;
}

/**
 * Squared distance from `q[qStart ..]` to its k-th nearest row, k = `nearest.length` (scratch kept
 * sorted: the k smallest squared distances so far).
 */
function kthNearest(tree: KdTree, q: Float64Array, qStart: number, nearest: Float64Array): number {
  const { cols, data, start, end, left, right } = tree;
  const k = nearest.length;
  nearest.fill(Infinity);
  let top = 0;
  STACK[top] = 0;
  STACK_DISTANCE[top++] = 0;
  while (top > 0) {
    const node = STACK[--top] as number;
    if ((STACK_DISTANCE[top] as number) > (nearest[k - 1] as number)) continue;
    const l = left[node] as number;
    if (l >= 0) {
      top = pushChildren(q, qStart, tree, l, right[node] as number, nearest[k - 1] as number, top);
      continue;
    }
    for (let s = start[node] as number, e = end[node] as number; s < e; s++) {
      const d = squaredDistanceUpTo(data, s * cols, q, qStart, cols, nearest[k - 1] as number);
      if (d >= (nearest[k - 1] as number)) continue;
      let at = k - 1;
      for (; at > 0 && (nearest[at - 1] as number) > d; at--) nearest[at] = nearest[at - 1] as number;
      nearest[at] = d;
    }
  }
  return nearest[k - 1] as number;
}

/**
 * Pushes both children with their box distances, the nearer last so that it is walked first; a
 * child already beyond `limit` is not pushed. Returns the new stack top.
 */
function pushChildren(
  q: Float64Array,
  qStart: number,
  tree: KdTree,
  l: number,
  r: number,
  limit: number,
  top: number,
): number {
  const { lower, upper, cols } = tree;
  const toLeft = boxDistance(q, qStart, lower, upper, l * cols, cols, limit);
  const toRight = boxDistance(q, qStart, lower, upper, r * cols, cols, limit);
  const leftFirst = toLeft <= toRight;
  if ((leftFirst ? toRight : toLeft) <= limit) {
    STACK[top] = leftFirst ? r : l;
    STACK_DISTANCE[top++] = leftFirst ? toRight : toLeft;
  }
  if ((leftFirst ? toLeft : toRight) <= limit) {
    STACK[top] = leftFirst ? l : r;
    STACK_DISTANCE[top++] = leftFirst ? toLeft : toRight;
  }
  return top;
}

/** squaredDistanceAt, abandoned once above `limit`: most rows of a leaf are out of reach. */
function squaredDistanceUpTo(
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  cols: number,
  limit: number,
): number {
  let sum = 0;
  for (let c = 0; c < cols; c++) {
    const d = (a[aStart + c] as number) - (b[bStart + c] as number);
    sum += d * d;
    if (sum > limit) return sum;
  }
  return sum;
}

/** Squared distance from a point to a node's box, abandoned (returned early) once above `limit`. */
function boxDistance(
  q: Float64Array,
  qStart: number,
  lower: Float64Array,
  upper: Float64Array,
  box: number,
  cols: number,
  limit: number,
): number {
  let sum = 0;
  for (let c = 0; c < cols; c++) {
    const value = q[qStart + c] as number;
    const lo = lower[box + c] as number;
    const hi = upper[box + c] as number;
    const d = value < lo ? lo - value : value > hi ? value - hi : 0;
    sum += d * d;
    if (sum > limit) return sum;
  }
  return sum;
}

function checkEps(eps: number): void {
  if (!(eps > 0) || !Number.isFinite(eps))
    throw new RangeError(`eps must be a finite number > 0 (got ${eps})`);
}
