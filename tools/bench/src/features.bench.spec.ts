import { describe, expect, it } from 'vitest';
import { envelopeSizes, percentile, publishOrder } from './features.bench.js';

describe('percentile', () => {
  it('is the nearest rank: p99 of 1..2000 is 1980, p50 is 1000', () => {
    const values = Array.from({ length: 2_000 }, (_, i) => 2_000 - i);
    expect(percentile(values, 99)).toBe(1_980);
    expect(percentile(values, 50)).toBe(1_000);
    expect(percentile(values, 100)).toBe(2_000);
    expect(percentile(values, 0)).toBe(1);
  });

  it('of one value is that value, of none an error', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe('envelopeSizes', () => {
  it('covers every event with envelopes of 100-500, whatever the total', () => {
    for (const total of [100, 101, 499, 500, 501, 599, 600, 601, 1_234, 40_000]) {
      for (const offset of [0, 1, 63]) {
        const sizes = envelopeSizes(total, 100, 500, offset);
        expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
        for (const size of sizes) {
          expect(size).toBeGreaterThanOrEqual(100);
          expect(size).toBeLessThanOrEqual(500);
        }
      }
    }
  });

  it('makes one smaller envelope of fewer events than the minimum, none of nothing', () => {
    expect(envelopeSizes(42, 100, 500)).toEqual([42]);
    expect(envelopeSizes(0, 100, 500)).toEqual([]);
  });
});

describe('publishOrder', () => {
  it('publishes every envelope once in order, and one in 50 again 64 envelopes later', () => {
    const order = publishOrder(200, 50, 64);
    expect(order.filter((o) => !o.repeat).map((o) => o.index)).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    const repeats = order.flatMap((o, at) => (o.repeat ? [{ index: o.index, at }] : []));
    expect(repeats.map((r) => r.index)).toEqual([25, 75, 125, 175]);
    // 175's copy would come after envelope 239: with 200 envelopes it goes last.
    expect(order.at(-1)).toEqual({ index: 175, repeat: true });
    for (const { index, at } of repeats) {
      expect(order.findIndex((o) => o.index === index && !o.repeat)).toBeLessThan(at);
    }
    // Right after envelope 25 + 64 = 89, which is at position 89: nothing was repeated before it.
    expect(order[90]).toEqual({ index: 25, repeat: true });
  });
});
