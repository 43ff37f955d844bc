import { describe, expect, it } from 'vitest';
import { matrix, seededRandom, squaredDistance } from './matrix.js';

describe('matrix', () => {
  it('is rows × cols zeros, or wraps data of exactly that size', () => {
    expect(matrix(2, 3).data).toEqual(new Float64Array(6));
    const data = Float64Array.of(1, 2, 3, 4);
    expect(matrix(2, 2, data).data).toBe(data);
  });

  it('names the sizes it cannot take', () => {
    expect(() => matrix(2, 2, new Float64Array(3))).toThrow('3 values cannot fill a 2 × 2 matrix');
    expect(() => matrix(-1, 2)).toThrow('whole, non-negative sizes (got -1 × 2)');
    expect(() => matrix(1.5, 2)).toThrow('(got 1.5 × 2)');
  });
});

describe('squaredDistance', () => {
  it('between rows of two matrices', () => {
    const a = matrix(2, 2, Float64Array.of(0, 0, 1, 1));
    const b = matrix(1, 2, Float64Array.of(4, 5));
    expect(squaredDistance(a, 0, b, 0)).toBe(41);
    expect(squaredDistance(a, 1, b, 0)).toBe(25);
    expect(squaredDistance(a, 1, a, 1)).toBe(0);
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed, in [0, 1), and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 1_000 }, () => a());
    expect(Array.from({ length: 1_000 }, () => b())).toEqual(first);
    expect(first.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
    const mean = first.reduce((s, v) => s + v, 0) / first.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
