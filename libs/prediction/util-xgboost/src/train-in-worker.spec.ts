import { describe, expect, it } from 'vitest';
import { trainInWorker } from './train-in-worker.js';
import { Booster, DEFAULT_XGBOOST_PARAMS, loadXGBoost } from './xgboost.js';

function data(rows: number, cols: number): { x: Float32Array; labels: Float32Array } {
  const x = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  let seed = 7;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) x[r * cols + c] = next() * 10;
    labels[r] = (x[r * cols] as number) + next() * 4 > 7 ? 1 : 0;
  }
  return { x, labels };
}

describe('trainInWorker', () => {
  it('trains the same model off the main thread as Booster.train does on it', async () => {
    const { x, labels } = data(2_000, 4);
    const params = { ...DEFAULT_XGBOOST_PARAMS, max_depth: 3 };
    const wasm = await loadXGBoost();
    const booster = Booster.train(wasm, x, 2_000, 4, labels, params, 20);
    const here = booster.save();
    booster.free();
    const there = await trainInWorker({
      x: x.slice(),
      rows: 2_000,
      cols: 4,
      labels: labels.slice(),
      params,
      rounds: 20,
    });
    expect(there.length).toBeGreaterThan(1_000);
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true);
  });

  it('keeps the main thread free while it trains', async () => {
    const { x, labels } = data(60_000, 8);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = performance.now();
    await trainInWorker({ x, rows: 60_000, cols: 8, labels, params: DEFAULT_XGBOOST_PARAMS, rounds: 60 });
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // A blocked main thread would tick once or twice in the whole training.
    expect(ticks).toBeGreaterThan((elapsed / 10) * 0.5);
  });

  it('rejects with XGBoost’s reason when training cannot start', async () => {
    const { x } = data(10, 2);
    await expect(
      trainInWorker({
        x,
        rows: 10,
        cols: 2,
        labels: new Float32Array(10).fill(2),
        params: DEFAULT_XGBOOST_PARAMS,
        rounds: 5,
      }),
    ).rejects.toThrow('labels must be 0 or 1, got 2');
  });
});
