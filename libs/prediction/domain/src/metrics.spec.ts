import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  calibrationBins,
  classWeights,
  liftAtTop,
  logLoss,
  prCurve,
  rocAuc,
  rocCurve,
  scalePosWeight,
} from './metrics.js';

// Ten rows with ties inside one class (0.35, 0.35) and across classes (0.4 ×3: two negatives, one
// positive). Expected figures come from scikit-learn 1.2.1, run by hand on these arrays.
const labels = Uint8Array.from([0, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
const scores = Float64Array.from([0.1, 0.4, 0.35, 0.8, 0.4, 0.35, 0.9, 0.2, 0.4, 0.65]);

/** Mulberry32: a seeded generator so the large case is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('rocAuc', () => {
  it('counts tied positive/negative pairs as one half, as sklearn', () => {
    // roc_auc_score(y, s)
    expect(rocAuc(labels, scores)).toBeCloseTo(0.68, 15);
    // Every score tied: no ranking at all.
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    const y = [0, 0, 0, 1, 1];
    expect(rocAuc(y, [0.1, 0.2, 0.3, 0.8, 0.9])).toBe(1);
    expect(rocAuc(y, [0.9, 0.8, 0.7, 0.2, 0.1])).toBe(0);
  });

  it('refuses a single class, where the area is undefined', () => {
    expect(() => rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(
      'ROC AUC is undefined with only one class present (3 positives, 0 negatives)',
    );
  });

  it('names mismatched lengths, labels that are not 0/1 and scores that are not numbers', () => {
    expect(() => rocAuc([0, 1], [0.5])).toThrow('2 labels but 1 scores');
    expect(() => rocAuc([0, 2], [0.1, 0.5])).toThrow('label 1 is 2; labels must be 0 or 1');
    expect(() => rocAuc([0, 1], [0.1, Number.NaN])).toThrow('score 1 is NaN');
    expect(() => rocAuc([], [])).toThrow('no rows to evaluate');
  });

  it('scores a million random rows to about 0.5', () => {
    const n = 1_000_000;
    const random = seeded(8);
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = random() < 0.2 ? 1 : 0;
      s[i] = random();
    }
    // Standard error of the AUC here is about 0.0007.
    expect(rocAuc(y, s)).toBeCloseTo(0.5, 2);
    expect(averagePrecision(y, s)).toBeCloseTo(0.2, 2);
    expect(liftAtTop(y, s)).toBeCloseTo(1, 1);
  });
});

describe('rocCurve', () => {
  it("gives sklearn's roc_curve(drop_intermediate=False) points", () => {
    const curve = rocCurve(labels, scores);
    expect(curve.fpr).toEqual([0, 0, 0, 0.2, 0.6, 0.6, 0.8, 1]);
    expect(curve.tpr).toEqual([0, 0.2, 0.4, 0.4, 0.6, 1, 1, 1]);
    // sklearn 1.2 starts at max score + 1.
    expect(curve.thresholds).toEqual([1.9, 0.9, 0.8, 0.65, 0.4, 0.35, 0.2, 0.1]);
  });
});

describe('prCurve and averagePrecision', () => {
  it("gives sklearn's precision_recall_curve, thresholds ascending", () => {
    const curve = prCurve(labels, scores);
    expect(curve.thresholds).toEqual([0.1, 0.2, 0.35, 0.4, 0.65, 0.8, 0.9]);
    expect(curve.recall).toEqual([1, 1, 1, 0.6, 0.4, 0.4, 0.2, 0]);
    const expected = [0.5, 0.5555555555555556, 0.625, 0.5, 0.6666666666666666, 1, 1, 1];
    curve.precision.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 15));
  });

  it('steps without interpolation, as average_precision_score', () => {
    // average_precision_score(y, s): 0.2·1 + 0.2·1 + 0.2·(2/4)… = 0.75
    expect(averagePrecision(labels, scores)).toBeCloseTo(0.75, 15);
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
  });

  it('refuses a set without positives, where recall is undefined', () => {
    expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(
      'average precision is undefined without positive labels',
    );
    expect(() => prCurve([0, 0], [0.1, 0.2])).toThrow('without positive labels');
  });
});

describe('logLoss', () => {
  it("matches sklearn's log_loss", () => {
    // log_loss(y, s)
    expect(logLoss(labels, scores)).toBeCloseTo(0.5744416486846242, 14);
  });

  it('clips certain mistakes to −ln(eps) instead of Infinity', () => {
    // log_loss([1, 0, 1, 0], [0, 0, 1, 1], eps=1e-15), and eps=1e-7. sklearn 1.2's own default
    // is eps='auto' (2.2e-16 for float64); the 1e-15 default here is sklearn's older one.
    expect(logLoss([1, 0, 1, 0], [0, 0, 1, 1])).toBeCloseTo(17.26958809681289, 12);
    expect(logLoss([1, 0, 1, 0], [0, 0, 1, 1], 1e-7)).toBeCloseTo(8.059047875610752, 12);
  });

  it('accepts a single class and rejects probabilities outside [0, 1]', () => {
    expect(logLoss([0, 0], [0.5, 0.5])).toBeCloseTo(Math.LN2, 15);
    expect(() => logLoss([0, 1], [0.5, 1.2])).toThrow('probability 1 is 1.2, outside [0, 1]');
  });
});

describe('calibrationBins', () => {
  it("bins like calibration_curve(strategy='uniform') and keeps the empty bins", () => {
    const y = [0, 0, 1, 0, 1, 1, 0, 1, 1, 1];
    const p = [0, 0.1, 0.25, 0.3, 0.5, 0.55, 0.7, 0.75, 1, 0.3];
    const bins = calibrationBins(y, p);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([2, 0, 3, 0, 1, 1, 1, 1, 0, 1]);
    // calibration_curve(y, p, n_bins=10) returns only the seven non-empty bins:
    const fraction = [0, 0.6666666666666666, 1, 1, 0, 1, 1];
    const mean = [0.05, 0.2833333333333334, 0.5, 0.55, 0.7, 0.75, 1];
    const filled = bins.filter((b) => b.count > 0);
    filled.forEach((b, i) => {
      expect(b.fractionPositive).toBeCloseTo(fraction[i] as number, 15);
      expect(b.meanPredicted).toBeCloseTo(mean[i] as number, 15);
    });
    expect(bins[1]).toEqual({
      lower: 0.1,
      upper: 0.2,
      count: 0,
      meanPredicted: null,
      fractionPositive: null,
    });
    expect(bins[9]?.upper).toBe(1);
  });

  it('puts a probability on an edge in the lower bin, and 0 in the first', () => {
    const bins = calibrationBins([1, 0, 1], [0, 0.5, 1], 2);
    expect(bins.map((b) => b.count)).toEqual([2, 1]);
    // calibration_curve([1, 0, 1], [0, 0.5, 1], n_bins=2): [0.5, 1.0], [0.25, 1.0]
    expect(bins.map((b) => b.fractionPositive)).toEqual([0.5, 1]);
    expect(bins.map((b) => b.meanPredicted)).toEqual([0.25, 1]);
  });
});

describe('liftAtTop', () => {
  it('compares the positive rate of the top rows with the overall rate', () => {
    // Top 3 of 10 (0.9, 0.8, 0.65): 2 positives of 3, against 5 of 10 overall.
    expect(liftAtTop(labels, scores, 0.3)).toBeCloseTo(4 / 3, 15);
  });

  it('breaks ties at the cut by row index', () => {
    // The top 4 takes one of the three rows tied at 0.4: rows 1 and 4 are negative, row 8 positive.
    expect(liftAtTop(labels, scores, 0.4)).toBe(1);
    // Moving the positive to the lowest index among the ties puts it in the top 4.
    const swapped = Uint8Array.from(labels);
    swapped[1] = 1;
    swapped[8] = 0;
    expect(liftAtTop(swapped, scores, 0.4)).toBe(1.5);
    // The whole tie group fits in the top 6.
    expect(liftAtTop(labels, scores, 0.6)).toBe(1);
  });

  it('rejects a fraction outside (0, 1]', () => {
    expect(() => liftAtTop(labels, scores, 0)).toThrow('fraction must be in (0, 1] (got 0)');
  });
});

describe('classWeights and scalePosWeight', () => {
  it("weights classes as compute_class_weight('balanced') and XGBoost's scale_pos_weight", () => {
    const y = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    // compute_class_weight('balanced', classes=[0, 1], y=y): [0.71428571, 1.66666667]
    expect(classWeights(y)).toEqual({ positive: 10 / 6, negative: 10 / 14 });
    expect(scalePosWeight(y)).toBeCloseTo(7 / 3, 15);
  });

  it('refuses labels with a class missing', () => {
    expect(() => classWeights([0, 0])).toThrow('class weights need both classes (0 positives, 2 negatives)');
    expect(() => scalePosWeight([0, 0])).toThrow('at least one positive');
  });
});
