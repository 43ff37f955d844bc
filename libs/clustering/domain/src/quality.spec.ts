import { describe, expect, it } from 'vitest';
import { assign, kmeans } from './kmeans.js';
import { matrix, seededRandom, type Matrix } from './matrix.js';
import { silhouette } from './metrics.js';
import { assessQuality, bootstrapStability, selectK, type Fitter } from './quality.js';

const fitKmeans: Fitter = (x, k, seed) => {
  const result = kmeans(x, { k, seed, nInit: 2 });
  return { labels: result.labels, inertia: result.inertia, predict: (rows) => assign(rows, result.centres) };
};

/** `groups` tight Gaussian blobs on a circle in 4-D, or uniform noise when groups is 0. */
function data(n: number, groups: number, seed: number): Matrix {
  const random = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = matrix(n, 4);
  for (let i = 0; i < n; i++) {
    const g = i % Math.max(groups, 1);
    for (let c = 0; c < 4; c++)
      x.data[i * 4 + c] =
        groups === 0 ? random() * 10 : 6 * Math.cos((2 * Math.PI * g) / groups + c) + gauss() * 0.6;
  }
  return x;
}

describe('k selection', () => {
  it('picks the planted number of groups by silhouette and reports inertia and Davies–Bouldin', async () => {
    const x = data(1_500, 5, 1);
    const { best, table } = await selectK(x, {
      kMin: 2,
      kMax: 8,
      fit: fitKmeans,
      silhouette: (labels) => silhouette(x, labels, { sampleSize: 600 }),
    });
    expect(best).toBe(5);
    expect(table.map((row) => row.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    // Inertia falls with k (the elbow), and Davies–Bouldin is lowest at the planted k.
    for (let i = 1; i < table.length; i++)
      expect(table[i]?.inertia as number).toBeLessThan(table[i - 1]?.inertia as number);
    const lowestDb = table.reduce((a, b) => ((b.daviesBouldin ?? 9) < (a.daviesBouldin ?? 9) ? b : a));
    expect(lowestDb.k).toBe(5);
  });

  it('refuses a range the rows cannot fill', async () => {
    await expect(
      selectK(data(5, 2, 1), { kMin: 2, kMax: 10, fit: fitKmeans, silhouette: () => 0 }),
    ).rejects.toThrow(/k up to 10 needs more than 10 rows \(there are 5\)/);
  });
});

describe('stability and the weak-structure verdict', () => {
  it('is near 1 for planted groups and low for uniform noise', async () => {
    const planted = await bootstrapStability(data(2_000, 4, 2), 4, fitKmeans, { runs: 4, seed: 3 });
    const noise = await bootstrapStability(data(2_000, 0, 2), 6, fitKmeans, { runs: 4, seed: 3 });
    expect(planted).toBeGreaterThan(0.95);
    expect(noise).toBeLessThan(planted - 0.1);
  });

  it('is weak when a score is under its threshold, saying which and why', () => {
    expect(assessQuality({ silhouette: 0.6, stability: 0.97 })).toEqual({ weak: false, warnings: [] });
    const weak = assessQuality({ silhouette: 0.09, stability: 0.95 });
    expect(weak.weak).toBe(true);
    expect(weak.warnings).toEqual([
      expect.stringMatching(/^Silhouette 0\.09 is below 0\.15: the groups overlap/),
    ]);
    const unstable = assessQuality({ silhouette: 0.3, stability: 0.5 }, { silhouette: 0.2, stability: 0.9 });
    expect(unstable.warnings).toEqual([expect.stringMatching(/^Stability 0\.50 is below 0\.9/)]);
    // Not measured is not a failure.
    expect(assessQuality({ silhouette: 0.3, stability: null }).weak).toBe(false);
  });
});
