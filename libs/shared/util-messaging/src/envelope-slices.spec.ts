import { describe, expect, it } from 'vitest';
import { envelopeSlices } from './envelope-slices.js';

describe('envelopeSlices', () => {
  const sizeOf = (s: string) => s.length;

  it('keeps every envelope under the byte and count limits, in order', () => {
    const items = Array.from({ length: 10 }, (_, i) => 'x'.repeat(100 + i));
    const slices = envelopeSlices(items, { sizeOf, maxBytes: 350, maxItems: 5 });
    expect(slices.flat()).toEqual(items);
    for (const slice of slices) {
      expect(slice.length).toBeLessThanOrEqual(5);
      expect(slice.reduce((n, s) => n + s.length, 0)).toBeLessThanOrEqual(350);
    }
    expect(envelopeSlices(['a', 'b', 'c'], { sizeOf, maxItems: 2 })).toEqual([['a', 'b'], ['c']]);
  });

  it('sends an item larger than the limit alone rather than losing it', () => {
    expect(envelopeSlices(['aa', 'b'.repeat(10), 'c'], { sizeOf, maxBytes: 5 })).toEqual([
      ['aa'],
      ['b'.repeat(10)],
      ['c'],
    ]);
    expect(envelopeSlices([], { sizeOf })).toEqual([]);
  });
});
