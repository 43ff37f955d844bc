import type { FeatureLabel } from './naming.js';

/**
 * A parsed table (a CSV's header and string cells) turned into the column arrays a segmentation
 * trains on: the shape of the clustering contracts' inline rows, declared here because a domain
 * lib does not import contracts.
 */

export interface NumberColumn {
  name: string;
  kind: 'number';
  /** An empty cell is null. */
  values: (number | null)[];
  /** Set (true) when the column is non-negative and skewed: see {@link LOG1P_MIN_SKEWNESS}. */
  log1p?: boolean;
}

export interface CategoryColumn {
  name: string;
  kind: 'category';
  /** Trimmed; an empty cell is null. */
  values: (string | null)[];
  /** Set (true) when cells hold comma-separated lists: see {@link MULTI_VALUE_MIN_SHARE}. */
  multiValue?: boolean;
}

export type TableColumn = NumberColumn | CategoryColumn;

export interface TableColumns {
  source: string;
  /** One per row, in row order. */
  ids: string[];
  /** In header order, without the id column and the excluded ones. */
  columns: TableColumn[];
}

export interface ColumnsFromTableOptions {
  /** What the rows are, e.g. `ads-csv` (passed through). */
  readonly source: string;
  /** Default: the first column. */
  readonly idColumn?: string;
  /** Columns not to cluster on (e.g. free text). */
  readonly exclude?: readonly string[];
}

/** A table that cannot be turned into columns; the message says what is wrong and where. */
export class TableError extends Error {
  override name = 'TableError';
}

/**
 * A category column is a list column when at least this share of its non-empty cells holds a
 * comma ("Gaming, DIY Crafts"). Low enough for a column where most people have one interest, high
 * enough that a stray "Korea, Republic of" in a country column does not split it.
 */
export const MULTI_VALUE_MIN_SHARE = 0.05;

/**
 * A non-negative number column gets log1p when its sample skewness (third standardised moment,
 * m3 / m2^1.5) is above this: a long right tail (order counts, spend) would otherwise give one
 * segment to a handful of heavy rows. Symmetric or uniform columns (|skew| well under 1) are left.
 */
export const LOG1P_MIN_SKEWNESS = 1;

/** Plain decimal notation only: hex, `Infinity` and thousands separators are not numbers here. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The columns of a table: a column is `number` when every non-empty cell is a finite decimal
 * number, otherwise `category`; empty cells are null either way. Rows are numbered from 1, the
 * first row after the header.
 */
export function columnsFromTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  options: ColumnsFromTableOptions,
): TableColumns {
  const names = header.map((name) => name.trim());
  const listed = names.map((name) => `'${name}'`).join(', ');
  names.forEach((name, i) => {
    if (name === '') throw new TableError(`column ${i + 1} of the header has no name`);
    const first = names.indexOf(name);
    if (first !== i)
      throw new TableError(`the header has two columns named '${name}' (${first + 1} and ${i + 1})`);
  });
  const idName = options.idColumn ?? names[0];
  const idIndex = idName === undefined ? -1 : names.indexOf(idName);
  if (idIndex < 0) throw new TableError(`there is no id column '${idName ?? ''}'; the columns are ${listed}`);
  for (const name of options.exclude ?? [])
    if (!names.includes(name))
      throw new TableError(`cannot exclude '${name}': there is no such column; the columns are ${listed}`);
  if (rows.length < 2) throw new TableError(`segmenting needs at least 2 rows, the table has ${rows.length}`);
  rows.forEach((row, r) => {
    if (row.length !== names.length)
      throw new TableError(
        `row ${r + 1}: expected ${names.length} cells (as many as the header), got ${row.length}`,
      );
  });

  const ids = rows.map((row, r) => {
    const id = (row[idIndex] as string).trim();
    if (id === '') throw new TableError(`row ${r + 1} has no id (its '${idName}' cell is empty)`);
    return id;
  });
  checkUniqueIds(ids, idName as string);

  const excluded = new Set(options.exclude ?? []);
  const columns: TableColumn[] = [];
  names.forEach((name, c) => {
    if (c === idIndex || excluded.has(name)) return;
    columns.push(
      toColumn(
        name,
        rows.map((row) => row[c] as string),
      ),
    );
  });
  if (columns.length === 0)
    throw new TableError(`no column is left to segment on besides the id column '${idName}'`);
  return { source: options.source, ids, columns };
}

/** Throws on the first id seen twice, with every row holding it. */
function checkUniqueIds(ids: readonly string[], idName: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!seen.has(id)) {
      seen.add(id);
      continue;
    }
    const at = ids.flatMap((other, r) => (other === id ? [r + 1] : []));
    throw new TableError(`id '${id}' (column '${idName}') is in more than one row: rows ${at.join(', ')}`);
  }
}

function toColumn(name: string, cells: readonly string[]): TableColumn {
  const trimmed = cells.map((cell) => cell.trim());
  const isNumber = trimmed.every(
    (cell) => cell === '' || (NUMBER.test(cell) && Number.isFinite(Number(cell))),
  );
  if (isNumber) {
    const values = trimmed.map((cell) => (cell === '' ? null : Number(cell)));
    return { name, kind: 'number', values, ...(isSkewed(values) ? { log1p: true } : {}) };
  }
  const values = trimmed.map((cell) => (cell === '' ? null : cell));
  const present = values.filter((value) => value !== null);
  const lists = present.filter((value) => value.includes(',')).length;
  const multiValue = present.length > 0 && lists / present.length >= MULTI_VALUE_MIN_SHARE;
  return { name, kind: 'category', values, ...(multiValue ? { multiValue: true } : {}) };
}

/** Non-negative with skewness above {@link LOG1P_MIN_SKEWNESS}; fewer than 3 values say nothing. */
function isSkewed(values: readonly (number | null)[]): boolean {
  const xs = values.filter((x) => x !== null);
  if (xs.length < 3 || xs.some((x) => x < 0)) return false;
  const mean = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  let m2 = 0;
  let m3 = 0;
  for (const x of xs) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= xs.length;
  m3 /= xs.length;
  return m2 > 0 && m3 / m2 ** 1.5 > LOG1P_MIN_SKEWNESS;
}

interface LabelRule {
  readonly pattern: RegExp;
  readonly label: Omit<FeatureLabel, 'name'>;
}

// Number wording: first match wins ("Time Spent Online (hrs/weekend)" is about weekends, not time).
const NUMBER_RULES: readonly LabelRule[] = [
  { pattern: /weekend/i, label: { high: 'weekend-heavy', low: 'light at weekends' } },
  { pattern: /weekday/i, label: { high: 'weekday-heavy', low: 'light on weekdays' } },
  { pattern: /click-through|\bctr\b/i, label: { high: 'high CTR', low: 'low CTR' } },
  { pattern: /conversion/i, label: { high: 'high conversion', low: 'low conversion' } },
  { pattern: /interaction time/i, label: { high: 'long ad interactions', low: 'short ad interactions' } },
  { pattern: /likes|reactions/i, label: { high: 'many likes', low: 'few likes' } },
  { pattern: /followed/i, label: { high: 'follows many accounts', low: 'follows few accounts' } },
];

// Category wording. `\bage\b`: a bare /age/ would also claim "Language" and "Device Usage".
// describePersonas writes `<label> <value>` with a space even for an empty label, so gender keeps
// the word 'gender' rather than printing " Female".
const CATEGORY_RULES: readonly LabelRule[] = [
  { pattern: /income/i, label: { label: 'income' } },
  { pattern: /\bage\b/i, label: { label: 'age' } },
  { pattern: /education/i, label: { label: 'education' } },
  { pattern: /device/i, label: { label: 'device' } },
  { pattern: /interests?/i, label: { label: 'interest' } },
  { pattern: /location/i, label: { label: 'location' } },
  { pattern: /language/i, label: { label: 'language' } },
  { pattern: /gender/i, label: { label: 'gender' } },
];

/**
 * Persona wording for typical ad-profile column names, for describePersonas' `labels`. A name gets
 * the first matching number wording (`high`/`low`) and the first matching category wording
 * (`label`); describePersonas reads whichever fits the column's kind. Names matching nothing are
 * left out (describePersonas then says 'high <name>' / '<name> <value>').
 */
export function featureLabelsFor(names: readonly string[]): FeatureLabel[] {
  return names.flatMap((name) => {
    const number = NUMBER_RULES.find((rule) => rule.pattern.test(name));
    const category = CATEGORY_RULES.find((rule) => rule.pattern.test(name));
    if (number === undefined && category === undefined) return [];
    return [{ name, ...number?.label, ...category?.label }];
  });
}
