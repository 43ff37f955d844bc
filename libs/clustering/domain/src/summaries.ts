import {
  categoryAt,
  numberAt,
  quantile,
  type CategoryValues,
  type ColumnSpec,
  type NumberValues,
  type RawColumns,
} from './preprocess.js';

/**
 * Per-segment statistics on the RAW columns (before log1p, clipping and scaling), so that what a
 * marketer reads ("income 80k–100k", a mean CTR of 4.1%) is in the units the data came in.
 */

/** Statistics of a number column over the present values of a group; NaN when none is present. */
export interface NumberSummary {
  readonly mean: number;
  /** Median and quartiles, interpolated linearly as numpy's default percentile. */
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  /** Population standard deviation (ddof 0), as the 'standard' scaling of the preprocessing. */
  readonly std: number;
  /** How many rows of the group have no value (null, undefined or NaN): a count, not a share. */
  readonly missing: number;
}

export interface CategorySummary {
  /**
   * Share of the group's rows holding each category, 0..1, for every category seen in any row, in
   * code-unit order. Rows without a value hold none, so shares may sum to less than 1; multi-value
   * cells hold several, so shares may then sum to more than 1.
   */
  readonly shares: Readonly<Record<string, number>>;
}

export interface SegmentSummary {
  /** The segment's label, −1 for the summary of all rows. */
  readonly segment: number;
  readonly size: number;
  /** size / all rows (noise rows included in the denominator). */
  readonly share: number;
  readonly numbers: Readonly<Record<string, NumberSummary>>;
  readonly categories: Readonly<Record<string, CategorySummary>>;
}

export interface SummaryOptions {
  /**
   * Category columns whose cells may list several values separated by commas ("Gaming, DIY
   * Crafts"): each trimmed value counts, a value repeated in one cell counts once.
   */
  readonly multiValue?: ReadonlySet<string>;
}

export interface SegmentSummaries {
  /** All rows, noise (label < 0) included; `segment` is −1. */
  readonly overall: SegmentSummary;
  /** One per segment 0..k − 1: `segments[s].segment === s`, empty segments included. */
  readonly segments: SegmentSummary[];
}

/**
 * Summarises every column for all rows and for each segment of `labels` (values −∞..k − 1; a
 * negative label is noise, counted in `overall` only). Each column is read once into a typed
 * array and grouped by segment with a counting sort, so the cost is O(n log n) per number column
 * whatever k is.
 */
export function summariseSegments(
  columns: readonly ColumnSpec[],
  raw: RawColumns,
  labels: Int32Array,
  k: number,
  options: SummaryOptions = {},
): SegmentSummaries {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k})`);
  const n = labels.length;
  const sizes = new Int32Array(k + 1); // index k: all rows
  for (let i = 0; i < n; i++) {
    const label = labels[i] as number;
    if (label >= k) throw new RangeError(`row ${i} has label ${label}, but k is ${k}`);
    if (label >= 0) sizes[label]++;
  }
  sizes[k] = n;
  const numbers: [string, NumberSummary[]][] = [];
  const categories: [string, CategorySummary[]][] = [];
  for (const spec of columns) {
    const values = Object.hasOwn(raw, spec.name) ? raw[spec.name] : undefined;
    if (values === undefined || values === null || typeof values.length !== 'number')
      throw new RangeError(`input has no column '${spec.name}'`);
    if (values.length !== n)
      throw new RangeError(`column '${spec.name}' has ${values.length} values for ${n} labels`);
    if (spec.kind === 'number')
      numbers.push([spec.name, summariseNumber(spec.name, values as NumberValues, labels, k)]);
    else if (spec.kind === 'category') {
      const multi = options.multiValue?.has(spec.name) === true;
      categories.push([
        spec.name,
        summariseCategory(spec.name, values as CategoryValues, labels, k, sizes, multi),
      ]);
    } else
      throw new RangeError(
        `column '${spec.name}': unknown kind '${String(spec.kind)}' (expected 'number' or 'category')`,
      );
  }
  // Object.fromEntries defines own properties, so a column or category named '__proto__' is safe.
  const summaryOf = (group: number): SegmentSummary => ({
    segment: group === k ? -1 : group,
    size: sizes[group] as number,
    share: n === 0 ? 0 : (sizes[group] as number) / n,
    numbers: Object.fromEntries(numbers.map(([name, byGroup]) => [name, byGroup[group] as NumberSummary])),
    categories: Object.fromEntries(
      categories.map(([name, byGroup]) => [name, byGroup[group] as CategorySummary]),
    ),
  });
  return { overall: summaryOf(k), segments: Array.from({ length: k }, (_, s) => summaryOf(s)) };
}

/** Summaries of one number column for groups 0..k − 1 and, at index k, all rows. */
function summariseNumber(name: string, input: NumberValues, labels: Int32Array, k: number): NumberSummary[] {
  const n = labels.length;
  const values = new Float64Array(n);
  const present = new Int32Array(k + 1);
  const missing = new Int32Array(k + 1);
  for (let i = 0; i < n; i++) {
    const x = numberAt(input, i, name, false);
    values[i] = x;
    const label = labels[i] as number;
    const counts = Number.isNaN(x) ? missing : present;
    counts[k]++;
    if (label >= 0) counts[label]++;
  }
  // Counting sort by segment: segment s owns grouped[start[s] .. start[s + 1]), all rows come last.
  const start = new Int32Array(k + 2);
  for (let s = 0; s <= k; s++) start[s + 1] = (start[s] as number) + (present[s] as number);
  const grouped = new Float64Array(start[k + 1] as number);
  const next = start.slice(0, k + 1);
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    if (Number.isNaN(x)) continue;
    const label = labels[i] as number;
    if (label >= 0) grouped[next[label]++] = x;
    grouped[next[k]++] = x;
  }
  return Array.from({ length: k + 1 }, (_, s) =>
    describeSorted(grouped.subarray(start[s], start[s + 1]).sort(), missing[s] as number),
  );
}

function describeSorted(sorted: Float64Array, missing: number): NumberSummary {
  const count = sorted.length;
  if (count === 0) return { mean: NaN, median: NaN, p25: NaN, p75: NaN, std: NaN, missing };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += sorted[i] as number;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((sorted[i] as number) - mean) ** 2;
  return {
    mean,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    std: Math.sqrt(squares / count),
    missing,
  };
}

function summariseCategory(
  name: string,
  input: CategoryValues,
  labels: Int32Array,
  k: number,
  sizes: Int32Array,
  multiValue: boolean,
): CategorySummary[] {
  // counts.get(category)[s]: rows of group s holding the category (index k: all rows).
  const counts = new Map<string, Int32Array>();
  const add = (category: string, label: number): void => {
    let byGroup = counts.get(category);
    if (byGroup === undefined) counts.set(category, (byGroup = new Int32Array(k + 1)));
    byGroup[k]++;
    if (label >= 0) byGroup[label]++;
  };
  for (let i = 0; i < labels.length; i++) {
    const cell = categoryAt(input, i, name);
    if (cell === null) continue;
    const label = labels[i] as number;
    if (!multiValue) add(cell, label);
    else
      for (const value of new Set(cell.split(',').map((part) => part.trim()))) if (value) add(value, label);
  }
  // Code-unit order, not locale order: the same keys on every machine.
  const ordered = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Array.from({ length: k + 1 }, (_, s) => {
    const size = sizes[s] as number;
    return {
      shares: Object.fromEntries(
        ordered.map(([category, byGroup]) => [category, size === 0 ? 0 : (byGroup[s] as number) / size]),
      ),
    };
  });
}
