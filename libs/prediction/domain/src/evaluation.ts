import {
  averagePrecision,
  calibrationBins,
  liftAtTop,
  logLoss,
  rocAuc,
  rocCurve,
  prCurve,
  type BinaryLabels,
  type Scores,
} from './metrics.js';

/** Points kept per plotted curve. */
export const CURVE_POINTS = 200;

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Evaluation {
  readonly auc: number;
  readonly prAuc: number;
  readonly logLoss: number;
  readonly liftAtTopDecile: number;
  readonly positiveRate: number;
  readonly roc: Point[];
  readonly pr: Point[];
  readonly calibration: Array<{ predicted: number; observed: number; count: number }>;
}

/** Everything stored with a model about its validation rows (both classes needed). */
export function evaluate(labels: BinaryLabels, probabilities: Scores): Evaluation {
  const roc = rocCurve(labels, probabilities);
  const pr = prCurve(labels, probabilities);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] as number;
  return {
    auc: rocAuc(labels, probabilities),
    prAuc: averagePrecision(labels, probabilities),
    logLoss: logLoss(labels, probabilities),
    liftAtTopDecile: liftAtTop(labels, probabilities, 0.1),
    positiveRate: positives / labels.length,
    roc: thin(roc.fpr.map((x, i) => ({ x, y: roc.tpr[i] as number }))),
    pr: thin(pr.recall.map((x, i) => ({ x, y: pr.precision[i] as number }))),
    calibration: calibrationBins(labels, probabilities, 10)
      .filter((bin) => bin.count > 0)
      .map((bin) => ({
        predicted: bin.meanPredicted as number,
        observed: bin.fractionPositive as number,
        count: bin.count,
      })),
  };
}

/** At most `max` points, evenly spaced along the curve, first and last kept. */
export function thin(points: readonly Point[], max = CURVE_POINTS): Point[] {
  if (!Number.isInteger(max) || max < 2) throw new RangeError(`max must be a whole number ≥ 2 (got ${max})`);
  if (points.length <= max) return [...points];
  const out: Point[] = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round((i * (points.length - 1)) / (max - 1))] as Point);
  return out;
}

export interface PromotionDecision {
  readonly promote: boolean;
  /** One sentence for the job status, the CLI and the console. */
  readonly reason: string;
}

/**
 * A new model replaces the active one only if it scores a higher AUC on the same validation rows.
 * `activeAuc` is the active model's AUC on the candidate's validation rows (null: no active model).
 */
export function promotionDecision(candidateAuc: number, activeAuc: number | null): PromotionDecision {
  const c = candidateAuc.toFixed(4);
  if (activeAuc === null) return { promote: true, reason: `first model of its target (validation AUC ${c})` };
  const a = activeAuc.toFixed(4);
  return candidateAuc > activeAuc
    ? { promote: true, reason: `validation AUC ${c} beats the active model's ${a} on the same rows` }
    : {
        promote: false,
        reason: `validation AUC ${c} does not beat the active model's ${a} on the same rows`,
      };
}
