import { afterEach, beforeAll } from 'vitest';
import { Booster, loadXGBoost, type XGBoostParams, type XGBoostWasm } from '../xgboost.js';

export interface Boosters {
  /** The WASM module, loaded before the suite's tests. */
  readonly wasm: XGBoostWasm;
  /** Frees `booster` after the current test. */
  track(booster: Booster): Booster;
  /** Booster.train, tracked. */
  train(
    x: Float32Array,
    rows: number,
    cols: number,
    labels: Float32Array,
    params: XGBoostParams,
    rounds: number,
  ): Booster;
}

/** For a describe block: loads XGBoost once and frees every tracked booster after each test (WASM memory is not collected). */
export function useBoosters(): Boosters {
  let wasm: XGBoostWasm | undefined;
  const live: Booster[] = [];
  beforeAll(async () => {
    wasm = await loadXGBoost();
  });
  afterEach(() => {
    for (const booster of live.splice(0)) booster.free();
  });
  const boosters: Boosters = {
    get wasm(): XGBoostWasm {
      if (!wasm) throw new Error('XGBoost is loaded in beforeAll: use it inside a test');
      return wasm;
    },
    track(booster) {
      live.push(booster);
      return booster;
    },
    train: (x, rows, cols, labels, params, rounds) =>
      boosters.track(Booster.train(boosters.wasm, x, rows, cols, labels, params, rounds)),
  };
  return boosters;
}
