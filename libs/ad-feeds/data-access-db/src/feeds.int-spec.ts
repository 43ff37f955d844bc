import { seededRandom, useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedsRepository, type IncomingChange } from './feeds.repository.js';
import { adFeedsMigrations } from './migrations.js';

const database = useTestDatabase('ad_feeds_store');
let client: DbClient;
let feeds: FeedsRepository;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, adFeedsMigrations);
  feeds = new FeedsRepository(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const id = (block: number, n: number): string =>
  `${block.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function snapshot(audienceId: string): Promise<{ cursor: number; members: string[] }> {
  return feeds.atCursor(async (reader, cursor) => ({
    cursor,
    members: (await reader.members(audienceId, null, 100_000)).map((r) => r.profileId).sort(),
  }));
}

async function replayed(audienceId: string, from: { cursor: number; members: string[] }): Promise<string[]> {
  const delta = await feeds.atCursor((reader) => reader.changes(audienceId, from.cursor, 100_000));
  const members = new Set(from.members);
  for (const row of delta) {
    if (row.change === 'entered') members.add(row.profileId);
    else members.delete(row.profileId);
  }
  return [...members].sort();
}

describe('FeedsRepository: the membership log as delta feeds', () => {
  it('replays from every cursor to the current members, with late, repeated and out-of-order changes', async () => {
    const audience = id(1, 0);
    const random = seededRandom(10);
    // Activation's history for 40 profiles: each toggles in and out, seq increasing per change.
    const history: IncomingChange[] = [];
    const inNow = new Map<string, boolean>();
    for (let seq = 1; seq <= 600; seq++) {
      const profileId = id(1, 1 + Math.floor(random() * 40));
      const next = !(inNow.get(profileId) ?? false);
      inNow.set(profileId, next);
      history.push({
        seq,
        audienceId: audience,
        profileId,
        change: next ? 'entered' : 'exited',
        at: new Date(seq * 1000),
      });
    }
    // Delivered in batches, shuffled within a window of 20, some twice (at-least-once), and the
    // snapshot taken between batches.
    const taken: Array<{ cursor: number; members: string[] }> = [await snapshot(audience)];
    for (let start = 0; start < history.length; start += 20) {
      const batch = history.slice(start, start + 20).sort(() => random() - 0.5);
      const again = batch.filter(() => random() < 0.2);
      for (let i = 0; i < batch.length; i += 5) await feeds.applyChanges(batch.slice(i, i + 5));
      await feeds.applyChanges(again);
      taken.push(await snapshot(audience));
    }
    const expected = [...inNow]
      .filter(([, member]) => member)
      .map(([p]) => p)
      .sort();
    const current = await snapshot(audience);
    expect(current.members).toEqual(expected);
    for (const at of taken) expect(await replayed(audience, at)).toEqual(expected);
    // From the very start of the log too.
    expect(await replayed(audience, { cursor: 0, members: [] })).toEqual(expected);
  });

  it('ignores a change older than the one applied, and an exit of someone never seen', async () => {
    const audience = id(2, 0);
    const p = id(2, 1);
    const at = new Date();
    expect(
      await feeds.applyChanges([{ seq: 10_002, audienceId: audience, profileId: p, change: 'entered', at }]),
    ).toBe(1);
    // The exit that came before the entry arrives late: nothing moves.
    expect(
      await feeds.applyChanges([{ seq: 10_001, audienceId: audience, profileId: p, change: 'exited', at }]),
    ).toBe(0);
    expect(
      await feeds.applyChanges([
        { seq: 10_003, audienceId: audience, profileId: id(2, 2), change: 'exited', at },
      ]),
    ).toBe(0);
    expect((await snapshot(audience)).members).toEqual([p]);
    expect(await replayed(audience, { cursor: 0, members: [] })).toEqual([p]);
  });

  it('erases identifiers and entries but keeps exits, so old cursors still remove the member', async () => {
    const audience = id(3, 0);
    const [p, q] = [id(3, 1), id(3, 2)];
    const at = new Date();
    await feeds.addIdentifiers([
      { profileId: p, kind: 'email', value: 'p@example.test' },
      { profileId: q, kind: 'email', value: 'q@example.test' },
    ]);
    await feeds.applyChanges([
      { seq: 20_001, audienceId: audience, profileId: p, change: 'entered', at },
      { seq: 20_002, audienceId: audience, profileId: q, change: 'entered', at },
    ]);
    const before = await snapshot(audience);
    await feeds.erase([p]);
    await feeds.applyChanges([{ seq: 20_003, audienceId: audience, profileId: p, change: 'exited', at }]);
    expect(await replayed(audience, before)).toEqual([q]);
    const rows = await feeds.atCursor((reader) => reader.changes(audience, 0, 100));
    expect(rows.filter((r) => r.profileId === p).map((r) => [r.change, r.identifiers])).toEqual([
      ['exited', []],
    ]);
    const removals = await feeds.removalsAfter(0, 100);
    expect(removals.some((r) => r.profileId === p && r.intoProfileId === null)).toBe(true);
  });

  it('moves identifiers to the survivor of a merge and logs the removal for the index', async () => {
    const [survivor, merged] = [id(4, 1), id(4, 2)];
    await feeds.addIdentifiers([
      { profileId: merged, kind: 'maid', value: 'a1b2c3d4-0000-4000-8000-000000000001' },
      { profileId: survivor, kind: 'user_id', value: 'u-4' },
    ]);
    const end = (await feeds.ends()).identifiers;
    await feeds.merge(survivor, merged);
    const moved = await feeds.identifiersAfter(end, 100);
    expect(moved.map((r) => [r.profileId, r.kind])).toEqual([[survivor, 'maid']]);
    const removal = (await feeds.removalsAfter(0, 100)).find((r) => r.profileId === merged);
    expect(removal?.intoProfileId).toBe(survivor);
  });
});
