import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describePersonas } from './naming.js';
import type { SegmentSummary } from './summaries.js';
import { columnsFromTable, featureLabelsFor, type TableColumn } from './table-columns.js';

const ADS_CSV = resolve(import.meta.dirname, '../../../../../shared/data/user_profiles_for_ads.csv');

function readAds(): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(readFileSync(ADS_CSV), { bom: true }) as string[][];
  return { header: header ?? [], rows };
}

const byName = (columns: readonly TableColumn[], name: string): TableColumn | undefined =>
  columns.find((column) => column.name === name);

describe('columnsFromTable on the ads profiles CSV', () => {
  const { header, rows } = readAds();
  const table = columnsFromTable(header, rows, { source: 'ads-csv' });

  it('takes the ids from the first column, User ID, and does not cluster on it', () => {
    expect(table.source).toBe('ads-csv');
    expect(table.ids).toHaveLength(1000);
    expect(table.ids.slice(0, 3)).toEqual(['1', '2', '3']);
    expect(new Set(table.ids).size).toBe(1000);
    expect(table.columns.map((c) => c.name)).not.toContain('User ID');
    expect(table.columns).toHaveLength(15);
  });

  it('reads counts, hours and rates as numbers and everything else as categories', () => {
    const numbers = table.columns.filter((c) => c.kind === 'number').map((c) => c.name);
    const categories = table.columns.filter((c) => c.kind === 'category').map((c) => c.name);
    expect(numbers).toEqual([
      'Likes and Reactions',
      'Followed Accounts',
      'Time Spent Online (hrs/weekday)',
      'Time Spent Online (hrs/weekend)',
      'Click-Through Rates (CTR)',
      'Conversion Rates',
      'Ad Interaction Time (sec)',
    ]);
    expect(categories).toEqual([
      'Age',
      'Gender',
      'Location',
      'Language',
      'Education Level',
      'Device Usage',
      'Income Level',
      'Top Interests',
    ]);
    // Row 4 of the file: "4,35-44,Female,…,0.093,0.061,65,100k+,"Gaming, DIY Crafts"".
    expect(byName(table.columns, 'Click-Through Rates (CTR)')?.values[3]).toBe(0.093);
    expect(byName(table.columns, 'Age')?.values[3]).toBe('35-44');
  });

  it('treats Top Interests as a list column and no other', () => {
    const lists = table.columns.filter((c) => c.kind === 'category' && c.multiValue).map((c) => c.name);
    expect(lists).toEqual(['Top Interests']);
    expect(byName(table.columns, 'Top Interests')?.values[3]).toBe('Gaming, DIY Crafts');
  });

  it('leaves the evenly spread numbers of this file untransformed', () => {
    expect(table.columns.filter((c) => c.kind === 'number' && c.log1p).map((c) => c.name)).toEqual([]);
  });

  it('uses another id column and leaves out excluded columns when told', () => {
    const other = columnsFromTable(
      ['Name', ...header],
      rows.map((row, i) => [`user-${i}`, ...row]),
      { source: 'ads-csv', idColumn: 'User ID', exclude: ['Name', 'Top Interests'] },
    );
    expect(other.ids[0]).toBe('1');
    expect(other.columns.map((c) => c.name)).not.toContain('Name');
    expect(other.columns.map((c) => c.name)).not.toContain('Top Interests');
    expect(other.columns).toHaveLength(14);
  });
});

describe('columnsFromTable on small tables', () => {
  it('turns empty cells into nulls, in number and category columns alike', () => {
    const table = columnsFromTable(
      ['id', 'spend', 'country'],
      [
        ['a', '12.5', 'FR'],
        ['b', '', ' '],
        ['c', '-3', 'DE'],
      ],
      { source: 'shop' },
    );
    expect(table.columns).toEqual([
      { name: 'spend', kind: 'number', values: [12.5, null, -3] },
      { name: 'country', kind: 'category', values: ['FR', null, 'DE'] },
    ]);
  });

  it('makes a column with one non-number cell a category column', () => {
    const table = columnsFromTable(
      ['id', 'size'],
      [
        ['a', '1'],
        ['b', '2'],
        ['c', '0x10'],
      ],
      { source: 'shop' },
    );
    expect(table.columns[0]).toEqual({ name: 'size', kind: 'category', values: ['1', '2', '0x10'] });
  });

  it('log-transforms a non-negative column with a long right tail, not one with negatives', () => {
    const orders = ['1', '1', '2', '2', '3', '3', '4', '250'];
    const rows = orders.map((n, i) => [String(i), n, `-${n}`, String(i)]);
    const table = columnsFromTable(['id', 'orders', 'balance', 'even'], rows, { source: 'shop' });
    expect(byName(table.columns, 'orders')).toMatchObject({ kind: 'number', log1p: true });
    expect(byName(table.columns, 'balance')).not.toHaveProperty('log1p');
    expect(byName(table.columns, 'even')).not.toHaveProperty('log1p');
  });

  it('marks a category column a list only when at least 5% of its cells hold a comma', () => {
    const countries = Array.from({ length: 40 }, (_, i) => (i === 0 ? 'Korea, Republic of' : 'FR'));
    const table = columnsFromTable(
      ['id', 'country', 'tags'],
      countries.map((country, i) => [String(i), country, i < 2 ? 'a, b' : 'a']),
      { source: 'shop' },
    );
    // 1 of 40 (2.5%) is a country with a comma in its name; 2 of 40 (5%) is a list column.
    expect(byName(table.columns, 'country')).not.toHaveProperty('multiValue');
    expect(byName(table.columns, 'tags')).toMatchObject({ multiValue: true });
  });

  it('names the missing id column and lists the columns there are', () => {
    expect(() =>
      columnsFromTable(
        ['User ID', 'Age'],
        [
          ['1', '20'],
          ['2', '30'],
        ],
        { source: 's', idColumn: 'user_id' },
      ),
    ).toThrow("there is no id column 'user_id'; the columns are 'User ID', 'Age'");
  });

  it('names an excluded column that does not exist', () => {
    expect(() =>
      columnsFromTable(
        ['id', 'age'],
        [
          ['1', '20'],
          ['2', '30'],
        ],
        { source: 's', exclude: ['agee'] },
      ),
    ).toThrow("cannot exclude 'agee': there is no such column; the columns are 'id', 'age'");
  });

  it('names the first duplicate id and every row holding it', () => {
    const rows = [
      ['1', 'x'],
      ['2', 'y'],
      ['1', 'z'],
      ['2', 'w'],
      ['1', 'v'],
    ];
    expect(() => columnsFromTable(['id', 'c'], rows, { source: 's' })).toThrow(
      "id '1' (column 'id') is in more than one row: rows 1, 3, 5",
    );
  });

  it('names a row with an empty id', () => {
    const rows = [
      ['1', 'x'],
      [' ', 'y'],
    ];
    expect(() => columnsFromTable(['id', 'c'], rows, { source: 's' })).toThrow(
      "row 2 has no id (its 'id' cell is empty)",
    );
  });

  it('names a row with the wrong number of cells, with the count expected and the count found', () => {
    const rows = [['1', 'x'], ['2', 'y', 'extra'], ['3']];
    expect(() => columnsFromTable(['id', 'c'], rows, { source: 's' })).toThrow(
      'row 2: expected 2 cells (as many as the header), got 3',
    );
  });

  it('refuses a table of fewer than 2 rows', () => {
    expect(() => columnsFromTable(['id', 'c'], [['1', 'x']], { source: 's' })).toThrow(
      'segmenting needs at least 2 rows, the table has 1',
    );
    expect(() => columnsFromTable(['id', 'c'], [], { source: 's' })).toThrow('the table has 0');
  });

  it('refuses a header with a repeated or empty column name', () => {
    const rows = [
      ['1', 'x', 'y'],
      ['2', 'x', 'y'],
    ];
    expect(() => columnsFromTable(['id', 'c', 'c'], rows, { source: 's' })).toThrow(
      "the header has two columns named 'c' (2 and 3)",
    );
    expect(() => columnsFromTable(['id', 'c', ''], rows, { source: 's' })).toThrow(
      'column 3 of the header has no name',
    );
  });

  it('refuses a table with nothing but ids to segment on', () => {
    const rows = [
      ['1', 'x'],
      ['2', 'y'],
    ];
    expect(() => columnsFromTable(['id', 'c'], rows, { source: 's', exclude: ['c'] })).toThrow(
      "no column is left to segment on besides the id column 'id'",
    );
  });
});

describe('featureLabelsFor', () => {
  const { header } = readAds();
  const labels = new Map(featureLabelsFor(header).map((label) => [label.name, label]));

  it('words the ads numbers as persona traits', () => {
    expect(labels.get('Time Spent Online (hrs/weekend)')).toEqual({
      name: 'Time Spent Online (hrs/weekend)',
      high: 'weekend-heavy',
      low: 'light at weekends',
    });
    expect(labels.get('Time Spent Online (hrs/weekday)')?.high).toBe('weekday-heavy');
    expect(labels.get('Click-Through Rates (CTR)')?.low).toBe('low CTR');
    expect(labels.get('Conversion Rates')?.high).toBe('high conversion');
    expect(labels.get('Ad Interaction Time (sec)')?.high).toBe('long ad interactions');
    expect(labels.get('Likes and Reactions')?.low).toBe('few likes');
    expect(labels.get('Followed Accounts')?.high).toBe('follows many accounts');
  });

  it('gives the ads categories short labels, without mistaking Language or Device Usage for age', () => {
    expect(labels.get('Age')?.label).toBe('age');
    expect(labels.get('Language')?.label).toBe('language');
    expect(labels.get('Device Usage')?.label).toBe('device');
    expect(labels.get('Income Level')?.label).toBe('income');
    expect(labels.get('Education Level')?.label).toBe('education');
    expect(labels.get('Top Interests')?.label).toBe('interest');
    expect(labels.get('Location')?.label).toBe('location');
    expect(labels.get('Gender')?.label).toBe('gender');
    expect(labels.has('User ID')).toBe(false);
  });

  it('reads as a persona name through describePersonas', () => {
    const num = (mean: number, std: number) => ({
      mean,
      median: mean,
      p25: mean,
      p75: mean,
      std,
      missing: 0,
    });
    const overall: SegmentSummary = {
      segment: -1,
      size: 100,
      share: 1,
      numbers: { 'Time Spent Online (hrs/weekend)': num(4, 1) },
      categories: { 'Income Level': { shares: { '80k-100k': 0.2, '0-20k': 0.8 } } },
    };
    const segment: SegmentSummary = {
      segment: 0,
      size: 30,
      share: 0.3,
      numbers: { 'Time Spent Online (hrs/weekend)': num(6, 1) },
      categories: { 'Income Level': { shares: { '80k-100k': 0.9, '0-20k': 0.1 } } },
    };
    const [persona] = describePersonas([segment], overall, {
      labels: featureLabelsFor(['Time Spent Online (hrs/weekend)', 'Income Level']),
    });
    expect(persona?.name).toBe('weekend-heavy, income 80k–100k');
  });
});
