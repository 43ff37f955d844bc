import { describe, expect, it } from 'vitest';
import { seededRandom } from '@cdp/shared/testing';
import { useBoosters } from './__tests__/boosters.js';
import { featureGain, parseModelTrees, predictMargin, predictProbability } from './model-trees.js';
import { type Booster, DEFAULT_XGBOOST_PARAMS, type XGBoostParams } from './xgboost.js';

/** A noisy nonlinear target over 6 features, with ~10% of values missing (NaN) in some columns. */
function noisy(rows: number, seed: number): { x: Float32Array; labels: Float32Array } {
  const cols = 6;
  const next = seededRandom(seed);
  const x = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) x[r * cols + c] = next() * 4 - 2;
    const a = x[r * cols] as number;
    const b = x[r * cols + 1] as number;
    const c = x[r * cols + 2] as number;
    const logit = 1.5 * a * b - c + (c > 0.5 ? 1 : 0) + (next() - 0.5) * 2;
    labels[r] = logit > 0 ? 1 : 0;
    if (next() < 0.1) x[r * cols + 2] = NaN;
    if (next() < 0.1) x[r * cols + 3] = NaN;
  }
  return { x, labels };
}

const COLS = 6;

describe('model trees', () => {
  const boosters = useBoosters();

  function trained(params: Partial<XGBoostParams>, rounds: number): Booster {
    const { x, labels } = noisy(5_000, 11);
    return boosters.train(x, 5_000, COLS, labels, { ...DEFAULT_XGBOOST_PARAMS, ...params }, rounds);
  }

  it.each([
    { name: 'hist, depth 6', params: { tree_method: 'hist' as const }, rounds: 30 },
    { name: 'exact, base_score 0.2', params: { tree_method: 'exact' as const, base_score: 0.2 }, rounds: 20 },
    {
      name: 'approx, subsampled, regularised',
      params: {
        tree_method: 'approx' as const,
        subsample: 0.7,
        colsample_bytree: 0.8,
        alpha: 0.5,
        max_depth: 4,
      },
      rounds: 25,
    },
  ])('scores like Booster.predict ($name), missing values included', ({ params, rounds }) => {
    const booster = trained(params, rounds);
    const test = noisy(3_000, 12);
    // -1 is the binding's missing value: both evaluators must treat it the same way.
    test.x[5 * COLS] = -1;
    test.x[6 * COLS + 1] = -1;

    const model = parseModelTrees(booster.save());
    const expected = booster.predict(test.x, 3_000, COLS);
    const actual = predictProbability(model, test.x, 3_000, COLS);

    expect(model.roots.length).toBe(rounds);
    let maxDifference = 0;
    for (let i = 0; i < expected.length; i++) {
      maxDifference = Math.max(maxDifference, Math.abs((expected[i] as number) - (actual[i] as number)));
    }
    expect(maxDifference).toBeLessThan(1e-6);
  });

  it('gives margins whose sigmoid is the probability', () => {
    const model = parseModelTrees(trained({ base_score: 0.3 }, 5).save());
    const { x } = noisy(100, 13);

    const margins = predictMargin(model, x, 100, COLS);
    const probabilities = predictProbability(model, x, 100, COLS);

    for (let i = 0; i < 100; i++) {
      expect(probabilities[i]).toBeCloseTo(1 / (1 + Math.exp(-(margins[i] as number))), 6);
    }
    expect(model.baseMargin).toBeCloseTo(Math.log(0.3 / 0.7), 6);
  });

  it('ranks the features the label depends on above pure noise by gain', () => {
    const { totalGain, splits } = featureGain(parseModelTrees(trained({ max_depth: 3 }, 20).save()));

    // Features 0, 1 and 2 make the label; 3, 4 and 5 are noise.
    const leastUseful = Math.min(totalGain[0] as number, totalGain[1] as number, totalGain[2] as number);
    const mostNoise = Math.max(totalGain[3] as number, totalGain[4] as number, totalGain[5] as number);
    expect(leastUseful).toBeGreaterThan(5 * mostNoise);
    expect(splits.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });

  it('rejects a truncated model', () => {
    const bytes = trained({}, 3).save();

    expect(() => parseModelTrees(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });
});
