/**
 * Binary classification metrics stored with each model (issue #8), matching scikit-learn's
 * definitions (checked against sklearn 1.2) so figures compare with a notebook.
 *
 * Labels are 0/1 (Uint8Array or numbers). The ranking metrics only use the order of the scores, so
 * any finite score works there; `logLoss` and `calibrationBins` need probabilities in [0, 1].
 */

export type BinaryLabels = Uint8Array | ArrayLike<number>;
export type Scores = Float64Array | Float32Array | ArrayLike<number>;

/**
 * Cumulative counts at each distinct score, highest first (sklearn's `_binary_clf_curve`):
 * predicting positive for every score ≥ thresholds[i] gives tps[i] true and fps[i] false positives.
 */
interface BinaryCurve {
  readonly thresholds: Float64Array;
  readonly tps: Float64Array;
  readonly fps: Float64Array;
  readonly positives: number;
  readonly negatives: number;
}

export interface RocCurve {
  readonly fpr: number[];
  readonly tpr: number[];
  readonly thresholds: number[];
}

export interface PrCurve {
  readonly precision: number[];
  readonly recall: number[];
  readonly thresholds: number[];
}

export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** Mean predicted probability in the bin; null when the bin is empty. */
  readonly meanPredicted: number | null;
  /** Share of positives in the bin; null when the bin is empty. */
  readonly fractionPositive: number | null;
}

export interface ClassWeights {
  readonly positive: number;
  readonly negative: number;
}

/**
 * Area under the ROC curve, as sklearn's `roc_auc_score`: the trapezoid over every distinct score,
 * so tied positive/negative pairs count one half (the Mann–Whitney statistic with average ranks).
 * Throws when only one class is present, where the area is undefined.
 */
export function rocAuc(labels: BinaryLabels, scores: Scores): number {
  const curve = binaryCurve(labels, scores);
  requireBothClasses(curve, 'ROC AUC');
  let area = 0;
  let tpBefore = 0;
  let fpBefore = 0;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const tp = curve.tps[i] as number;
    const fp = curve.fps[i] as number;
    area += (fp - fpBefore) * (tp + tpBefore);
    tpBefore = tp;
    fpBefore = fp;
  }
  return area / (2 * curve.positives * curve.negatives);
}

/**
 * ROC curve as sklearn 1.2's `roc_curve(..., drop_intermediate=False)`: one point per distinct
 * score, highest first, after a leading (0, 0) point whose threshold is the top score + 1 (sklearn
 * ≥ 1.3 uses Infinity there; a finite value survives JSON). Throws when only one class is present.
 */
export function rocCurve(labels: BinaryLabels, scores: Scores): RocCurve {
  const curve = binaryCurve(labels, scores);
  requireBothClasses(curve, 'the ROC curve');
  const fpr = [0];
  const tpr = [0];
  const thresholds = [(curve.thresholds[0] as number) + 1];
  for (let i = 0; i < curve.thresholds.length; i++) {
    fpr.push((curve.fps[i] as number) / curve.negatives);
    tpr.push((curve.tps[i] as number) / curve.positives);
    thresholds.push(curve.thresholds[i] as number);
  }
  return { fpr, tpr, thresholds };
}

/**
 * Precision–recall curve as sklearn 1.2's `precision_recall_curve`: thresholds ascending (one per
 * distinct score), and precision/recall one longer, ending with the (recall 0, precision 1) point.
 * Throws without positives, where recall is undefined.
 */
export function prCurve(labels: BinaryLabels, scores: Scores): PrCurve {
  const curve = binaryCurve(labels, scores);
  requirePositives(curve, 'the precision-recall curve');
  const precision: number[] = [];
  const recall: number[] = [];
  const thresholds: number[] = [];
  for (let i = curve.thresholds.length - 1; i >= 0; i--) {
    const tp = curve.tps[i] as number;
    precision.push(tp / (tp + (curve.fps[i] as number)));
    recall.push(tp / curve.positives);
    thresholds.push(curve.thresholds[i] as number);
  }
  precision.push(1);
  recall.push(0);
  return { precision, recall, thresholds };
}

/**
 * PR AUC as sklearn's `average_precision_score`: Σ (Rₙ − Rₙ₋₁) Pₙ over the distinct scores, a step
 * function with no interpolation (the trapezoid over a PR curve is optimistic). Throws without
 * positives.
 */
export function averagePrecision(labels: BinaryLabels, scores: Scores): number {
  const curve = binaryCurve(labels, scores);
  requirePositives(curve, 'average precision');
  let sum = 0;
  let tpBefore = 0;
  for (let i = 0; i < curve.thresholds.length; i++) {
    const tp = curve.tps[i] as number;
    sum += ((tp - tpBefore) * tp) / (tp + (curve.fps[i] as number));
    tpBefore = tp;
  }
  return sum / curve.positives;
}

/**
 * Mean cross-entropy as sklearn's `log_loss`, probabilities clipped to [eps, 1 − eps] so a confident
 * mistake costs −ln(eps) instead of Infinity (1e-15 is sklearn's default before 1.2's 'auto').
 * Unlike sklearn, a single class is accepted: a validation window with no churners still has a
 * meaningful loss.
 */
export function logLoss(labels: BinaryLabels, probabilities: Scores, eps = 1e-15): number {
  checkInputs(labels, probabilities, 'probabilities');
  checkProbabilities(probabilities);
  if (!(eps >= 0 && eps < 0.5)) throw new RangeError(`eps must be in [0, 0.5) (got ${eps})`);
  let sum = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(Math.max(probabilities[i] as number, eps), 1 - eps);
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / labels.length;
}

/**
 * Reliability diagram data with sklearn's `calibration_curve(strategy='uniform')` bins: edges
 * i·(1/bins) like numpy's linspace, each bin (lower, upper] except the first, which also holds 0.
 * Empty bins are kept (count 0, nulls) so every model stores the same bins side by side.
 */
export function calibrationBins(labels: BinaryLabels, probabilities: Scores, bins = 10): CalibrationBin[] {
  checkInputs(labels, probabilities, 'probabilities');
  checkProbabilities(probabilities);
  if (!Number.isInteger(bins) || bins < 1)
    throw new RangeError(`bins must be a whole number ≥ 1 (got ${bins})`);
  const step = 1 / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => (i === bins ? 1 : i * step));
  const counts = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const positives = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i] as number;
    // Count of inner edges strictly below p (numpy's searchsorted, side 'left').
    let lo = 0;
    let hi = bins - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((edges[mid + 1] as number) < p) lo = mid + 1;
      else hi = mid;
    }
    counts[lo] = (counts[lo] as number) + 1;
    predicted[lo] = (predicted[lo] as number) + p;
    positives[lo] = (positives[lo] as number) + (labels[i] as number);
  }
  return Array.from({ length: bins }, (_, b) => {
    const count = counts[b] as number;
    return {
      lower: edges[b] as number,
      upper: edges[b + 1] as number,
      count,
      meanPredicted: count === 0 ? null : (predicted[b] as number) / count,
      fractionPositive: count === 0 ? null : (positives[b] as number) / count,
    };
  });
}

/**
 * Positive rate among the top `fraction` of rows by score ÷ the overall positive rate (1 = no
 * better than random). The top is round(fraction · n) rows, at least one; rows tied at the cut are
 * taken in index order, so the figure does not depend on a sort's tie handling. Throws without
 * positives.
 */
export function liftAtTop(labels: BinaryLabels, scores: Scores, fraction = 0.1): number {
  const curve = binaryCurve(labels, scores);
  requirePositives(curve, 'lift');
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1] (got ${fraction})`);
  const n = labels.length;
  const top = Math.max(1, Math.round(fraction * n));
  // The distinct score whose group holds the cut, and the rows strictly above it.
  let group = 0;
  while ((curve.tps[group] as number) + (curve.fps[group] as number) < top) group++;
  const cut = curve.thresholds[group] as number;
  const above = group === 0 ? 0 : (curve.tps[group - 1] as number) + (curve.fps[group - 1] as number);
  let topPositives = group === 0 ? 0 : (curve.tps[group - 1] as number);
  let fromTie = top - above;
  for (let i = 0; i < n && fromTie > 0; i++) {
    if (scores[i] === cut) {
      topPositives += labels[i] as number;
      fromTie--;
    }
  }
  return topPositives / top / (curve.positives / n);
}

/**
 * Weights that make both classes count equally, as sklearn's `compute_class_weight('balanced')`:
 * n / (2 · class count). Throws when a class is missing.
 */
export function classWeights(labels: BinaryLabels): ClassWeights {
  const { positives, negatives } = countClasses(labels);
  if (positives === 0 || negatives === 0)
    throw new RangeError(`class weights need both classes (${positives} positives, ${negatives} negatives)`);
  const n = labels.length;
  return { positive: n / (2 * positives), negative: n / (2 * negatives) };
}

/** XGBoost's `scale_pos_weight`: negatives ÷ positives. Throws without positives. */
export function scalePosWeight(labels: BinaryLabels): number {
  const { positives, negatives } = countClasses(labels);
  if (positives === 0) throw new RangeError('scale_pos_weight needs at least one positive label');
  return negatives / positives;
}

/**
 * Positive and negative scores sorted apart with the native (comparator-free) typed-array sort,
 * then merged from the top: no per-row objects and no comparator calls, so 1M rows take tens of
 * milliseconds.
 */
function binaryCurve(labels: BinaryLabels, scores: Scores): BinaryCurve {
  checkInputs(labels, scores, 'scores');
  const { positives, negatives } = countClasses(labels);
  const pos = new Float64Array(positives);
  const neg = new Float64Array(negatives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    const score = scores[i] as number;
    if (!Number.isFinite(score)) throw new RangeError(`score ${i} is ${score}, not a finite number`);
    if (labels[i] === 1) pos[p++] = score;
    else neg[q++] = score;
  }
  pos.sort();
  neg.sort();
  const thresholds = new Float64Array(labels.length);
  const tps = new Float64Array(labels.length);
  const fps = new Float64Array(labels.length);
  let groups = 0;
  let tp = 0;
  let fp = 0;
  p = positives - 1;
  q = negatives - 1;
  while (p >= 0 || q >= 0) {
    const top = Math.max(p >= 0 ? (pos[p] as number) : -Infinity, q >= 0 ? (neg[q] as number) : -Infinity);
    // === rather than a sort order, so -0 and 0 fall in one group as they do in numpy.
    while (p >= 0 && pos[p] === top) {
      tp++;
      p--;
    }
    while (q >= 0 && neg[q] === top) {
      fp++;
      q--;
    }
    thresholds[groups] = top;
    tps[groups] = tp;
    fps[groups] = fp;
    groups++;
  }
  return {
    thresholds: thresholds.subarray(0, groups),
    tps: tps.subarray(0, groups),
    fps: fps.subarray(0, groups),
    positives,
    negatives,
  };
}

function checkInputs(labels: BinaryLabels, values: Scores, name: string): void {
  if (labels.length !== values.length)
    throw new RangeError(`${labels.length} labels but ${values.length} ${name}: they must match row for row`);
  if (labels.length === 0) throw new RangeError('no rows to evaluate');
}

function checkProbabilities(probabilities: Scores): void {
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i] as number;
    if (!(p >= 0 && p <= 1)) throw new RangeError(`probability ${i} is ${p}, outside [0, 1]`);
  }
}

function countClasses(labels: BinaryLabels): { positives: number; negatives: number } {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    if (label === 1) positives++;
    else if (label !== 0) throw new RangeError(`label ${i} is ${label}; labels must be 0 or 1`);
  }
  return { positives, negatives: labels.length - positives };
}

function requirePositives(curve: BinaryCurve, what: string): void {
  if (curve.positives === 0) throw new RangeError(`${what} is undefined without positive labels`);
}

function requireBothClasses(curve: BinaryCurve, what: string): void {
  if (curve.positives === 0 || curve.negatives === 0)
    throw new RangeError(
      `${what} is undefined with only one class present (${curve.positives} positives, ${curve.negatives} negatives)`,
    );
}
