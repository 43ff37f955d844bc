import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { busConfigFor, type BusConfig } from '@cdp/shared/util-messaging';

/**
 * The bus the platform uses: NATS_URL (JetStream), else DATABASE_URL (the embedded log), else
 * the running embedded platform found through `<dataDir>/platform.json`.
 */
export function cliBusConfig(env: NodeJS.ProcessEnv, dataDir: string): BusConfig {
  const natsUrl = env['NATS_URL'];
  let databaseUrl = env['DATABASE_URL'];
  if (!natsUrl && !databaseUrl) {
    const runtimeFile = join(dataDir, 'platform.json');
    const credentialsFile = join(dataDir, 'postgres', 'credentials.json');
    if (existsSync(runtimeFile) && existsSync(credentialsFile)) {
      const runtime = JSON.parse(readFileSync(runtimeFile, 'utf8')) as {
        database: { embedded: boolean; port: number };
      };
      const { user, password } = JSON.parse(readFileSync(credentialsFile, 'utf8')) as {
        user: string;
        password: string;
      };
      if (runtime.database.embedded) {
        databaseUrl = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${runtime.database.port}/cdp`;
      }
    }
  }
  if (!natsUrl && !databaseUrl) {
    throw new Error(
      `no message bus found: set NATS_URL (JetStream) or DATABASE_URL (embedded transport), or start the platform (npm start) so ${join(dataDir, 'platform.json')} exists`,
    );
  }
  return busConfigFor('cdp-cli', { NATS_URL: natsUrl, DATABASE_URL: databaseUrl ?? '' });
}
