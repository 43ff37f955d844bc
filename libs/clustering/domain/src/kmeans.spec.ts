import { describe, expect, it } from 'vitest';
import {
  assign,
  assignRange,
  distancesToCandidates,
  kmeans,
  kmeansPlusPlus,
  lloyd,
  miniBatchKmeans,
} from './kmeans.js';
import { candidateKernel, MAX_COMPILED_COLS } from './kernels.js';
import { type Matrix, matrix, seededRandom, squaredDistance, squaredDistanceAt } from './matrix.js';

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * `perBlob` points around each of `count` centres spread 20 apart per axis, unit spread: far enough
 * apart that the right partition is unambiguous. Rows are shuffled so blobs are not contiguous.
 */
function blobs(count: number, perBlob: number, dims: number, seed: number): { x: Matrix; truth: Int32Array } {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const centres = Array.from({ length: count }, () =>
    Array.from({ length: dims }, () => Math.floor(random() * 5) * 20),
  );
  // Make sure no two centres coincide: offset blob b on the first axis by 100 × b.
  centres.forEach((centre, b) => (centre[0] = (centre[0] as number) + 100 * b));
  const n = count * perBlob;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const x = matrix(n, dims);
  const truth = new Int32Array(n);
  order.forEach((row, i) => {
    const blob = Math.floor(i / perBlob);
    truth[row] = blob;
    for (let c = 0; c < dims; c++) x.data[row * dims + c] = (centres[blob]?.[c] as number) + normal();
  });
  return { x, truth };
}

/** Sum of squared distances of each point to its own blob's sample mean: the best possible inertia. */
function withinBlobSquares(x: Matrix, truth: Int32Array, count: number): number {
  const means = matrix(count, x.cols);
  const sizes = new Float64Array(count);
  for (let i = 0; i < x.rows; i++) {
    const b = truth[i] as number;
    sizes[b] = (sizes[b] as number) + 1;
    for (let c = 0; c < x.cols; c++)
      means.data[b * x.cols + c] =
        (means.data[b * x.cols + c] as number) + (x.data[i * x.cols + c] as number);
  }
  for (let b = 0; b < count; b++)
    for (let c = 0; c < x.cols; c++)
      means.data[b * x.cols + c] = (means.data[b * x.cols + c] as number) / (sizes[b] as number);
  let total = 0;
  for (let i = 0; i < x.rows; i++) total += squaredDistance(x, i, means, truth[i] as number);
  return total;
}

/** For each true blob, the share of its points in its most common cluster; and how many clusters are some blob's majority. */
function purity(
  labels: Int32Array,
  truth: Int32Array,
  count: number,
): { worst: number; distinctMajorities: number } {
  const table = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  truth.forEach((b, i) => (table[b] as number[])[labels[i] as number]++);
  const majorities = table.map((row) => row.indexOf(Math.max(...row)));
  const worst = Math.min(...table.map((row) => Math.max(...row) / row.reduce((a, b) => a + b, 0)));
  return { worst, distinctMajorities: new Set(majorities).size };
}

function rows(values: number[][]): Matrix {
  const cols = values[0]?.length ?? 0;
  return matrix(values.length, cols, Float64Array.from(values.flat()));
}

const planted = blobs(5, 400, 4, 7);

describe('kmeans on planted blobs', () => {
  it('maps every blob to its own cluster with the optimal inertia', () => {
    const result = kmeans(planted.x, { k: 5, seed: 1 });
    const { worst, distinctMajorities } = purity(result.labels, planted.truth, 5);
    expect(worst).toBe(1);
    expect(distinctMajorities).toBe(5);
    const optimum = withinBlobSquares(planted.x, planted.truth, 5);
    expect(result.inertia).toBeCloseTo(optimum, 6);
    // Unit variance in 4 dimensions: about 4 per point.
    expect(result.inertia / planted.x.rows).toBeGreaterThan(3.6);
    expect(result.inertia / planted.x.rows).toBeLessThan(4.4);
  });

  it('gives identical labels and centres for the same seed', () => {
    const a = kmeans(planted.x, { k: 5, seed: 42 });
    const b = kmeans(planted.x, { k: 5, seed: 42 });
    expect(b.labels).toEqual(a.labels);
    expect(b.centres.data).toEqual(a.centres.data);
    expect(b.seed).toBe(a.seed);
  });

  it('returns a run seed that reproduces the winning run', () => {
    const best = kmeans(planted.x, { k: 5, seed: 3, nInit: 4 });
    const again = lloyd(planted.x, kmeansPlusPlus(planted.x, 5, seededRandom(best.seed)));
    expect(again.labels).toEqual(best.labels);
    expect(again.inertia).toBe(best.inertia);
  });

  it('keeps the lowest-inertia restart', () => {
    // Overlapping data so that restarts differ; more restarts can only help.
    const random = seededRandom(11);
    const x = matrix(
      600,
      3,
      Float64Array.from({ length: 1800 }, () => random()),
    );
    const one = kmeans(x, { k: 8, seed: 5, nInit: 1 });
    const many = kmeans(x, { k: 8, seed: 5, nInit: 6 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });
});

describe('kmeansPlusPlus', () => {
  it('picks k distinct rows of x, one per blob on well-separated data', () => {
    const centres = kmeansPlusPlus(planted.x, 5, seededRandom(9));
    expect(centres.rows).toBe(5);
    const labels = assign(centres, centres);
    expect(Array.from(labels)).toEqual([0, 1, 2, 3, 4]);
    const blobOf = Array.from({ length: 5 }, (_, j) => {
      for (let i = 0; i < planted.x.rows; i++)
        if (squaredDistance(planted.x, i, centres, j) === 0) return planted.truth[i];
      return -1;
    });
    expect(new Set(blobOf).size).toBe(5);
    expect(blobOf).not.toContain(-1);
  });
});

describe('lloyd', () => {
  it('converges on a hand-checkable example', () => {
    const x = rows([
      [0, 0],
      [0, 2],
      [10, 0],
      [10, 2],
    ]);
    const result = lloyd(
      x,
      rows([
        [0, 0],
        [10, 0],
      ]),
    );
    expect(Array.from(result.centres.data)).toEqual([0, 1, 10, 1]);
    expect(Array.from(result.labels)).toEqual([0, 0, 1, 1]);
    expect(result.inertia).toBe(4);
    // Round 1 moves the centres; round 2 changes no label.
    expect(result.iterations).toBe(2);
  });

  it('does not modify the initial centres', () => {
    const initial = rows([[0], [5]]);
    lloyd(rows([[1], [2], [6]]), initial);
    expect(Array.from(initial.data)).toEqual([0, 5]);
  });

  it('re-seeds an empty cluster with the point farthest from its centre', () => {
    const x = rows([[0], [1], [2], [10]]);
    // Nothing is near 100: the row 10 (81 from its centre 1) takes that cluster over.
    const result = lloyd(x, rows([[0], [1], [100]]));
    expect(Array.from(result.centres.data)).toEqual([0, 1.5, 10]);
    expect(Array.from(result.labels)).toEqual([0, 1, 1, 2]);
    expect(result.inertia).toBe(0.5);
  });

  it('stops at maxIter and still returns labels and inertia of the returned centres', () => {
    const x = planted.x;
    const start = kmeansPlusPlus(x, 5, seededRandom(2));
    const result = lloyd(x, start, { maxIter: 1 });
    expect(result.iterations).toBe(1);
    expect(result.labels).toEqual(assign(x, result.centres));
    let inertia = 0;
    for (let i = 0; i < x.rows; i++)
      inertia += squaredDistance(x, i, result.centres, result.labels[i] as number);
    expect(result.inertia).toBeCloseTo(inertia, 6);
  });

  it('stops early with a loose tolerance and runs on with tol 0', () => {
    const random = seededRandom(4);
    const x = matrix(
      500,
      2,
      Float64Array.from({ length: 1000 }, () => random()),
    );
    const start = kmeansPlusPlus(x, 6, seededRandom(1));
    const loose = lloyd(x, start, { tol: 1 });
    const strict = lloyd(x, start, { tol: 0 });
    expect(loose.iterations).toBeLessThan(strict.iterations);
    expect(strict.inertia).toBeLessThanOrEqual(loose.inertia);
  });
});

describe('miniBatchKmeans', () => {
  it('reaches an inertia within 2% of full k-means on the blobs', () => {
    const full = kmeans(planted.x, { k: 5, seed: 1 });
    const mini = miniBatchKmeans(planted.x, { k: 5, batchSize: 256, seed: 1 });
    expect(mini.inertia).toBeLessThan(full.inertia * 1.02);
    expect(purity(mini.labels, planted.truth, 5).worst).toBeGreaterThanOrEqual(0.99);
    expect(mini.labels).toEqual(assign(planted.x, mini.centres));
  });

  it('is deterministic for a seed', () => {
    const a = miniBatchKmeans(planted.x, { k: 5, batchSize: 128, seed: 8 });
    const b = miniBatchKmeans(planted.x, { k: 5, batchSize: 128, seed: 8 });
    expect(b.centres.data).toEqual(a.centres.data);
  });
});

describe('assign', () => {
  it('matches a brute-force nearest centre', () => {
    const random = seededRandom(21);
    const x = matrix(
      3000,
      7,
      Float64Array.from({ length: 21000 }, () => random() * 10 - 5),
    );
    const centres = matrix(
      9,
      7,
      Float64Array.from({ length: 63 }, () => random() * 10 - 5),
    );
    const labels = assign(x, centres);
    for (let i = 0; i < x.rows; i++) {
      let best = 0;
      for (let j = 1; j < centres.rows; j++)
        if (squaredDistance(x, i, centres, j) < squaredDistance(x, i, centres, best)) best = j;
      expect(labels[i]).toBe(best);
    }
  });

  it('splits into row ranges whose partial sums add up to the whole pass', () => {
    const centres = kmeansPlusPlus(planted.x, 5, seededRandom(3));
    const whole = assignRange(planted.x, centres, new Int32Array(planted.x.rows), 0, planted.x.rows);
    const labels = new Int32Array(planted.x.rows);
    const a = assignRange(planted.x, centres, labels, 0, 777);
    const b = assignRange(planted.x, centres, labels, 777, planted.x.rows);
    expect(labels).toEqual(assign(planted.x, centres));
    expect(a.inertia + b.inertia).toBeCloseTo(whole.inertia, 6);
    expect(Array.from(a.counts, (c, j) => c + (b.counts[j] as number))).toEqual(Array.from(whole.counts));
  });
});

describe('errors', () => {
  const x = rows([
    [0, 0],
    [1, 1],
    [2, 2],
  ]);

  it('rejects k below 1 or above the row count', () => {
    expect(() => kmeans(x, { k: 0 })).toThrow(/k must be a whole number ≥ 1 \(got 0\)/);
    expect(() => kmeans(x, { k: 4 })).toThrow(/k = 4 clusters need at least 4 rows \(x has 3\)/);
    expect(() => miniBatchKmeans(x, { k: 1.5 })).toThrow(/k must be a whole number/);
    expect(() => kmeansPlusPlus(x, 4, seededRandom(0))).toThrow(/need at least 4 rows/);
  });

  it('rejects centres of another width', () => {
    expect(() => lloyd(x, rows([[0, 0, 0]]))).toThrow(/centres are 3 wide but x rows are 2 wide/);
    expect(() => assign(x, rows([[0]]))).toThrow(/centres are 1 wide but x rows are 2 wide/);
  });

  it('names the row and column of a NaN', () => {
    const bad = rows([
      [0, 0],
      [1, NaN],
      [2, 2],
    ]);
    expect(() => kmeans(bad, { k: 2 })).toThrow(/row 1, column 1 of x is NaN/);
    expect(() => lloyd(bad, rows([[0, 0]]))).toThrow(/row 1, column 1 of x is NaN/);
    expect(() => assign(bad, rows([[0, 0]]))).toThrow(/row 1 of x holds a NaN/);
    expect(() => assign(x, rows([[Infinity, 0]]))).toThrow(/row 0, column 0 of centres is Infinity/);
  });
});

describe('lloyd with Hamerly bounds', () => {
  it.each([
    ['planted blobs, k=5', planted.x, 5, 1],
    ['uniform noise, k=7', matrix(4000, 3, Float64Array.from({ length: 12000 }, seededRandom(13))), 7, 2],
    ['uniform noise, k=2', matrix(3000, 6, Float64Array.from({ length: 18000 }, seededRandom(14))), 2, 3],
  ])('gives the same labels, centres and iterations as the plain loop on %s', (_, x, k, seed) => {
    const start = kmeansPlusPlus(x, k, seededRandom(seed));
    const plain = lloyd(x, start, { algorithm: 'plain', tol: 0 });
    const bounded = lloyd(x, start, { algorithm: 'hamerly', tol: 0 });
    expect(bounded.labels).toEqual(plain.labels);
    expect(bounded.centres.data).toEqual(plain.centres.data);
    expect(bounded.iterations).toBe(plain.iterations);
    expect(bounded.inertia).toBe(plain.inertia);
  });
});

describe('the compiled seeding kernel', () => {
  it('gives the generic loop’s distances and sums bit for bit, for every width up to the limit', () => {
    const random = seededRandom(4);
    for (const cols of [1, 3, 4, 7, 10, 64, 65]) {
      const x = matrix(300, cols);
      for (let v = 0; v < x.data.length; v++) x.data[v] = random() * 10 - 5;
      const candidates = Int32Array.of(3, 150, 299);
      const closest = Float64Array.from({ length: 300 }, () => random() * 40);
      const buffers = [new Float64Array(300), new Float64Array(300), new Float64Array(300)];
      const sums = distancesToCandidates(x, candidates, closest, buffers, 20, 280);
      // The reference: squaredDistanceAt, capped, summed in row order.
      candidates.forEach((row, t) => {
        let total = 0;
        for (let i = 20; i < 280; i++) {
          const d = Math.min(
            closest[i] as number,
            squaredDistanceAt(x.data, i * cols, x.data, row * cols, cols),
          );
          expect(buffers[t]?.[i]).toBe(d);
          total += d;
        }
        expect(sums[t]).toBe(total);
      });
      expect(candidateKernel(cols) === undefined).toBe(cols > MAX_COMPILED_COLS);
    }
  });
});
