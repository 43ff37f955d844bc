import { describe, expect, it } from 'vitest';
import type { ColumnSpec, NumberColumnParams, PreprocessParams } from './preprocess.js';
import { applyPreprocessing, fitPreprocessing, outputNames, rowTransformer } from './preprocess.js';

const AGE: ColumnSpec = { name: 'age', kind: 'number' };
const GENDER: ColumnSpec = { name: 'gender', kind: 'category' };

function numberColumn(params: PreprocessParams, name: string): NumberColumnParams {
  const column = params.columns.find((c) => c.name === name);
  if (column?.kind !== 'number') throw new Error(`no number column ${name}`);
  return column;
}

/** Row `i` of a result as a plain array, for readable assertions. */
function row(result: { matrix: { cols: number; data: Float64Array } }, i: number): number[] {
  const { cols, data } = result.matrix;
  return Array.from(data.subarray(i * cols, (i + 1) * cols));
}

describe('fitPreprocessing: numbers', () => {
  it('clips at the 1st/99th percentiles and scales by median and IQR of the training column', () => {
    // 1..101: the 1st percentile is 2, the 99th is 100, the median 51, quartiles 26 and 76.
    const values = Float64Array.from({ length: 101 }, (_, i) => i + 1);
    const params = fitPreprocessing([AGE], { age: values });
    expect(numberColumn(params, 'age')).toMatchObject({
      clipLow: 2,
      clipHigh: 100,
      centre: 51,
      scale: 50,
      missingIndicator: false,
    });
    const out = applyPreprocessing(params, { age: [1, 51, 101, 1000] });
    expect(out.names).toEqual(['age']);
    expect(Array.from(out.matrix.data)).toEqual([(2 - 51) / 50, 0, (100 - 51) / 50, (100 - 51) / 50]);
  });

  it('interpolates percentiles between training values', () => {
    // Filled with the median 25 → sorted [10, 20, 25, 30, 40]: p1 = 10.4, p99 = 39.6.
    const params = fitPreprocessing([AGE], { age: [10, 20, 30, 40, null] });
    const age = numberColumn(params, 'age');
    expect(age.fill).toBe(25);
    expect(age.clipLow).toBeCloseTo(10.4, 12);
    expect(age.clipHigh).toBeCloseTo(39.6, 12);
    expect(age.centre).toBe(25);
    expect(age.scale).toBe(10);
  });

  it('fills a missing value with the training median and adds a missing indicator', () => {
    const params = fitPreprocessing(
      [AGE],
      { age: new Float64Array([10, NaN, 30, 20]) },
      { clipPercentiles: null },
    );
    const out = applyPreprocessing(params, { age: [null, 30, undefined, NaN] });
    expect(out.names).toEqual(['age', 'age__missing']);
    // filled training column [10, 20, 30, 20]: median 20, quartiles 17.5 and 22.5.
    expect(row(out, 0)).toEqual([0, 1]);
    expect(row(out, 1)).toEqual([(30 - 20) / 5, 0]);
    expect(row(out, 2)).toEqual([0, 1]);
    expect(row(out, 3)).toEqual([0, 1]);
  });

  it('adds no missing indicator when training had no gaps, even if new rows do', () => {
    const params = fitPreprocessing([AGE], { age: [1, 2, 3] }, { clipPercentiles: null });
    const out = applyPreprocessing(params, { age: [null] });
    expect(out.names).toEqual(['age']);
    expect(row(out, 0)).toEqual([0]);
  });

  it('takes log1p before scaling, and rejects negative values naming the column and row', () => {
    const counts: ColumnSpec = { name: 'orders', kind: 'number', log1p: true };
    const params = fitPreprocessing(
      [counts],
      { orders: [0, Math.E - 1, Math.E ** 2 - 1] },
      { clipPercentiles: null },
    );
    // log1p → [0, 1, 2]: median 1, IQR 1.5 − 0.5.
    const out = applyPreprocessing(params, { orders: [0, Math.E - 1, Math.E ** 2 - 1] });
    expect(Array.from(out.matrix.data).map((x) => Number(x.toFixed(12)))).toEqual([-1, 0, 1]);
    expect(() => fitPreprocessing([counts], { orders: [1, -2] })).toThrow(
      "column 'orders', row 1: log1p needs values ≥ 0, got -2",
    );
    expect(() => applyPreprocessing(params, { orders: [3, 4, -1] })).toThrow(/row 2: log1p needs values ≥ 0/);
  });

  it('robust and standard scaling differ as expected on the same column', () => {
    const data = { age: [1, 2, 3, 4, 100] };
    const robust = applyPreprocessing(fitPreprocessing([AGE], data, { clipPercentiles: null }), data);
    const standard = fitPreprocessing([AGE], data, { scaling: 'standard', clipPercentiles: null });
    // robust: median 3, IQR 4 − 2: the outlier stays far out.
    expect(Array.from(robust.matrix.data)).toEqual([-1, -0.5, 0, 0.5, 48.5]);
    // standard: mean 22, population std.
    const mean = 22;
    const std = Math.sqrt([1, 2, 3, 4, 100].reduce((s, x) => s + (x - mean) ** 2, 0) / 5);
    expect(numberColumn(standard, 'age')).toMatchObject({ centre: mean, scale: std });
    const out = applyPreprocessing(standard, data);
    for (const [i, x] of [1, 2, 3, 4, 100].entries())
      expect(out.matrix.data[i]).toBeCloseTo((x - mean) / std, 12);
  });

  it('scales a constant column by 1 instead of dividing by zero', () => {
    for (const scaling of ['robust', 'standard'] as const) {
      const params = fitPreprocessing([AGE], { age: [0.1, 0.1, 0.1] }, { scaling });
      expect(numberColumn(params, 'age').scale).toBe(1);
      expect(Array.from(applyPreprocessing(params, { age: [0.1, 5] }).matrix.data)).toEqual([0, 0]);
    }
  });

  it('scales by 1 when the IQR is 0 but the column is not constant', () => {
    // Mostly zeros with one big value: median 0, quartiles 0 and 0.
    const params = fitPreprocessing([AGE], { age: [0, 0, 0, 0, 0, 0, 10] }, { clipPercentiles: null });
    expect(numberColumn(params, 'age')).toMatchObject({ centre: 0, scale: 1 });
    expect(Array.from(applyPreprocessing(params, { age: [0, 10] }).matrix.data)).toEqual([0, 10]);
  });
});

describe('fitPreprocessing: categories', () => {
  it('one-hot encodes the training categories, weighted; unseen and missing get all zeros', () => {
    const params = fitPreprocessing([{ ...GENDER, weight: 0.5 }], { gender: ['m', 'f', null, 'f'] });
    const out = applyPreprocessing(params, { gender: ['f', 'm', 'x', null] });
    expect(out.names).toEqual(['gender=f', 'gender=m']);
    expect(row(out, 0)).toEqual([0.5, 0]);
    expect(row(out, 1)).toEqual([0, 0.5]);
    expect(row(out, 2)).toEqual([0, 0]);
    expect(row(out, 3)).toEqual([0, 0]);
  });
});

describe('applyPreprocessing', () => {
  const specs: ColumnSpec[] = [AGE, GENDER, { name: 'orders', kind: 'number', log1p: true }];
  const training = {
    age: new Float64Array([25, 31, NaN, 47, 52, 38, 29, 61]),
    gender: ['f', 'm', 'f', null, 'm', 'f', 'x', 'm'],
    orders: new Float64Array([0, 3, 1, 12, 40, 2, 0, 7]),
    ignored: ['extra columns are fine'],
  };
  const fresh = {
    age: [33, null, 90],
    gender: ['m', 'unknown', 'f'],
    orders: [5, 0, 1000],
  };

  it('lays out columns in spec order with their names', () => {
    const out = applyPreprocessing(fitPreprocessing(specs, training), fresh);
    expect(out.names).toEqual(['age', 'age__missing', 'gender=f', 'gender=m', 'gender=x', 'orders']);
    expect(out.matrix.rows).toBe(3);
    expect(out.matrix.cols).toBe(6);
  });

  it('transforms each row on its own: the same params give the same row in any batch', () => {
    const params = fitPreprocessing(specs, training);
    const batch = applyPreprocessing(params, fresh);
    for (let i = 0; i < 3; i++) {
      const single = applyPreprocessing(params, {
        age: [fresh.age[i] ?? null],
        gender: [fresh.gender[i] ?? null],
        orders: [fresh.orders[i] ?? null],
      });
      expect(row(single, 0)).toEqual(row(batch, i));
    }
  });

  it('round-trips its params through JSON with an identical transform', () => {
    const params = fitPreprocessing(specs, training, { scaling: 'standard' });
    const restored = JSON.parse(JSON.stringify(params)) as PreprocessParams;
    expect(restored).toEqual(params);
    expect(applyPreprocessing(restored, fresh).matrix.data).toEqual(
      applyPreprocessing(params, fresh).matrix.data,
    );
  });

  it('names what is wrong with the input', () => {
    const params = fitPreprocessing(specs, training);
    expect(() => applyPreprocessing(params, { age: [1], gender: ['f'] })).toThrow(
      "input has no column 'orders'",
    );
    expect(() => applyPreprocessing(params, { age: [1, 2], gender: ['f'], orders: [1, 2] })).toThrow(
      "column 'gender' has 1 values but column 'age' has 2",
    );
    expect(() => applyPreprocessing(params, { age: ['31'] as never, gender: ['f'], orders: [1] })).toThrow(
      "column 'age', row 0: expected a number or null, got string '31'",
    );
    expect(() => fitPreprocessing([AGE], { age: [null, NaN] })).toThrow(
      "column 'age' has no values in the training rows",
    );
    expect(() => fitPreprocessing([AGE, AGE], { age: [1] })).toThrow("column 'age' is listed twice");
    expect(() => fitPreprocessing([{ ...GENDER, weight: -1 }], { gender: ['f'] })).toThrow(/weight must be/);
    expect(() => fitPreprocessing([AGE], { age: [] })).toThrow('cannot fit preprocessing on zero rows');
  });
});

describe('multi-valued categories', () => {
  it('gives each listed value its own column and sets every one a row lists', () => {
    const rows = { interests: ['Gaming, DIY Crafts', 'Gaming', null, 'Travel ,Gaming'] };
    const params = fitPreprocessing(
      [{ name: 'interests', kind: 'category', multiValue: true, weight: 2 }],
      rows,
    );
    expect(outputNames(params)).toEqual(['interests=DIY Crafts', 'interests=Gaming', 'interests=Travel']);
    const { matrix: m } = applyPreprocessing(params, rows);
    expect(Array.from(m.data)).toEqual([2, 2, 0, 0, 2, 0, 0, 0, 0, 0, 2, 2]);
    // A value never seen in training sets nothing; the ones that were seen still count.
    const later = applyPreprocessing(params, { interests: ['Cooking, Travel'] });
    expect(Array.from(later.matrix.data)).toEqual([0, 0, 2]);
  });
});

describe('the one-row transform', () => {
  it('gives the same numbers as applyPreprocessing, row by row', () => {
    const rows = {
      clicks: [0, 3, null, 250, 12],
      plan: ['pro', null, 'free', 'pro', 'team'],
      tags: ['a, b', 'b', null, 'c', 'a'],
    };
    const params = fitPreprocessing(
      [
        { name: 'clicks', kind: 'number', log1p: true },
        { name: 'plan', kind: 'category', weight: 0.5 },
        { name: 'tags', kind: 'category', multiValue: true },
      ],
      rows,
    );
    const whole = applyPreprocessing(params, rows).matrix;
    const transform = rowTransformer(params);
    const out = new Float64Array(whole.cols + 2).fill(7);
    for (let i = 0; i < whole.rows; i++) {
      transform((name) => (rows as Record<string, (number | string | null)[]>)[name]?.[i], out, 1);
      expect(Array.from(out.subarray(1, 1 + whole.cols))).toEqual(
        Array.from(whole.data.subarray(i * whole.cols, (i + 1) * whole.cols)),
      );
      expect([out[0], out[whole.cols + 1]]).toEqual([7, 7]);
    }
  });
});
