/**
 * Hot loops compiled for one row width. V8 keeps a generic loop over `cols` columns in memory
 * loads and loop bookkeeping; the same loop written out for, say, 10 columns keeps the target row
 * in locals (registers) and runs 2–2.5 times faster (k-means++ passes over 1.14M × 10 rows: 74 →
 * 31 ms per pass on one core). The generated code adds the squares in exactly the order of
 * `squaredDistanceAt` (pairs of columns into two sums, four at a time), so results are identical
 * bit for bit to the generic code's, which still serves widths above {@link MAX_COMPILED_COLS}.
 *
 * `new Function` is used on code built only from numbers (the width), never from input data.
 */

/** Widths above this use the generic loops (the written-out code would grow past what pays). */
export const MAX_COMPILED_COLS = 64;

export type CandidateKernel = (
  data: Float64Array,
  candidates: Int32Array,
  closest: Float64Array | undefined,
  buffers: readonly Float64Array[],
  from: number,
  to: number,
) => Float64Array;

const candidateKernels = new Map<number, CandidateKernel>();

/**
 * `squaredDistanceAt(data, v, target…)` written out for `cols` columns against a target held in
 * locals `c0…`: the statements that leave the distance in `d`.
 */
function distanceBody(cols: number, row: string): string {
  const lines = ['let even = 0;', 'let odd = 0;'];
  let c = 0;
  for (; c + 3 < cols; c += 4) {
    const t = [0, 1, 2, 3].map((o) => `(${row}[v + ${c + o}] - c${c + o})`);
    lines.push(`{ const t0 = ${t[0]}, t1 = ${t[1]}, t2 = ${t[2]}, t3 = ${t[3]};`);
    lines.push('even += t0 * t0 + t2 * t2; odd += t1 * t1 + t3 * t3; }');
  }
  for (; c < cols; c++) lines.push(`{ const t = ${row}[v + ${c}] - c${c}; even += t * t; }`);
  lines.push('let d = even + odd;');
  return lines.join('\n');
}

/**
 * The distances from rows [from, to) of a `cols`-wide matrix to each candidate row, capped by
 * `closest`, into the candidates' buffers; returns each candidate's sum (see
 * `distancesToCandidates`). Candidates outer: each candidate's values sit in locals for its pass.
 */
export function candidateKernel(cols: number): CandidateKernel | undefined {
  if (!Number.isInteger(cols) || cols < 1 || cols > MAX_COMPILED_COLS) return undefined;
  let kernel = candidateKernels.get(cols);
  if (kernel) return kernel;
  const loads = Array.from({ length: cols }, (_, c) => `const c${c} = data[base + ${c}];`).join('\n');
  const source = `
    const potentials = new Float64Array(candidates.length);
    for (let t = 0; t < candidates.length; t++) {
      const out = buffers[t];
      const base = candidates[t] * ${cols};
      ${loads}
      let total = 0;
      for (let i = from, v = from * ${cols}; i < to; i++, v += ${cols}) {
        ${distanceBody(cols, 'data')}
        if (closest !== undefined && closest[i] < d) d = closest[i];
        out[i] = d;
        total += d;
      }
      potentials[t] = total;
    }
    return potentials;`;
  kernel = new Function('data', 'candidates', 'closest', 'buffers', 'from', 'to', source) as CandidateKernel;
  candidateKernels.set(cols, kernel);
  return kernel;
}
