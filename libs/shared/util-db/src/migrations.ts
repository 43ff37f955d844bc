import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { DbClient } from './client.js';

/** Where a service's migrations live and which Postgres schema they own. */
export interface MigrationSet {
  /** Absolute path of the folder drizzle-kit generates into. */
  folder: string;
  /** The service's Postgres schema; its migration log table lives there too. */
  schema: string;
}

export const MIGRATIONS_TABLE = '__drizzle_migrations';

export interface MigrationResult {
  schema: string;
  /** Migrations in the folder's journal. */
  known: number;
}

/**
 * Applies the set's pending migrations. Replicas of one service may start together, so the
 * work is done under a transaction-level advisory lock keyed by the schema name.
 */
export async function runMigrations(client: DbClient, set: MigrationSet): Promise<MigrationResult> {
  const journal = join(set.folder, 'meta', '_journal.json');
  const lockClient = await client.pool.connect();
  try {
    await lockClient.query('SELECT pg_advisory_lock(hashtext($1))', [`cdp-migrations:${set.schema}`]);
    // The schema is made here (not by the first migration) so that drizzle's log table can live in it.
    await lockClient.query(`CREATE SCHEMA IF NOT EXISTS "${set.schema.replace(/"/g, '""')}"`);
    if (!existsSync(journal)) return { schema: set.schema, known: 0 };
    await migrate(client.db, {
      migrationsFolder: set.folder,
      migrationsSchema: set.schema,
      migrationsTable: MIGRATIONS_TABLE,
    });
    const { entries } = JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] };
    return { schema: set.schema, known: entries.length };
  } finally {
    await lockClient
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`cdp-migrations:${set.schema}`])
      .catch(() => undefined);
    lockClient.release();
  }
}
