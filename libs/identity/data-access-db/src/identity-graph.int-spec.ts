import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityGraph } from './identity-graph.js';
import { identityMigrations } from './migrations.js';
import { ProfileRecords } from './profile-records.js';

const database = useTestDatabase('identity_graph');
// Two replicas: a pool each, as two processes would have.
let first: DbClient;
let second: DbClient;

beforeAll(async () => {
  first = createDbClient({ url: database.url, max: 4 });
  second = createDbClient({ url: database.url, max: 4 });
  await runMigrations(first, identityMigrations);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
});

// The graph's change token is a UUID.
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const DOOMED = '00000000-0000-4000-8000-0000000000dd';

const settled = async (promise: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((r) => setTimeout(r, 300));
  return done;
};

describe('IdentityGraph.orderedTransaction', () => {
  it("holds the next commit, of any process, until the previous one's results are published", async () => {
    const a = new IdentityGraph(first.pool);
    const b = new IdentityGraph(second.pool);
    const committed = await a.orderedTransaction(async (tx) => {
      await tx.setGeneration(A);
      return A;
    });
    expect(committed.result).toBe(A);

    let computed = false;
    const next = b.orderedTransaction(async (tx) => {
      // The next transaction reads and computes meanwhile; only its commit waits.
      expect(await tx.generation()).toBe(A);
      await tx.setGeneration(B);
      computed = true;
      return B;
    });
    expect(await settled(next)).toBe(false);
    expect(computed).toBe(true);
    // Not committed yet: a reader still sees the first transaction's state.
    expect(await a.read((tx) => tx.generation())).toBe(A);

    await committed.release();
    const later = await next;
    expect(later.result).toBe(B);
    expect(await a.read((tx) => tx.generation())).toBe(B);
    await later.release();
  });

  it('lets the next commit go when a transaction fails, and rolls the failed one back', async () => {
    const a = new IdentityGraph(first.pool);
    const b = new IdentityGraph(second.pool);
    await expect(
      a.orderedTransaction(async (tx) => {
        await tx.setGeneration(DOOMED);
        throw new Error('resolution failed');
      }),
    ).rejects.toThrow('resolution failed');
    const next = await b.orderedTransaction(async (tx) => tx.generation());
    expect(next.result).not.toBe(DOOMED);
    await next.release();
  });
});

describe('GraphTransaction.stats', () => {
  const P1 = '00000000-0000-4000-8000-000000000101';
  const P2 = '00000000-0000-4000-8000-000000000102';
  const P3 = '00000000-0000-4000-8000-000000000103';
  const P4 = '00000000-0000-4000-8000-000000000104';
  const M1 = '00000000-0000-4000-8000-0000000001a1';
  const M2 = '00000000-0000-4000-8000-0000000001a2';
  const LINK = '00000000-0000-4000-8000-0000000001b1';
  const at = '2026-11-22T12:00:00.000Z';
  const mergeOf = (mergeId: string, mergedProfileId: string, value: string) => ({
    mergeId,
    profileId: P1,
    mergedProfileId,
    linkId: LINK,
    linkedBy: [{ type: 'anonymous_id', value }],
    sourceId: 'web',
    eventMessageId: `m-${value}`,
    at,
  });

  it('counts live profiles, identifiers, merges in force and undone merges, through merges, an unmerge and an erasure', async () => {
    const graph = new IdentityGraph(first.pool);
    const stats = () => graph.read((tx) => tx.stats());
    expect(await stats()).toEqual({ profiles: 0, identifiers: 0, merges: 0, unmerges: 0 });

    await graph.transaction(async (tx) => {
      await tx.createProfiles([P1, P2, P3, P4].map((id) => ({ id, createdAt: at })));
      await tx.attach([
        { type: 'user_id', value: 'u1', profileId: P1, firstSeen: at },
        { type: 'email', value: 'ann@example.com', profileId: P1, firstSeen: at },
        { type: 'anonymous_id', value: 'x2', profileId: P2, firstSeen: at },
        { type: 'anonymous_id', value: 'x3', profileId: P3, firstSeen: at },
        { type: 'email', value: 'dan@example.com', profileId: P4, firstSeen: at },
      ]);
    });
    expect(await stats()).toEqual({ profiles: 4, identifiers: 5, merges: 0, unmerges: 0 });

    // P2 and P3 merge into P1: two profiles left, every identifier kept.
    await graph.transaction(async (tx) => {
      await tx.merge(mergeOf(M1, P2, 'x2'));
      await tx.merge(mergeOf(M2, P3, 'x3'));
    });
    expect(await stats()).toEqual({ profiles: 2, identifiers: 5, merges: 2, unmerges: 0 });

    // The second merge is undone: P3 lives again with its identifier.
    await graph.transaction((tx) =>
      new ProfileRecords(tx).split(P1, M2, [
        {
          profileId: P1,
          identifiers: [
            { type: 'user_id', value: 'u1' },
            { type: 'email', value: 'ann@example.com' },
            { type: 'anonymous_id', value: 'x2' },
          ],
          linkIds: [],
        },
        { profileId: P3, identifiers: [{ type: 'anonymous_id', value: 'x3' }], linkIds: [] },
      ]),
    );
    expect(await stats()).toEqual({ profiles: 3, identifiers: 5, merges: 1, unmerges: 1 });

    // P4 is erased with its identifier.
    await graph.transaction((tx) => new ProfileRecords(tx).erase(P4));
    expect(await stats()).toEqual({ profiles: 2, identifiers: 4, merges: 1, unmerges: 1 });
  });
});
