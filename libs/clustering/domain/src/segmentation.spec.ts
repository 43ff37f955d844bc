import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleRows, seededRandom } from './matrix.js';
import { adjustedRandIndex } from './metrics.js';
import type { ColumnSpec, RawColumns } from './preprocess.js';
import { compileAssigner, matchSegments, scatterColumns, trainSegmentation } from './segmentation.js';
import { columnsFromTable, featureLabelsFor } from './table-columns.js';

const ADS_CSV = resolve(import.meta.dirname, '../../../../../shared/data/user_profiles_for_ads.csv');

/** Behaviour profiles from 5 known groups (the group's engagement level drives every feature). */
function plantedProfiles(
  n: number,
  seed: number,
): { columns: ColumnSpec[]; raw: RawColumns; truth: Int32Array } {
  const random = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const clicks = new Float64Array(n);
  const seconds = new Float64Array(n);
  const weekend = new Float64Array(n);
  const truth = new Int32Array(n);
  // Group g: ~e^(1 + g) clicks, article time rising with g, and a weekend share that splits 1 and 3.
  for (let i = 0; i < n; i++) {
    const g = i % 5;
    truth[i] = g;
    clicks[i] = Math.round(Math.exp(1 + g * 0.9 + gauss() * 0.12));
    seconds[i] = Math.max(0, 20 + 25 * g + gauss() * 4);
    weekend[i] = Math.min(1, Math.max(0, (g % 2 === 1 ? 0.7 : 0.2) + gauss() * 0.05));
  }
  return {
    columns: [
      { name: 'clicks', kind: 'number', log1p: true },
      { name: 'article_seconds', kind: 'number' },
      { name: 'weekend_share', kind: 'number' },
    ],
    raw: { clicks, article_seconds: seconds, weekend_share: weekend },
    truth,
  };
}

const ENGAGEMENT = [{ name: 'clicks' }, { name: 'article_seconds' }];

describe('a segmentation of planted groups', () => {
  it('recovers the 5 groups (k chosen over 2–10), orders the tiers by engagement and is not weak', async () => {
    const { columns, raw, truth } = plantedProfiles(3_000, 7);
    const result = await trainSegmentation(columns, raw, {
      seed: 1,
      engagement: ENGAGEMENT,
      stabilityRuns: 3,
    });
    expect(result.model.k).toBe(5);
    expect(result.kSelection.map((row) => row.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(adjustedRandIndex(result.labels, truth)).toBeGreaterThanOrEqual(0.9);
    expect(result.quality.weak).toBe(false);
    expect(result.quality.stability).toBeGreaterThan(0.9);
    // Tiers follow the groups' engagement: the highest-clicking group is "Highly Engaged".
    const byClicks = [...result.segments].sort(
      (a, b) => (a.summary.numbers['clicks']?.mean ?? 0) - (b.summary.numbers['clicks']?.mean ?? 0),
    );
    expect(byClicks.map((s) => s.name)).toEqual([
      'Dormant',
      'Low Engagement',
      'Moderately Engaged',
      'Engaged',
      'Highly Engaged',
    ]);
    expect(byClicks.map((s) => s.rank)).toEqual([0, 1, 2, 3, 4]);
    // The real-time path puts each training row where the batch fit did.
    const assignRow = compileAssigner(result.model);
    for (let i = 0; i < 300; i++)
      expect(assignRow((name) => (raw[name] as Float64Array)[i])).toBe(result.labels[i]);
  });

  it('fits the alternatives (mini-batch, Gaussian mixture, DBSCAN) to the same groups', async () => {
    const { columns, raw, truth } = plantedProfiles(2_000, 9);
    for (const algorithm of ['minibatch', 'gmm'] as const) {
      const result = await trainSegmentation(columns, raw, {
        algorithm,
        k: 5,
        engagement: ENGAGEMENT,
        stabilityRuns: 0,
      });
      expect(adjustedRandIndex(result.labels, truth), algorithm).toBeGreaterThanOrEqual(0.9);
    }
    const density = await trainSegmentation(columns, raw, {
      algorithm: 'dbscan',
      naming: 'personas',
      stabilityRuns: 0,
    });
    expect(density.model.k).toBeGreaterThanOrEqual(5);
    const assignRow = compileAssigner(density.model);
    expect(assignRow((name) => (raw[name] as Float64Array)[0])).toBe(density.labels[0]);
  });

  it('matches a retrain to the current segments so the same groups keep their positions', async () => {
    const first = plantedProfiles(2_000, 3);
    const a = await trainSegmentation(first.columns, first.raw, {
      k: 5,
      seed: 1,
      engagement: ENGAGEMENT,
      stabilityRuns: 0,
    });
    const second = plantedProfiles(2_000, 4);
    const b = await trainSegmentation(second.columns, second.raw, {
      k: 5,
      seed: 99,
      engagement: ENGAGEMENT,
      stabilityRuns: 0,
    });
    const match = matchSegments(
      a.segments.map((s) => s.summary),
      b.segments.map((s) => s.summary),
      b.overall,
    );
    // Each new segment is matched to the old segment of the same planted group.
    const groupOf = (labels: Int32Array, truth: Int32Array, position: number): number => {
      const counts = new Map<number, number>();
      labels.forEach(
        (l, i) => l === position && counts.set(truth[i] as number, (counts.get(truth[i] as number) ?? 0) + 1),
      );
      return [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] ?? -1;
    };
    b.segments.forEach((segment) => {
      const old = match[segment.position] as number;
      expect(groupOf(a.labels, first.truth, old)).toBe(groupOf(b.labels, second.truth, segment.position));
    });
    // Same names too, as tiers are ordered by engagement.
    expect(b.segments.map((s) => s.name)).toEqual(match.map((old) => a.segments[old as number]?.name));
  });
});

describe('the 1,000 ad profiles', () => {
  async function segmentAds(seed: number) {
    const [header, ...rows] = parse(readFileSync(ADS_CSV, 'utf8')) as string[][];
    const table = columnsFromTable(header as string[], rows, { source: 'ads-csv', idColumn: 'User ID' });
    const raw = Object.fromEntries(table.columns.map((c) => [c.name, c.values]));
    const columns: ColumnSpec[] = table.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      ...(c.kind === 'number' && c.log1p ? { log1p: true } : {}),
      ...(c.kind === 'category' && c.multiValue ? { multiValue: true } : {}),
    }));
    return trainSegmentation(columns, raw, {
      naming: 'personas',
      scaling: 'standard',
      k: { min: 2, max: 8 },
      seed,
      labels: featureLabelsFor(columns.map((c) => c.name)),
      stabilityRuns: 5,
    });
  }

  it('get named personas, the same for the same seed, carrying the weak-structure warning', async () => {
    const first = await segmentAds(42);
    const again = await segmentAds(42);
    expect(Array.from(again.labels)).toEqual(Array.from(first.labels));
    expect(again.segments.map((s) => s.name)).toEqual(first.segments.map((s) => s.name));
    // Personas: distinct names made of traits, e.g. "weekend-heavy, high CTR, income 80k–100k".
    const names = first.segments.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(first.segments.some((s) => s.traits.length > 0)).toBe(true);
    // sklearn measures ≈ 0.09 for every k here: near-uniform noise, said plainly.
    expect(first.quality.silhouette).toBeLessThan(0.15);
    expect(first.quality.weak).toBe(true);
    expect(first.quality.warnings[0]).toMatch(/^Silhouette 0\.\d\d is below 0\.15: the groups overlap/);
    expect(first.segments.reduce((sum, s) => sum + s.size, 0)).toBe(1_000);
    // The scatter: CTR across, seconds on ads up, in the CSV's own units, for every row (1,000 < 2,000).
    const [header, ...rows] = parse(readFileSync(ADS_CSV, 'utf8')) as string[][];
    const ctr = (header as string[]).indexOf('Click-Through Rates (CTR)');
    const seconds = (header as string[]).indexOf('Ad Interaction Time (sec)');
    expect(first.scatter).toEqual({
      x: 'Click-Through Rates (CTR)',
      y: 'Ad Interaction Time (sec)',
      points: rows.flatMap((row) => [Number(row[ctr]), Number(row[seconds])]),
      labels: Array.from(first.labels),
    });
  });
});

describe('scatterColumns (the raw-unit scatter of a model)', () => {
  it('plots clicks against time on articles for the behaviour features, whatever their order', () => {
    expect(
      scatterColumns([
        'engagement.sessions_30d',
        'ads.clicks_30d',
        'intent.seconds_per_click_30d',
        'intent.article_views_30d',
        'intent.avg_article_seconds_30d',
        'intent.clicks_30d',
      ]),
    ).toEqual({ x: 'intent.clicks_30d', y: 'intent.avg_article_seconds_30d' });
  });

  it('plots CTR against ad time in seconds for the ads CSV, not time online in hours', () => {
    expect(
      scatterColumns([
        'Likes and Reactions',
        'Followed Accounts',
        'Time Spent Online (hrs/weekday)',
        'Time Spent Online (hrs/weekend)',
        'Click-Through Rates (CTR)',
        'Conversion Rates',
        'Ad Interaction Time (sec)',
      ]),
    ).toEqual({ x: 'Click-Through Rates (CTR)', y: 'Ad Interaction Time (sec)' });
  });

  it('falls back to the first other numeric columns, and to none below two', () => {
    expect(scatterColumns(['age', 'income', 'score'])).toEqual({ x: 'age', y: 'income' });
    expect(scatterColumns(['age', 'clicks', 'score'])).toEqual({ x: 'clicks', y: 'age' });
    expect(scatterColumns(['age', 'session time'])).toEqual({ x: 'age', y: 'session time' });
    expect(scatterColumns(['clicks'])).toBeNull();
    expect(scatterColumns([])).toBeNull();
  });

  it('stores raw values of the PCA sample with each row’s segment, leaving out rows with a gap', async () => {
    const n = 2_500;
    const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
    // A row's article seconds give its index back (i / 4 is exact); clicks are log1p'd for the fit.
    const clicks = Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : (i % 7) * 1.23456789));
    const seconds = Float64Array.from({ length: n }, (_, i) => (i % 101 === 0 ? Number.NaN : i / 4));
    const other = Float64Array.from({ length: n }, (_, i) => (i * 37) % 11);
    const result = await trainSegmentation(
      [
        { name: 'clicks', kind: 'number', log1p: true },
        { name: 'weekend', kind: 'number' },
        { name: 'article_seconds', kind: 'number' },
      ],
      { clicks, weekend: other, article_seconds: seconds },
      { k: 3, naming: 'personas', stabilityRuns: 0, seed: 5 },
    );
    const sampled = Array.from(sampleRows(n, 2_000, 5)).filter((i) => i % 97 !== 0 && i % 101 !== 0);
    expect(sampled.length).toBeGreaterThan(1_900);
    expect(result.scatter).toEqual({
      x: 'clicks',
      y: 'article_seconds',
      points: sampled.flatMap((i) => [round4((i % 7) * 1.23456789), i / 4]),
      labels: sampled.map((i) => result.labels[i]),
    });
    // The same sample as the PCA projection.
    expect(result.projection.labels).toEqual(Array.from(sampleRows(n, 2_000, 5), (i) => result.labels[i]));
  });
});
