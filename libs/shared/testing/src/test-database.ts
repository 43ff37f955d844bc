import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '@cdp/shared/util-db';
import { afterAll, beforeAll, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL the tests use (the machine's, or an embedded one). */
    pgAdminUrl: string;
  }
}

export interface TestDatabase {
  /** URL of a database of its own, made for this suite. */
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** Makes an empty database of its own for one suite, so suites never share state. */
export async function createTestDatabase(
  label: string,
  adminUrl = inject('pgAdminUrl'),
): Promise<TestDatabase> {
  const name = `cdp_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), name, drop: () => dropDatabase(adminUrl, name) };
}

/**
 * Registers hooks that create a fresh database before the suite and drop it after.
 * Read `.url` inside tests or hooks, not at collection time.
 */
export function useTestDatabase(label: string): { readonly url: string } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(label);
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get url(): string {
      if (!database) throw new Error('useTestDatabase: the database exists only inside tests and hooks');
      return database.url;
    },
  };
}
