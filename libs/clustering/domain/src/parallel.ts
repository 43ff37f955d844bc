import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  addPartials,
  kmeans,
  meanVarianceOf,
  newBounds,
  startSeeding,
  updateCentres,
  type ColumnStats,
  type KmeansOptions,
  type KmeansResult,
  type LloydOptions,
  type PartialSums,
} from './kmeans.js';
import type { WorkerRequest, WorkerSetup } from './kmeans.worker.js';
import { matrix, sampleRows, seededRandom, type Matrix } from './matrix.js';
import { silhouetteIds, silhouetteOf, type SilhouetteOptions } from './metrics.js';

/**
 * The hot loops of k-means (k-means++ seeding, assignment) and the silhouette split over worker
 * threads. The rows are copied once into a SharedArrayBuffer (or used in place when they already
 * are shared); each worker keeps a fixed row range, and only centres and partial sums cross the
 * message channel, so one round costs two small messages per worker.
 *
 * Results equal the single-threaded functions' up to the order of floating-point additions (the
 * partial sums of the row ranges are added in range order, so a run is still reproducible).
 */

export interface ParallelOptions {
  /** Worker threads (default: the machine's available parallelism). */
  readonly threads?: number;
}

/** Where a parallel fit has got to, for progress bars. */
export interface FitProgress {
  readonly phase: 'seeding' | 'iterating';
  /** Restart (0-based) out of `runs`. */
  readonly run: number;
  readonly runs: number;
  readonly iteration: number;
  /** Rows that changed cluster in the last round (iterating only). */
  readonly changed?: number;
}

export interface ParallelKmeansOptions extends KmeansOptions, ParallelOptions {
  readonly onProgress?: (progress: FitProgress) => void;
}

/** Below this many rows, starting workers costs more than it saves: the single-threaded code runs. */
export const PARALLEL_MIN_ROWS = 20_000;

/** A matrix whose values live in shared memory, so worker threads can read it without a copy. */
export function sharedMatrix(rows: number, cols: number): Matrix {
  return matrix(rows, cols, new Float64Array(new SharedArrayBuffer(rows * cols * 8)));
}

function sharedFloats(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * 8));
}

function asShared(x: Matrix): Matrix {
  if (x.data.buffer instanceof SharedArrayBuffer) return x;
  const copy = sharedMatrix(x.rows, x.cols);
  copy.data.set(x.data);
  return copy;
}

/**
 * The compiled worker next to this module; when this module runs from its TypeScript source (the
 * tests), the build's copy under dist/, since a worker thread cannot load TypeScript.
 */
function workerFile(): URL {
  const here = new URL('./kmeans.worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return here;
  const built = new URL(here.href.replace('/libs/clustering/', '/dist/libs/clustering/'));
  if (!existsSync(fileURLToPath(built)))
    throw new Error(`the k-means worker is not built (${fileURLToPath(built)}): run npm run build first`);
  return built;
}

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export class ClusteringWorkers {
  private constructor(
    readonly x: Matrix,
    private readonly workers: readonly Worker[],
    /** The labels the workers write, shared. Copied out of before anyone else sees them. */
    private readonly labels: Int32Array,
    private readonly upper: Float64Array,
    private readonly lower: Float64Array,
  ) {}

  /** Starts `threads` workers over x (copied into shared memory unless it already is shared). */
  static async start(input: Matrix, options: ParallelOptions = {}): Promise<ClusteringWorkers> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1)
      throw new RangeError(`threads must be a whole number ≥ 1 (got ${threads})`);
    const x = asShared(input);
    const n = x.rows;
    const labels = new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4));
    const upper = sharedFloats(n);
    const lower = sharedFloats(n);
    const ranges = Array.from({ length: threads }, (_, w) => {
      const from = Math.floor((n * w) / threads);
      return [from, Math.floor((n * (w + 1)) / threads)] as const;
    });
    const file = workerFile();
    const workers = ranges.map(([from, to]) => {
      const setup: WorkerSetup = { data: x.data, rows: n, cols: x.cols, from, to, labels, upper, lower };
      return new Worker(file, { workerData: setup });
    });
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.once('message', () => resolve());
            worker.once('error', reject);
          }),
      ),
    );
    return new ClusteringWorkers(x, workers, labels, upper, lower);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Sends each worker its request and waits for every reply, in worker order. */
  private run<T>(request: WorkerRequest | ((worker: number) => WorkerRequest)): Promise<T[]> {
    return Promise.all(
      this.workers.map(
        (worker, w) =>
          new Promise<T>((resolve, reject) => {
            const onError = (error: Error): void => reject(error);
            worker.once('error', onError);
            worker.once('message', (reply: Reply) => {
              worker.off('error', onError);
              if (reply.ok) resolve(reply.value as T);
              else reject(new Error(reply.error));
            });
            worker.postMessage(typeof request === 'function' ? request(w) : request);
          }),
      ),
    );
  }

  private scale: number | undefined;

  /** sklearn's scale for `tol` (mean per-feature variance); throws on a non-finite value. */
  async meanVariance(): Promise<number> {
    this.scale ??= meanVarianceOf(this.x, await this.run<ColumnStats>({ op: 'stats' }));
    return this.scale;
  }

  /** Greedy k-means++ (as `kmeansPlusPlus`), each pass over the rows split over the workers. */
  async kmeansPlusPlus(k: number, random: () => number): Promise<Matrix> {
    const seeding = startSeeding(this.x, k, random, sharedFloats);
    const pass = async (closest: Float64Array | undefined): Promise<Float64Array> => {
      const parts = await this.run<Float64Array>({
        op: 'candidates',
        candidates: seeding.candidates,
        closest,
        buffers: seeding.buffers,
      });
      const potentials = new Float64Array(seeding.candidates.length);
      for (const part of parts) for (let t = 0; t < part.length; t++) potentials[t] += part[t] as number;
      return potentials;
    };
    seeding.first(await pass(undefined));
    while (!seeding.done) seeding.next(await pass(seeding.closest));
    return seeding.centres;
  }

  /** `lloyd` with the assignment rounds split over the workers. */
  async lloyd(
    initialCentres: Matrix,
    options: LloydOptions & { readonly onRound?: (iteration: number, changed: number) => void } = {},
  ): Promise<KmeansResult> {
    const { maxIter = 300, tol = 1e-4, algorithm = 'hamerly', onRound } = options;
    if (initialCentres.cols !== this.x.cols)
      throw new RangeError(`centres are ${initialCentres.cols} wide but x rows are ${this.x.cols} wide`);
    const k = initialCentres.rows;
    const threshold = tol * (await this.meanVariance());
    let centres = matrix(k, this.x.cols, Float64Array.from(initialCentres.data));
    this.labels.fill(-1);
    const bounds =
      algorithm === 'hamerly' ? { ...newBounds(0, k), upper: this.upper, lower: this.lower } : undefined;
    let iterations = 0;
    const round = async (final: boolean): Promise<PartialSums> =>
      addPartials(
        await this.run<PartialSums>(
          bounds === undefined
            ? { op: 'assign', centres: centres.data, k }
            : {
                op: 'bounded',
                centres: centres.data,
                k,
                moves: {
                  half: bounds.half,
                  moved: bounds.moved,
                  maxMove: bounds.maxMove,
                  maxMoved: bounds.maxMoved,
                  secondMove: bounds.secondMove,
                },
                final,
              },
        ),
      );
    while (iterations < maxIter) {
      const partial = await round(false);
      iterations++;
      onRound?.(iterations, partial.changed);
      const step = updateCentres(this.x, centres, this.labels, partial, bounds, threshold);
      centres = step.centres;
      if (step.converged) break;
    }
    // One last pass: labels and inertia of the returned centres.
    const { inertia } = await round(true);
    return { centres, labels: Int32Array.from(this.labels), inertia, iterations };
  }

  /**
   * The silhouette of `labels` (one per row of x), as `silhouette`, on a seeded sample when
   * `sampleSize` is below the rows; the pairs are split over the workers in equal shares.
   */
  async silhouette(labels: Int32Array, options: SilhouetteOptions = {}): Promise<number> {
    const { rows, cols, data } = this.x;
    if (labels.length !== rows)
      throw new RangeError(`${labels.length} labels for ${rows} rows: one label per row is needed`);
    const size = Math.min(options.sampleSize ?? rows, rows);
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`sampleSize must be a whole number ≥ 1 (got ${options.sampleSize})`);
    const picked = size < rows ? sampleRows(rows, size, options.seed ?? 0) : undefined;
    const sample = sharedMatrix(size, cols);
    const sampleLabels = new Int32Array(size);
    for (let s = 0; s < size; s++) {
      const i = picked === undefined ? s : (picked[s] as number);
      sample.data.set(data.subarray(i * cols, (i + 1) * cols), s * cols);
      sampleLabels[s] = labels[i] as number;
    }
    const { ids: dense, k } = silhouetteIds(sample, sampleLabels);
    const ids = new Int32Array(new SharedArrayBuffer(size * 4));
    ids.set(dense);
    const shares = pairShares(size, this.workers.length);
    const parts = await this.run<Float64Array>((w) => ({
      op: 'silhouette',
      sample: sample.data,
      rows: size,
      ids,
      k,
      from: shares[w] as number,
      to: shares[w + 1] as number,
    }));
    const sums = parts[0] as Float64Array;
    for (const part of parts.slice(1)) for (let s = 0; s < sums.length; s++) sums[s] += part[s] as number;
    return silhouetteOf(ids, k, sums);
  }
}

/**
 * Row boundaries that give each of `parts` workers the same number of pairs (i, j > i): row i has
 * n − 1 − i of them, so early rows are heavier and the first share holds fewer rows.
 */
export function pairShares(n: number, parts: number): number[] {
  const total = (n * (n - 1)) / 2;
  const bounds = [0];
  let row = 0;
  let before = 0;
  for (let p = 1; p < parts; p++) {
    const target = (total * p) / parts;
    while (row < n && before + (n - 1 - row) <= target) before += n - 1 - row++;
    bounds.push(row);
  }
  bounds.push(n);
  return bounds;
}

/**
 * `kmeans` (k-means++ then Lloyd, `nInit` restarts, the lowest inertia wins) over worker threads;
 * small inputs (under {@link PARALLEL_MIN_ROWS} rows) or one thread run the single-threaded code.
 */
export async function kmeansParallel(
  x: Matrix,
  options: ParallelKmeansOptions,
): Promise<KmeansResult & { readonly seed: number }> {
  const { k, nInit = 3, seed = 0, onProgress, threads = availableParallelism() } = options;
  if (x.rows < PARALLEL_MIN_ROWS || threads === 1) return kmeans(x, options);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k})`);
  if (k > x.rows) throw new RangeError(`k = ${k} clusters need at least ${k} rows (x has ${x.rows})`);
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new RangeError(`nInit must be a whole number ≥ 1 (got ${nInit})`);
  const pool = await ClusteringWorkers.start(x, { threads });
  try {
    const seeds = seededRandom(seed);
    let best: (KmeansResult & { seed: number }) | undefined;
    for (let run = 0; run < nInit; run++) {
      const runSeed = Math.floor(seeds() * 4_294_967_296);
      onProgress?.({ phase: 'seeding', run, runs: nInit, iteration: 0 });
      // Checks every value is finite before seeding reads them.
      await pool.meanVariance();
      const centres = await pool.kmeansPlusPlus(k, seededRandom(runSeed));
      const result = await pool.lloyd(centres, {
        ...options,
        onRound: (iteration, changed) =>
          onProgress?.({ phase: 'iterating', run, runs: nInit, iteration, changed }),
      });
      if (best === undefined || result.inertia < best.inertia) best = { ...result, seed: runSeed };
    }
    return best as KmeansResult & { seed: number };
  } finally {
    await pool.close();
  }
}
