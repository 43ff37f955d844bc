import { useTestDatabase } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type DbClient } from './client.js';
import { withTransaction } from './transaction.js';

const database = useTestDatabase('util_db_transaction');
let db: DbClient;

beforeAll(async () => {
  db = createDbClient({ url: database.url, max: 1 });
  await db.pool.query('CREATE TABLE t (n int)');
});

afterAll(async () => {
  await db?.close();
});

describe('withTransaction', () => {
  it('commits what the function wrote when it resolves, and rolls all of it back when it throws', async () => {
    await withTransaction(db.pool, async (client) => {
      await client.query('INSERT INTO t VALUES (1)');
    });
    await expect(
      withTransaction(db.pool, async (client) => {
        await client.query('INSERT INTO t VALUES (2)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await db.pool.query('SELECT n FROM t')).rows).toEqual([{ n: 1 }]);
    // The one connection went back to the pool both times: this query got it.
    expect(db.pool.idleCount).toBe(1);
  });

  it('opens the transaction as asked', async () => {
    await expect(
      withTransaction(db.pool, (client) => client.query('INSERT INTO t VALUES (3)'), 'BEGIN READ ONLY'),
    ).rejects.toThrow(/read-only/);
  });
});
