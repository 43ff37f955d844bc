import type pg from 'pg';

/** A connection taken from the pool; `release()` returns it, or discards it when the server cut it. */
export interface CheckedOut {
  client: pg.PoolClient;
  /** Back to the pool; discarded instead when `error` is given or the connection was cut meanwhile. */
  release(error?: Error): void;
}

/**
 * Takes a connection from the pool for a while (a transaction, a session lock). A checked-out
 * connection has no pool listener: a server that drops it between two queries
 * (pg_terminate_backend, a restart) would emit an unhandled 'error' and crash the process. This
 * listens meanwhile; the next query fails with the error anyway, and the connection is then
 * discarded, not pooled again.
 */
export async function checkout(pool: pg.Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const onError = (error: Error): void => {
    lost = error;
  };
  client.on('error', onError);
  return {
    client,
    release(error?: Error) {
      client.removeListener('error', onError);
      client.release(error ?? lost);
    },
  };
}

/**
 * Runs `fn` on one connection inside a transaction opened with `begin` (e.g. `BEGIN ISOLATION
 * LEVEL REPEATABLE READ READ ONLY`): committed when it resolves, rolled back when it throws, and
 * the connection returned to the pool either way (see `checkout`).
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const { client, release } = await checkout(pool);
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    release();
  }
}
