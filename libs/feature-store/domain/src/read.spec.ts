import { describe, expect, it } from 'vitest';
import { applyEvent, daysFromEvents } from './apply.js';
import { combineDays } from './combine.js';
import type {
  Compute,
  EventFilter,
  FeatureDefinition,
  FeatureEvent,
  FeatureWindow,
  Measure,
} from './definition.js';
import { measureKey, measuresOf } from './measure-key.js';
import type { DayMeasures, MeasureState } from './measure-state.js';
import { computeFeature, featuresFromEvents, readFeatures, windowMeasures, windowsMeasures } from './read.js';

const PAGES: EventFilter = { type: ['page'] };
const ARTICLES: EventFilter = { type: ['track'], event: ['Article Viewed'] };
const ORDERS: EventFilter = { type: ['track'], event: ['Order Completed'] };

const pageCount: Measure = { kind: 'count', filter: PAGES };
const articleCount: Measure = { kind: 'count', filter: ARTICLES };
const seconds: Measure = { kind: 'sum', filter: ARTICLES, value: 'properties.seconds' };
const minSeconds: Measure = { kind: 'min', filter: ARTICLES, value: 'properties.seconds' };
const maxSeconds: Measure = { kind: 'max', filter: ARTICLES, value: 'properties.seconds' };
const categories: Measure = { kind: 'distinct', filter: ARTICLES, value: 'properties.category' };
const byCategory: Measure = { kind: 'countBy', filter: ARTICLES, value: 'properties.category' };
const lastCategory: Measure = { kind: 'last', filter: ARTICLES, value: 'properties.category' };
const lastArticle: Measure = { kind: 'latest', filter: ARTICLES };
const orders: Measure = { kind: 'count', filter: ORDERS };
const revenue: Measure = { kind: 'sum', filter: ORDERS, value: 'properties.revenue' };
const lastOrder: Measure = { kind: 'latest', filter: ORDERS };

const feature = (name: string, window: FeatureWindow, compute: Compute): FeatureDefinition => ({
  name,
  description: name,
  group: 'intent',
  type: 'number',
  window,
  version: 1,
  compute,
});

let seq = 0;
function track(event: string, timestamp: string, properties: Record<string, unknown> = {}): FeatureEvent {
  return {
    messageId: `e${String(seq++).padStart(5, '0')}`,
    type: 'track',
    event,
    anonymousId: 'a1',
    timestamp,
    properties,
  };
}
function page(timestamp: string, path = '/'): FeatureEvent {
  return {
    messageId: `e${String(seq++).padStart(5, '0')}`,
    type: 'page',
    name: 'Home',
    anonymousId: 'a1',
    timestamp,
    properties: { path },
  };
}

/** One window's measures built straight from states, keyed as the store keys them. */
function measuresWith(...entries: Array<[Measure, MeasureState]>): DayMeasures {
  return Object.fromEntries(entries.map(([measure, state]) => [measureKey(measure), state]));
}

const AS_OF_MS = Date.parse('2024-05-10T12:00:00.000Z');
const compute = (c: Compute, measures: DayMeasures) => computeFeature(c, measures, AS_OF_MS);

describe('windowMeasures', () => {
  const days = new Map<string, DayMeasures>(
    ['2024-05-02', '2024-05-03', '2024-05-04', '2024-05-10', '2024-05-11'].map((day, i) => [
      day,
      { n: { kind: 'count', n: 10 ** i } },
    ]),
  );
  const n = (windowDays: number | null) => windowMeasures(days, '2024-05-10', windowDays)['n'];

  it('takes the day read and the windowDays − 1 days before it', () => {
    expect(n(7)).toEqual({ kind: 'count', n: 1000 + 100 }); // 05-04 and 05-10
    expect(n(8)).toEqual({ kind: 'count', n: 1000 + 100 + 10 });
    expect(n(1)).toEqual({ kind: 'count', n: 1000 });
  });

  it('takes every day up to the day read for a lifetime window, never a later day', () => {
    expect(n(null)).toEqual({ kind: 'count', n: 1111 });
  });

  it('is empty when no day falls inside', () => {
    expect(windowMeasures(days, '2024-05-09', 4)).toEqual({});
    expect(windowMeasures(new Map(), '2024-05-09', null)).toEqual({});
  });

  it('counts calendar days across a month end', () => {
    const across = new Map<string, DayMeasures>([
      ['2024-02-28', { n: { kind: 'count', n: 1 } }],
      ['2024-02-29', { n: { kind: 'count', n: 2 } }],
      ['2024-03-01', { n: { kind: 'count', n: 4 } }],
    ]);
    expect(windowMeasures(across, '2024-03-01', 2)['n']).toEqual({ kind: 'count', n: 6 });
  });

  it('leaves the stored days untouched', () => {
    windowMeasures(days, '2024-05-10', null);
    expect(days.get('2024-05-10')).toEqual({ n: { kind: 'count', n: 1000 } });
  });

  it('folds several windows at once exactly as each on its own, of every state kind', () => {
    const kinds = (i: number): DayMeasures => ({
      c: { kind: 'count', n: i + 1 },
      s: { kind: 'sum', milli: 1000 * i - 500 },
      lo: { kind: 'min', milli: (i * 7919) % 13 },
      hi: { kind: 'max', milli: (i * 104_729) % 17 },
      d: { kind: 'distinct', values: [`v${i % 5}`, `w${i % 3}`].sort() },
      by: { kind: 'countBy', counts: { [`k${i % 4}`]: i + 1, shared: 1 } },
      l: { kind: 'last', at: 1_000 * (i % 6), id: `m${i}`, value: i },
      t: { kind: 'latest', at: 5_000 * ((i * 31) % 11) },
    });
    // 120 days with gaps, some after the day read.
    const many = new Map<string, DayMeasures>();
    for (let i = 0; i < 160; i++) if (i % 4 !== 1) many.set(addDay('2024-01-01', i), kinds(i));
    const windows = [1, 7, 30, 90, null];
    const together = windowsMeasures(many, '2024-05-02', windows);
    for (const w of windows) {
      const own = [...many]
        .filter(([day]) => day <= '2024-05-02' && (w === null || day > addDay('2024-05-02', -w)))
        .reduce<DayMeasures>((acc, [, m]) => combineDays(acc, m), {});
      expect(together.get(w), `window ${w}`).toEqual(own);
    }
    // And the windows do not share state: changing one leaves the others as they were.
    (together.get(1)?.['c'] as { n: number }).n = -1;
    expect(together.get(7)?.['c']).not.toEqual({ kind: 'count', n: -1 });
    expect(many.get('2024-05-02')).toEqual(kinds(122));
  });
});

function addDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

describe('computeFeature', () => {
  it('value reads each kind, with 0 for nothing counted and null for no extreme, pick or time', () => {
    const full = measuresWith(
      [articleCount, { kind: 'count', n: 3 }],
      [seconds, { kind: 'sum', milli: 12_345 }],
      [minSeconds, { kind: 'min', milli: -500 }],
      [maxSeconds, { kind: 'max', milli: 9_001 }],
      [categories, { kind: 'distinct', values: ['a', 'b'] }],
      [byCategory, { kind: 'countBy', counts: { a: 2, b: 3 } }],
      [lastCategory, { kind: 'last', at: 5, id: 'x', value: true }],
      [lastArticle, { kind: 'latest', at: 1_714_521_600_000 }],
    );
    const read = (measure: Measure, measures: DayMeasures) => compute({ op: 'value', measure }, measures);
    expect(read(articleCount, full)).toBe(3);
    expect(read(seconds, full)).toBe(12.345);
    expect(read(minSeconds, full)).toBe(-0.5);
    expect(read(maxSeconds, full)).toBe(9.001);
    expect(read(categories, full)).toBe(2);
    expect(read(byCategory, full)).toBe(5);
    expect(read(lastCategory, full)).toBe('true');
    expect(read(lastArticle, full)).toBe(1_714_521_600_000);
    expect(read(articleCount, {})).toBe(0);
    expect(read(seconds, {})).toBe(0);
    expect(read(minSeconds, {})).toBeNull();
    expect(read(maxSeconds, {})).toBeNull();
    expect(read(categories, {})).toBe(0);
    expect(read(byCategory, {})).toBe(0);
    expect(read(lastCategory, {})).toBeNull();
    expect(read(lastArticle, {})).toBeNull();
  });

  it('value gives a last pick as it is: number, string or null', () => {
    const pick = (value: MeasureState) =>
      compute({ op: 'value', measure: lastCategory }, measuresWith([lastCategory, value]));
    expect(pick({ kind: 'last', at: 1, id: 'a', value: 4.5 })).toBe(4.5);
    expect(pick({ kind: 'last', at: 1, id: 'a', value: 'news' })).toBe('news');
    expect(pick({ kind: 'last', at: 1, id: 'a', value: null })).toBeNull();
  });

  it('ratio smooths with prior and weight, and is null only when the divisor is 0', () => {
    const ctr: Compute = {
      op: 'ratio',
      numerator: articleCount,
      denominator: pageCount,
      prior: 1,
      priorWeight: 50,
    };
    const plain: Compute = { op: 'ratio', numerator: articleCount, denominator: pageCount };
    const some = measuresWith(
      [articleCount, { kind: 'count', n: 3 }],
      [pageCount, { kind: 'count', n: 150 }],
    );
    expect(compute(ctr, some)).toBe(4 / 200);
    expect(compute(plain, some)).toBe(3 / 150);
    expect(compute(ctr, {})).toBe(1 / 50);
    expect(compute(plain, {})).toBeNull();
    expect(compute(plain, measuresWith([articleCount, { kind: 'count', n: 3 }]))).toBeNull();
    expect(compute(plain, measuresWith([pageCount, { kind: 'count', n: 4 }]))).toBe(0);
  });

  it('ratio is null when either side has no number', () => {
    const bounded: Compute = { op: 'ratio', numerator: maxSeconds, denominator: pageCount, priorWeight: 1 };
    expect(compute(bounded, measuresWith([pageCount, { kind: 'count', n: 4 }]))).toBeNull();
  });

  it('mean divides a sum by a count, and is null when the count is 0', () => {
    const mean: Compute = { op: 'mean', sum: seconds, count: articleCount };
    expect(
      compute(
        mean,
        measuresWith([seconds, { kind: 'sum', milli: 7_500 }], [articleCount, { kind: 'count', n: 3 }]),
      ),
    ).toBe(2.5);
    expect(compute(mean, {})).toBeNull();
    expect(compute(mean, measuresWith([seconds, { kind: 'sum', milli: 7_500 }]))).toBeNull();
    expect(compute(mean, measuresWith([articleCount, { kind: 'count', n: 2 }]))).toBe(0);
  });

  it('recencyDays floors whole days, is null with no event and 0 for an event after the read', () => {
    const recency: Compute = { op: 'recencyDays', latest: lastArticle };
    const at = (iso: string) => measuresWith([lastArticle, { kind: 'latest', at: Date.parse(iso) }]);
    expect(compute(recency, at('2024-05-10T12:00:00.000Z'))).toBe(0);
    expect(compute(recency, at('2024-05-09T12:00:00.001Z'))).toBe(0);
    expect(compute(recency, at('2024-05-09T12:00:00.000Z'))).toBe(1);
    expect(compute(recency, at('2024-04-30T13:00:00.000Z'))).toBe(9);
    expect(compute(recency, at('2024-05-10T18:00:00.000Z'))).toBe(0);
    expect(compute(recency, at('2024-05-12T18:00:00.000Z'))).toBe(0);
    expect(compute(recency, {})).toBeNull();
  });

  it('top is the most frequent value, ties going to the smallest string', () => {
    const top: Compute = { op: 'top', countBy: byCategory };
    const counts = (c: Record<string, number>) => measuresWith([byCategory, { kind: 'countBy', counts: c }]);
    expect(compute(top, counts({ news: 2, sport: 5, art: 1 }))).toBe('sport');
    expect(compute(top, counts({ sport: 3, news: 3, tech: 3 }))).toBe('news');
    expect(compute(top, counts({ b: 3, B: 3 }))).toBe('B');
    expect(compute(top, counts({ '9': 1, '10': 1 }))).toBe('10');
    expect(compute(top, {})).toBeNull();
  });

  it('share is one value over all counted, 0 when absent and null when nothing counted', () => {
    const share = (key: string): Compute => ({ op: 'share', countBy: byCategory, key });
    const measures = measuresWith([byCategory, { kind: 'countBy', counts: { weekend: 1, weekday: 3 } }]);
    expect(compute(share('weekend'), measures)).toBe(0.25);
    expect(compute(share('holiday'), measures)).toBe(0);
    expect(compute(share('toString'), measures)).toBe(0);
    expect(compute(share('weekend'), {})).toBeNull();
  });

  it('category buckets numbers by the first bound they are below, and passes strings through', () => {
    const age: Compute = {
      op: 'category',
      last: lastCategory,
      buckets: [
        [25, '18-24'],
        [35, '25-34'],
      ],
      above: '35+',
    };
    const value = (v: number | string | boolean | null) =>
      compute(age, measuresWith([lastCategory, { kind: 'last', at: 1, id: 'a', value: v }]));
    expect(value(24.9)).toBe('18-24');
    expect(value(25)).toBe('25-34');
    expect(value(34)).toBe('25-34');
    expect(value(35)).toBe('35+');
    expect(value('unknown')).toBe('unknown');
    expect(value(true)).toBe('true');
    expect(value(null)).toBeNull();
    expect(compute(age, {})).toBeNull();
    const noAbove: Compute = { op: 'category', last: lastCategory, buckets: [[25, 'young']] };
    expect(
      compute(noAbove, measuresWith([lastCategory, { kind: 'last', at: 1, id: 'a', value: 30 }])),
    ).toBeNull();
    const raw: Compute = { op: 'category', last: lastCategory };
    expect(compute(raw, measuresWith([lastCategory, { kind: 'last', at: 1, id: 'a', value: 30 }]))).toBe(
      '30',
    );
  });

  it('rfm scores each part 1–5 by its thresholds, and 1 everywhere with no order', () => {
    const rfm = (
      part: 'recency' | 'frequency' | 'monetary',
      thresholds: [number, number, number, number],
    ): Compute => ({
      op: 'rfm',
      part,
      latest: lastOrder,
      orders,
      revenue,
      thresholds,
    });
    const customer = (daysAgo: number, n: number, amount: number) =>
      measuresWith(
        [lastOrder, { kind: 'latest', at: AS_OF_MS - daysAgo * 86_400_000 }],
        [orders, { kind: 'count', n }],
        [revenue, { kind: 'sum', milli: amount * 1000 }],
      );
    const recency = rfm('recency', [7, 30, 90, 180]);
    expect(compute(recency, customer(0, 1, 10))).toBe(5);
    expect(compute(recency, customer(7, 1, 10))).toBe(5);
    expect(compute(recency, customer(8, 1, 10))).toBe(4);
    expect(compute(recency, customer(30, 1, 10))).toBe(4);
    expect(compute(recency, customer(90, 1, 10))).toBe(3);
    expect(compute(recency, customer(180, 1, 10))).toBe(2);
    expect(compute(recency, customer(181, 1, 10))).toBe(1);
    const frequency = rfm('frequency', [2, 3, 5, 8]);
    expect(compute(frequency, customer(1, 1, 10))).toBe(1);
    expect(compute(frequency, customer(1, 2, 10))).toBe(2);
    expect(compute(frequency, customer(1, 7, 10))).toBe(4);
    expect(compute(frequency, customer(1, 8, 10))).toBe(5);
    const monetary = rfm('monetary', [50, 200, 500, 1500]);
    expect(compute(monetary, customer(1, 1, 49.99))).toBe(1);
    expect(compute(monetary, customer(1, 1, 200))).toBe(3);
    expect(compute(monetary, customer(1, 1, 5000))).toBe(5);
    for (const part of [recency, frequency, monetary]) expect(compute(part, {})).toBe(1);
  });

  it('throws when a state is not of its measure kind', () => {
    const wrong = { [measureKey(articleCount)]: { kind: 'sum', milli: 1 } } as DayMeasures;
    expect(() => compute({ op: 'value', measure: articleCount }, wrong)).toThrow(/sum state/);
  });
});

describe('featuresFromEvents', () => {
  const definitions = [
    feature('intent.articles_7d', '7d', { op: 'value', measure: articleCount }),
    feature('intent.articles_1d', '1d', { op: 'value', measure: articleCount }),
    feature('intent.articles_lifetime', 'lifetime', { op: 'value', measure: articleCount }),
    feature('intent.seconds_7d', '7d', { op: 'value', measure: seconds }),
    feature('intent.top_category_7d', '7d', { op: 'top', countBy: byCategory }),
    feature('intent.last_category_lifetime', 'lifetime', { op: 'value', measure: lastCategory }),
    feature('intent.days_since_article_lifetime', 'lifetime', { op: 'recencyDays', latest: lastArticle }),
    feature('intent.avg_seconds_7d', '7d', { op: 'mean', sum: seconds, count: articleCount }),
  ];
  const asOf = '2024-05-10T12:00:00.000Z';

  it('counts an event at midnight of the first day of a 7-day window, not one a millisecond earlier', () => {
    const inside = track('Article Viewed', '2024-05-04T00:00:00.000Z', { seconds: 1 });
    const outside = track('Article Viewed', '2024-05-03T23:59:59.999Z', { seconds: 10 });
    const features = featuresFromEvents([inside, outside], asOf, definitions);
    expect(features['intent.articles_7d']).toBe(1);
    expect(features['intent.seconds_7d']).toBe(1);
    expect(features['intent.articles_lifetime']).toBe(2);
    expect(features['intent.articles_1d']).toBe(0);
  });

  it('leaves out events later than asOf, even on the same day', () => {
    const before = track('Article Viewed', '2024-05-10T12:00:00.000Z', { category: 'news' });
    const after = track('Article Viewed', '2024-05-10T12:00:00.001Z', { category: 'sport' });
    const features = featuresFromEvents([after, before], asOf, definitions);
    expect(features['intent.articles_1d']).toBe(1);
    expect(features['intent.last_category_lifetime']).toBe('news');
    expect(features['intent.days_since_article_lifetime']).toBe(0);
  });

  it('reads 0 for counts and sums and null for the rest when nothing happened', () => {
    expect(featuresFromEvents([], asOf, definitions)).toEqual({
      'intent.articles_7d': 0,
      'intent.articles_1d': 0,
      'intent.articles_lifetime': 0,
      'intent.seconds_7d': 0,
      'intent.top_category_7d': null,
      'intent.last_category_lifetime': null,
      'intent.days_since_article_lifetime': null,
      'intent.avg_seconds_7d': null,
    });
  });

  it('gives the same days and features whatever order events arrive in', () => {
    const categoriesList = ['news', 'sport', 'tech', 'news'];
    const events: FeatureEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const at = new Date(
        Date.parse('2024-04-20T00:00:00.000Z') + i * 7 * 3_600_000 + (i % 5) * 1000,
      ).toISOString();
      events.push(
        i % 3 === 0
          ? page(at, `/p/${i % 4}`)
          : track('Article Viewed', at, { seconds: i * 1.25, category: categoriesList[i % 4] }),
      );
    }
    // Two events of one instant: the greater messageId decides last, in any order.
    events.push(track('Article Viewed', '2024-05-08T08:00:00.000Z', { category: 'tie-low' }));
    events.push(track('Article Viewed', '2024-05-08T08:00:00.000Z', { category: 'tie-high' }));
    const measures = measuresOf(definitions);
    const inOrder = daysFromEvents(events, measures, '2024-05-08T08:00:00.000Z');
    const expected = featuresFromEvents(events, '2024-05-08T08:00:00.000Z', definitions);
    expect(expected['intent.last_category_lifetime']).toBe('tie-high');
    let state = 99;
    for (let round = 0; round < 20; round++) {
      const shuffled = [...events];
      for (let i = shuffled.length - 1; i > 0; i--) {
        state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
        const j = state % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j] as FeatureEvent, shuffled[i] as FeatureEvent];
      }
      expect(daysFromEvents(shuffled, measures, '2024-05-08T08:00:00.000Z')).toEqual(inOrder);
      expect(featuresFromEvents(shuffled, '2024-05-08T08:00:00.000Z', definitions)).toEqual(expected);
    }
  });

  it('equals reading days built online, one event at a time, and days merged from two profiles', () => {
    const events = [
      track('Article Viewed', '2024-05-09T10:00:00.000Z', { seconds: 3, category: 'a' }),
      track('Article Viewed', '2024-05-10T01:00:00.000Z', { seconds: 4.5, category: 'b' }),
      track('Article Viewed', '2024-05-10T02:00:00.000Z', { seconds: 0.25, category: 'b' }),
    ];
    const measures = measuresOf(definitions);
    const online = new Map<string, DayMeasures>();
    for (const e of events) {
      const day = e.timestamp.slice(0, 10);
      const measuresOfDay = online.get(day) ?? {};
      applyEvent(measuresOfDay, e, measures);
      online.set(day, measuresOfDay);
    }
    const expected = featuresFromEvents(events, asOf, definitions);
    expect(readFeatures(online, asOf, definitions)).toEqual(expected);
    expect(expected['intent.avg_seconds_7d']).toBe(7.75 / 3);

    const first = daysFromEvents(events.slice(0, 2), measures);
    const second = daysFromEvents(events.slice(2), measures);
    const merged = new Map(first);
    for (const [day, m] of second)
      merged.set(day, merged.has(day) ? combineDays(merged.get(day) as DayMeasures, m) : m);
    expect(readFeatures(merged, asOf, definitions)).toEqual(expected);
  });
});
