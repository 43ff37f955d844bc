import { describe, expect, it } from 'vitest';
import { DBSCAN_MAX_ROWS, dbscan, dbscanAssignRow, dbscanModel, estimateEps } from './dbscan.js';
import { type Matrix, matrix, seededRandom, squaredDistance } from './matrix.js';
import { adjustedRandIndex } from './metrics.js';

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function column(values: number[]): Matrix {
  return matrix(values.length, 1, Float64Array.from(values));
}

/**
 * Two blobs of `perBlob` rows (spread 0.5) around (0, 0) and (10, 10), rows interleaved, then
 * three far outliers (truth −1) as the last rows.
 */
function twoBlobsAndOutliers(perBlob: number, seed: number): { x: Matrix; truth: Int32Array } {
  const normal = gaussian(seededRandom(seed));
  const outliers = [
    [50, 50],
    [-40, 30],
    [30, -60],
  ];
  const n = 2 * perBlob + outliers.length;
  const x = matrix(n, 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < 2 * perBlob; i++) {
    const blob = i % 2;
    truth[i] = blob;
    x.data[2 * i] = 10 * blob + 0.5 * normal();
    x.data[2 * i + 1] = 10 * blob + 0.5 * normal();
  }
  outliers.forEach(([a, b], o) => {
    const i = 2 * perBlob + o;
    truth[i] = -1;
    x.data[2 * i] = a as number;
    x.data[2 * i + 1] = b as number;
  });
  return { x, truth };
}

/** Textbook DBSCAN over all pairs: the reference the KD-tree version must match exactly. */
function bruteForceDbscan(x: Matrix, eps: number, minSamples: number): Int32Array {
  const n = x.rows;
  const within = (i: number, j: number): boolean => squaredDistance(x, i, x, j) <= eps * eps;
  const neighbours = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => j).filter((j) => within(i, j)),
  );
  const core = neighbours.map((list) => list.length >= minSamples);
  const labels = new Int32Array(n).fill(-1);
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const queue = [i];
    labels[i] = cluster;
    while (queue.length > 0) {
      const row = queue.shift() as number;
      for (const v of neighbours[row] as number[])
        if (labels[v] === -1) {
          labels[v] = cluster;
          if (core[v]) queue.push(v);
        }
    }
    cluster++;
  }
  return labels;
}

/** The median distance from a row to its k-th nearest row (itself first), over all pairs. */
function medianKDistance(x: Matrix, k: number): number {
  const distances = Array.from({ length: x.rows }, (_, i) => {
    const sorted = Array.from({ length: x.rows }, (_, j) => squaredDistance(x, i, x, j)).sort(
      (a, b) => a - b,
    );
    return Math.sqrt(sorted[k - 1] as number);
  }).sort((a, b) => a - b);
  return distances[Math.floor(distances.length / 2)] as number;
}

const planted = twoBlobsAndOutliers(500, 4);

describe('dbscan', () => {
  it('finds two blobs, marks the far outliers as noise and agrees with the truth elsewhere', () => {
    const result = dbscan(planted.x, { eps: 1, minSamples: 5 });
    expect(result.clusters).toBe(2);
    expect(Array.from(result.labels.subarray(1000))).toEqual([-1, -1, -1]);
    // Blob edges may hold a little noise; the rest must be exactly the blobs.
    expect(result.noise).toBeLessThan(10);
    const kept = Array.from(result.labels.keys()).filter((i) => result.labels[i] !== -1);
    const labels = Int32Array.from(kept, (i) => result.labels[i] as number);
    const truth = Int32Array.from(kept, (i) => planted.truth[i] as number);
    expect(adjustedRandIndex(labels, truth)).toBe(1);
    // Row 0 is in blob 0 and discovered first.
    expect(result.labels[0]).toBe(0);
    expect(result.centres.rows).toBe(2);
    const centres = Array.from(result.centres.data);
    [0, 0, 10, 10].forEach((expected, s) =>
      expect(Math.abs((centres[s] as number) - expected)).toBeLessThan(0.1),
    );
  });

  it('labels a hand-checked 1-D example: border rows join the first cluster that reaches them', () => {
    // eps 1, minSamples 4. Rows 0–3 (2.4 … 3.0) and 5–8 (0 … 0.6) are core. Row 4 (1.5) has only
    // 0.6 and 2.4 within 0.9, so 3 rows: a border row of both clusters, taken by the first (row 0's).
    // Row 9 (9) reaches nobody: noise.
    const x = column([2.4, 2.6, 2.8, 3.0, 1.5, 0, 0.2, 0.4, 0.6, 9]);
    const result = dbscan(x, { eps: 1, minSamples: 4 });
    expect(Array.from(result.labels)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, -1]);
    expect(Array.from(result.core)).toEqual([1, 1, 1, 1, 0, 1, 1, 1, 1, 0]);
    expect(result.clusters).toBe(2);
    expect(result.noise).toBe(1);
    expect(result.centres.data[0]).toBeCloseTo((2.4 + 2.6 + 2.8 + 3.0 + 1.5) / 5, 12);
    expect(result.centres.data[1]).toBeCloseTo(0.3, 12);
  });

  it('counts a row exactly eps away and the row itself towards minSamples', () => {
    const result = dbscan(column([0, 1, 2, 5]), { eps: 1, minSamples: 3 });
    expect(Array.from(result.core)).toEqual([0, 1, 0, 0]);
    expect(Array.from(result.labels)).toEqual([0, 0, 0, -1]);
    // minSamples 1: every row is core, so every row is a cluster or joins one.
    expect(dbscan(column([0, 1, 2, 5]), { eps: 1, minSamples: 1 }).labels).toEqual(Int32Array.of(0, 0, 0, 1));
  });

  it('matches a brute-force search over all pairs on random data', () => {
    const random = seededRandom(12);
    // Values on a coarse grid so that ties and exact-eps distances occur.
    const x = matrix(
      1500,
      3,
      Float64Array.from({ length: 4500 }, () => Math.round(random() * 40) / 4),
    );
    // From many small clusters in much noise to one cluster: [eps, minSamples, clusters, noise].
    for (const [eps, minSamples, clusters, noise] of [
      [0.5, 3, 109, 1078],
      [1, 5, 8, 102],
      [1.5, 12, 1, 1],
    ] as const) {
      const result = dbscan(x, { eps, minSamples });
      expect(result.labels).toEqual(bruteForceDbscan(x, eps, minSamples));
      expect([result.clusters, result.noise]).toEqual([clusters, noise]);
    }
  });

  it('rejects more rows than DBSCAN_MAX_ROWS, telling the caller to sample', () => {
    expect(DBSCAN_MAX_ROWS).toBe(200_000);
    expect(() => dbscan(matrix(DBSCAN_MAX_ROWS + 1, 1), { eps: 1 })).toThrow(
      /at most 200000 rows \(got 200001\): cluster a sample/,
    );
  });

  it('rejects a bad eps or minSamples, and non-finite values', () => {
    expect(() => dbscan(planted.x, { eps: 0 })).toThrow(/eps must be .*got 0/);
    expect(() => dbscan(planted.x, { eps: 1, minSamples: 0 })).toThrow(/minSamples .*got 0/);
    expect(() => dbscan(column([0, Infinity]), { eps: 1 })).toThrow(/row 1, column 0 of x is Infinity/);
  });
});

describe('estimateEps', () => {
  it('falls between the blobs’ k-distances and the gap between blobs', () => {
    const { x } = twoBlobsAndOutliers(400, 9);
    const eps = estimateEps(x, 5, { seed: 1 });
    expect(eps).toBeGreaterThan(medianKDistance(x, 5));
    // The blobs' edges (3 spreads out) are about 14 − 2 × 1.5 = 11 apart.
    expect(eps).toBeLessThan(3);
    const result = dbscan(x, { eps, minSamples: 5 });
    expect(result.clusters).toBe(2);
    expect(Array.from(result.labels.subarray(800))).toEqual([-1, -1, -1]);
  });

  it('stays in that range on small samples, whether or not they catch an outlier', () => {
    // The chord ends at the largest sampled k-distance, so the knee moves with the sample (about
    // 0.2 without an outlier, 0.5–0.8 with one) but stays above the body and below the gap.
    const median = medianKDistance(planted.x, 5);
    for (let seed = 1; seed <= 6; seed++) {
      const eps = estimateEps(planted.x, 5, { sampleSize: 300, seed });
      expect(eps).toBeGreaterThan(median);
      expect(eps).toBeLessThan(3);
      expect(estimateEps(planted.x, 5, { sampleSize: 300, seed })).toBe(eps);
    }
  });

  it('rejects a minSamples above the number of rows', () => {
    expect(() => estimateEps(column([0, 1]), 3)).toThrow(/minSamples .*\(2\), got 3/);
  });
});

describe('dbscanAssignRow', () => {
  const result = dbscan(planted.x, { eps: 1, minSamples: 5 });
  const model = dbscanModel(planted.x, result, 1);

  it('keeps every core row with its cluster', () => {
    const cores = result.core.reduce((a, b) => a + b, 0);
    expect(model.corePoints.rows).toBe(cores);
    for (let r = 0; r < model.corePoints.rows; r++)
      expect(dbscanAssignRow(model, model.corePoints.data, r * 2)).toBe(model.coreLabels[r]);
  });

  it('puts a row near a blob into its cluster and a far row into noise', () => {
    const nearSecond = dbscanAssignRow(model, Float64Array.of(10.2, 9.9));
    expect(nearSecond).toBe(result.labels[1]);
    expect(dbscanAssignRow(model, Float64Array.of(0.1, -0.2))).toBe(result.labels[0]);
    expect(dbscanAssignRow(model, Float64Array.of(5, 5))).toBe(-1);
    expect(dbscanAssignRow(model, Float64Array.of(50, 50))).toBe(-1);
    // Reads from an offset in a longer buffer.
    expect(dbscanAssignRow(model, Float64Array.of(99, 99, 10.2, 9.9), 2)).toBe(nearSecond);
  });

  it('takes a row exactly eps from a core row, not one just beyond', () => {
    const x = column([0, 1, 2, 10]);
    const tiny = dbscan(x, { eps: 1, minSamples: 3 });
    const tinyModel = dbscanModel(x, tiny, 1);
    // Row 1 (1) is the only core row.
    expect(Array.from(tiny.core)).toEqual([0, 1, 0, 0]);
    expect(dbscanAssignRow(tinyModel, Float64Array.of(2))).toBe(0);
    expect(dbscanAssignRow(tinyModel, Float64Array.of(2.0000001))).toBe(-1);
    expect(dbscanAssignRow(tinyModel, Float64Array.of(0))).toBe(0);
  });
});
