import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, locatePostgres, withDatabase } from '@cdp/shared/util-db';

/** The port of the embedded server a bench starts when no PostgreSQL answers. */
const EMBEDDED_PORT = 54339;

export interface BenchDatabase {
  url: string;
  /** Drops the database (and stops an embedded server the bench started). */
  release(): Promise<void>;
}

/** A database of its own: BENCH_DATABASE_URL's server, the machine's, or an embedded one. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const name = `cdp_bench_${randomBytes(3).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'cdp-bench-pg-'));
  // As root the embedded server runs as `postgres`, which must be able to enter the folder.
  chmodSync(dir, 0o755);
  const postgres = await locatePostgres({
    url: process.env['BENCH_DATABASE_URL'],
    embedded: { dataDir: dir, port: EMBEDDED_PORT },
  });
  await ensureDatabase(postgres.adminUrl, name);
  return {
    url: withDatabase(postgres.adminUrl, name),
    async release() {
      // BENCH_KEEP_DATABASE=1 leaves it for a look afterwards (said on stderr), on a server that
      // outlives the bench (BENCH_DATABASE_URL's or the machine's).
      if (process.env['BENCH_KEEP_DATABASE'] === '1' && !postgres.adminUrl.includes(`:${EMBEDDED_PORT}/`)) {
        process.stderr.write(`bench database kept: ${withDatabase(postgres.adminUrl, name)}\n`);
        await postgres.release();
        return;
      }
      await dropDatabase(postgres.adminUrl, name);
      await postgres.release();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
