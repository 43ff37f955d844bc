import { matrix, type Matrix } from './matrix.js';

/**
 * Preprocessing for clustering: fitted once on a training set into plain JSON parameters
 * ({@link PreprocessParams}), then applied identically to any later rows, so a profile scored next
 * month lands in the same space as the rows the model was trained on.
 *
 * Input is columnar ({@link RawColumns}): one array per column, not one object per row, because 1M
 * row objects cost far more memory and time than a handful of typed arrays.
 */

export type ColumnKind = 'number' | 'category';

/** One input column and how to treat it. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Take log(1 + x) before clipping and scaling: for skewed counts. Values must be ≥ 0. */
  readonly log1p?: boolean;
  /**
   * Multiplies every output column made from this column (default 1). Mostly for categories: a
   * one-hot column spans 0..1 whatever the scaling, so the weight sets how much a category change
   * counts against a unit of a scaled number.
   */
  readonly weight?: number;
  /**
   * A category cell holds several comma-separated values ("Gaming, DIY Crafts"): each value gets its
   * own one-hot column and a row sets every one it lists (multi-hot).
   */
  readonly multiValue?: boolean;
}

export type Scaling = 'robust' | 'standard';

export interface PreprocessOptions {
  /** `'robust'` (default): (x − median) / IQR. `'standard'`: (x − mean) / std (population). */
  readonly scaling?: Scaling;
  /** Percentiles of the training column to clip numbers at, default [1, 99]; `null`: no clipping. */
  readonly clipPercentiles?: readonly [low: number, high: number] | null;
}

/**
 * The values of a number column: a typed array, or an array where `null`, `undefined` and `NaN`
 * mean missing (NaN is the missing value of a Float64Array).
 */
export type NumberValues = ArrayLike<number | null | undefined>;
/** The values of a category column; `null` or `undefined` mean missing. */
export type CategoryValues = ArrayLike<string | null | undefined>;

/**
 * Raw input, by column name: every column named by the specs (or params) must be present and all
 * of them must have the same length, the number of rows. Other keys are ignored.
 */
export type RawColumns = Readonly<Record<string, NumberValues | CategoryValues>>;

export interface NumberColumnParams {
  readonly kind: 'number';
  readonly name: string;
  readonly log1p: boolean;
  /** Median of the training column's present values, in raw units: what a missing value becomes. */
  readonly fill: number;
  /** Whether a `<name>__missing` 0/1 column follows: only if the training column had gaps. */
  readonly missingIndicator: boolean;
  /** Clip bounds, after log1p (±Infinity would not survive JSON, so no clipping = min/max). */
  readonly clipLow: number;
  readonly clipHigh: number;
  /** Output = (clipped − centre) / scale × weight. */
  readonly centre: number;
  readonly scale: number;
  readonly weight: number;
}

export interface CategoryColumnParams {
  readonly kind: 'category';
  readonly name: string;
  /** The categories seen in training, sorted: one output column `<name>=<category>` each. */
  readonly categories: readonly string[];
  readonly weight: number;
  /** Cells are comma-separated lists of categories (absent in params saved before it existed). */
  readonly multiValue?: boolean;
}

export type ColumnParams = NumberColumnParams | CategoryColumnParams;

/** Everything needed to transform new rows; plain JSON (every number finite). */
export interface PreprocessParams {
  readonly version: 1;
  readonly scaling: Scaling;
  readonly columns: readonly ColumnParams[];
}

export interface Preprocessed {
  readonly matrix: Matrix;
  /** One name per matrix column: `age`, `age__missing`, `gender=f`. */
  readonly names: string[];
}

/** Fits the preprocessing on training rows; see {@link applyPreprocessing} for the transform. */
export function fitPreprocessing(
  columns: readonly ColumnSpec[],
  rows: RawColumns,
  options: PreprocessOptions = {},
): PreprocessParams {
  if (columns.length === 0) throw new RangeError('preprocessing needs at least one column');
  const scaling = options.scaling ?? 'robust';
  if (scaling !== 'robust' && scaling !== 'standard')
    throw new RangeError(`unknown scaling '${String(scaling)}' (expected 'robust' or 'standard')`);
  const clip = options.clipPercentiles === undefined ? ([1, 99] as const) : options.clipPercentiles;
  if (clip !== null && !(clip[0] >= 0 && clip[0] < clip[1] && clip[1] <= 100))
    throw new RangeError(`clip percentiles must satisfy 0 ≤ low < high ≤ 100 (got [${clip[0]}, ${clip[1]}])`);
  const seen = new Set<string>();
  for (const spec of columns) {
    if (seen.has(spec.name)) throw new RangeError(`column '${spec.name}' is listed twice`);
    seen.add(spec.name);
  }
  const n = rowCount(columns, rows);
  if (n === 0) throw new RangeError('cannot fit preprocessing on zero rows');
  const fitted = columns.map((spec): ColumnParams => {
    const weight = spec.weight ?? 1;
    if (!Number.isFinite(weight) || weight < 0)
      throw new RangeError(`column '${spec.name}': weight must be a finite number ≥ 0 (got ${weight})`);
    const values = rows[spec.name] as NumberValues | CategoryValues;
    if (spec.kind === 'number')
      return fitNumber(spec.name, spec.log1p === true, weight, values as NumberValues, n, scaling, clip);
    if (spec.kind === 'category')
      return fitCategory(spec.name, weight, values as CategoryValues, n, spec.multiValue === true);
    throw new RangeError(
      `column '${spec.name}': unknown kind '${String(spec.kind)}' (expected 'number' or 'category')`,
    );
  });
  const params: PreprocessParams = { version: 1, scaling, columns: fitted };
  const names = outputNames(params);
  const taken = new Set<string>();
  for (const name of names) {
    if (taken.has(name))
      throw new RangeError(`two output columns would both be named '${name}': rename an input column`);
    taken.add(name);
  }
  return params;
}

/** The output column names of `params`, in matrix column order. */
export function outputNames(params: PreprocessParams): string[] {
  const names: string[] = [];
  for (const column of params.columns) {
    if (column.kind === 'number') {
      names.push(column.name);
      if (column.missingIndicator) names.push(`${column.name}__missing`);
    } else {
      for (const category of column.categories) names.push(`${column.name}=${category}`);
    }
  }
  return names;
}

/**
 * Transforms rows with fitted params: numbers are filled, log1p'd, clipped and scaled with the
 * training statistics; categories never seen in training (and missing ones) get all zeros.
 */
export function applyPreprocessing(params: PreprocessParams, rows: RawColumns): Preprocessed {
  if (params.version !== 1)
    throw new RangeError(`unsupported preprocessing params version ${String(params.version)}`);
  const names = outputNames(params);
  const n = rowCount(params.columns, rows);
  const width = names.length;
  const out = new Float64Array(n * width);
  let offset = 0;
  for (const column of params.columns) {
    const values = rows[column.name] as NumberValues | CategoryValues;
    if (column.kind === 'number') {
      const input = values as NumberValues;
      for (let i = 0, at = offset; i < n; i++, at += width)
        writeNumber(column, numberAt(input, i, column.name, column.log1p), out, at);
      offset += column.missingIndicator ? 2 : 1;
    } else {
      const index = new Map(column.categories.map((category, k) => [category, k]));
      const input = values as CategoryValues;
      for (let i = 0, at = offset; i < n; i++, at += width) {
        for (const value of categoriesAt(input, i, column.name, column.multiValue === true)) {
          const k = index.get(value);
          if (k !== undefined) out[at + k] = column.weight;
        }
      }
      offset += column.categories.length;
    }
  }
  return { matrix: matrix(n, width, out), names };
}

/** One number through the fitted steps (NaN: missing), into `out` at `at` (and its indicator after). */
function writeNumber(column: NumberColumnParams, value: number, out: Float64Array, at: number): void {
  const { fill, log1p, clipLow, clipHigh, centre, scale, weight, missingIndicator } = column;
  const missing = Number.isNaN(value);
  let x = missing ? fill : value;
  if (log1p) x = Math.log1p(x);
  if (x < clipLow) x = clipLow;
  else if (x > clipHigh) x = clipHigh;
  out[at] = ((x - centre) / scale) * weight;
  if (missingIndicator) out[at + 1] = missing ? weight : 0;
}

function fitNumber(
  name: string,
  log1p: boolean,
  weight: number,
  input: NumberValues,
  n: number,
  scaling: Scaling,
  clip: readonly [number, number] | null,
): NumberColumnParams {
  const values = new Float64Array(n);
  let present = 0;
  for (let i = 0; i < n; i++) {
    const x = numberAt(input, i, name, log1p);
    values[i] = x;
    if (!Number.isNaN(x)) present++;
  }
  if (present === 0)
    throw new RangeError(`column '${name}' has no values in the training rows: nothing to fit`);
  // Median of the present values only; sort puts NaN last, so they are the first `present`.
  const fill = quantile(values.slice().sort().subarray(0, present), 0.5);
  // Every later statistic is taken on what the transform sees at that stage (filled, log1p'd,
  // clipped), so applying the params to the training rows reproduces the fit exactly.
  for (let i = 0; i < n; i++) {
    let x = values[i] as number;
    if (Number.isNaN(x)) x = fill;
    values[i] = log1p ? Math.log1p(x) : x;
  }
  const sorted = values.sort();
  const clipLow = clip === null ? (sorted[0] as number) : quantile(sorted, clip[0] / 100);
  const clipHigh = clip === null ? (sorted[n - 1] as number) : quantile(sorted, clip[1] / 100);
  // Clipping keeps the order, so the clipped column is still sorted.
  for (let i = 0; i < n; i++) sorted[i] = Math.min(Math.max(sorted[i] as number, clipLow), clipHigh);
  let centre: number;
  let scale: number;
  if (sorted[0] === sorted[n - 1]) {
    // A constant column: centre on its value exactly (a summed mean would be off by rounding).
    centre = sorted[0] as number;
    scale = 1;
  } else if (scaling === 'robust') {
    centre = quantile(sorted, 0.5);
    scale = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  } else {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += sorted[i] as number;
    centre = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) squares += ((sorted[i] as number) - centre) ** 2;
    scale = Math.sqrt(squares / n);
  }
  // An IQR of 0 (most values equal) or a spread lost in rounding would blow up on division.
  if (!(scale > 1e-12 * Math.max(1, Math.abs(centre)))) scale = 1;
  return {
    kind: 'number',
    name,
    log1p,
    fill,
    missingIndicator: present < n,
    clipLow,
    clipHigh,
    centre,
    scale,
    weight,
  };
}

function fitCategory(
  name: string,
  weight: number,
  input: CategoryValues,
  n: number,
  multiValue: boolean,
): CategoryColumnParams {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) for (const value of categoriesAt(input, i, name, multiValue)) seen.add(value);
  // Code-unit order, not locale order: the same columns on every machine.
  const categories = [...seen].sort();
  return multiValue
    ? { kind: 'category', name, categories, weight, multiValue }
    : { kind: 'category', name, categories, weight };
}

const NONE: readonly string[] = [];

/** The categories of cell `i`: none when missing, the trimmed comma-separated values when multi-valued. */
function categoriesAt(
  values: CategoryValues,
  i: number,
  name: string,
  multiValue: boolean,
): readonly string[] {
  const value = categoryAt(values, i, name);
  if (value === null) return NONE;
  if (!multiValue) return [value];
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The shared length of the named columns; throws naming a column that is absent or off length. */
function rowCount(columns: readonly { readonly name: string }[], rows: RawColumns): number {
  let n = -1;
  let first = '';
  for (const { name } of columns) {
    const values = Object.hasOwn(rows, name) ? rows[name] : undefined;
    if (values === undefined || values === null || typeof values.length !== 'number')
      throw new RangeError(`input has no column '${name}'`);
    if (n === -1) {
      n = values.length;
      first = name;
    } else if (values.length !== n) {
      throw new RangeError(
        `column '${name}' has ${values.length} values but column '${first}' has ${n}: all columns need one value per row`,
      );
    }
  }
  return Math.max(n, 0);
}

/** Value `i` of a number column, NaN when missing; rejects what the transform cannot use. */
export function numberAt(values: NumberValues, i: number, name: string, log1p: boolean): number {
  const x = values[i];
  if (x === null || x === undefined) return NaN;
  if (typeof x !== 'number')
    throw new TypeError(
      `column '${name}', row ${i}: expected a number or null, got ${typeof x} '${String(x)}'`,
    );
  if (x === Infinity || x === -Infinity)
    throw new RangeError(
      `column '${name}', row ${i}: ${x} is not a usable value (use null or NaN for missing)`,
    );
  if (log1p && x < 0) throw new RangeError(`column '${name}', row ${i}: log1p needs values ≥ 0, got ${x}`);
  return x;
}

/** Value `i` of a category column, null when missing. */
export function categoryAt(values: CategoryValues, i: number, name: string): string | null {
  const value = values[i];
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string')
    throw new TypeError(
      `column '${name}', row ${i}: expected a string or null, got ${typeof value} '${String(value)}'`,
    );
  return value;
}

/** Quantile `q` ∈ [0, 1] of sorted values, interpolated linearly as numpy's default percentile. */
export function quantile(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/** A value of one input column for one row, as a feature vector or a CSV row holds it. */
export type RawValue = number | string | null | undefined;

/**
 * The transform of {@link applyPreprocessing} compiled for one row at a time (the real-time path:
 * one profile per `features.updated`): writes the row's output into `out` from `offset` without
 * building column arrays or maps per call. Same numbers as applyPreprocessing on a one-row input.
 */
export function rowTransformer(
  params: PreprocessParams,
): (row: (name: string) => RawValue, out: Float64Array, offset?: number) => void {
  if (params.version !== 1)
    throw new RangeError(`unsupported preprocessing params version ${String(params.version)}`);
  const width = outputNames(params).length;
  const steps = params.columns.map((column) => {
    if (column.kind === 'number') return { column, index: undefined };
    return { column, index: new Map(column.categories.map((category, k) => [category, k])) };
  });
  const cell: RawValue[] = [undefined];
  return (row, out, offset = 0) => {
    out.fill(0, offset, offset + width);
    let at = offset;
    for (const { column, index } of steps) {
      cell[0] = row(column.name);
      if (column.kind === 'number') {
        writeNumber(column, numberAt(cell as NumberValues, 0, column.name, column.log1p), out, at);
        at += column.missingIndicator ? 2 : 1;
      } else {
        for (const value of categoriesAt(
          cell as CategoryValues,
          0,
          column.name,
          column.multiValue === true,
        )) {
          const k = index?.get(value);
          if (k !== undefined) out[at + k] = column.weight;
        }
        at += column.categories.length;
      }
    }
  };
}
