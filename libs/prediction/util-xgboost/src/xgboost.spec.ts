import { describe, expect, it } from 'vitest';
import { seededRandom } from '@cdp/shared/testing';
import { useBoosters } from './__tests__/boosters.js';
import { Booster, DEFAULT_XGBOOST_PARAMS, loadXGBoost, type XGBoostParams } from './xgboost.js';

/** mulberry32: a small seeded generator, so the data sets are the same on every run. */
interface DataSet {
  x: Float32Array;
  labels: Float32Array;
  rows: number;
  cols: number;
}

/** Class 1 has feature 0 in [0.6, 1), class 0 in [0, 0.4); the other features are noise. */
function separable(rows: number, cols: number, seed: number): DataSet {
  const next = seededRandom(seed);
  const x = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = next() < 0.5 ? 1 : 0;
    labels[r] = label;
    for (let c = 0; c < cols; c++) x[r * cols + c] = next();
    x[r * cols] = label === 1 ? 0.6 + 0.4 * next() : 0.4 * next();
  }
  return { x, labels, rows, cols };
}

function meanByClass(
  predictions: Float32Array,
  labels: Float32Array,
): { positive: number; negative: number } {
  let positive = 0;
  let positives = 0;
  let negative = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = predictions[i] as number;
    if (labels[i] === 1) {
      positive += p;
      positives++;
    } else {
      negative += p;
    }
  }
  return { positive: positive / positives, negative: negative / (labels.length - positives) };
}

const params: XGBoostParams = { ...DEFAULT_XGBOOST_PARAMS, max_depth: 3, eta: 0.3 };

describe('Booster', () => {
  const boosters = useBoosters();

  it('loads the module once', async () => {
    expect(await loadXGBoost()).toBe(boosters.wasm);
  });

  it('learns to separate two classes', () => {
    const train = separable(2_000, 4, 1);
    const test = separable(1_000, 4, 2);
    const booster = boosters.train(train.x, train.rows, train.cols, train.labels, params, 20);

    const { positive, negative } = meanByClass(booster.predict(test.x, test.rows, test.cols), test.labels);

    expect(positive).toBeGreaterThan(0.9);
    expect(negative).toBeLessThan(0.1);
  });

  it('predicts the same after save and load', () => {
    const train = separable(2_000, 4, 3);
    const test = separable(500, 4, 4);
    const booster = boosters.train(train.x, train.rows, train.cols, train.labels, params, 10);

    const loaded = boosters.track(Booster.load(boosters.wasm, booster.save()));

    expect(loaded.predict(test.x, test.rows, test.cols)).toEqual(
      booster.predict(test.x, test.rows, test.cols),
    );
  });

  it('treats NaN as missing, like -1', () => {
    const train = separable(2_000, 4, 5);
    const booster = boosters.train(train.x, train.rows, train.cols, train.labels, params, 5);

    const withNaN = booster.predict(Float32Array.of(NaN, 0.5, NaN, 0.5), 1, 4);
    const withMinusOne = booster.predict(Float32Array.of(-1, 0.5, -1, 0.5), 1, 4);

    expect(Number.isFinite(withNaN[0])).toBe(true);
    expect(withNaN).toEqual(withMinusOne);
  });

  it("refuses bytes that are not a model, with XGBoost's reason", () => {
    expect(() => Booster.load(boosters.wasm, new TextEncoder().encode('{"learner": {}}'))).toThrow(
      /load_model failed: .*wrong model format/,
    );
  });

  it('trains on 200,000 rows × 8 features, which overflows the stack in the stock binding', () => {
    const train = separable(200_000, 8, 6);
    const booster = boosters.train(train.x, train.rows, train.cols, train.labels, params, 3);

    const predictions = booster.predict(train.x.subarray(0, 1_000 * 8), 1_000, 8);
    const { positive, negative } = meanByClass(predictions, train.labels.subarray(0, 1_000));

    expect(positive).toBeGreaterThan(negative + 0.5);
  });

  it('refuses use after free, and frees twice without harm', () => {
    const train = separable(500, 4, 7);
    const booster = Booster.train(boosters.wasm, train.x, train.rows, train.cols, train.labels, params, 2);

    booster.free();
    booster.free();

    expect(booster.freed).toBe(true);
    expect(() => booster.predict(train.x, train.rows, train.cols)).toThrow(/after free/);
    expect(() => booster.save()).toThrow(/after free/);
  });

  it('rejects inputs XGBoost would crash or silently misread on', () => {
    const train = separable(100, 4, 8);
    expect(() => Booster.train(boosters.wasm, train.x, 100, 5, train.labels, params, 1)).toThrow(RangeError);
    expect(() =>
      Booster.train(boosters.wasm, train.x, 100, 4, train.labels, { ...params, subsample: 0 }, 1),
    ).toThrow(/subsample/);
    expect(() =>
      Booster.train(
        boosters.wasm,
        train.x,
        100,
        4,
        Float32Array.from(train.labels, () => 2),
        params,
        1,
      ),
    ).toThrow(/labels/);

    const booster = boosters.train(train.x, 100, 4, train.labels, params, 1);
    expect(() => booster.predict(new Float32Array(3), 1, 3)).toThrow(/4 features/);
  });
});
