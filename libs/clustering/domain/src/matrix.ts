/**
 * A dense row-major matrix of `rows` × `cols` doubles: row i is `data[i * cols .. (i + 1) * cols)`.
 * Every algorithm of the lib reads and writes these, never arrays of arrays (1M rows as arrays of
 * arrays cost ~0.4 s to build and several times the memory).
 */
export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A matrix of zeros, or over `data` (which must hold rows × cols values). */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0)
    throw new RangeError(`a matrix needs whole, non-negative sizes (got ${rows} × ${cols})`);
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols)
    throw new RangeError(`${values.length} values cannot fill a ${rows} × ${cols} matrix`);
  return { rows, cols, data: values };
}

/** Squared Euclidean distance between row `i` of `a` and row `j` of `b` (same width). */
export function squaredDistance(a: Matrix, i: number, b: Matrix, j: number): number {
  return squaredDistanceAt(a.data, i * a.cols, b.data, j * b.cols, a.cols);
}

/**
 * Squared Euclidean distance between the `cols` values of `a` from `aStart` and of `b` from
 * `bStart`: the one inner loop of every hot loop (small enough for V8 to inline it there). Unrolled
 * by four with two accumulators: on 1M × 10 rows this took an assignment pass from ~123 to ~92 ms.
 */
export function squaredDistanceAt(
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  cols: number,
): number {
  let even = 0;
  let odd = 0;
  let c = 0;
  for (; c + 3 < cols; c += 4) {
    const t0 = (a[aStart + c] as number) - (b[bStart + c] as number);
    const t1 = (a[aStart + c + 1] as number) - (b[bStart + c + 1] as number);
    const t2 = (a[aStart + c + 2] as number) - (b[bStart + c + 2] as number);
    const t3 = (a[aStart + c + 3] as number) - (b[bStart + c + 3] as number);
    even += t0 * t0 + t2 * t2;
    odd += t1 * t1 + t3 * t3;
  }
  for (; c < cols; c++) {
    const t = (a[aStart + c] as number) - (b[bStart + c] as number);
    even += t * t;
  }
  return even + odd;
}

/** A seeded generator (mulberry32) of doubles in [0, 1): the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A seeded sample of `size` distinct row indices out of n (Floyd's algorithm), sorted; every row
 * when size ≥ n. The same seed picks the same rows, for plots and for the silhouette's sample.
 */
export function sampleRows(n: number, size: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0 (got ${n})`);
  if (!Number.isInteger(size) || size < 0)
    throw new RangeError(`size must be a whole number ≥ 0 (got ${size})`);
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(seed);
  const picked = new Set<number>();
  for (let j = n - size; j < n; j++) {
    const t = Math.floor(random() * (j + 1));
    picked.add(picked.has(t) ? j : t);
  }
  return Int32Array.from(picked).sort();
}

/** The given rows of x, in that order, as a new matrix. */
export function selectRows(x: Matrix, rows: ArrayLike<number>): Matrix {
  const { cols, data } = x;
  const out = matrix(rows.length, cols);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r] as number;
    out.data.set(data.subarray(i * cols, (i + 1) * cols), r * cols);
  }
  return out;
}

/**
 * Throws on the first NaN or infinite value, naming its row and column and what needs finite
 * numbers: one scan before a fit, since a NaN would otherwise spread through it silently.
 */
export function checkFinite(x: Matrix, what: string, name = 'x'): void {
  const { cols, data } = x;
  for (let v = 0; v < data.length; v++)
    if (!Number.isFinite(data[v] as number)) {
      const row = Math.floor(v / cols);
      throw new RangeError(
        `row ${row}, column ${v - row * cols} of ${name} is ${data[v]}: ${what} needs finite numbers`,
      );
    }
}
