import { matrix, seededRandom, sharedMatrix, type Matrix } from '@cdp/clustering/domain';
import { gaussian } from '@cdp/shared/testing';

/**
 * Synthetic profiles with planted groups, for the clustering benchmark: the true group of every row
 * is known, so a fit can be scored against it (adjusted Rand index) as well as timed.
 *
 * Geometry: the group centres sit at distance `spread` from the origin along orthonormal directions
 * of a seeded random rotation, so every pair of centres is `spread × √2` apart and no two groups are
 * closer than the others by chance of the seed. Each row is its group's centre plus isotropic
 * Gaussian noise of standard deviation `noise` per feature. With the defaults (spread 3.5, noise 1)
 * about 3% of the rows lie nearer another group's centre than their own: k-means recovers the
 * groups (adjusted Rand index ≈ 0.94) but cannot score a perfect 1.
 */

export interface PlantedOptions {
  /** Number of groups, at most `cols` (default 5). */
  readonly groups?: number;
  /** Features per row (default 10). */
  readonly cols?: number;
  /** The same seed gives the same rows, groups and centres. */
  readonly seed: number;
  /** Distance from the origin to every group centre (default 3.5). */
  readonly spread?: number;
  /** Standard deviation of the noise, per feature (default 1). */
  readonly noise?: number;
}

export interface PlantedProfiles {
  /** n × cols rows, in shared memory (worker threads read them without a copy). */
  readonly x: Matrix;
  /** The group each row was drawn from, 0..groups − 1. */
  readonly truth: Int32Array;
  /** groups × cols: the centre each group was drawn around. */
  readonly centres: Matrix;
}

export const PLANTED_DEFAULTS = { groups: 5, cols: 10, spread: 3.5, noise: 1 } as const;

/** n rows from `groups` Gaussian groups of about n / groups rows each (each row draws its group). */
export function plantedProfiles(n: number, options: PlantedOptions): PlantedProfiles {
  const {
    groups = PLANTED_DEFAULTS.groups,
    cols = PLANTED_DEFAULTS.cols,
    seed,
    spread = PLANTED_DEFAULTS.spread,
    noise = PLANTED_DEFAULTS.noise,
  } = options;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0 (got ${n})`);
  if (!Number.isInteger(cols) || cols < 1)
    throw new RangeError(`cols must be a whole number ≥ 1 (got ${cols})`);
  if (!Number.isInteger(groups) || groups < 1 || groups > cols)
    throw new RangeError(`groups must be a whole number from 1 to cols = ${cols} (got ${groups})`);
  if (!(spread >= 0) || !Number.isFinite(spread)) throw new RangeError(`spread must be ≥ 0 (got ${spread})`);
  if (!(noise >= 0) || !Number.isFinite(noise)) throw new RangeError(`noise must be ≥ 0 (got ${noise})`);

  const random = seededRandom(seed);
  const normal = gaussian(random);
  const centres = matrix(groups, cols);
  const directions = orthonormalRows(groups, cols, normal);
  for (let v = 0; v < centres.data.length; v++) centres.data[v] = spread * (directions[v] as number);

  const x = sharedMatrix(n, cols);
  const truth = new Int32Array(n);
  const { data } = x;
  for (let i = 0, v = 0; i < n; i++) {
    const group = Math.min(groups - 1, Math.floor(random() * groups));
    truth[i] = group;
    for (let c = 0, g = group * cols; c < cols; c++, v++, g++)
      data[v] = (centres.data[g] as number) + noise * normal();
  }
  return { x, truth, centres };
}

/** `rows` orthonormal vectors of length `cols` (rows ≤ cols), row-major: Gram–Schmidt on Gaussian draws. */
function orthonormalRows(rows: number, cols: number, normal: () => number): Float64Array {
  const q = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const at = r * cols;
    for (;;) {
      for (let c = 0; c < cols; c++) q[at + c] = normal();
      // Twice over, for orthogonality to full precision (classical Gram–Schmidt loses some once).
      for (let pass = 0; pass < 2; pass++)
        for (let s = 0; s < r; s++) {
          let dot = 0;
          for (let c = 0; c < cols; c++) dot += (q[at + c] as number) * (q[s * cols + c] as number);
          for (let c = 0; c < cols; c++)
            q[at + c] = (q[at + c] as number) - dot * (q[s * cols + c] as number);
        }
      let norm = 0;
      for (let c = 0; c < cols; c++) norm += (q[at + c] as number) ** 2;
      norm = Math.sqrt(norm);
      // A draw (nearly) inside the span of the previous rows has no direction left: draw again.
      if (norm > 1e-6) {
        for (let c = 0; c < cols; c++) q[at + c] = (q[at + c] as number) / norm;
        break;
      }
    }
  }
  return q;
}
