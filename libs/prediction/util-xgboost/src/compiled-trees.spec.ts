import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTrees } from './compiled-trees.js';
import { parseModelTrees, predictMargin } from './model-trees.js';
import { Booster, DEFAULT_XGBOOST_PARAMS, loadXGBoost } from './xgboost.js';

const COLS = 8;

/** Rows with a nonlinear label, 10% NaN in two columns and some exact -1 values. */
function rows(n: number, seed: number): { x: Float32Array; labels: Float32Array } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const x = new Float32Array(n * COLS);
  const labels = new Float32Array(n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < COLS; c++) x[r * COLS + c] = Math.round((next() * 4 - 2) * 100) / 100;
    const a = x[r * COLS] as number;
    const b = x[r * COLS + 1] as number;
    labels[r] = a * b - (x[r * COLS + 2] as number) + next() - 0.5 > 0 ? 1 : 0;
    if (next() < 0.1) x[r * COLS + 2] = NaN;
    if (next() < 0.1) x[r * COLS + 5] = NaN;
  }
  return { x, labels };
}

describe('compiled trees', () => {
  let booster: Booster;

  beforeAll(async () => {
    const wasm = await loadXGBoost();
    const { x, labels } = rows(5_000, 3);
    booster = Booster.train(wasm, x, 5_000, COLS, labels, { ...DEFAULT_XGBOOST_PARAMS, max_depth: 6 }, 60);
  });

  afterAll(() => booster?.free());

  it('score every row exactly as the array walk does (NaN, -1 and thresholds included)', () => {
    const model = parseModelTrees(booster.save());
    const { x } = rows(20_000, 9);
    const expected = predictMargin(model, x, 20_000, COLS);
    const compiled = compileTrees(model).margins(x, 20_000, COLS);
    expect(compiled).toEqual(expected);
  });

  it('refuse rows of the wrong shape, naming the sizes', () => {
    const compiled = compileTrees(parseModelTrees(booster.save()));
    expect(() => compiled.margins(new Float32Array(10), 2, COLS)).toThrow('x has 10 values, expected 16');
    expect(() => compiled.margins(new Float32Array(6), 2, 3)).toThrow(`model uses ${COLS} features, got 3`);
  });
});
