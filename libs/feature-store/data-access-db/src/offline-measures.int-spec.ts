import {
  daysFromEvents,
  measureKey,
  type DayMeasures,
  type EventFilter,
  type Measure,
  type MeasureState,
} from '@cdp/feature-store/domain';
import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DailyMeasuresStore } from './daily-measures.repository.js';
import { FeatureEventLog, toFeatureEvent, type EventRow } from './feature-event-log.repository.js';
import { MEASURE_SETTINGS, jsNumberTextSql, milliSql } from './measure-sql.js';
import { featureStoreMigrations } from './migrations.js';
import { OfflineMeasures } from './offline-measures.repository.js';

const database = useTestDatabase('feature_store_offline');
let client: DbClient;
let log: FeatureEventLog;
let daily: DailyMeasuresStore;
let offline: OfflineMeasures;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, featureStoreMigrations);
  log = new FeatureEventLog(client.pool);
  daily = new DailyMeasuresStore(client.pool);
  offline = new OfflineMeasures(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const NOBODY = '00000000-0000-4000-8000-00000000000f';

const ORDERS: EventFilter = { type: ['track'], event: ['Order Completed'] };
const PAGES: EventFilter = { type: ['page'] };

/** Every kind and every derived key, each named for what the expectations below call it. */
const M = {
  orders: { kind: 'count', filter: ORDERS },
  revenue: { kind: 'sum', filter: ORDERS, value: 'properties.revenue' },
  minRevenue: { kind: 'min', filter: ORDERS, value: 'properties.revenue' },
  maxRevenue: { kind: 'max', filter: ORDERS, value: 'properties.revenue' },
  skus: { kind: 'distinct', filter: {}, value: 'properties.sku' },
  skuCounts: { kind: 'countBy', filter: {}, value: 'properties.sku' },
  hourParts: { kind: 'countBy', filter: {}, value: '@hourPart' },
  weekparts: { kind: 'countBy', filter: {}, value: '@weekpart' },
  devices: { kind: 'countBy', filter: {}, value: '@deviceClass' },
  sessions: { kind: 'distinct', filter: {}, value: '@session' },
  days: { kind: 'distinct', filter: {}, value: '@day' },
  plan: { kind: 'last', filter: { type: ['identify'] }, value: 'traits.plan' },
  lastPage: { kind: 'last', filter: PAGES, value: 'name' },
  pageSeen: { kind: 'latest', filter: PAGES },
  homeViews: { kind: 'count', filter: { type: ['page'], name: ['Home'] } },
} satisfies Record<string, Measure>;
type Name = keyof typeof M;

const MEASURES: ReadonlyMap<string, Measure> = new Map(Object.values(M).map((m) => [measureKey(m), m]));

/** Expected measures written by name; keyed as the store keys them. */
const day = (states: Partial<Record<Name, MeasureState>>): DayMeasures =>
  Object.fromEntries(Object.entries(states).map(([name, state]) => [measureKey(M[name as Name]), state]));

const event = (row: Omit<EventRow, 'sourceId' | 'profileId'> & Partial<EventRow>): EventRow => ({
  sourceId: 's1',
  profileId: P1,
  ...row,
});

// 2024-03-01 is a Friday, 2024-03-02 a Saturday, 2024-03-04 a Monday. A 30-minute session slot is
// floor(epoch ms / 1 800 000): 2024-03-01T00:00Z (1709251200000 ms) opens slot 949584.
const EVENTS: EventRow[] = [
  event({
    messageId: 'm1',
    ts: '2024-03-01T05:59:59.999Z',
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'a1',
    // 8.0125 × 1000 is 8012.499999999999 in doubles: 8012, not the decimal 8013.
    properties: { revenue: 8.0125, sku: 'B' },
    context: { device: { type: 'ios' } },
  }),
  event({
    messageId: 'm2',
    ts: '2024-03-01T06:00:00.000Z',
    type: 'track',
    event: 'Order Completed',
    userId: 'u1',
    // A string revenue adds 0; a number sku is keyed as JavaScript writes it.
    properties: { revenue: '12', sku: 7 },
    // Lower-cased first: `iPad` is a tablet.
    context: { device: { type: 'iPad' } },
  }),
  event({
    messageId: 'm3',
    ts: '2024-03-01T12:00:00.000Z',
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'a1',
    properties: { revenue: -1.5, sku: 1.5 },
  }),
  event({
    messageId: 'm4',
    ts: '2024-03-01T23:59:59.999Z',
    type: 'page',
    name: 'Home',
    anonymousId: 'a1',
    properties: { sku: 1e21 },
    context: { device: { type: 'android' } },
  }),
  event({
    messageId: 'm5',
    // 2024-03-01T23:30:00Z, written with an offset that puts it on the 2nd locally.
    ts: '2024-03-02T01:30:00+02:00',
    type: 'identify',
    userId: 'u1',
    // An empty anonymousId identifies nothing: the session is the userId's.
    anonymousId: '',
    traits: { plan: 'pro' },
    context: { device: { type: 'tablet' } },
  }),
  // Same instant as m5, greater messageId: m6 is the last. Two sources sent an m6 with different
  // values: the value's JSON text decides (`null` > `"basic"`).
  event({
    messageId: 'm6',
    ts: '2024-03-01T23:30:00.000Z',
    type: 'identify',
    anonymousId: 'a3',
    traits: { plan: { tier: 'gold' } },
  }),
  event({
    sourceId: 's2',
    messageId: 'm6',
    ts: '2024-03-01T23:30:00.000Z',
    type: 'identify',
    traits: { plan: 'basic' },
  }),
  event({
    messageId: 'm8',
    ts: '2024-03-02T00:00:00.000Z',
    type: 'page',
    name: 'Pricing',
    anonymousId: 'a1',
    properties: { sku: 'B' },
  }),
  event({
    messageId: 'm9',
    ts: '2024-03-02T18:00:00.000Z',
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'a2',
    properties: { revenue: 'n/a' },
  }),
  event({
    messageId: 'm10',
    ts: '2024-03-02T20:00:00.000Z',
    type: 'track',
    event: 'Order Completed',
    anonymousId: 'a2',
    properties: { revenue: 5 },
  }),
  event({
    profileId: P2,
    messageId: 'p2-1',
    ts: '2024-03-04T09:15:00.000Z',
    type: 'page',
    name: 'Home',
    userId: 'u2',
    properties: { sku: 0.1 + 0.2 },
    context: { device: { type: 'mobile' } },
  }),
  event({
    profileId: P2,
    messageId: 'p2-2',
    ts: '2024-03-04T09:20:00.000Z',
    type: 'track',
    event: 'Signed Up',
    // A boolean has no string form; no ids, no session.
    properties: { sku: true },
  }),
];

const FRIDAY = day({
  orders: { kind: 'count', n: 3 },
  revenue: { kind: 'sum', milli: 8012 + 0 - 1500 },
  minRevenue: { kind: 'min', milli: -1500 },
  maxRevenue: { kind: 'max', milli: 8012 },
  skus: { kind: 'distinct', values: ['1.5', '1e+21', '7', 'B'] },
  skuCounts: { kind: 'countBy', counts: { B: 1, '7': 1, '1.5': 1, '1e+21': 1 } },
  hourParts: { kind: 'countBy', counts: { night: 1, morning: 1, afternoon: 1, evening: 4 } },
  weekparts: { kind: 'countBy', counts: { weekday: 7 } },
  devices: { kind: 'countBy', counts: { mobile: 2, tablet: 2, desktop: 3 } },
  sessions: {
    kind: 'distinct',
    values: ['a1/949595', 'a1/949608', 'a1/949631', 'a3/949631', 'u1/949596', 'u1/949631'],
  },
  days: { kind: 'distinct', values: ['2024-03-01'] },
  plan: { kind: 'last', at: 1709335800000, id: 'm6', value: null },
  lastPage: { kind: 'last', at: 1709337599999, id: 'm4', value: 'Home' },
  pageSeen: { kind: 'latest', at: 1709337599999 },
  homeViews: { kind: 'count', n: 1 },
});

const SATURDAY = day({
  orders: { kind: 'count', n: 2 },
  revenue: { kind: 'sum', milli: 5000 },
  minRevenue: { kind: 'min', milli: 5000 },
  maxRevenue: { kind: 'max', milli: 5000 },
  skus: { kind: 'distinct', values: ['B'] },
  skuCounts: { kind: 'countBy', counts: { B: 1 } },
  hourParts: { kind: 'countBy', counts: { night: 1, evening: 2 } },
  weekparts: { kind: 'countBy', counts: { weekend: 3 } },
  devices: { kind: 'countBy', counts: { desktop: 3 } },
  sessions: { kind: 'distinct', values: ['a1/949632', 'a2/949668', 'a2/949672'] },
  days: { kind: 'distinct', values: ['2024-03-02'] },
  lastPage: { kind: 'last', at: 1709337600000, id: 'm8', value: 'Pricing' },
  pageSeen: { kind: 'latest', at: 1709337600000 },
});

/** Saturday as of 19:00, before m10: its order counts 0, and no number means no min or max. */
const SATURDAY_AT_19 = day({
  orders: { kind: 'count', n: 1 },
  revenue: { kind: 'sum', milli: 0 },
  skus: { kind: 'distinct', values: ['B'] },
  skuCounts: { kind: 'countBy', counts: { B: 1 } },
  hourParts: { kind: 'countBy', counts: { night: 1, evening: 1 } },
  weekparts: { kind: 'countBy', counts: { weekend: 2 } },
  devices: { kind: 'countBy', counts: { desktop: 2 } },
  sessions: { kind: 'distinct', values: ['a1/949632', 'a2/949668'] },
  days: { kind: 'distinct', values: ['2024-03-02'] },
  lastPage: { kind: 'last', at: 1709337600000, id: 'm8', value: 'Pricing' },
  pageSeen: { kind: 'latest', at: 1709337600000 },
});

const MONDAY = day({
  skus: { kind: 'distinct', values: ['0.30000000000000004'] },
  skuCounts: { kind: 'countBy', counts: { '0.30000000000000004': 1 } },
  hourParts: { kind: 'countBy', counts: { morning: 2 } },
  weekparts: { kind: 'countBy', counts: { weekday: 2 } },
  devices: { kind: 'countBy', counts: { mobile: 1, desktop: 1 } },
  sessions: { kind: 'distinct', values: ['u2/949746'] },
  days: { kind: 'distinct', values: ['2024-03-04'] },
  lastPage: { kind: 'last', at: 1709543700000, id: 'p2-1', value: 'Home' },
  pageSeen: { kind: 'latest', at: 1709543700000 },
  homeViews: { kind: 'count', n: 1 },
});

async function reset(rows: readonly EventRow[]): Promise<void> {
  await client.pool.query('TRUNCATE feature_store.events, feature_store.daily');
  await log.append(rows);
}

describe('OfflineMeasures', () => {
  beforeEach(async () => {
    await reset(EVENTS);
  });

  it("computes each (profile, day)'s measures: every kind, every derived key, ties and day boundaries", async () => {
    expect(await offline.compute(MEASURES)).toEqual([
      { profileId: P1, day: '2024-03-01', measures: FRIDAY },
      { profileId: P1, day: '2024-03-02', measures: SATURDAY },
      { profileId: P2, day: '2024-03-04', measures: MONDAY },
    ]);
  });

  it('restricts to profiles, and reads as of a time: a later event of the same day is left out', async () => {
    expect(await offline.compute(MEASURES, { profileIds: [P2] })).toEqual([
      { profileId: P2, day: '2024-03-04', measures: MONDAY },
    ]);
    const asOf = await offline.pointInTime(MEASURES, P1, '2024-03-02T19:00:00.000Z');
    expect(asOf).toEqual(
      new Map([
        ['2024-03-01', FRIDAY],
        ['2024-03-02', SATURDAY_AT_19],
      ]),
    );
    expect(await offline.pointInTime(MEASURES, P1, '2024-03-01T23:59:59.998Z')).toEqual(
      new Map([
        [
          '2024-03-01',
          // Without m4 (23:59:59.999): no page at all that day.
          day({
            orders: { kind: 'count', n: 3 },
            revenue: { kind: 'sum', milli: 6512 },
            minRevenue: { kind: 'min', milli: -1500 },
            maxRevenue: { kind: 'max', milli: 8012 },
            skus: { kind: 'distinct', values: ['1.5', '7', 'B'] },
            skuCounts: { kind: 'countBy', counts: { B: 1, '7': 1, '1.5': 1 } },
            hourParts: { kind: 'countBy', counts: { night: 1, morning: 1, afternoon: 1, evening: 3 } },
            weekparts: { kind: 'countBy', counts: { weekday: 6 } },
            devices: { kind: 'countBy', counts: { mobile: 1, tablet: 2, desktop: 3 } },
            sessions: {
              kind: 'distinct',
              values: ['a1/949595', 'a1/949608', 'a3/949631', 'u1/949596', 'u1/949631'],
            },
            days: { kind: 'distinct', values: ['2024-03-01'] },
            plan: { kind: 'last', at: 1709335800000, id: 'm6', value: null },
          }),
        ],
      ]),
    );
  });

  it('leaves out days where no measure matched', async () => {
    const aliases: Measure = { kind: 'count', filter: { type: ['alias'] } };
    expect(await offline.compute(new Map([[measureKey(aliases), aliases]]))).toEqual([]);
    // A given empty list matches nothing, as `[].includes` does.
    const none: Measure = { kind: 'count', filter: { event: [] } };
    expect(await offline.compute(new Map([[measureKey(none), none]]))).toEqual([]);
  });

  it('gives training rows their own past: two rows of one profile at different times, in input order', async () => {
    const rows = await offline.trainingRows(MEASURES, [
      { profileId: P1, at: '2024-03-02T19:00:00.000Z' },
      { profileId: P2, at: '2024-03-04T23:00:00.000Z' },
      { profileId: P1, at: '2024-03-01T12:00:00.000Z' },
      { profileId: NOBODY, at: '2024-03-04T23:00:00.000Z' },
      { profileId: P1, at: '2024-03-03T00:00:00.000Z' },
    ]);
    expect(rows).toEqual([
      new Map([
        ['2024-03-01', FRIDAY],
        ['2024-03-02', SATURDAY_AT_19],
      ]),
      new Map([['2024-03-04', MONDAY]]),
      // Noon exactly: m3 (12:00:00.000) is in, nothing of the evening or the next day.
      new Map([
        [
          '2024-03-01',
          day({
            orders: { kind: 'count', n: 3 },
            revenue: { kind: 'sum', milli: 6512 },
            minRevenue: { kind: 'min', milli: -1500 },
            maxRevenue: { kind: 'max', milli: 8012 },
            skus: { kind: 'distinct', values: ['1.5', '7', 'B'] },
            skuCounts: { kind: 'countBy', counts: { B: 1, '7': 1, '1.5': 1 } },
            hourParts: { kind: 'countBy', counts: { night: 1, morning: 1, afternoon: 1 } },
            weekparts: { kind: 'countBy', counts: { weekday: 3 } },
            devices: { kind: 'countBy', counts: { mobile: 1, tablet: 1, desktop: 1 } },
            sessions: { kind: 'distinct', values: ['a1/949595', 'a1/949608', 'u1/949596'] },
            days: { kind: 'distinct', values: ['2024-03-01'] },
          }),
        ],
      ]),
      new Map(),
      new Map([
        ['2024-03-01', FRIDAY],
        ['2024-03-02', SATURDAY],
      ]),
    ]);
  });

  it('pages through every profile by id, and backfills the daily table chunk by chunk', async () => {
    const stale = '00000000-0000-4000-8000-00000000000e';
    // A day no event backs (its events were erased without it): the backfill clears it.
    await daily.save([{ profileId: stale, day: '2024-01-01', measures: FRIDAY }]);
    expect(await offline.profilesAfter(null, 2)).toEqual([P1, P2]);
    expect(await offline.profilesAfter(P2, 2)).toEqual([stale]);
    expect(await offline.profilesAfter(stale, 2)).toEqual([]);

    const progress: Array<{ done: number; total: number }> = [];
    const result = await offline.backfill(MEASURES, { chunkSize: 2, onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ profiles: 3, days: 3 });
    expect(progress).toEqual([
      { done: 0, total: 3 },
      { done: 2, total: 3 },
      { done: 3, total: 3 },
    ]);
    const stored = await daily.load([P1, P2, stale]);
    expect(stored).toEqual(
      new Map([
        [
          P1,
          new Map([
            ['2024-03-01', FRIDAY],
            ['2024-03-02', SATURDAY],
          ]),
        ],
        [P2, new Map([['2024-03-04', MONDAY]])],
      ]),
    );

    const chunks = [];
    for await (const chunk of offline.stream(MEASURES, { chunkSize: 1 })) chunks.push(chunk);
    expect(chunks.map((c) => [c.profileIds, c.days.map((d) => d.day)])).toEqual([
      [[P1], ['2024-03-01', '2024-03-02']],
      [[P2], ['2024-03-04']],
    ]);
  });

  it("equals the domain's own fold of the same events (daysFromEvents), over varied generated events", async () => {
    const rows = generatedEvents(400);
    await reset(rows);
    const offlineDays = await offline.profiles(MEASURES);
    for (const profileId of new Set(rows.map((r) => r.profileId))) {
      const events = rows.filter((r) => r.profileId === profileId).map(toFeatureEvent);
      expect(offlineDays.get(profileId) ?? new Map()).toEqual(daysFromEvents(events, MEASURES));
    }
  });
});

describe('measure SQL: the number forms', () => {
  const values = [
    ...[1, 1.5, 0.1 + 0.2, 120, 1e21, 1e20, 1e15, 123456789012345680000, 1234567890123456.8, 2 ** 53],
    ...[1e-7, 1e-6, 1.5e-5, 0.0001, 5e-324, Number.MAX_VALUE, -0.000001234, -1e21, 8.0125, -2.0005],
    ...Array.from({ length: 400 }, (_, i) => {
      // Spread over magnitudes 1e-30 to 1e30, with awkward mantissas.
      const mantissa = Math.sin(i * 12.9898) * 43758.5453;
      return (mantissa - Math.trunc(mantissa)) * 10 ** ((i % 61) - 30) * (i % 2 ? -1 : 1);
    }),
  ];

  it("writes float8 as JavaScript's String(n)", async () => {
    const text = await float8Query(jsNumberTextSql('x'), values);
    expect(text).toEqual(values.map((v) => String(v)));
  });

  it("writes any double as JavaScript's String(n): random bit patterns, every exponent", async () => {
    const view = new DataView(new ArrayBuffer(8));
    let seed = 12345;
    const word = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const doubles: number[] = [];
    while (doubles.length < 3000) {
      view.setUint32(0, word());
      view.setUint32(4, word());
      const v = view.getFloat64(0);
      if (Number.isFinite(v)) doubles.push(v);
    }
    // Integers above 2^54, where a short midpoint decimal can be the shortest form.
    for (let i = 0; i < 1000; i++)
      doubles.push(Math.floor(2 ** (54 + (i % 60)) * (1 + (word() % 1000) / 1000)));
    const text = await float8Query(jsNumberTextSql('x'), doubles);
    expect(text).toEqual(doubles.map((v) => String(v)));
  });

  it('rounds to thousandths with the same double operations as JavaScript', async () => {
    const bounded = values.filter((v) => Math.abs(v) < 1e300);
    const milli = await float8Query(`(${milliSql('x')})::text`, bounded);
    expect(milli.map(Number)).toEqual(
      bounded.map((v) => Math.sign(v) * Math.floor(Math.abs(v) * 1000 + 0.5) + 0),
    );
  });
});

async function float8Query(sql: string, values: readonly number[]): Promise<string[]> {
  const connection = await client.pool.connect();
  try {
    await connection.query('BEGIN');
    await connection.query(MEASURE_SETTINGS);
    const result = await connection.query<{ out: string }>(
      `SELECT ${sql} AS out FROM unnest($1::float8[]) WITH ORDINALITY AS v(x, n) ORDER BY n`,
      [values],
    );
    await connection.query('COMMIT');
    return result.rows.map((r) => r.out);
  } catch (error) {
    await connection.query('ROLLBACK');
    throw error;
  } finally {
    connection.release();
  }
}

const DAY_MS = 86_400_000;

/** Seeded events over three profiles and a week, with values of every JSON type at the paths read. */
function generatedEvents(count: number): EventRow[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const numbers = [0, 1, -1, 0.5, 1.0005, 8.0125, -2.0005, 1e21, 1e-7, 0.1 + 0.2, 123.456, 99999.9995];
  // 71686837945890140 is 71686837945890144 in PostgreSQL's own float8 text: the shorter form is searched for.
  const anything = [
    ...numbers,
    71686837945890140,
    'a',
    'B',
    'b',
    '10',
    '',
    'é',
    '__proto__',
    true,
    false,
    null,
    { x: 1 },
    [1, 2],
  ];
  // Sums beyond 2^53 thousandths are not exact in JavaScript (its sum then depends on the order of
  // addition; SQL's is the exact one, rounded once): the revenue stays in the exact range.
  const summable = anything.filter((v) => typeof v !== 'number' || Math.abs(v) < 1e9);
  const rows: EventRow[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(['track', 'page', 'identify', 'screen'] as const);
    const row: EventRow = {
      sourceId: 's1',
      messageId: `g${pick(['', '0', 'a'])}${i}`,
      profileId: pick([P1, P2, NOBODY]),
      // A week of March 2024 at any millisecond, or exactly at or just before a midnight.
      ts: new Date(
        Date.UTC(2024, 2, 1) +
          pick([Math.floor(next() * 7 * DAY_MS), Math.floor(next() * 7) * DAY_MS - pick([0, 1])]),
      ).toISOString(),
      type,
    };
    if (type === 'track') row.event = pick(['Order Completed', 'Signed Up']);
    if (type === 'page' || type === 'screen') row.name = pick(['Home', 'Pricing']);
    if (next() < 0.7) row.anonymousId = pick(['a1', 'a2', '']);
    if (next() < 0.5) row.userId = pick(['u1', 'u2', '']);
    if (next() < 0.9) row.properties = { revenue: pick(summable), sku: pick(anything) };
    if (type === 'identify') row.traits = { plan: pick(anything) };
    if (next() < 0.8) row.context = { device: { type: pick(['ios', 'Android', 'ipad', 'tablet', 'tv', 3]) } };
    rows.push(row);
  }
  return rows;
}
