import { describe, expect, it } from 'vitest';
import { seededRandom } from '@cdp/shared/testing';
import { useBoosters } from './__tests__/boosters.js';
import { treeContributions } from './contributions.js';
import { featureGain, parseModelTrees, predictMargin, type ModelTrees } from './model-trees.js';
import { DEFAULT_XGBOOST_PARAMS } from './xgboost.js';

const COLS = 6;
const CONSTANT_COLUMN = 4;

/**
 * Label from features 0–2 (an interaction, a linear term, a step) plus noise; feature 3 is noise,
 * feature 4 is constant (no tree can split on it), feature 5 is noise. Some NaN and -1 values.
 */
function interacting(rows: number, seed: number): { x: Float32Array; labels: Float32Array } {
  const next = seededRandom(seed);
  const x = new Float32Array(rows * COLS);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const at = r * COLS;
    for (let c = 0; c < COLS; c++) x[at + c] = next() * 4 - 2;
    x[at + CONSTANT_COLUMN] = 0.5;
    const a = x[at] as number;
    const b = x[at + 1] as number;
    const c = x[at + 2] as number;
    labels[r] = 1.5 * a * b - c + (c > 0.5 ? 1 : 0) + (next() - 0.5) * 2 > 0 ? 1 : 0;
    if (next() < 0.1) x[at + 2] = NaN;
    if (next() < 0.05) x[at + 1] = -1;
  }
  return { x, labels };
}

/** Label from feature 0 alone (with label noise); the other features are uniform noise. */
function onlyFeatureZero(rows: number, seed: number): { x: Float32Array; labels: Float32Array } {
  const next = seededRandom(seed);
  const x = new Float32Array(rows * COLS);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < COLS; c++) x[r * COLS + c] = next() * 4 - 2;
    labels[r] = (x[r * COLS] as number) + (next() - 0.5) > 0 ? 1 : 0;
  }
  return { x, labels };
}

/**
 * Tree 0: x0 < 0.5 ? 1 (cover 4) : -0.5 (cover 6), root cover 10, so its mean is
 * (4·1 + 6·-0.5) / 10 = 0.1. Tree 1: a single leaf 0.25. Base margin 0.25, two features.
 */
function oneSplit(missingGoesLeft: boolean): ModelTrees {
  return {
    objective: 'binary:logistic',
    numFeature: 2,
    baseMargin: 0.25,
    roots: Int32Array.of(0, 3),
    left: Int32Array.of(1, -1, -1, -1),
    right: Int32Array.of(2, -1, -1, -1),
    feature: Int32Array.of(0, 0, 0, 0),
    defaultLeft: Uint8Array.of(missingGoesLeft ? 1 : 0, 0, 0, 0),
    value: Float32Array.of(0.5, 1, -0.5, 0.25),
    gain: Float32Array.of(3, 0, 0, 0),
    cover: Float32Array.of(10, 4, 6, 2),
  };
}

describe('treeContributions', () => {
  const boosters = useBoosters();

  function trainedModel(data: { x: Float32Array; labels: Float32Array }, rounds: number): ModelTrees {
    const booster = boosters.train(
      data.x,
      data.labels.length,
      COLS,
      data.labels,
      { ...DEFAULT_XGBOOST_PARAMS, base_score: 0.3 },
      rounds,
    );
    return parseModelTrees(booster.save());
  }

  it('explains the whole margin of every row: contributions and bias sum to predictMargin', () => {
    const model = trainedModel(interacting(5_000, 21), 40);
    const rows = 3_000;
    const { x } = interacting(rows, 22);
    const margins = predictMargin(model, x, rows, COLS);
    const contributions = treeContributions(model);

    const out = new Float64Array(COLS + 1);
    let maxDifference = 0;
    for (let r = 0; r < rows; r++) {
      const explained = contributions(x.subarray(r * COLS, (r + 1) * COLS), out);
      const sum = explained.reduce((total, value) => total + value, 0);
      maxDifference = Math.max(maxDifference, Math.abs(sum - (margins[r] as number)));
    }
    expect(maxDifference).toBeLessThan(1e-4);
  });

  it('gives exactly 0 to a feature no tree splits on', () => {
    const model = trainedModel(interacting(5_000, 23), 20);
    expect(featureGain(model).splits[CONSTANT_COLUMN]).toBe(0);
    const { x } = interacting(500, 24);
    const contributions = treeContributions(model);

    const out = new Float64Array(COLS + 1);
    for (let r = 0; r < 500; r++) {
      contributions(x.subarray(r * COLS, (r + 1) * COLS), out);
      expect(out[CONSTANT_COLUMN]).toBe(0);
    }
  });

  it('credits a split with the child mean minus the parent mean, and puts tree means in the bias', () => {
    const contributions = treeContributions(oneSplit(false));

    // Bias: base margin + tree 0's mean + tree 1's leaf.
    const goesLeft = contributions([0.2, 7]);
    expect(goesLeft).toHaveLength(3);
    expect(goesLeft[0]).toBeCloseTo(1 - 0.1, 12);
    expect(goesLeft[1]).toBe(0);
    expect(goesLeft[2]).toBeCloseTo(0.25 + 0.1 + 0.25, 12);

    // A given `out` is returned, every value of its previous contents overwritten.
    const out = new Float64Array(3).fill(99);
    expect(contributions([0.5, 7], out)).toBe(out);
    expect(out[0]).toBeCloseTo(-0.5 - 0.1, 12);
    expect(out[1]).toBe(0);
    expect(out[2]).toBeCloseTo(0.6, 12);
  });

  it.each([NaN, -1])(
    'sends a missing value (%s) down the default branch, as predictMargin does',
    (missing) => {
      for (const missingGoesLeft of [false, true]) {
        const model = oneSplit(missingGoesLeft);
        const expected = missingGoesLeft ? 1 - 0.1 : -0.5 - 0.1;

        const out = treeContributions(model)([missing, 0]);

        expect(out[0]).toBeCloseTo(expected, 12);
        const margin = predictMargin(model, Float32Array.of(missing, 0), 1, 2)[0] as number;
        expect((out[0] as number) + (out[1] as number) + (out[2] as number)).toBeCloseTo(margin, 6);
      }
    },
  );

  it('ranks the only feature the label depends on first by mean |contribution|', () => {
    const model = trainedModel(onlyFeatureZero(4_000, 25), 30);
    const rows = 2_000;
    const { x } = onlyFeatureZero(rows, 26);
    const contributions = treeContributions(model);

    const meanAbs = new Float64Array(COLS);
    const out = new Float64Array(COLS + 1);
    for (let r = 0; r < rows; r++) {
      contributions(x.subarray(r * COLS, (r + 1) * COLS), out);
      for (let f = 0; f < COLS; f++) meanAbs[f] = (meanAbs[f] as number) + Math.abs(out[f] as number) / rows;
    }
    const strongestNoise = Math.max(...meanAbs.subarray(1));
    expect(meanAbs[0]).toBeGreaterThan(5 * strongestNoise);
  });

  it('refuses a row or an out array too short for the model', () => {
    const contributions = treeContributions(oneSplit(false));
    expect(() => contributions([0.2])).toThrow('model uses 2 features, got 1');
    expect(() => contributions([0.2, 1], new Float64Array(2))).toThrow('out holds 2 values, needs 3');
  });
});
