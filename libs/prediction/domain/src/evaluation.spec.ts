import { describe, expect, it } from 'vitest';
import { CURVE_POINTS, evaluate, promotionDecision, thin, type Point } from './evaluation.js';

// Ten validation rows, three positives, distinct scores. By hand, best score first:
// + − + + − − − − − −. Pairs ranked right: 7 + 6 + 6 of 3 × 7 = 19/21. Average precision:
// (1/1 + 2/3 + 3/4) / 3. The top decile is the single 0.92 row, a positive: lift 1 / 0.3.
const labels = Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
const scores = Float64Array.from([0.92, 0.85, 0.74, 0.66, 0.34, 0.32, 0.18, 0.14, 0.12, 0.04]);

/** Mulberry32: a seeded generator so the large case is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const expectPoints = (actual: readonly Point[], expected: ReadonlyArray<[number, number]>) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach(([x, y], i) => {
    expect(actual[i]?.x).toBeCloseTo(x, 12);
    expect(actual[i]?.y).toBeCloseTo(y, 12);
  });
};

describe('evaluate', () => {
  const result = evaluate(labels, scores);

  it('reports AUC, PR AUC, log loss, lift and positive rate on a hand-computed example', () => {
    expect(result.auc).toBeCloseTo(19 / 21, 12);
    expect(result.prAuc).toBeCloseTo((1 + 2 / 3 + 3 / 4) / 3, 12);
    expect(result.positiveRate).toBe(0.3);
    expect(result.liftAtTopDecile).toBeCloseTo(1 / 0.3, 12);
    const likelihoods = [0.92, 0.15, 0.74, 0.66, 0.66, 0.68, 0.82, 0.86, 0.88, 0.96];
    expect(result.logLoss).toBeCloseTo(-likelihoods.reduce((sum, p) => sum + Math.log(p), 0) / 10, 12);
  });

  it('plots the ROC curve from (0, 0) to (1, 1) as (false positive rate, true positive rate)', () => {
    expectPoints(result.roc, [
      [0, 0],
      [0, 1 / 3],
      [1 / 7, 1 / 3],
      [1 / 7, 2 / 3],
      [1 / 7, 1],
      [2 / 7, 1],
      [3 / 7, 1],
      [4 / 7, 1],
      [5 / 7, 1],
      [6 / 7, 1],
      [1, 1],
    ]);
  });

  it('plots the PR curve as (recall, precision), from full recall to (0, 1)', () => {
    expect(result.pr).toHaveLength(11);
    expectPoints([result.pr[0] as Point], [[1, 0.3]]);
    expectPoints([result.pr[7] as Point], [[2 / 3, 2 / 3]]);
    expectPoints([result.pr[10] as Point], [[0, 1]]);
  });

  it('keeps only the non-empty calibration bins, lowest first', () => {
    // Bins of 0.1: scores fall in bins 9, 8, 7, 6, 3 (two), 1 (three) and 0; 2, 4 and 5 are empty.
    expect(result.calibration.map((bin) => bin.count)).toEqual([1, 3, 2, 1, 1, 1, 1]);
    const expected = [
      [0.04, 0],
      [(0.18 + 0.14 + 0.12) / 3, 0],
      [(0.34 + 0.32) / 2, 0],
      [0.66, 1],
      [0.74, 1],
      [0.85, 0],
      [0.92, 1],
    ];
    result.calibration.forEach((bin, i) => {
      expect(bin.predicted).toBeCloseTo(expected[i]?.[0] as number, 12);
      expect(bin.observed).toBe(expected[i]?.[1]);
    });
  });

  it(`thins long curves to ${CURVE_POINTS} points that still run from (0, 0) to (1, 1)`, () => {
    const random = seeded(8);
    const n = 1000;
    const y = Uint8Array.from({ length: n }, () => (random() < 0.3 ? 1 : 0));
    // Scores lean towards the positives, all distinct: the full ROC curve has n + 1 points.
    const p = Float64Array.from(y, (label, i) => Math.min(0.999, 0.4 * random() + 0.3 * label + i * 1e-7));
    const big = evaluate(y, p);
    expect(big.roc).toHaveLength(CURVE_POINTS);
    expect(big.roc[0]).toEqual({ x: 0, y: 0 });
    expect(big.roc[CURVE_POINTS - 1]).toEqual({ x: 1, y: 1 });
    for (let i = 1; i < big.roc.length; i++) {
      expect(big.roc[i]?.x).toBeGreaterThanOrEqual(big.roc[i - 1]?.x as number);
      expect(big.roc[i]?.y).toBeGreaterThanOrEqual(big.roc[i - 1]?.y as number);
    }
    expect(big.pr).toHaveLength(CURVE_POINTS);
    expect(big.pr[0]?.x).toBe(1);
    expect(big.pr[CURVE_POINTS - 1]).toEqual({ x: 0, y: 1 });
  });

  it('refuses validation rows of one class, where AUC is undefined', () => {
    expect(() => evaluate([0, 0, 0], [0.1, 0.2, 0.3])).toThrow(RangeError);
  });
});

describe('thin', () => {
  const points = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i * i }));

  it('returns short curves as they are, in a new array', () => {
    const short = points.slice(0, 5);
    const thinned = thin(short, 5);
    expect(thinned).toEqual(short);
    expect(thinned).not.toBe(short);
  });

  it('keeps the first and the last point and at most `max`, in order, without repeats', () => {
    for (const max of [2, 3, 7, 200, 999]) {
      const thinned = thin(points, max);
      expect(thinned.length).toBeLessThanOrEqual(max);
      expect(thinned[0]).toBe(points[0]);
      expect(thinned[thinned.length - 1]).toBe(points[999]);
      for (let i = 1; i < thinned.length; i++)
        expect(thinned[i]?.x).toBeGreaterThan(thinned[i - 1]?.x as number);
    }
    expect(thin(points)).toHaveLength(CURVE_POINTS);
  });

  it('spaces the kept points evenly along the curve', () => {
    expect(thin(points.slice(0, 11), 6).map((p) => p.x)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('refuses a max that cannot keep both ends of a curve', () => {
    expect(() => thin(points, 1)).toThrow('max must be a whole number ≥ 2 (got 1)');
    expect(() => thin(points, 2.5)).toThrow('max must be a whole number ≥ 2 (got 2.5)');
  });
});

describe('promotionDecision', () => {
  it('promotes the first model of a target', () => {
    const decision = promotionDecision(0.71234, null);
    expect(decision.promote).toBe(true);
    expect(decision.reason).toContain('first model');
    expect(decision.reason).toContain('0.7123');
  });

  it('promotes a candidate with a higher AUC than the active model', () => {
    const decision = promotionDecision(0.8, 0.75);
    expect(decision.promote).toBe(true);
    expect(decision.reason).toContain('0.8000');
    expect(decision.reason).toContain('0.7500');
  });

  it('keeps the active model when the candidate is equal or lower, saying both AUCs', () => {
    for (const [candidate, active] of [
      [0.75, 0.75],
      [0.7, 0.75],
    ] as const) {
      const decision = promotionDecision(candidate, active);
      expect(decision.promote).toBe(false);
      expect(decision.reason).toContain(candidate.toFixed(4));
      expect(decision.reason).toContain(active.toFixed(4));
    }
  });

  it('compares the AUCs themselves, not their 4-decimal rendering', () => {
    expect(promotionDecision(0.80004, 0.80001).promote).toBe(true);
    expect(promotionDecision(0.80001, 0.80004).promote).toBe(false);
  });
});
