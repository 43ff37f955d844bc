import { matrix, sampleRows, type Matrix } from './matrix.js';

/**
 * Principal component analysis for the 2-D segment plot, matching scikit-learn's `PCA` (centred,
 * not scaled; variances with n − 1) so a plot can be checked against a notebook.
 */

export interface Pca {
  /** Column means of the fitted rows, subtracted before projecting. */
  readonly mean: Float64Array;
  /** components × cols, unit rows, strongest first; each row's largest-|value| entry is positive. */
  readonly components: Matrix;
  /** Variance of the fitted rows along each component (eigenvalues of the covariance, n − 1). */
  readonly explainedVariance: Float64Array;
  /** explainedVariance / total variance; all 0 when the rows do not vary at all. */
  readonly explainedVarianceRatio: Float64Array;
}

export interface PcaOptions {
  /** How many components to keep, default 2. */
  readonly components?: number;
  /** Fit on a seeded sample of this many rows (the covariance costs rows × cols² / 2). */
  readonly sampleSize?: number;
  /** Seed of the sample, default 0. */
  readonly seed?: number;
}

/**
 * Fits PCA through the cols × cols covariance matrix and a cyclic Jacobi eigen decomposition.
 * Jacobi rather than power iteration: it finds every eigenpair to full precision in a handful of
 * sweeps whatever the gap between eigenvalues (power iteration crawls when the top two are close,
 * common with correlated features), and at cols ≤ ~200 a sweep costs milliseconds.
 */
export function fitPca(x: Matrix, options: PcaOptions = {}): Pca {
  const { components = 2, sampleSize, seed = 0 } = options;
  const cols = x.cols;
  if (!Number.isInteger(components) || components < 1 || components > cols)
    throw new RangeError(`components must be a whole number from 1 to ${cols} (got ${components})`);
  if (sampleSize !== undefined && (!Number.isInteger(sampleSize) || sampleSize < 2))
    throw new RangeError(`sampleSize must be a whole number ≥ 2 (got ${sampleSize})`);
  const rows =
    sampleSize !== undefined && sampleSize < x.rows ? sampleRows(x.rows, sampleSize, seed) : undefined;
  const n = rows?.length ?? x.rows;
  if (n < 2) throw new RangeError(`PCA needs at least 2 rows (got ${n})`);
  const rowAt = (s: number): number => (rows === undefined ? s : (rows[s] as number));

  const mean = new Float64Array(cols);
  for (let s = 0; s < n; s++) {
    const start = rowAt(s) * cols;
    for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) + (x.data[start + c] as number);
  }
  for (let c = 0; c < cols; c++) mean[c] = (mean[c] as number) / n;
  if (!mean.every(Number.isFinite)) throw new RangeError('PCA needs finite values in every row');

  // Upper triangle of Σ (x − mean)ᵀ(x − mean), mirrored after.
  const cov = new Float64Array(cols * cols);
  const centred = new Float64Array(cols);
  for (let s = 0; s < n; s++) {
    const start = rowAt(s) * cols;
    for (let c = 0; c < cols; c++) centred[c] = (x.data[start + c] as number) - (mean[c] as number);
    for (let a = 0; a < cols; a++) {
      const va = centred[a] as number;
      if (va === 0) continue;
      for (let b = a, at = a * cols + a; b < cols; b++, at++)
        cov[at] = (cov[at] as number) + va * (centred[b] as number);
    }
  }
  let total = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      const value = (cov[a * cols + b] as number) / (n - 1);
      cov[a * cols + b] = value;
      cov[b * cols + a] = value;
    }
    total += cov[a * cols + a] as number;
  }

  const { values, vectors } = jacobiEigen(cov, cols);
  const order = Array.from({ length: cols }, (_, i) => i).sort(
    (a, b) => (values[b] as number) - (values[a] as number) || a - b,
  );
  const componentData = new Float64Array(components * cols);
  const explainedVariance = new Float64Array(components);
  const explainedVarianceRatio = new Float64Array(components);
  for (let p = 0; p < components; p++) {
    const e = order[p] as number;
    // Rounding can leave a zero eigenvalue slightly negative; a variance cannot be.
    const variance = Math.max(values[e] as number, 0);
    explainedVariance[p] = variance;
    explainedVarianceRatio[p] = total > 0 ? variance / total : 0;
    let largest = 0;
    for (let c = 1; c < cols; c++)
      if (Math.abs(vectors[c * cols + e] as number) > Math.abs(vectors[largest * cols + e] as number))
        largest = c;
    const sign = (vectors[largest * cols + e] as number) < 0 ? -1 : 1;
    for (let c = 0; c < cols; c++) componentData[p * cols + c] = sign * (vectors[c * cols + e] as number);
  }
  return {
    mean,
    components: matrix(components, cols, componentData),
    explainedVariance,
    explainedVarianceRatio,
  };
}

/**
 * Projects rows of `x` (all, or the `rows` subset in that order) onto the components:
 * out[i * components + p] = (row − mean) · component p.
 */
export function projectPca(pca: Pca, x: Matrix, rows?: Int32Array): Float64Array {
  const { cols, rows: dims, data: comps } = pca.components;
  if (x.cols !== cols)
    throw new RangeError(`the PCA was fitted on ${cols} columns but the rows have ${x.cols}`);
  const n = rows?.length ?? x.rows;
  const out = new Float64Array(n * dims);
  const centred = new Float64Array(cols);
  for (let s = 0; s < n; s++) {
    const i = rows === undefined ? s : (rows[s] as number);
    if (!(i >= 0 && i < x.rows)) throw new RangeError(`row ${i} is outside the ${x.rows} rows`);
    for (let c = 0; c < cols; c++) centred[c] = (x.data[i * cols + c] as number) - (pca.mean[c] as number);
    for (let p = 0; p < dims; p++) {
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += (centred[c] as number) * (comps[p * cols + c] as number);
      out[s * dims + p] = dot;
    }
  }
  return out;
}

/**
 * Eigen decomposition of the symmetric `size` × `size` matrix `a` (overwritten) by cyclic Jacobi
 * rotations: `values[e]` with eigenvector column e of `vectors` (row-major, vectors[c * size + e]).
 */
function jacobiEigen(a: Float64Array, size: number): { values: Float64Array; vectors: Float64Array } {
  const v = new Float64Array(size * size);
  for (let i = 0; i < size; i++) v[i * size + i] = 1;
  let norm = 0;
  for (let i = 0; i < a.length; i++) norm += (a[i] as number) ** 2;
  // Converged once the off-diagonal mass is rounding noise against the whole matrix.
  const tolerance = norm * 1e-30;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < size; p++) for (let q = p + 1; q < size; q++) off += (a[p * size + q] as number) ** 2;
    if (off <= tolerance) break;
    for (let p = 0; p < size - 1; p++) {
      for (let q = p + 1; q < size; q++) {
        const apq = a[p * size + q] as number;
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Numerical Recipes' stable form of tan θ).
        const theta = ((a[q * size + q] as number) - (a[p * size + p] as number)) / (2 * apq);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k++) {
          const akp = a[k * size + p] as number;
          const akq = a[k * size + q] as number;
          a[k * size + p] = c * akp - s * akq;
          a[k * size + q] = s * akp + c * akq;
        }
        for (let k = 0; k < size; k++) {
          const apk = a[p * size + k] as number;
          const aqk = a[q * size + k] as number;
          a[p * size + k] = c * apk - s * aqk;
          a[q * size + k] = s * apk + c * aqk;
        }
        a[p * size + q] = 0;
        a[q * size + p] = 0;
        for (let k = 0; k < size; k++) {
          const vkp = v[k * size + p] as number;
          const vkq = v[k * size + q] as number;
          v[k * size + p] = c * vkp - s * vkq;
          v[k * size + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: size }, (_, i) => a[i * size + i] as number), vectors: v };
}
