import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropDatabase, ensureDatabase, locatePostgres, withDatabase } from '@cdp/shared/util-db';

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
    embedded: { dataDir: dir, port: 54339 },
  });
  await ensureDatabase(postgres.adminUrl, name);
  return {
    url: withDatabase(postgres.adminUrl, name),
    async release() {
      await dropDatabase(postgres.adminUrl, name);
      await postgres.release();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
