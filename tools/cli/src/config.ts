import { resolve } from 'node:path';
import { SERVICES, serviceEnvPrefix, type ServiceName } from '@cdp/shared/util-config';
import { readRuntimeFile, type PlatformRuntime } from '@cdp/shared/util-process';

export interface CliConfig {
  dataDir: string;
  /** Where each service answers. */
  services: Record<ServiceName, string>;
  /** The running platform's runtime file, when there is one. */
  runtime?: PlatformRuntime;
}

/**
 * Finds the services: a running platform writes their URLs to `<CDP_DATA_DIR>/platform.json`;
 * otherwise each answers on its default port, unless `<SERVICE>_URL` (e.g. `IDENTITY_URL`) says
 * where it runs on its own.
 */
export function loadCliConfig(env: NodeJS.ProcessEnv, dataDirOption?: string): CliConfig {
  const dataDir = resolve(dataDirOption ?? env['CDP_DATA_DIR'] ?? '.cdp');
  const runtime = readRuntimeFile(dataDir);
  const fromPlatform = runtime?.services ?? {};
  const services = Object.fromEntries(
    SERVICES.map((s) => [
      s.name,
      env[`${serviceEnvPrefix(s.name)}_URL`] ??
        fromPlatform[s.name]?.url ??
        `http://127.0.0.1:${s.defaultPort}`,
    ]),
  ) as Record<ServiceName, string>;
  return { dataDir, services, runtime };
}
