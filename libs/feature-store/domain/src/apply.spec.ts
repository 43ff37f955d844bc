import { describe, expect, it } from 'vitest';
import { applyEvent, daysFromEvents, scalarOf } from './apply.js';
import type { EventFilter, FeatureEvent, Measure } from './definition.js';
import type { DayMeasures } from './measure-state.js';

const ARTICLES: EventFilter = { type: ['track'], event: ['Article Viewed'] };

const MEASURES = new Map<string, Measure>([
  ['count', { kind: 'count', filter: ARTICLES }],
  ['sum', { kind: 'sum', filter: ARTICLES, value: 'properties.seconds' }],
  ['min', { kind: 'min', filter: ARTICLES, value: 'properties.seconds' }],
  ['max', { kind: 'max', filter: ARTICLES, value: 'properties.seconds' }],
  ['distinct', { kind: 'distinct', filter: ARTICLES, value: 'properties.category' }],
  ['countBy', { kind: 'countBy', filter: ARTICLES, value: 'properties.category' }],
  ['last', { kind: 'last', filter: ARTICLES, value: 'properties.category' }],
  ['latest', { kind: 'latest', filter: ARTICLES }],
]);

let seq = 0;
const article = (properties: Record<string, unknown>, fields: Partial<FeatureEvent> = {}): FeatureEvent => ({
  messageId: `m${String(seq++).padStart(4, '0')}`,
  type: 'track',
  event: 'Article Viewed',
  anonymousId: 'a1',
  timestamp: '2024-05-01T10:00:00.000Z',
  properties,
  ...fields,
});

function applyAll(events: FeatureEvent[], measures: ReadonlyMap<string, Measure> = MEASURES): DayMeasures {
  const day: DayMeasures = {};
  for (const e of events) applyEvent(day, e, measures);
  return day;
}

describe('applyEvent', () => {
  it('folds matching events into every kind of state', () => {
    const day = applyAll([
      article({ seconds: 10, category: 'sport' }, { timestamp: '2024-05-01T09:00:00.000Z', messageId: 'b' }),
      article({ seconds: 2.5, category: 'news' }, { timestamp: '2024-05-01T11:00:00.000Z', messageId: 'a' }),
      article({ seconds: 7, category: 'sport' }, { timestamp: '2024-05-01T10:00:00.000Z', messageId: 'c' }),
    ]);
    expect(day).toEqual({
      count: { kind: 'count', n: 3 },
      sum: { kind: 'sum', milli: 19_500 },
      min: { kind: 'min', milli: 2_500 },
      max: { kind: 'max', milli: 10_000 },
      distinct: { kind: 'distinct', values: ['news', 'sport'] },
      countBy: { kind: 'countBy', counts: { sport: 2, news: 1 } },
      last: { kind: 'last', at: Date.parse('2024-05-01T11:00:00.000Z'), id: 'a', value: 'news' },
      latest: { kind: 'latest', at: Date.parse('2024-05-01T11:00:00.000Z') },
    });
  });

  it('leaves the day alone for events no filter matches', () => {
    const day = applyAll([article({ seconds: 5 }, { event: 'Ad Clicked' }), article({}, { type: 'page' })]);
    expect(day).toEqual({});
  });

  it('sum counts a non-number as 0 but still creates its state; min and max skip it', () => {
    const day = applyAll([article({ seconds: '12', category: 'news' }), article({ category: 'news' })]);
    expect(day['sum']).toEqual({ kind: 'sum', milli: 0 });
    expect(day['count']).toEqual({ kind: 'count', n: 2 });
    expect(day['min']).toBeUndefined();
    expect(day['max']).toBeUndefined();
  });

  it('distinct and countBy take numbers as JSON text and ignore what has no string form', () => {
    const day = applyAll([
      article({ category: 3 }),
      article({ category: '3' }),
      article({ category: 1.5 }),
      article({ category: true }),
      article({ category: null }),
      article({ category: ['x'] }),
      article({}),
    ]);
    expect(day['distinct']).toEqual({ kind: 'distinct', values: ['1.5', '3'] });
    expect(day['countBy']).toEqual({ kind: 'countBy', counts: { '3': 2, '1.5': 1 } });
  });

  it('distinct stays sorted in code-unit order without repeats, whatever the arrival order', () => {
    const categories = ['b', 'B', 'a', 'é', 'b', 'a', '10', '9', 'Z'];
    const day = applyAll(categories.map((category) => article({ category })));
    expect(day['distinct']).toEqual({ kind: 'distinct', values: ['10', '9', 'B', 'Z', 'a', 'b', 'é'] });
  });

  it('countBy counts a __proto__ value as any other key', () => {
    const day = applyAll([article({ category: '__proto__' }), article({ category: '__proto__' })]);
    const state = day['countBy'];
    expect(state?.kind === 'countBy' && Object.entries(state.counts)).toEqual([['__proto__', 2]]);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('last picks the greatest timestamp, then the greatest messageId', () => {
    const at = '2024-05-01T10:00:00.000Z';
    const day = applyAll([
      article({ category: 'late-b' }, { timestamp: at, messageId: 'b' }),
      article({ category: 'late-c' }, { timestamp: at, messageId: 'c' }),
      article({ category: 'late-a' }, { timestamp: at, messageId: 'a' }),
      article({ category: 'early-z' }, { timestamp: '2024-05-01T09:59:59.999Z', messageId: 'z' }),
    ]);
    expect(day['last']).toEqual({ kind: 'last', at: Date.parse(at), id: 'c', value: 'late-c' });
  });

  it('last compares instants, not the text of timestamps', () => {
    const day = applyAll([
      article({ category: 'utc' }, { timestamp: '2024-05-01T10:00:00.000Z', messageId: 'z' }),
      article({ category: 'offset' }, { timestamp: '2024-05-01T11:30:00+01:00', messageId: 'a' }),
    ]);
    expect(day['last']).toMatchObject({ value: 'offset' });
  });

  it('last skips an event without the value, keeps an object or an array as null, and scalars as they are', () => {
    const valueOf = (properties: Record<string, unknown>) => applyAll([article(properties)])['last'];
    expect(valueOf({})).toBeUndefined();
    expect(valueOf({ category: null })).toMatchObject({ value: null });
    // The last known value: a later event without it does not erase it.
    const known = article({ category: 'news' }, { timestamp: '2024-05-01T10:00:00.000Z', messageId: 'k1' });
    const later = article({}, { timestamp: '2024-05-01T11:00:00.000Z', messageId: 'k2' });
    expect(applyAll([known, later])['last']).toMatchObject({ value: 'news', id: 'k1' });
    expect(valueOf({ category: { a: 1 } })).toMatchObject({ value: null });
    expect(valueOf({ category: [1] })).toMatchObject({ value: null });
    expect(valueOf({ category: false })).toMatchObject({ value: false });
    expect(valueOf({ category: 4.5 })).toMatchObject({ value: 4.5 });
    expect(scalarOf(Number.NaN)).toBeNull();
  });

  it('a second application changes last, latest, distinct, min and max not at all, but counts twice', () => {
    const e = article({ seconds: 4, category: 'news' });
    const once = applyAll([e]);
    const twice = applyAll([e, e]);
    for (const key of ['last', 'latest', 'distinct', 'min', 'max']) expect(twice[key]).toEqual(once[key]);
    expect(twice['count']).toEqual({ kind: 'count', n: 2 });
    expect(twice['sum']).toEqual({ kind: 'sum', milli: 8000 });
    expect(twice['countBy']).toEqual({ kind: 'countBy', counts: { news: 2 } });
  });

  it('throws when a stored state is of another kind than its measure', () => {
    const day: DayMeasures = { count: { kind: 'latest', at: 1 } };
    expect(() => applyEvent(day, article({}), MEASURES)).toThrow(/count/);
  });
});

describe('daysFromEvents', () => {
  const events = [
    article({ seconds: 1 }, { timestamp: '2024-05-01T23:59:59.999Z', messageId: 'x1' }),
    article({ seconds: 2 }, { timestamp: '2024-05-02T00:00:00.000Z', messageId: 'x2' }),
    article({ seconds: 3 }, { timestamp: '2024-05-02T01:00:00+02:00', messageId: 'x3' }),
    article({ seconds: 4 }, { timestamp: '2024-05-03T00:00:00.000Z', messageId: 'x4', event: 'Other' }),
  ];
  const counts = new Map<string, Measure>([['n', { kind: 'count', filter: ARTICLES }]]);

  it('groups events by UTC day and leaves out days where nothing matched', () => {
    const days = daysFromEvents(events, counts);
    expect([...days]).toEqual([
      ['2024-05-01', { n: { kind: 'count', n: 2 } }],
      ['2024-05-02', { n: { kind: 'count', n: 1 } }],
    ]);
  });

  it('applies each messageId once, as the store ledger does', () => {
    const days = daysFromEvents([...events, ...events], counts);
    expect(days.get('2024-05-01')).toEqual({ n: { kind: 'count', n: 2 } });
  });

  it('leaves out events after asOf', () => {
    const days = daysFromEvents(events, counts, '2024-05-01T23:59:59.999Z');
    expect([...days]).toEqual([['2024-05-01', { n: { kind: 'count', n: 2 } }]]);
  });
});
