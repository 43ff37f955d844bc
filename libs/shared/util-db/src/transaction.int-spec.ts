import { useTestDatabase } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type DbClient } from './client.js';
import { checkout, withTransaction } from './transaction.js';

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

  it('survives the server cutting its connection mid-transaction: the call fails, the pool goes on', async () => {
    const failed = withTransaction(db.pool, async (client) => {
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      // Another session ends this one, as an operator's pg_terminate_backend or a restart would.
      const other = createDbClient({ url: database.url, max: 1 });
      await other.pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await other.close();
      await new Promise((resolve) => setTimeout(resolve, 100));
      await client.query('INSERT INTO t VALUES (4)');
    });
    // Without a listener on the checked-out connection, its 'error' would have killed the process.
    await expect(failed).rejects.toThrow(/connection error|terminat/);
    expect((await db.pool.query('SELECT count(*)::int AS n FROM t WHERE n = 4')).rows).toEqual([{ n: 0 }]);
  });
});

describe('checkout', () => {
  it('discards a connection the server cut while it was held, and pools a healthy one again', async () => {
    const held = await checkout(db.pool);
    const pid = (await held.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
    const other = createDbClient({ url: database.url, max: 1 });
    await other.pool.query('SELECT pg_terminate_backend($1)', [pid]);
    await other.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    held.release();
    expect(db.pool.totalCount).toBe(0);
    const fresh = await checkout(db.pool);
    await fresh.client.query('SELECT 1');
    fresh.release();
    expect(db.pool.idleCount).toBe(1);
  });
});
