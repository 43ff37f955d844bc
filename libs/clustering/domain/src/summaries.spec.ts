import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './preprocess.js';
import { summariseSegments } from './summaries.js';

const SPEND: ColumnSpec = { name: 'spend', kind: 'number' };
const CHANNEL: ColumnSpec = { name: 'channel', kind: 'category' };
const INTERESTS: ColumnSpec = { name: 'interests', kind: 'category' };

describe('summariseSegments: numbers', () => {
  // Segment 0: 1, 2, 3, 4 and a gap; segment 1: 10, 20; row 6 is noise (label −1) with 100.
  const labels = Int32Array.from([0, 0, 1, 0, 1, 0, -1, 0]);
  const spend = [1, 2, 10, 3, 20, 4, 100, null];
  const { overall, segments } = summariseSegments([SPEND], { spend }, labels, 2);

  it('gives mean, quartiles, population std and missing count per segment, in raw units', () => {
    expect(segments[0]?.numbers['spend']).toEqual({
      mean: 2.5,
      median: 2.5,
      p25: 1.75,
      p75: 3.25,
      std: Math.sqrt(1.25),
      missing: 1,
    });
    expect(segments[1]?.numbers['spend']).toEqual({
      mean: 15,
      median: 15,
      p25: 12.5,
      p75: 17.5,
      std: 5,
      missing: 0,
    });
  });

  it('counts noise rows in the overall summary only', () => {
    expect(segments.map((s) => [s.segment, s.size, s.share])).toEqual([
      [0, 5, 5 / 8],
      [1, 2, 2 / 8],
    ]);
    expect(overall).toMatchObject({ segment: -1, size: 8, share: 1 });
    // 1, 2, 3, 4, 10, 20, 100: the noise row's 100 is in.
    expect(overall.numbers['spend']).toMatchObject({ mean: 140 / 7, median: 4, missing: 1 });
  });

  it('treats NaN in a typed array as missing and gives NaN statistics to a segment without values', () => {
    const result = summariseSegments(
      [SPEND],
      { spend: Float64Array.from([5, NaN, 7]) },
      Int32Array.from([0, 1, 0]),
      3,
    );
    expect(result.segments[0]?.numbers['spend']).toMatchObject({ mean: 6, missing: 0 });
    expect(result.segments[1]?.numbers['spend']).toMatchObject({
      mean: NaN,
      median: NaN,
      std: NaN,
      missing: 1,
    });
    expect(result.segments[2]).toMatchObject({ segment: 2, size: 0, share: 0 });
  });
});

describe('summariseSegments: categories', () => {
  it('gives the share of each segment holding each category, missing rows holding none', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 1, 1]);
    const channel = ['web', 'web', 'app', null, 'app', 'app'];
    const { overall, segments } = summariseSegments([CHANNEL], { channel }, labels, 2);
    expect(segments[0]?.categories['channel']?.shares).toEqual({ app: 0.25, web: 0.5 });
    // A category absent from a segment is still listed, at 0, so lifts can be read off directly.
    expect(segments[1]?.categories['channel']?.shares).toEqual({ app: 1, web: 0 });
    expect(overall.categories['channel']?.shares).toEqual({ app: 0.5, web: 2 / 6 });
  });

  it('splits comma-separated cells only for columns named multi-value, counting a repeat once', () => {
    const labels = Int32Array.from([0, 0, 1, 1]);
    const interests = ['Gaming, DIY Crafts', 'Gaming', 'DIY Crafts,Travel', 'Travel , Travel'];
    const multi = summariseSegments([INTERESTS], { interests }, labels, 2, {
      multiValue: new Set(['interests']),
    });
    expect(multi.segments[0]?.categories['interests']?.shares).toEqual({
      'DIY Crafts': 0.5,
      Gaming: 1,
      Travel: 0,
    });
    expect(multi.segments[1]?.categories['interests']?.shares).toEqual({
      'DIY Crafts': 0.5,
      Gaming: 0,
      Travel: 1,
    });
    // Rows hold 1.5 values on average here, so the shares sum to 1.5.
    expect(multi.overall.categories['interests']?.shares).toEqual({
      'DIY Crafts': 0.5,
      Gaming: 0.5,
      Travel: 0.5,
    });

    const single = summariseSegments([INTERESTS], { interests }, labels, 2);
    expect(Object.keys(single.overall.categories['interests']?.shares ?? {})).toEqual([
      'DIY Crafts,Travel',
      'Gaming',
      'Gaming, DIY Crafts',
      'Travel , Travel',
    ]);
  });
});

describe('summariseSegments: input checks', () => {
  it('rejects a label ≥ k, a missing column, a length mismatch and a wrong value type', () => {
    const labels = Int32Array.from([0, 1]);
    expect(() => summariseSegments([SPEND], { spend: [1, 2] }, labels, 1)).toThrow(
      'row 1 has label 1, but k is 1',
    );
    expect(() => summariseSegments([SPEND], {}, labels, 2)).toThrow("input has no column 'spend'");
    expect(() => summariseSegments([SPEND], { spend: [1] }, labels, 2)).toThrow(
      "column 'spend' has 1 values for 2 labels",
    );
    expect(() => summariseSegments([SPEND], { spend: ['1', 2] as unknown as number[] }, labels, 2)).toThrow(
      "column 'spend', row 0: expected a number or null, got string '1'",
    );
    expect(() => summariseSegments([CHANNEL], { channel: [1, 2] }, labels, 2)).toThrow(
      "column 'channel', row 0: expected a string or null, got number '1'",
    );
  });
});
