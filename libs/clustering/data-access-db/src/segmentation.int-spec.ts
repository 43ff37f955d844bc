import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusteringMigrations } from './migrations.js';
import { SegmentationStore } from './segmentation.repository.js';

const database = useTestDatabase('clustering_store');
let client: DbClient;
let store: SegmentationStore;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, clusteringMigrations);
  store = new SegmentationStore(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const M1 = '00000000-0000-4000-8000-000000000001';
const M2 = '00000000-0000-4000-8000-000000000002';
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 22, 12, minute));

async function rows(sql: string): Promise<unknown[][]> {
  const result = await client.pool.query({ text: sql, rowMode: 'array' });
  return result.rows as unknown[][];
}

describe('assignments and their history', () => {
  it('reports only subjects that move, closes their stay and opens the next, and writes nothing for the rest', async () => {
    expect(await store.assign('features', M1, ['ann', 'bob'], ['s1', 's2'], at(0))).toEqual([
      { subjectId: 'ann', segmentId: 's1', previousSegmentId: null },
      { subjectId: 'bob', segmentId: 's2', previousSegmentId: null },
    ]);
    // Bob moves; Ann stays (her row is not rewritten: same segment, same model).
    const ctid = async (): Promise<unknown> =>
      (await rows(`SELECT ctid::text FROM clustering.segment_assignments WHERE subject_id = 'ann'`))[0]?.[0];
    const annBefore = await ctid();
    expect(await store.assign('features', M1, ['ann', 'bob'], ['s1', 's3'], at(5))).toEqual([
      { subjectId: 'bob', segmentId: 's3', previousSegmentId: 's2' },
    ]);
    expect(await ctid()).toBe(annBefore);
    // Of two vectors of one subject in a batch, the last counts.
    expect(await store.assign('features', M1, ['cat', 'cat'], ['s1', 's2'], at(6))).toEqual([
      { subjectId: 'cat', segmentId: 's2', previousSegmentId: null },
    ]);
    // A new model that keeps Ann's segment moves her row to it without a change.
    expect(await store.assign('features', M2, ['ann'], ['s1'], at(7))).toEqual([]);

    expect(
      await rows(
        `SELECT subject_id, model_id::text, segment_id, since FROM clustering.segment_assignments ORDER BY 1`,
      ),
    ).toEqual([
      ['ann', M2, 's1', at(0)],
      ['bob', M1, 's3', at(5)],
      ['cat', M1, 's2', at(6)],
    ]);
    const history = await store.assignments('bob');
    expect(history.history.map((h) => [h.segmentId, h.since, h.until])).toEqual([
      ['s3', at(5), null],
      ['s2', at(0), at(5)],
    ]);
    expect(await store.sizesAt('features', [at(1), at(8)])).toEqual([
      { at: at(1), segmentId: 's1', size: 1 },
      { at: at(1), segmentId: 's2', size: 1 },
      { at: at(8), segmentId: 's1', size: 1 },
      { at: at(8), segmentId: 's2', size: 1 },
      { at: at(8), segmentId: 's3', size: 1 },
    ]);
  });

  it('rolls the whole batch back when publishing its changes fails', async () => {
    await expect(
      store.assign('features', M1, ['dan'], ['s1'], at(9), async () => {
        throw new Error('bus down');
      }),
    ).rejects.toThrow('bus down');
    expect(await store.assignments('dan')).toEqual({ current: [], history: [] });
    // Redelivered, the same change is found again.
    expect(await store.assign('features', M1, ['dan'], ['s1'], at(10))).toHaveLength(1);
  });

  it('closes a merged-away subject’s stay and erases a deleted one entirely', async () => {
    await store.endAssignments(['bob'], at(20));
    expect((await store.assignments('bob')).current).toEqual([]);
    expect((await store.assignments('bob')).history[0]?.until).toEqual(at(20));
    await store.erase(['bob', 'cat']);
    expect(
      await rows(`SELECT count(*)::int FROM clustering.segment_history WHERE subject_id IN ('bob', 'cat')`),
    ).toEqual([[0]]);
  });
});

describe('segment entries (the engagement label of prediction)', () => {
  it('answers when subjects entered a segment of a name within (from, to], oldest first', async () => {
    const model = await store.insertActiveModel(
      {
        source: 'tiers',
        name: 'Behaviour segments',
        algorithm: 'kmeans',
        naming: 'tiers',
        k: 2,
        rows: 3,
        features: ['intent.clicks_30d'],
        params: {},
        quality: {},
        detail: {},
        dataFrom: null,
        dataTo: null,
        codeVersion: 'test',
      },
      ['Low Engagement', 'Highly Engaged'].map((name, position) => ({
        id: `tier${position}`,
        position,
        name,
        nameEdited: false,
        rank: position,
        size: 1,
        share: 0.5,
        traits: [],
        summary: {},
      })),
    );
    await store.assign('tiers', model.id, ['eve', 'fay', 'gus'], ['tier0', 'tier0', 'tier1'], at(30));
    await store.assign('tiers', model.id, ['eve', 'fay'], ['tier1', 'tier0'], at(35));
    await store.assign('tiers', model.id, ['gus'], ['tier0'], at(36));
    await store.assign('tiers', model.id, ['gus'], ['tier1'], at(40));
    const entries = (from: number, to: number, subjects = ['eve', 'fay', 'gus']) =>
      store.entries('tiers', 'Highly Engaged', subjects, at(from), at(to));
    expect(await entries(30, 45)).toEqual([
      { subjectId: 'eve', at: at(35) },
      { subjectId: 'gus', at: at(40) },
    ]);
    // The window is open at its start and closed at its end.
    expect(await entries(35, 39)).toEqual([]);
    expect(await entries(29, 30)).toEqual([{ subjectId: 'gus', at: at(30) }]);
    expect(await entries(0, 59, ['fay'])).toEqual([]);
    expect(await store.entries('features', 'Highly Engaged', ['eve'], at(0), at(59))).toEqual([]);
  });
});

describe('segment transitions (moves between segments within a window)', () => {
  it('counts the subjects per (from, to) move that began at or after the bound, per source', async () => {
    await store.assign('moves', M1, ['u1', 'u2', 'u3', 'u4'], ['s1', 's1', 's2', 's2'], at(0));
    await store.assign('moves', M1, ['u1', 'u2', 'u3'], ['s2', 's2', 's1'], at(10));
    await store.assign('moves', M1, ['u1', 'u4'], ['s1', 's3'], at(20));
    // u1 makes s1 → s2 a second time: still one subject.
    await store.assign('moves', M1, ['u1'], ['s2'], at(30));
    // A merge ends u3's stay; a later assignment starts afresh, which is no move.
    await store.endAssignments(['u3'], at(40));
    await store.assign('moves', M2, ['u3'], ['s3'], at(50));
    // Another source's moves are not these.
    await store.assign('other', M1, ['u1'], ['s1'], at(0));
    await store.assign('other', M1, ['u1'], ['s2'], at(15));

    expect(await store.transitions('moves', at(0))).toEqual([
      { from: 's1', to: 's2', count: 2 },
      { from: 's2', to: 's1', count: 2 },
      { from: 's2', to: 's3', count: 1 },
    ]);
    // The bound is inclusive: moves at minutes 20 and 30 only.
    expect(await store.transitions('moves', at(20))).toEqual([
      { from: 's1', to: 's2', count: 1 },
      { from: 's2', to: 's1', count: 1 },
      { from: 's2', to: 's3', count: 1 },
    ]);
    expect(await store.transitions('moves', at(31))).toEqual([]);
    expect(await store.transitions('other', at(0))).toEqual([{ from: 's1', to: 's2', count: 1 }]);
  });
});
