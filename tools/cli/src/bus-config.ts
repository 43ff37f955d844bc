import { join } from 'node:path';
import { embeddedDatabaseUrl } from '@cdp/shared/util-db';
import { busConfigFor, type BusConfig } from '@cdp/shared/util-messaging';
import { runtimeFilePath } from '@cdp/shared/util-process';
import type { CliConfig } from './config.js';

/**
 * The bus the platform uses: NATS_URL (JetStream, under NATS_NAMESPACE when set: the platform's
 * namespace), else DATABASE_URL (the embedded log), else the running embedded platform found
 * through `<dataDir>/platform.json`.
 */
export function cliBusConfig(env: NodeJS.ProcessEnv, { dataDir, runtime }: CliConfig): BusConfig {
  const natsUrl = env['NATS_URL'];
  const databaseUrl =
    env['DATABASE_URL'] ??
    (runtime?.database.embedded
      ? embeddedDatabaseUrl(join(dataDir, 'postgres'), runtime.database.port)
      : undefined);
  if (!natsUrl && !databaseUrl) {
    throw new Error(
      `no message bus found: set NATS_URL (JetStream) or DATABASE_URL (embedded transport), or start the platform (npm start) so ${runtimeFilePath(dataDir)} exists`,
    );
  }
  return busConfigFor('cdp-cli', {
    NATS_URL: natsUrl,
    NATS_NAMESPACE: env['NATS_NAMESPACE'],
    DATABASE_URL: databaseUrl ?? '',
  });
}
