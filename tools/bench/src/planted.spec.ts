import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, kmeans, squaredDistance } from '@cdp/clustering/domain';
import { plantedProfiles } from './planted.js';

describe('plantedProfiles', () => {
  it('gives the same rows, groups and centres for the same seed, and other ones for another seed', () => {
    const a = plantedProfiles(1_000, { seed: 42 });
    const b = plantedProfiles(1_000, { seed: 42 });
    const c = plantedProfiles(1_000, { seed: 43 });
    expect(a.x.data).toEqual(b.x.data);
    expect(a.truth).toEqual(b.truth);
    expect(a.centres.data).toEqual(b.centres.data);
    expect(a.x.data).not.toEqual(c.x.data);
    // Worker threads read the rows in place.
    expect(a.x.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([a.x.rows, a.x.cols, a.centres.rows, a.centres.cols]).toEqual([1_000, 10, 5, 10]);
  });

  it('draws groups of roughly equal size around equidistant centres', () => {
    const { truth, centres } = plantedProfiles(20_000, { seed: 7, spread: 3.5 });
    const sizes = [0, 0, 0, 0, 0];
    for (const group of truth) sizes[group] = (sizes[group] as number) + 1;
    // ±5% of n / 5 is about 3.5 standard deviations of a multinomial count.
    for (const size of sizes) expect(Math.abs(size - 4_000)).toBeLessThan(200);
    for (let g = 0; g < 5; g++)
      for (let h = g + 1; h < 5; h++)
        expect(Math.sqrt(squaredDistance(centres, g, centres, h))).toBeCloseTo(3.5 * Math.SQRT2, 10);
  });

  it('plants groups that k-means recovers, though not perfectly', () => {
    const { x, truth } = plantedProfiles(5_000, { seed: 1 });
    const { labels } = kmeans(x, { k: 5, seed: 1 });
    const ari = adjustedRandIndex(labels, truth);
    expect(ari).toBeGreaterThanOrEqual(0.9);
    // The groups overlap: a perfect score would make the benchmark's ARI figure meaningless.
    expect(ari).toBeLessThan(0.99);
  });

  it('refuses more groups than features, which cannot be placed equidistant', () => {
    expect(() => plantedProfiles(100, { seed: 1, groups: 11, cols: 10 })).toThrow(/groups must be/);
  });
});
