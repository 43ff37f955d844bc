import { describe, expect, it } from 'vitest';
import { gaussianMixture, gmmAssignRow, gmmPredict, gmmRowProbabilities } from './gmm.js';
import { type Matrix, matrix, seededRandom } from './matrix.js';
import { adjustedRandIndex } from './metrics.js';

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `perBlob` rows around each centre with its own spread, shuffled so that blobs are not contiguous. */
function blobs(
  centres: number[][],
  spreads: number[],
  perBlob: number,
  seed: number,
): { x: Matrix; truth: Int32Array } {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const dims = centres[0]?.length ?? 0;
  const n = centres.length * perBlob;
  const x = matrix(n, dims);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) truth[i] = Math.floor(i / perBlob);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [truth[i], truth[j]] = [truth[j] as number, truth[i] as number];
  }
  for (let i = 0; i < n; i++) {
    const b = truth[i] as number;
    for (let c = 0; c < dims; c++)
      x.data[i * dims + c] = (centres[b]?.[c] as number) + (spreads[b] as number) * normal();
  }
  return { x, truth };
}

// Three groups of 1,000 with spreads 0.5, 1 and 2: k-means would cut the wide one; a mixture should not.
const planted = blobs(
  [
    [0, 0],
    [8, 0],
    [0, 14],
  ],
  [0.5, 1, 2],
  1000,
  3,
);

describe('gaussianMixture on planted blobs', () => {
  const result = gaussianMixture(planted.x, { k: 3, seed: 1 });

  it('recovers the groups, their spreads and their shares', () => {
    expect(adjustedRandIndex(result.labels, planted.truth)).toBeGreaterThanOrEqual(0.95);
    expect(result.converged).toBe(true);
    // Component of each true group, by where its first row went.
    const spreads = [0.5, 1, 2];
    for (let b = 0; b < 3; b++) {
      const j = result.labels[planted.truth.indexOf(b)] as number;
      // 1,000 draws estimate a spread to within about 2%.
      for (let c = 0; c < 2; c++) {
        const ratio = Math.sqrt(result.variances.data[j * 2 + c] as number) / (spreads[b] as number);
        expect(Math.abs(ratio - 1)).toBeLessThan(0.06);
      }
      expect(result.weights[j]).toBeCloseTo(1 / 3, 2);
    }
  });

  it('returns weights summing to 1 and a finite log-likelihood', () => {
    expect(result.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  });

  it('gives the training labels again through gmmPredict and gmmAssignRow', () => {
    expect(gmmPredict(result, planted.x)).toEqual(result.labels);
    const { rows, cols, data } = planted.x;
    const assigned = new Int32Array(rows);
    for (let i = 0; i < rows; i++) assigned[i] = gmmAssignRow(result, data, i * cols);
    expect(assigned).toEqual(result.labels);
  });

  it('gives posterior probabilities summing to 1, near certain at a group centre', () => {
    const out = new Float64Array(3);
    const probabilities = gmmRowProbabilities(result, Float64Array.of(8, 0), 0, out);
    expect(probabilities).toBe(out);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const j = gmmAssignRow(result, Float64Array.of(8, 0));
    expect(out[j]).toBeGreaterThan(0.999);
  });

  it('is reproducible: the same seed gives the same fit', () => {
    const again = gaussianMixture(planted.x, { k: 3, seed: 1 });
    expect(again.labels).toEqual(result.labels);
    expect(again.means.data).toEqual(result.means.data);
    expect(again.variances.data).toEqual(result.variances.data);
    expect(again.logLikelihood).toBe(result.logLikelihood);
  });
});

describe('gaussianMixture EM', () => {
  // Overlapping groups, so that EM needs many iterations and each one moves the likelihood.
  const overlapping = blobs(
    [
      [0, 0, 0],
      [1.5, 1, 0],
      [0, 2, 1],
    ],
    [1, 0.7, 1.3],
    300,
    8,
  );

  it('never lowers the log-likelihood from one iteration to the next', () => {
    const path = Array.from(
      { length: 12 },
      (_, i) => gaussianMixture(overlapping.x, { k: 4, seed: 2, maxIter: i + 1, tol: 0 }).logLikelihood,
    );
    for (let i = 1; i < path.length; i++) expect(path[i]).toBeGreaterThanOrEqual(path[i - 1] as number);
    expect(path[path.length - 1]).toBeGreaterThan(path[0] as number);
  });

  it('stops early once the change falls below tol, and reports it', () => {
    const loose = gaussianMixture(overlapping.x, { k: 4, seed: 2, tol: 1e-1 });
    const tight = gaussianMixture(overlapping.x, { k: 4, seed: 2, tol: 1e-6, maxIter: 1000 });
    expect(loose.converged).toBe(true);
    expect(tight.converged).toBe(true);
    expect(loose.iterations).toBeLessThan(tight.iterations);
    const capped = gaussianMixture(overlapping.x, { k: 4, seed: 2, tol: 0, maxIter: 3 });
    expect(capped.iterations).toBe(3);
    expect(capped.converged).toBe(false);
  });

  it('keeps the best of several restarts', () => {
    const one = gaussianMixture(overlapping.x, { k: 4, seed: 5, nInit: 1 });
    const many = gaussianMixture(overlapping.x, { k: 4, seed: 5, nInit: 5 });
    expect(many.logLikelihood).toBeGreaterThanOrEqual(one.logLikelihood);
  });

  it('stays finite when components outnumber the distinct rows', () => {
    // Two distinct points, four components: components collapse onto a value (variance = regCovar).
    const x = matrix(6, 2, Float64Array.of(1, 1, 1, 1, 1, 1, 5, 5, 5, 5, 5, 5));
    const fit = gaussianMixture(x, { k: 4, seed: 0 });
    for (const value of [...fit.means.data, ...fit.variances.data, ...fit.weights])
      expect(Number.isFinite(value)).toBe(true);
    expect(Number.isFinite(fit.logLikelihood)).toBe(true);
    expect(fit.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // Rows on the same point share a component; the two points do not.
    expect(fit.labels[0]).toBe(fit.labels[2]);
    expect(fit.labels[3]).toBe(fit.labels[5]);
    expect(fit.labels[0]).not.toBe(fit.labels[3]);
  });
});

describe('gaussianMixture options', () => {
  const x = planted.x;

  it('rejects a k that is not a whole number from 1 to the number of rows', () => {
    expect(() => gaussianMixture(x, { k: 0 })).toThrow(/k must be .* got 0/);
    expect(() => gaussianMixture(x, { k: 2.5 })).toThrow(/k must be .* got 2\.5/);
    expect(() => gaussianMixture(x, { k: 3001 })).toThrow(/k must be .*\(3000\), got 3001/);
  });

  it('rejects bad iteration counts, tolerances and regularisation', () => {
    expect(() => gaussianMixture(x, { k: 2, maxIter: 0 })).toThrow(/maxIter .*got 0/);
    expect(() => gaussianMixture(x, { k: 2, nInit: 0 })).toThrow(/nInit .*got 0/);
    expect(() => gaussianMixture(x, { k: 2, tol: -1 })).toThrow(/tol .*got -1/);
    expect(() => gaussianMixture(x, { k: 2, regCovar: 0 })).toThrow(/regCovar .*got 0/);
  });

  it('names the row and column of a non-finite value', () => {
    const bad = matrix(3, 2, Float64Array.of(0, 0, 1, NaN, 2, 2));
    expect(() => gaussianMixture(bad, { k: 1 })).toThrow(/row 1, column 1 of x is NaN/);
  });

  it('rejects rows of the wrong width at prediction', () => {
    const model = gaussianMixture(x, { k: 3, seed: 1 });
    expect(() => gmmPredict(model, matrix(2, 3))).toThrow(/2 wide but the rows are 3 wide/);
    expect(() => gmmAssignRow(model, Float64Array.of(1))).toThrow(/too few for 2/);
  });
});
