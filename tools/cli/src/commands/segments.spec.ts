import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModelDetail, ModelSummary } from '@cdp/clustering/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import {
  csvSource,
  formatAssignment,
  formatModel,
  formatModels,
  parseCount,
  parseK,
  readCsvRows,
  WEAK_STRUCTURE_WARNING,
} from './segments.js';

const dir = mkdtempSync(join(tmpdir(), 'cdp-segments-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    id: '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11',
    version: 3,
    name: 'Ads personas',
    source: 'ads-csv',
    algorithm: 'kmeans',
    naming: 'personas',
    k: 3,
    active: true,
    rows: 1000,
    features: ['Conversion Rates', 'Income Level'],
    quality: {
      silhouette: 0.41,
      stability: 0.92,
      daviesBouldin: 0.8,
      weak: false,
      warnings: [],
      thresholds: { silhouette: 0.15, stability: 0.6 },
    },
    createdAt: '2024-05-01T12:30:45.000Z',
    dataFrom: null,
    dataTo: null,
    ...overrides,
  };
}

const weakQuality = {
  silhouette: 0.09,
  stability: 0.41,
  daviesBouldin: 2.7,
  weak: true,
  warnings: ['silhouette 0.09 is below 0.15: the groups overlap', 'stability 0.41 is below 0.6'],
  thresholds: { silhouette: 0.15, stability: 0.6 },
};

function detail(overrides: Partial<ModelDetail> = {}): ModelDetail {
  const segment = (id: string, name: string, size: number) => ({
    id,
    name,
    nameEdited: false,
    rank: null,
    size,
    share: size / 1000,
    traits: [{ feature: 'Conversion Rates', kind: 'number' as const, text: name, effect: 1.2 }],
    numbers: {},
    categories: {},
  });
  return {
    ...summary(),
    segments: [
      segment('seg-a', 'high conversion', 420),
      segment('seg-b', 'low conversion', 330),
      segment('seg-c', 'income 100k+', 250),
    ],
    kSelection: [
      { k: 2, silhouette: 0.35, inertia: 5200, daviesBouldin: 1.1 },
      { k: 3, silhouette: 0.41, inertia: 3900.25, daviesBouldin: 0.8 },
      { k: 4, silhouette: 0.33, inertia: 3400, daviesBouldin: 1.3 },
    ],
    timings: { fit: 1.2 },
    projection: { points: [], segments: [], explainedVarianceRatio: [] },
    scatter: null,
    matchedFrom: {},
    ...overrides,
  };
}

describe('parseK', () => {
  it('reads a fixed k and a range', () => {
    expect(parseK('4')).toBe(4);
    expect(parseK('2..10')).toEqual({ min: 2, max: 10 });
    expect(parseK(' 3 .. 3 ')).toEqual({ min: 3, max: 3 });
  });

  it('refuses what is neither, naming the value', () => {
    for (const bad of ['four', '2-10', '2..', '..10', '4.5', '-3', ''])
      expect(() => parseK(bad), bad).toThrow(`or a range min..max (e.g. 2..10), not "${bad}"`);
  });

  it('refuses a k the service would refuse, saying why', () => {
    expect(() => parseK('1')).toThrow('--k "1": Too small: expected number to be >=2');
    expect(() => parseK('51')).toThrow('--k "51": Too big');
    expect(() => parseK('10..2')).toThrow('--k "10..2": k range 10..2 is empty');
    expect(() => parseK('1..5')).toThrow('--k "1..5": min: Too small');
  });
});

describe('parseCount', () => {
  it('reads a whole number and names the flag of a bad one', () => {
    expect(parseCount('--seed', '42')).toBe(42);
    expect(() => parseCount('--stability-runs', 'many')).toThrow(
      '--stability-runs must be a whole number ≥ 0, not "many"',
    );
  });
});

describe('formatModels', () => {
  it('flags the weak model of the list, and only it', () => {
    const text = formatModels([
      summary(),
      summary({
        id: 'a5e0c6a4-1b0e-4b8e-9f76-6f7c1a0b2d33',
        version: 2,
        active: false,
        quality: weakQuality,
      }),
    ]);
    const [head, strong, weak] = text.split('\n');
    expect(head).toMatch(/^version\s+id\s+name\s+source\s+algorithm\s+k\s+rows\s+silhouette\s+stability/);
    expect(strong).toContain('0.410');
    expect(strong).not.toContain('WEAK');
    expect(weak).toContain('0.090');
    expect(weak).toMatch(/WEAK$/);
  });

  it('says how to get a first model when there is none', () => {
    expect(formatModels([])).toContain('cdp segments train');
  });
});

describe('formatModel', () => {
  it('puts the weak-structure warning and its reasons before the segments', () => {
    const text = formatModel(detail({ quality: weakQuality }));
    const warning = text.indexOf(WEAK_STRUCTURE_WARNING);
    const reason = text.indexOf('silhouette 0.09 is below 0.15: the groups overlap');
    const segments = text.indexOf('high conversion');
    expect(warning).toBeGreaterThan(0);
    expect(reason).toBeGreaterThan(warning);
    expect(text.indexOf('stability 0.41 is below 0.6')).toBeGreaterThan(warning);
    expect(segments).toBeGreaterThan(reason);
  });

  it('shows no warning for a well-separated model', () => {
    const text = formatModel(detail());
    expect(text).not.toContain('Weak structure');
    expect(text).toContain('segmentation "Ads personas" v3 (active)');
  });

  it('lists each segment with its size and share, and marks the k chosen', () => {
    const lines = formatModel(detail()).split('\n');
    expect(lines.find((l) => l.startsWith('seg-a'))).toMatch(/seg-a\s+high conversion\s+420\s+42\.0%/);
    expect(lines.find((l) => l.startsWith('3 '))).toMatch(/0\.410\s+3900\.3\s+0\.800\s+← chosen$/);
    expect(lines.find((l) => l.startsWith('2 '))).not.toContain('chosen');
  });
});

describe('formatAssignment', () => {
  it("shows a subject's segments now and before", () => {
    const modelId = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';
    const text = formatAssignment({
      subjectId: 'ads-csv:17',
      current: [
        {
          modelId,
          source: 'ads-csv',
          segmentId: 'seg-a',
          segmentName: 'high CTR',
          since: '2024-05-02T00:00:00Z',
        },
      ],
      history: [
        {
          modelId,
          source: 'ads-csv',
          segmentId: 'seg-b',
          segmentName: 'few likes',
          since: '2024-05-01T00:00:00Z',
          until: '2024-05-02T00:00:00Z',
        },
      ],
    });
    expect(text).toMatch(/ads-csv\s+high CTR\s+seg-a\s+2024-05-02 00:00Z/);
    expect(text).toMatch(/history[^]*few likes\s+seg-b\s+2024-05-01 00:00Z\s+2024-05-02 00:00Z/);
  });

  it('says so when the subject is in no segment', () => {
    expect(formatAssignment({ subjectId: 'x', current: [], history: [] })).toContain('in no segment');
  });
});

describe('csvSource', () => {
  it('makes a valid source name from the file name', () => {
    expect(csvSource('/data/User Profiles_for Ads.csv')).toBe('csv-user-profiles-for-ads');
    expect(csvSource('ünïcode.csv')).toBe('csv-n-code');
    expect(csvSource('---.csv')).toBe('csv');
  });
});

describe('readCsvRows', () => {
  const file = join(dir, 'shop.csv');
  writeFileSync(file, 'customer,spend,country,note\nc1,10,FR,hi\nc2,"1,5",DE,\nc3,7,,x\n');

  it('reads the columns of a CSV, only those asked for', () => {
    const rows = readCsvRows(file, { source: 'shop', columns: ['country'] });
    expect(rows).toEqual({
      source: 'shop',
      ids: ['c1', 'c2', 'c3'],
      columns: [{ name: 'country', kind: 'category', values: ['FR', 'DE', null] }],
    });
  });

  it('names the file and what is wrong with it', () => {
    expect(() => readCsvRows(file, { source: 'shop', idColumn: 'id' })).toThrow(
      `${file}: there is no id column 'id'; the columns are 'customer', 'spend', 'country', 'note'`,
    );
    expect(() => readCsvRows(file, { source: 'shop', columns: ['age'] })).toThrow(
      `${file}: no column 'age'; the columns are`,
    );
    expect(() => readCsvRows(join(dir, 'missing.csv'), { source: 'shop' })).toThrow(
      `${join(dir, 'missing.csv')}: ENOENT`,
    );
  });
});
