import { z } from 'zod';
import { parseEnv, postgresUrl, type EnvSource } from '@cdp/shared/util-config';
import { createDbClient, runMigrations, type MigrationResult } from '@cdp/shared/util-db';
import type { ServiceDefinition } from './service-definition.js';

/**
 * What `main.js migrate` reads: the database and nothing else, so Helm's migration Job (a
 * pre-install/pre-upgrade hook that runs before the release's ConfigMap exists) needs only the
 * DATABASE_URL Secret.
 */
const migrateEnvSchema = z.object({ DATABASE_URL: postgresUrl });

/**
 * Applies the service's migrations and returns: the standalone migrate entry
 * (`node dist/apps/<name>/src/main.js migrate`). The same `runMigrations` a service runs at start,
 * under the same advisory lock, so a Job and starting replicas may race safely.
 */
export async function migrateOnly(
  definition: Pick<ServiceDefinition, 'name' | 'migrations'>,
  source: EnvSource,
): Promise<MigrationResult> {
  const env = parseEnv(`${definition.name} migrate`, migrateEnvSchema, source);
  const client = createDbClient({
    url: env.DATABASE_URL,
    max: 2,
    applicationName: `cdp-${definition.name}-migrate`,
  });
  try {
    return await runMigrations(client, definition.migrations);
  } finally {
    await client.close();
  }
}
