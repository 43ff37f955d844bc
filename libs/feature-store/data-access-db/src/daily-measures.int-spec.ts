import type { DayMeasures } from '@cdp/feature-store/domain';
import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DailyMeasuresStore } from './daily-measures.repository.js';
import { featureStoreMigrations } from './migrations.js';

const database = useTestDatabase('feature_store_daily');
let client: DbClient;
let store: DailyMeasuresStore;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, featureStoreMigrations);
  store = new DailyMeasuresStore(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const ANN = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b2';

const counted = (n: number): DayMeasures => ({ m_clicks: { kind: 'count', n } });
const mixed: DayMeasures = {
  m_clicks: { kind: 'count', n: 2 },
  m_pages: { kind: 'distinct', values: ['/a', '/b'] },
  // A key taken from event data may be `__proto__`: an own key (as JSON.parse makes it), not a prototype.
  m_hours: { kind: 'countBy', counts: JSON.parse('{"night": 1, "__proto__": 1}') as Record<string, number> },
  m_plan: { kind: 'last', at: 1714557600000, id: 'e9', value: null },
  m_revenue: { kind: 'sum', milli: -1500 },
};

describe('DailyMeasuresStore', () => {
  it('saves days (the last of repeats wins, a save replaces the day) and loads them by profile and day', async () => {
    await store.save([
      { profileId: ANN, day: '2024-05-02', measures: counted(1) },
      { profileId: ANN, day: '2024-05-01', measures: mixed },
      { profileId: BOB, day: '2024-05-01', measures: counted(5) },
      { profileId: ANN, day: '2024-05-02', measures: counted(2) },
    ]);
    const latest: DayMeasures = { m_other: { kind: 'latest', at: 1 } };
    await store.save([{ profileId: BOB, day: '2024-05-01', measures: latest }]);

    const all = await store.load([ANN, BOB]);
    expect(all).toEqual(
      new Map([
        [
          ANN,
          new Map([
            ['2024-05-01', mixed],
            ['2024-05-02', counted(2)],
          ]),
        ],
        [BOB, new Map([['2024-05-01', latest]])],
      ]),
    );
    // Days ascending, and a `__proto__` key read back as a key.
    expect([...(all.get(ANN)?.keys() ?? [])]).toEqual(['2024-05-01', '2024-05-02']);
    expect(
      Object.keys((all.get(ANN)?.get('2024-05-01')?.['m_hours'] as { counts: object }).counts),
    ).toContain('__proto__');
    expect(await store.load([ANN], '2024-05-02')).toEqual(
      new Map([[ANN, new Map([['2024-05-02', counted(2)]])]]),
    );
    expect(await store.load([])).toEqual(new Map());
  });

  it('keeps no row for empty measures: saving {} deletes the day', async () => {
    await store.save([{ profileId: BOB, day: '2024-06-01', measures: counted(1) }]);
    await store.save([
      { profileId: BOB, day: '2024-06-01', measures: {} },
      { profileId: BOB, day: '2024-06-02', measures: {} },
    ]);
    const rows = await client.pool.query(
      'SELECT day FROM feature_store.daily WHERE profile_id = $1 AND day >= $2',
      [BOB, '2024-06-01'],
    );
    expect(rows.rowCount).toBe(0);
  });

  it("replaces a profile's whole history, and deletes profiles", async () => {
    await store.replaceProfile(
      ANN,
      new Map([
        ['2024-05-02', counted(7)],
        ['2024-05-03', counted(1)],
        ['2024-05-04', {}],
      ]),
    );
    expect(await store.load([ANN])).toEqual(
      new Map([
        [
          ANN,
          new Map([
            ['2024-05-02', counted(7)],
            ['2024-05-03', counted(1)],
          ]),
        ],
      ]),
    );
    await store.replaceProfile(ANN, new Map());
    expect(await store.load([ANN])).toEqual(new Map());

    await store.save([{ profileId: ANN, day: '2024-05-01', measures: counted(1) }]);
    expect(await store.deleteProfiles([ANN, BOB])).toBe(2);
    expect(await store.load([ANN, BOB])).toEqual(new Map());
  });
});
