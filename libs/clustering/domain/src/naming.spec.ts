import { describe, expect, it } from 'vitest';
import {
  describePersonas,
  engagementScores,
  nameTiers,
  tierNames,
  type EngagementFeature,
  type FeatureLabel,
} from './naming.js';
import type { NumberSummary, SegmentSummary } from './summaries.js';
import { summariseSegments } from './summaries.js';

/** A number summary with only what naming reads (mean, std) set meaningfully. */
const num = (mean: number, std = 0): NumberSummary => ({
  mean,
  median: mean,
  p25: mean,
  p75: mean,
  std,
  missing: 0,
});

function summary(
  segment: number,
  numbers: Record<string, NumberSummary>,
  categories: Record<string, Record<string, number>> = {},
): SegmentSummary {
  const wrapped = Object.fromEntries(Object.entries(categories).map(([name, shares]) => [name, { shares }]));
  return { segment, size: 100, share: 0.25, numbers, categories: wrapped };
}

describe('engagement tiers', () => {
  // Two rows per behaviour group; `order[s]` is the group k-means happened to number s.
  const GROUPS = {
    low: { sessions: 1, ctr: 0.01, days_since_visit: 60 },
    mid: { sessions: 4, ctr: 0.02, days_since_visit: 20 },
    high: { sessions: 10, ctr: 0.06, days_since_visit: 1 },
  };
  type Group = keyof typeof GROUPS;
  const FEATURES: EngagementFeature[] = [
    { name: 'sessions' },
    { name: 'ctr', weight: 2 },
    { name: 'days_since_visit', weight: -1 },
  ];

  function segment(order: Group[]) {
    const rows = order.flatMap((group, s) => [
      { s, ...GROUPS[group] },
      { s, ...GROUPS[group] },
    ]);
    const columns = ['sessions', 'ctr', 'days_since_visit'].map((name) => ({
      name,
      kind: 'number' as const,
    }));
    const raw = {
      sessions: rows.map((r) => r.sessions),
      ctr: rows.map((r) => r.ctr),
      days_since_visit: rows.map((r) => r.days_since_visit),
    };
    const { overall, segments } = summariseSegments(columns, raw, Int32Array.from(rows.map((r) => r.s)), 3);
    const scores = engagementScores(segments, overall, FEATURES);
    return { scores, tiers: nameTiers(scores) };
  }

  it('scores each segment by the weighted z-score of its mean', () => {
    const { scores } = segment(['low', 'mid', 'high']);
    // Overall: sessions mean 5, std √14; ctr mean 0.03, std 0.01·√(28/6); days mean 27, std √(1814/3).
    const sessionsStd = Math.sqrt(14);
    const ctrStd = 0.01 * Math.sqrt(28 / 6);
    const daysStd = Math.sqrt(((60 - 27) ** 2 + (20 - 27) ** 2 + (1 - 27) ** 2) / 3);
    const expected = (sessions: number, ctr: number, days: number) =>
      (sessions - 5) / sessionsStd + (2 * (ctr - 0.03)) / ctrStd - (days - 27) / daysStd;
    expect(scores[0]).toBeCloseTo(expected(1, 0.01, 60), 12);
    expect(scores[1]).toBeCloseTo(expected(4, 0.02, 20), 12);
    expect(scores[2]).toBeCloseTo(expected(10, 0.06, 1), 12);
    expect(scores.map((score) => Number(score.toFixed(4)))).toEqual([-4.2627, -0.9084, 5.1711]);
  });

  it('names tiers by engagement score, whatever number k-means gave each group', () => {
    for (const order of [
      ['low', 'mid', 'high'],
      ['high', 'low', 'mid'],
      ['mid', 'high', 'low'],
    ] as Group[][]) {
      const { tiers } = segment(order);
      const nameOf = (group: Group) => tiers[order.indexOf(group)];
      expect(nameOf('high')).toEqual({ segment: order.indexOf('high'), name: 'Highly Engaged', rank: 2 });
      expect(nameOf('mid')?.name).toBe('Moderately Engaged');
      expect(nameOf('low')?.name).toBe('Low Engagement');
    }
  });

  it('breaks equal scores by segment index, lower index ranking lower', () => {
    expect(nameTiers([1, 1, 0]).map((t) => [t.segment, t.rank, t.name])).toEqual([
      [0, 1, 'Moderately Engaged'],
      [1, 2, 'Highly Engaged'],
      [2, 0, 'Low Engagement'],
    ]);
    expect(() => nameTiers([0, NaN])).toThrow('segment 1 has no engagement score (NaN)');
  });

  it('lists tier names lowest first, numbering the middle past five and never repeating one', () => {
    expect(tierNames(1)).toEqual(['All']);
    expect(tierNames(2)).toEqual(['Low Engagement', 'Highly Engaged']);
    expect(tierNames(3)).toEqual(['Low Engagement', 'Moderately Engaged', 'Highly Engaged']);
    expect(tierNames(4)).toEqual(['Low Engagement', 'Moderately Engaged', 'Engaged', 'Highly Engaged']);
    expect(tierNames(5)).toEqual([
      'Dormant',
      'Low Engagement',
      'Moderately Engaged',
      'Engaged',
      'Highly Engaged',
    ]);
    expect(tierNames(7)).toEqual([
      'Dormant',
      'Low Engagement',
      'Moderately Engaged 1',
      'Moderately Engaged 2',
      'Moderately Engaged 3',
      'Engaged',
      'Highly Engaged',
    ]);
    for (let k = 1; k <= 30; k++) expect(new Set(tierNames(k)).size).toBe(k);
    expect(() => tierNames(0)).toThrow('k must be a whole number ≥ 1 (got 0)');
  });

  it('rejects a feature the summaries do not have', () => {
    const overall = summary(-1, { ctr: num(0.02, 0.01) });
    expect(() => engagementScores([overall], overall, [{ name: 'clicks' }])).toThrow(
      "feature 'clicks' is not a number column of the summaries",
    );
  });
});

describe('describePersonas', () => {
  const LABELS: FeatureLabel[] = [
    { name: 'ctr', high: 'high CTR', low: 'low CTR' },
    { name: 'time_weekend', high: 'weekend-heavy', low: 'light at weekends' },
  ];
  const OVERALL = summary(
    -1,
    { ctr: num(0.02, 0.01), time_weekend: num(3, 2), age: num(40, 10) },
    { income: { '40k-60k': 0.5, '80k-100k': 0.2, '100k-120k': 0.28, '200k+': 0.02 } },
  );

  it('picks numbers at least minEffect std from the mean, strongest first, in the labels given', () => {
    const [heavy, light] = describePersonas(
      [
        summary(0, { ctr: num(0.04), time_weekend: num(5), age: num(43) }),
        summary(1, { ctr: num(0.01), time_weekend: num(3), age: num(40) }),
      ],
      OVERALL,
      { labels: LABELS },
    );
    // ctr z = 2, time_weekend z = 1, age z = 0.3 (< 0.5: not a trait).
    expect(heavy).toEqual({
      segment: 0,
      name: 'high CTR, weekend-heavy',
      traits: [
        { feature: 'ctr', kind: 'number', text: 'high CTR', effect: 2 },
        { feature: 'time_weekend', kind: 'number', text: 'weekend-heavy', effect: 1 },
      ],
    });
    expect(light?.name).toBe('low CTR');
    expect(light?.traits[0]?.effect).toBeCloseTo(-1, 12);
  });

  it('picks a category by lift when the segment mostly holds it, with an en dash in ranges', () => {
    const [persona] = describePersonas(
      [
        summary(
          0,
          { ctr: num(0.02), time_weekend: num(3), age: num(40) },
          // 80k–100k: lift 3 on 60% of rows; 100k–120k: lift 1.25; 200k+: lift 5 but only 10% of rows.
          { income: { '40k-60k': 0.05, '80k-100k': 0.6, '100k-120k': 0.35, '200k+': 0.1 } },
        ),
      ],
      OVERALL,
    );
    expect(persona?.name).toBe('income 80k–100k');
    expect(persona?.traits).toHaveLength(1);
    expect(persona?.traits[0]).toMatchObject({
      feature: 'income',
      kind: 'category',
      text: 'income 80k–100k',
    });
    expect(persona?.traits[0]?.effect).toBeCloseTo(3, 12);
  });

  it('ranks numbers and categories on one z scale and keeps at most maxTraits', () => {
    // Category z = (0.6 − 0.2) / √(0.2 · 0.8) = 1 beats age z = 0.8; ctr z = 2 beats both.
    const segment = summary(
      0,
      { ctr: num(0.04), time_weekend: num(3), age: num(48) },
      { income: { '40k-60k': 0.1, '80k-100k': 0.6, '100k-120k': 0.3, '200k+': 0 } },
    );
    const [three] = describePersonas([segment], OVERALL, { labels: LABELS });
    expect(three?.name).toBe('high CTR, income 80k–100k, high age');
    const [two] = describePersonas([segment], OVERALL, { labels: LABELS, maxTraits: 2 });
    expect(two?.name).toBe('high CTR, income 80k–100k');
  });

  it('prefers the category most of the segment holds over a higher lift on fewer rows', () => {
    const overall = summary(-1, {}, { device: { desktop: 0.6, mobile: 0.3, tablet: 0.1 } });
    // mobile: lift 3, z = 0.6 / √0.21 ≈ 1.31; tablet: lift 3.5, z = 0.25 / 0.3 ≈ 0.83.
    const [persona] = describePersonas(
      [summary(0, {}, { device: { desktop: 0, mobile: 0.9, tablet: 0.35 } })],
      overall,
    );
    expect(persona?.traits.map((t) => t.text)).toEqual(['device mobile']);
  });

  it("calls a segment where nothing stands out 'Typical profile' and never repeats a name", () => {
    const plain = { ctr: num(0.021), time_weekend: num(3.5), age: num(41) };
    const keen = { ctr: num(0.05), time_weekend: num(3), age: num(40) };
    const names = describePersonas(
      [summary(0, plain), summary(1, keen), summary(2, plain), summary(3, keen), summary(4, plain)],
      OVERALL,
      { labels: LABELS },
    ).map((p) => p.name);
    expect(names).toEqual([
      'Typical profile',
      'high CTR',
      'Typical profile (2)',
      'high CTR (2)',
      'Typical profile (3)',
    ]);
  });

  it('reads default labels from the column names and keeps non-range hyphens', () => {
    const overall = summary(
      -1,
      { time_weekend: num(3, 2) },
      { Age_Band: { '18-24': 0.2, 'Sci-Fi': 0.2, other: 0.6 } },
    );
    const [young, scifi] = describePersonas(
      [
        summary(0, { time_weekend: num(1) }, { Age_Band: { '18-24': 0.9, 'Sci-Fi': 0, other: 0.1 } }),
        summary(1, { time_weekend: num(3) }, { Age_Band: { '18-24': 0, 'Sci-Fi': 0.9, other: 0.1 } }),
      ],
      overall,
    );
    expect(young?.name).toBe('age band 18–24, low time weekend');
    expect(scifi?.name).toBe('age band Sci-Fi');
  });

  it('names segments straight from summariseSegments output, in raw units', () => {
    // Segment 1 (rows 0, 1): CTR 0.05 against 0.01, 2 std above the overall mean of 0.018.
    const labels = Int32Array.from([1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const raw = {
      ctr: [0.05, 0.05, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01],
      income: [
        '80k-100k',
        '80k-100k',
        '80k-100k',
        '40k-60k',
        '40k-60k',
        '40k-60k',
        '40k-60k',
        '60k-80k',
        '60k-80k',
        '60k-80k',
      ],
    };
    const columns = [
      { name: 'ctr', kind: 'number' as const },
      { name: 'income', kind: 'category' as const },
    ];
    const { overall, segments } = summariseSegments(columns, raw, labels, 2);
    // Segment 0's CTR is 0.5 std below: under minEffect 0.6, so nothing sets it apart.
    const [rest, keen] = describePersonas(segments, overall, { labels: LABELS, minEffect: 0.6 });
    expect(rest?.name).toBe('Typical profile');
    expect(keen?.name).toBe('high CTR, income 80k–100k');
    expect(keen?.traits[0]?.effect).toBeCloseTo(2, 10);
    expect(keen?.traits[1]?.effect).toBeCloseTo(1 / 0.3, 12);
  });
});
