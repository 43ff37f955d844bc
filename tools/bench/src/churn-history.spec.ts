import { describe, expect, it } from 'vitest';
import { rocAuc } from '@cdp/prediction/domain';
import { CHURN_FEATURES, churnData } from './churn-history.js';

/** A column as float64, missing values sorted below every real one (for a one-feature AUC). */
function column(x: Float32Array, rows: number, cols: number, c: number): Float64Array {
  return Float64Array.from({ length: rows }, (_, i) => {
    const value = x[i * cols + c] as number;
    return Number.isNaN(value) ? -1e9 : value;
  });
}

describe('churnData', () => {
  const data = churnData(20_000, { seed: 11 });

  it('gives the same rows and labels for the same seed, and other ones for another seed', () => {
    const again = churnData(20_000, { seed: 11 });
    const other = churnData(20_000, { seed: 12 });
    expect(again.x).toEqual(data.x);
    expect(again.labels).toEqual(data.labels);
    expect(other.x).not.toEqual(data.x);
    expect(data.x.length).toBe(20_000 * 30);
    expect(data.featureNames).toHaveLength(30);
  });

  it('churns a sane share of profiles, with both labels only 0 or 1', () => {
    let churned = 0;
    let other = 0;
    for (const label of data.labels) {
      if (label === 1) churned++;
      else if (label !== 0) other++;
    }
    expect(other).toBe(0);
    expect(churned / data.rows).toBeGreaterThan(0.1);
    expect(churned / data.rows).toBeLessThan(0.4);
  });

  it('orders rows by cut-off, so the last quarter is later than the rest', () => {
    const { cutoffIndex } = data;
    let backwards = 0;
    for (let i = 1; i < cutoffIndex.length; i++)
      if ((cutoffIndex[i] as number) < (cutoffIndex[i - 1] as number)) backwards++;
    expect(backwards).toBe(0);
    expect(cutoffIndex[0]).toBe(0);
    expect(cutoffIndex.at(-1)).toBe(11);
  });

  it('puts the signal in the mechanism: the true logit ranks churners well, noise features not at all', () => {
    const trueAuc = rocAuc(data.labels, data.logit);
    expect(trueAuc).toBeGreaterThanOrEqual(0.85);
    // Not a solved problem either: labels are drawn from the probabilities.
    expect(trueAuc).toBeLessThan(0.95);
    const absence = rocAuc(data.labels, column(data.x, data.rows, data.cols, 0));
    expect(absence).toBeGreaterThan(0.75);
    for (let c = CHURN_FEATURES.length; c < data.cols; c++) {
      const auc = rocAuc(data.labels, column(data.x, data.rows, data.cols, c));
      expect(Math.abs(auc - 0.5)).toBeLessThan(0.03);
    }
  });

  it('has missing values where a feature store would, and never -1 (the WASM binding reads it as missing)', () => {
    let missing = 0;
    let negative = 0;
    const opens = CHURN_FEATURES.indexOf('email_opens_30d');
    let missingOpens = 0;
    for (const value of data.x) {
      if (Number.isNaN(value)) missing++;
      else if (value < 0) negative++;
    }
    expect(negative).toBe(0);
    for (let i = 0; i < data.rows; i++)
      if (Number.isNaN(data.x[i * data.cols + opens] as number)) missingOpens++;
    expect(missing).toBeGreaterThan(0);
    expect(missingOpens / data.rows).toBeGreaterThan(0.1);
    expect(missingOpens / data.rows).toBeLessThan(0.3);
  });

  it('rejects fewer columns than the behavioural features', () => {
    expect(() => churnData(10, { seed: 1, cols: 5 })).toThrow(RangeError);
  });
});
