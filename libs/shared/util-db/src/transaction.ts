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
  // A checked-out connection has no pool listener: a server that drops it between two queries
  // (pg_terminate_backend, a restart) would emit an unhandled 'error' and crash the process. The
  // next query fails with it anyway; the connection is then discarded, not pooled again.
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost = error;
  };
  client.on('error', onError);
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(lost);
  }
}
