import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICES, serviceEnvPrefix, type ServiceName } from '@cdp/shared/util-config';

export interface CliConfig {
  dataDir: string;
  /** Where each service answers, and where that came from. */
  services: Record<ServiceName, string>;
  source: 'platform.json' | 'defaults';
}

/**
 * Finds the services: a running platform writes their URLs to `<CDP_DATA_DIR>/platform.json`;
 * otherwise each answers on its default port, unless `<SERVICE>_URL` (e.g. `IDENTITY_URL`) says
 * where it runs on its own.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv, dataDirOption?: string): CliConfig {
  const dataDir = resolve(dataDirOption ?? env['CDP_DATA_DIR'] ?? '.cdp');
  const runtimeFile = join(dataDir, 'platform.json');
  const fromPlatform: Record<string, { url: string }> = existsSync(runtimeFile)
    ? (JSON.parse(readFileSync(runtimeFile, 'utf8')) as { services: Record<string, { url: string }> })
        .services
    : {};
  const services = Object.fromEntries(
    SERVICES.map((s) => [
      s.name,
      env[`${serviceEnvPrefix(s.name)}_URL`] ??
        fromPlatform[s.name]?.url ??
        `http://127.0.0.1:${s.defaultPort}`,
    ]),
  ) as Record<ServiceName, string>;
  return { dataDir, services, source: existsSync(runtimeFile) ? 'platform.json' : 'defaults' };
}
