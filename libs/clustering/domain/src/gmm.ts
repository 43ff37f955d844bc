import { kmeans } from './kmeans.js';
import { checkFinite, type Matrix, matrix, seededRandom } from './matrix.js';

/**
 * Gaussian mixture with diagonal covariances fitted by EM, following scikit-learn's
 * `GaussianMixture(covariance_type='diag', init_params='kmeans')`: responsibilities start from a
 * k-means partition, `regCovar` is added to every variance, and EM stops when the mean per-row
 * log-likelihood changes by less than `tol`.
 *
 * Responsibilities live in one rows × k Float64Array per fit, reused by every iteration.
 */

export interface GaussianMixtureOptions {
  readonly k: number;
  readonly seed?: number;
  /** Most EM iterations (sklearn's default 100). */
  readonly maxIter?: number;
  /** Stop when the mean per-row log-likelihood changes by less than this (sklearn's 1e-3). */
  readonly tol?: number;
  /** Added to every variance so that a component on a single value stays a proper density. */
  readonly regCovar?: number;
  /** Restarts from different k-means seeds; the highest log-likelihood wins. */
  readonly nInit?: number;
}

export interface GaussianMixtureModel {
  /** k × cols. */
  readonly means: Matrix;
  /** k × cols: each component's per-feature variance, `regCovar` included. */
  readonly variances: Matrix;
  /** k mixing weights summing to 1. */
  readonly weights: Float64Array;
}

export interface GaussianMixtureResult extends GaussianMixtureModel {
  /** Most probable component of each row under the returned model. */
  readonly labels: Int32Array;
  /**
   * Mean per-row log-likelihood of x under the returned model. sklearn's `lower_bound_` is the one
   * before the last M-step; this one matches the parameters returned.
   */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** A component with less total responsibility than this keeps its previous parameters (see mStep). */
const EMPTY = 10 * Number.EPSILON;

/**
 * Fits `nInit` mixtures from k-means partitions seeded deterministically from `seed` and returns
 * the one with the highest log-likelihood. A component that loses all its rows keeps its previous
 * mean and variances with weight ≈ 0 (it is not re-seeded), so no value is ever NaN.
 */
export function gaussianMixture(x: Matrix, options: GaussianMixtureOptions): GaussianMixtureResult {
  const { k, seed = 0, maxIter = 100, tol = 1e-3, regCovar = 1e-6, nInit = 1 } = options;
  if (!Number.isInteger(k) || k < 1 || k > x.rows)
    throw new RangeError(`k must be a whole number from 1 to the number of rows (${x.rows}), got ${k}`);
  if (!Number.isInteger(maxIter) || maxIter < 1)
    throw new RangeError(`maxIter must be a whole number ≥ 1 (got ${maxIter})`);
  if (!(tol >= 0)) throw new RangeError(`tol must be ≥ 0 (got ${tol})`);
  // 0 is refused (sklearn allows it): a component on one repeated value would get a zero variance.
  if (!(regCovar > 0) || !Number.isFinite(regCovar))
    throw new RangeError(`regCovar must be a finite number > 0 (got ${regCovar})`);
  if (!Number.isInteger(nInit) || nInit < 1)
    throw new RangeError(`nInit must be a whole number ≥ 1 (got ${nInit})`);
  checkFinite(x, 'a Gaussian mixture');

  const seeds = seededRandom(seed);
  let best: GaussianMixtureResult | undefined;
  for (let run = 0; run < nInit; run++) {
    const result = fit(x, k, Math.floor(seeds() * 4_294_967_296), maxIter, tol, regCovar);
    if (best === undefined || result.logLikelihood > best.logLikelihood) best = result;
  }
  return best as GaussianMixtureResult;
}

/** The most probable component of every row of x. */
export function gmmPredict(model: GaussianMixtureModel, x: Matrix): Int32Array {
  checkWidth(model, x.cols);
  const labels = new Int32Array(x.rows);
  score(x, model, prepare(model), labels);
  return labels;
}

/**
 * The most probable component of one row (`row[start .. start + cols)`), for assigning a profile in
 * real time: no allocation, and the same arithmetic as `gmmPredict`, so the same answer.
 */
export function gmmAssignRow(model: GaussianMixtureModel, row: Float64Array, start = 0): number {
  const { means } = model;
  const { rows: k, cols } = means;
  checkWidth(model, cols);
  if (start < 0 || start + cols > row.length)
    throw new RangeError(`row holds ${row.length} values, too few for ${cols} from ${start}`);
  let best = 0;
  let bestLog = -Infinity;
  for (let j = 0; j < k; j++) {
    const log = componentLog(model, j, row, start);
    if (log > bestLog) {
      bestLog = log;
      best = j;
    }
  }
  return best;
}

/** Log of component j's weighted density at one row (`row[start .. start + cols)`). */
function componentLog(model: GaussianMixtureModel, j: number, row: Float64Array, start: number): number {
  const { means, variances } = model;
  const cols = means.cols;
  let sum = 0;
  for (let c = 0, s = j * cols; c < cols; c++, s++) {
    const d = (row[start + c] as number) - (means.data[s] as number);
    sum += d * d * (1 / (variances.data[s] as number));
  }
  return componentConstant(model, j) - 0.5 * sum;
}

/**
 * Posterior probability of each component for one row, written to `out` (pass one to avoid
 * allocating per call). Sums to 1.
 */
export function gmmRowProbabilities(
  model: GaussianMixtureModel,
  row: Float64Array,
  start = 0,
  out: Float64Array = new Float64Array(model.weights.length),
): Float64Array {
  const { means } = model;
  const { rows: k, cols } = means;
  checkWidth(model, cols);
  if (out.length < k) throw new RangeError(`out holds ${out.length} values, fewer than the ${k} components`);
  if (start < 0 || start + cols > row.length)
    throw new RangeError(`row holds ${row.length} values, too few for ${cols} from ${start}`);
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    const log = componentLog(model, j, row, start);
    out[j] = log;
    if (log > max) max = log;
  }
  let total = 0;
  for (let j = 0; j < k; j++) total += out[j] = Math.exp((out[j] as number) - max);
  for (let j = 0; j < k; j++) out[j] = (out[j] as number) / total;
  return out;
}

/** One EM fit from the k-means partition of `seed`. */
function fit(
  x: Matrix,
  k: number,
  seed: number,
  maxIter: number,
  tol: number,
  regCovar: number,
): GaussianMixtureResult {
  const { rows: n, cols } = x;
  const model: GaussianMixtureModel = {
    means: matrix(k, cols),
    variances: matrix(k, cols),
    weights: new Float64Array(k),
  };
  // What an empty k-means cluster keeps: the whole data's Gaussian (see mStep).
  const { mean, variance } = columnMoments(x);
  for (let j = 0; j < k; j++) {
    model.means.data.set(mean, j * cols);
    for (let c = 0; c < cols; c++) model.variances.data[j * cols + c] = (variance[c] as number) + regCovar;
  }

  const resp = new Float64Array(n * k);
  const start = kmeans(x, { k, nInit: 1, seed });
  for (let i = 0; i < n; i++) resp[i * k + (start.labels[i] as number)] = 1;
  const scratch = { totals: new Float64Array(k), sums: new Float64Array(k * cols) };
  mStep(x, resp, model, regCovar, scratch);

  const prepared = prepare(model);
  let previous = -Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    const logLikelihood = eStep(x, model, prepare(model, prepared), resp);
    mStep(x, resp, model, regCovar, scratch);
    iterations++;
    if (Math.abs(logLikelihood - previous) < tol) {
      converged = true;
      break;
    }
    previous = logLikelihood;
  }
  const labels = new Int32Array(n);
  const logLikelihood = score(x, model, prepare(model, prepared), labels);
  return { ...model, labels, logLikelihood, iterations, converged };
}

/** Per-component terms of the log-density that do not depend on the row. */
interface Prepared {
  /** k × cols: 1 / variance. */
  readonly precisions: Float64Array;
  /** k: log weight − ½ (cols · log 2π + Σ log variance). */
  readonly constants: Float64Array;
}

function prepare(model: GaussianMixtureModel, into?: Prepared): Prepared {
  const { rows: k, cols } = model.means;
  const variances = model.variances.data;
  const prepared = into ?? { precisions: new Float64Array(k * cols), constants: new Float64Array(k) };
  for (let s = 0; s < k * cols; s++) prepared.precisions[s] = 1 / (variances[s] as number);
  for (let j = 0; j < k; j++) prepared.constants[j] = componentConstant(model, j);
  return prepared;
}

/** Shared by `prepare` and the one-row functions so that both compute bit-identical log-densities. */
function componentConstant(model: GaussianMixtureModel, j: number): number {
  const { cols } = model.means;
  const variances = model.variances.data;
  let logDet = 0;
  for (let c = 0, s = j * cols; c < cols; c++, s++) logDet += Math.log(variances[s] as number);
  // A component that lost every row has weight 0, so −∞ here: it never wins and adds 0 to sums.
  return Math.log(model.weights[j] as number) - 0.5 * (cols * LOG_2PI + logDet);
}

/**
 * Writes log(weight_j · N(row | component j)) for every component to `out[outStart ..]` and
 * returns the largest.
 */
function weightedLogDensities(
  data: Float64Array,
  base: number,
  cols: number,
  model: GaussianMixtureModel,
  prepared: Prepared,
  out: Float64Array,
  outStart: number,
): number {
  const { precisions, constants } = prepared;
  const means = model.means.data;
  const k = constants.length;
  let max = -Infinity;
  for (let j = 0; j < k; j++) {
    let sum = 0;
    for (let c = 0, s = j * cols; c < cols; c++, s++) {
      const d = (data[base + c] as number) - (means[s] as number);
      sum += d * d * (precisions[s] as number);
    }
    const log = (constants[j] as number) - 0.5 * sum;
    out[outStart + j] = log;
    if (log > max) max = log;
  }
  return max;
}

/** Fills `resp` with each row's posterior probabilities (log-sum-exp) and returns the mean log-likelihood. */
function eStep(x: Matrix, model: GaussianMixtureModel, prepared: Prepared, resp: Float64Array): number {
  const { rows: n, cols, data } = x;
  const k = model.weights.length;
  let total = 0;
  for (let i = 0, r = 0; i < n; i++, r += k) {
    const max = weightedLogDensities(data, i * cols, cols, model, prepared, resp, r);
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.exp((resp[r + j] as number) - max);
    const logSum = max + Math.log(sum);
    total += logSum;
    for (let j = 0; j < k; j++) resp[r + j] = Math.exp((resp[r + j] as number) - logSum);
  }
  return total / n;
}

/** Labels (most probable component) of every row into `labels`; returns the mean log-likelihood. */
function score(x: Matrix, model: GaussianMixtureModel, prepared: Prepared, labels: Int32Array): number {
  const { rows: n, cols, data } = x;
  const k = model.weights.length;
  const logs = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const max = weightedLogDensities(data, i * cols, cols, model, prepared, logs, 0);
    let best = 0;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const log = logs[j] as number;
      // Strictly greater, as in gmmAssignRow: ties go to the lowest component.
      if (log > (logs[best] as number)) best = j;
      sum += Math.exp(log - max);
    }
    labels[i] = best;
    total += max + Math.log(sum);
  }
  return total / n;
}

/**
 * Weights, means and variances from the responsibilities, in place. A component whose total
 * responsibility is below EMPTY keeps its previous mean and variances (with its weight, ≈ 0): no
 * division by zero, hence no NaN, and no re-seeding, which would break EM's non-decreasing
 * log-likelihood. Such a component is in practice lost for the rest of the fit.
 */
function mStep(
  x: Matrix,
  resp: Float64Array,
  model: GaussianMixtureModel,
  regCovar: number,
  scratch: { totals: Float64Array; sums: Float64Array },
): void {
  const { rows: n, cols, data } = x;
  const k = model.weights.length;
  const { totals, sums } = scratch;
  const means = model.means.data;
  const variances = model.variances.data;
  totals.fill(0);
  sums.fill(0);
  for (let i = 0, r = 0; i < n; i++, r += k)
    for (let j = 0; j < k; j++) {
      const p = resp[r + j] as number;
      if (p === 0) continue;
      totals[j] = (totals[j] as number) + p;
      for (let c = 0, s = j * cols, v = i * cols; c < cols; c++, s++, v++)
        sums[s] = (sums[s] as number) + p * (data[v] as number);
    }
  for (let j = 0; j < k; j++) {
    const total = totals[j] as number;
    if (total < EMPTY) continue;
    for (let c = 0, s = j * cols; c < cols; c++, s++) means[s] = (sums[s] as number) / total;
  }
  // Second pass on centred values rather than E[x²] − mean², which cancels badly far from 0.
  sums.fill(0);
  for (let i = 0, r = 0; i < n; i++, r += k)
    for (let j = 0; j < k; j++) {
      const p = resp[r + j] as number;
      if (p === 0) continue;
      for (let c = 0, s = j * cols, v = i * cols; c < cols; c++, s++, v++) {
        const d = (data[v] as number) - (means[s] as number);
        sums[s] = (sums[s] as number) + p * d * d;
      }
    }
  let all = 0;
  for (let j = 0; j < k; j++) all += totals[j] as number;
  for (let j = 0; j < k; j++) {
    const total = totals[j] as number;
    model.weights[j] = total / all;
    if (total < EMPTY) continue;
    for (let c = 0, s = j * cols; c < cols; c++, s++) variances[s] = (sums[s] as number) / total + regCovar;
  }
}

function columnMoments(x: Matrix): { mean: Float64Array; variance: Float64Array } {
  const { rows: n, cols, data } = x;
  const mean = new Float64Array(cols);
  const variance = new Float64Array(cols);
  for (let v = 0; v < n * cols; v++) mean[v % cols] = (mean[v % cols] as number) + (data[v] as number);
  for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) / n;
  for (let v = 0; v < n * cols; v++) {
    const d = (data[v] as number) - (mean[v % cols] as number);
    variance[v % cols] = (variance[v % cols] as number) + d * d;
  }
  for (let c = 0; c < cols; c++) variance[c] = (variance[c] as number) / n;
  return { mean, variance };
}

function checkWidth(model: GaussianMixtureModel, cols: number): void {
  const { means, variances, weights } = model;
  if (means.cols !== cols || variances.cols !== cols)
    throw new RangeError(`the model is ${means.cols} wide but the rows are ${cols} wide`);
  if (variances.rows !== means.rows || weights.length !== means.rows)
    throw new RangeError(
      `the model has ${means.rows} means, ${variances.rows} variance rows and ${weights.length} weights`,
    );
}
