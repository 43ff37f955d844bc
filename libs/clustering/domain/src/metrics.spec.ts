import { describe, expect, it } from 'vitest';
import { matrix, seededRandom, type Matrix } from './matrix.js';
import { adjustedRandIndex, daviesBouldin, hungarian, inertia, silhouette } from './metrics.js';

const rowsOf = (values: number[][]): Matrix =>
  matrix(values.length, values[0]?.length ?? 0, Float64Array.from(values.flat()));
const labelsOf = (values: number[]) => Int32Array.from(values);

describe('inertia', () => {
  it('sums squared distances to the assigned centre', () => {
    const x = rowsOf([
      [0, 0],
      [2, 0],
      [10, 10],
      [10, 13],
    ]);
    const centres = rowsOf([
      [1, 0],
      [10, 11],
    ]);
    // 1 + 1 + 1 + 4
    expect(inertia(x, centres, labelsOf([0, 0, 1, 1]))).toBe(7);
  });

  it('rejects a label with no centre and a label count that does not match the rows', () => {
    const x = rowsOf([[0], [1]]);
    const centres = rowsOf([[0]]);
    expect(() => inertia(x, centres, labelsOf([0, 1]))).toThrow(
      'row 1 has label 1, but there are only 1 centres',
    );
    expect(() => inertia(x, centres, labelsOf([0]))).toThrow('1 labels for 2 rows');
  });
});

describe('silhouette', () => {
  it('matches the hand-computed mean silhouette', () => {
    // 1-D points 0, 1 | 10, 11: a = 1 everywhere; b = 10.5 for the outer points, 9.5 for the inner.
    const x = rowsOf([[0], [1], [10], [11]]);
    const expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
    expect(silhouette(x, labelsOf([0, 0, 1, 1]))).toBeCloseTo(expected, 14);
    // Label values do not matter, only the partition.
    expect(silhouette(x, labelsOf([7, 7, -1, -1]))).toBeCloseTo(expected, 14);
  });

  it('scores a row alone in its cluster 0', () => {
    // 0, 1 | 5: s(0) = (5 − 1) / 5, s(1) = (4 − 1) / 4, s(5) = 0.
    const x = rowsOf([[0], [1], [5]]);
    expect(silhouette(x, labelsOf([0, 0, 1]))).toBeCloseTo((0.8 + 0.75 + 0) / 3, 14);
  });

  it('is near 1 for well-separated pairs and near −0.5 for a crossed labelling', () => {
    const x = rowsOf([
      [0, 0],
      [0, 0.01],
      [100, 100],
      [100, 100.01],
    ]);
    expect(silhouette(x, labelsOf([0, 0, 1, 1]))).toBeGreaterThan(0.999);
    // Crossed: a ≈ 141.4 (the far point), b ≈ 70.7 (half near, half far): s ≈ −0.5.
    expect(silhouette(x, labelsOf([0, 1, 0, 1]))).toBeCloseTo(-0.5, 3);
  });

  it('scores a seeded sample: the same seed gives the same score, a full-size sample the exact one', () => {
    const random = seededRandom(3);
    const n = 300;
    const data = new Float64Array(n * 2);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      data[i * 2] = (i % 3) * 4 + random();
      data[i * 2 + 1] = random();
    }
    const x = matrix(n, 2, data);
    const full = silhouette(x, labels);
    expect(silhouette(x, labels, { sampleSize: n })).toBe(full);
    const sampled = silhouette(x, labels, { sampleSize: 60, seed: 42 });
    expect(silhouette(x, labels, { sampleSize: 60, seed: 42 })).toBe(sampled);
    expect(silhouette(x, labels, { sampleSize: 60, seed: 43 })).not.toBe(sampled);
    expect(Math.abs(sampled - full)).toBeLessThan(0.05);
  });

  it('needs between 2 and n − 1 clusters, as sklearn', () => {
    const x = rowsOf([[0], [1], [2]]);
    expect(() => silhouette(x, labelsOf([0, 0, 0]))).toThrow(
      'needs 2 to 2 clusters among the 3 scored rows, got 1',
    );
    expect(() => silhouette(x, labelsOf([0, 1, 2]))).toThrow(/got 3/);
    expect(() => silhouette(x, labelsOf([0, 1, 0]), { sampleSize: 0 })).toThrow(/sampleSize must be/);
  });
});

describe('daviesBouldin', () => {
  it('matches the scikit-learn documentation example (0.12…)', () => {
    // Centroids (0.5, 1) and (3, 4); spreads 0.5 and 0; centroid distance √15.25.
    const x = rowsOf([
      [0, 1],
      [1, 1],
      [3, 4],
    ]);
    const score = daviesBouldin(x, labelsOf([0, 0, 1]));
    expect(score).toBeCloseTo(0.5 / Math.sqrt(15.25), 14);
    expect(score.toFixed(2)).toBe('0.13');
  });

  it('takes each cluster’s worst neighbour', () => {
    // 1-D clusters {0, 2}, {10, 12}, {30, 32}: spreads 1, centroids 1, 11, 31.
    const x = rowsOf([[0], [2], [10], [12], [30], [32]]);
    const expected = (2 / 10 + 2 / 10 + 2 / 20) / 3;
    expect(daviesBouldin(x, labelsOf([0, 0, 1, 1, 2, 2]))).toBeCloseTo(expected, 14);
  });

  it('is 0 when every cluster is a single point', () => {
    const x = rowsOf([[0], [0], [5], [5]]);
    expect(daviesBouldin(x, labelsOf([0, 0, 1, 1]))).toBe(0);
  });
});

describe('adjustedRandIndex', () => {
  // 4/7 prints as 0.5714285714285714 with today's sklearn formula (2·(tp·tn − fn·fp) / …, the one
  // ported here); sklearn before 0.24 summed binomials and printed 0.5714285714285715.
  it.each([
    [[0, 0, 1, 1], [0, 0, 1, 1], 1],
    [[0, 0, 1, 1], [1, 1, 0, 0], 1],
    [[0, 0, 1, 1], [0, 0, 1, 2], 0.5714285714285714],
    [[0, 0, 1, 2], [0, 0, 1, 1], 0.5714285714285714],
    [[0, 0, 0, 0], [0, 1, 2, 3], 0],
    [[0, 0, 1, 1], [0, 1, 0, 1], -0.5],
    [[0, 0, 0], [5, 5, 5], 1],
    [[], [], 1],
  ])('matches sklearn: ARI(%j, %j) = %d', (a, b, expected) => {
    expect(adjustedRandIndex(labelsOf(a), labelsOf(b))).toBe(expected);
  });

  it('stays exact on large inputs, where pair-count products exceed 2^53', () => {
    const n = 200_000;
    const a = new Int32Array(n);
    const b = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = i % 4;
      b[i] = i % 4;
    }
    expect(adjustedRandIndex(a, b)).toBe(1);
    b[0] = 1; // one row moved: just below 1
    const score = adjustedRandIndex(a, b);
    expect(score).toBeLessThan(1);
    expect(score).toBeGreaterThan(0.9999);
  });

  it('rejects labellings of different lengths', () => {
    expect(() => adjustedRandIndex(labelsOf([0, 1]), labelsOf([0]))).toThrow(
      'the labellings differ in length (2 and 1)',
    );
  });
});

describe('hungarian', () => {
  const total = (cost: number[][], assignment: number[]) =>
    assignment.reduce((sum, j, i) => (j < 0 ? sum : sum + (cost[i]?.[j] ?? NaN)), 0);

  function bruteForceMinimum(cost: number[][]): number {
    const n = cost.length;
    let best = Infinity;
    const permute = (i: number, used: boolean[], sum: number) => {
      if (i === n) {
        best = Math.min(best, sum);
        return;
      }
      for (let j = 0; j < n; j++) {
        if (used[j]) continue;
        used[j] = true;
        permute(i + 1, used, sum + (cost[i]?.[j] ?? NaN));
        used[j] = false;
      }
    };
    permute(0, new Array<boolean>(n).fill(false), 0);
    return best;
  }

  it('finds the minimum-cost assignment of a small square matrix', () => {
    const cost = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    // 1 + 2 + 2 = 5 is the optimum (the greedy 0 in row 1 leads to 6).
    expect(hungarian(cost)).toEqual([1, 0, 2]);
  });

  it('matches brute force on random square matrices', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + (trial % 6);
      const cost = Array.from({ length: n }, () =>
        Array.from({ length: n }, () => Math.round(random() * 20) - 5),
      );
      const assignment = hungarian(cost);
      expect(new Set(assignment).size).toBe(n);
      expect(total(cost, assignment)).toBe(bruteForceMinimum(cost));
    }
  });

  it('pads rectangular matrices: extra rows get −1, extra columns stay unused', () => {
    const wide = [
      [9, 1, 9, 9],
      [9, 9, 9, 2],
    ];
    expect(hungarian(wide)).toEqual([1, 3]);
    const tall = [[5], [1], [3]];
    expect(hungarian(tall)).toEqual([-1, 0, -1]);
  });

  it('matches retrained centroids to the current ones by distance', () => {
    const current = [
      [0, 0],
      [10, 0],
      [0, 10],
    ];
    const retrained = [
      [0.5, 9.5],
      [0.2, -0.1],
      [9.8, 0.3],
    ];
    const cost = retrained.map((r) => current.map((c) => (r[0]! - c[0]!) ** 2 + (r[1]! - c[1]!) ** 2));
    expect(hungarian(cost)).toEqual([2, 0, 1]);
  });

  it('rejects ragged or non-finite costs', () => {
    expect(hungarian([])).toEqual([]);
    expect(() => hungarian([[1, 2], [3]])).toThrow('cost row 1 has 1 entries but row 0 has 2');
    expect(() => hungarian([[NaN]])).toThrow('cost[0][0] is NaN');
  });
});
