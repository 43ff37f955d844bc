import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityGraph } from './identity-graph.js';
import { identityMigrations } from './migrations.js';

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
