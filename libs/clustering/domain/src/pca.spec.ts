import { describe, expect, it } from 'vitest';
import { matrix, sampleRows, seededRandom, type Matrix } from './matrix.js';
import { fitPca, projectPca } from './pca.js';

const rowOf = (m: Matrix, i: number): number[] => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));

/**
 * Rows centre + a·u + b·v + d·w over the full grid a ∈ {±1, ±3}, b ∈ {±1}, d ∈ {±0.5}, with u, v, w
 * orthonormal: Σa² = 80, Σb² = 16, Σd² = 4 over 16 rows and every cross sum is 0, so the covariance
 * has eigenvectors u, v, w with eigenvalues 80/15, 16/15, 4/15 exactly.
 */
function grid(): { x: Matrix; coords: [number, number, number][] } {
  const u = [0.6, 0.8, 0];
  const v = [-0.8, 0.6, 0];
  const w = [0, 0, 1];
  const centre = [10, -5, 3];
  const coords: [number, number, number][] = [];
  for (const a of [-3, -1, 1, 3])
    for (const b of [-1, 1]) for (const d of [-0.5, 0.5]) coords.push([a, b, d]);
  const data = coords.flatMap(([a, b, d]) =>
    centre.map((c, j) => c + a * (u[j] as number) + b * (v[j] as number) + d * (w[j] as number)),
  );
  return { x: matrix(coords.length, 3, Float64Array.from(data)), coords };
}

/** 2000 rows of N(0, 1) noise in 6-D plus a N(0, 10²) stretch along `direction` (unit), around 50. */
function stretched(direction: number[]): Matrix {
  const random = seededRandom(42);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const n = 2000;
  const data = new Float64Array(n * direction.length);
  for (let i = 0; i < n; i++) {
    const t = 10 * gaussian();
    direction.forEach((value, j) => (data[i * direction.length + j] = 50 + t * value + gaussian()));
  }
  return matrix(n, direction.length, data);
}

const unit = (values: number[]): number[] => {
  const norm = Math.hypot(...values);
  return values.map((value) => value / norm);
};
const dot = (a: number[], b: number[]) => a.reduce((sum, value, j) => sum + value * (b[j] as number), 0);

describe('fitPca', () => {
  it('finds the directions and variances of a known covariance', () => {
    const pca = fitPca(grid().x);
    expect(Array.from(pca.mean)).toEqual([10, -5, 3]);
    expect(pca.explainedVariance[0]).toBeCloseTo(80 / 15, 12);
    expect(pca.explainedVariance[1]).toBeCloseTo(16 / 15, 12);
    // Ratio against the total 100/15.
    expect(pca.explainedVarianceRatio[0]).toBeCloseTo(0.8, 12);
    expect(pca.explainedVarianceRatio[1]).toBeCloseTo(0.16, 12);
    expect(pca.components.rows).toBe(2);
    // u as is; v = (−0.8, 0.6, 0) flipped so its largest-|value| entry is positive.
    rowOf(pca.components, 0).forEach((value, j) => expect(value).toBeCloseTo([0.6, 0.8, 0][j] as number, 12));
    rowOf(pca.components, 1).forEach((value, j) =>
      expect(value).toBeCloseTo([0.8, -0.6, 0][j] as number, 12),
    );
  });

  it('puts the first component along the direction the data is stretched in', () => {
    const direction = unit([1, -2, 0.5, 3, -1, 0.2]);
    const x = stretched(direction);
    const pca = fitPca(x);
    const first = rowOf(pca.components, 0);
    expect(Math.hypot(...first)).toBeCloseTo(1, 12);
    expect(Math.abs(dot(first, direction))).toBeGreaterThan(0.999);
    // Largest entry (3) positive: the component points along +direction, not −direction.
    expect(dot(first, direction)).toBeGreaterThan(0);
    // Variance 100 along the stretch plus 1 of noise in each of 6 dimensions: 101 / 106.
    expect(pca.explainedVarianceRatio[0]).toBeGreaterThan(0.94);
    expect(pca.explainedVarianceRatio[0]).toBeLessThan(0.965);
    expect(Math.abs(dot(rowOf(pca.components, 1), first))).toBeLessThan(1e-12);

    const sampled = fitPca(x, { sampleSize: 400, seed: 3 });
    expect(Math.abs(dot(rowOf(sampled.components, 0), direction))).toBeGreaterThan(0.995);
    expect(Array.from(fitPca(x, { sampleSize: 400, seed: 3 }).components.data)).toEqual(
      Array.from(sampled.components.data),
    );
  });

  it('keeps as many components as asked, their ratios summing to 1 when all are kept', () => {
    const pca = fitPca(grid().x, { components: 3 });
    expect(Array.from(pca.explainedVariance, (v) => v * 15)).toEqual([
      expect.closeTo(80, 10),
      expect.closeTo(16, 10),
      expect.closeTo(4, 10),
    ]);
    expect(pca.explainedVarianceRatio.reduce((sum, r) => sum + r, 0)).toBeCloseTo(1, 12);
  });

  it('gives zero variance ratios to rows that do not vary, and rejects what it cannot fit', () => {
    const flat = fitPca(matrix(3, 2, Float64Array.from([1, 2, 1, 2, 1, 2])));
    expect(Array.from(flat.explainedVarianceRatio)).toEqual([0, 0]);
    expect(Array.from(flat.explainedVariance)).toEqual([0, 0]);
    expect(() => fitPca(matrix(1, 2))).toThrow('PCA needs at least 2 rows (got 1)');
    expect(() => fitPca(matrix(4, 1))).toThrow('components must be a whole number from 1 to 1 (got 2)');
    expect(() => fitPca(matrix(2, 2, Float64Array.from([1, NaN, 2, 3])))).toThrow(
      'PCA needs finite values in every row',
    );
  });
});

describe('projectPca', () => {
  it('maps the mean to the origin and each row to its coordinates along the components', () => {
    const { x, coords } = grid();
    const pca = fitPca(x);
    expect(Array.from(projectPca(pca, matrix(1, 3, pca.mean)))).toEqual([0, 0]);
    const projected = projectPca(pca, x);
    expect(projected).toHaveLength(32);
    coords.forEach(([a, b], i) => {
      expect(projected[2 * i]).toBeCloseTo(a, 12);
      expect(projected[2 * i + 1]).toBeCloseTo(-b, 12); // v was flipped
    });
  });

  it('projects only the rows asked for, in that order', () => {
    const { x } = grid();
    const pca = fitPca(x);
    const all = projectPca(pca, x);
    expect(Array.from(projectPca(pca, x, Int32Array.from([5, 0])))).toEqual([
      all[10],
      all[11],
      all[0],
      all[1],
    ]);
    expect(() => projectPca(pca, x, Int32Array.from([16]))).toThrow('row 16 is outside the 16 rows');
    expect(() => projectPca(pca, matrix(1, 2))).toThrow(
      'the PCA was fitted on 3 columns but the rows have 2',
    );
  });
});

describe('sampleRows', () => {
  it('draws sorted, distinct rows in range, the same for the same seed', () => {
    const sample = sampleRows(1_000_000, 5000, 7);
    expect(sample).toHaveLength(5000);
    for (let s = 1; s < sample.length; s++)
      expect(sample[s] as number).toBeGreaterThan(sample[s - 1] as number);
    expect(sample[0]).toBeGreaterThanOrEqual(0);
    expect(sample[4999]).toBeLessThan(1_000_000);
    expect(Array.from(sampleRows(1_000_000, 5000, 7))).toEqual(Array.from(sample));
    expect(Array.from(sampleRows(1_000_000, 5000, 8))).not.toEqual(Array.from(sample));
  });

  it('gives every row the same chance', () => {
    // 3 of 10 rows, 2000 seeds: each row expected 600 times, σ ≈ 20.5; allow ±4σ.
    const hits = new Array<number>(10).fill(0);
    for (let seed = 0; seed < 2000; seed++)
      for (const i of sampleRows(10, 3, seed)) hits[i] = (hits[i] as number) + 1;
    for (const count of hits) {
      expect(count).toBeGreaterThan(518);
      expect(count).toBeLessThan(682);
    }
  });

  it('returns every row when the sample is as large as the rows', () => {
    expect(Array.from(sampleRows(4, 10, 1))).toEqual([0, 1, 2, 3]);
    expect(Array.from(sampleRows(4, 0, 1))).toEqual([]);
    expect(() => sampleRows(4, 1.5, 1)).toThrow('size must be a whole number ≥ 0 (got 1.5)');
  });
});
