import type pg from 'pg';

/**
 * Runs `fn` on one connection inside a transaction opened with `begin` (e.g. `BEGIN ISOLATION
 * LEVEL REPEATABLE READ READ ONLY`): committed when it resolves, rolled back when it throws, and
 * the connection returned to the pool either way.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
