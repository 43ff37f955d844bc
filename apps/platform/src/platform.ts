import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEnv, SERVICES, type EnvSource, type ServiceName } from '@cdp/shared/util-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@cdp/shared/util-db';
import { createLogger, redactUrl, type Logger } from '@cdp/shared/util-logging';
import { removeRuntimeFile, writeRuntimeFile } from '@cdp/shared/util-process';
import { busConfigFor } from '@cdp/shared/util-messaging';
import { startService, type RunningService, type ServiceDefinition } from '@cdp/shared/util-service';
import { envSchema, servicePort, type PlatformEnv } from './config/env.schema.js';
import { startDemo, type DemoSummary, type RunningDemo } from './demo/demo-loader.js';

export interface Platform {
  services: RunningService[];
  databaseUrl: string;
  /** The demo data set's load in the background (see demo/demo-loader.ts); undefined when off. */
  demo?: Promise<DemoSummary>;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** false: no demo data set (`npm start -- --no-demo`); CDP_DEMO=false does the same. */
  demo?: boolean;
}

type Print = (line: string) => void;

/**
 * Each app exports its definition from `src/service.ts`. The platform loads them at run time
 * from the built tree rather than importing them, because apps never import one another.
 */
async function loadDefinition(name: ServiceName): Promise<ServiceDefinition> {
  const url = new URL(`../../${name}/src/service.js`, import.meta.url);
  const loaded = (await import(url.href).catch((error: { code?: string; url?: string }) => {
    if (error.code === 'ERR_MODULE_NOT_FOUND' && error.url === url.href) {
      throw new Error(`apps/${name} is not built (${url.pathname} is missing): run npm run build`);
    }
    throw error;
  })) as { service?: ServiceDefinition };
  if (!loaded.service) throw new Error(`apps/${name}/src/service.ts does not export "service"`);
  return loaded.service;
}

async function database(
  env: PlatformEnv,
  logger: Logger,
  print: Print,
): Promise<{ url: string; embedded?: EmbeddedPostgresHandle }> {
  if (env.DATABASE_URL) {
    print(`PostgreSQL: ${redactUrl(env.DATABASE_URL)}`);
    return { url: env.DATABASE_URL };
  }
  const dataDir = resolve(env.CDP_DATA_DIR, 'postgres');
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port: env.EMBEDDED_PG_PORT,
    onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
  });
  print(
    `PostgreSQL: embedded, ${embedded.initialised ? 'new cluster' : 'existing cluster'} in ${dataDir} (127.0.0.1:${env.EMBEDDED_PG_PORT})`,
  );
  return { url: embedded.url, embedded };
}

/** The built tree's `dist/` (this file is `dist/apps/platform/src/platform.js`). */
const DIST = new URL('../../../', import.meta.url);

/** The built tools the demo runs. */
export const DEMO_TOOLS = {
  datagen: new URL('tools/datagen/src/main.js', DIST),
  cli: new URL('tools/cli/src/main.js', DIST),
};

/** The ad-profiles CSV of the shared data sets, beside the repository: `<repo>/../shared/data/`. */
export const DEFAULT_ADS_CSV = fileURLToPath(new URL('../../shared/data/user_profiles_for_ads.csv', DIST));

/** The start-up line saying which transport the services use. */
export function messagingLine(env: PlatformEnv): string {
  if (!env.NATS_URL) return 'Messaging: embedded (a durable log in PostgreSQL)';
  const namespace = env.NATS_NAMESPACE ? ` (namespace ${env.NATS_NAMESPACE})` : '';
  return `Messaging: JetStream at ${env.NATS_URL}${namespace}`;
}

/** What `service` is started with: the platform's environment with the values it settled on. */
export function serviceSource(
  source: EnvSource,
  env: PlatformEnv,
  databaseUrl: string,
  service: ServiceName,
): EnvSource {
  // The gateway's overview asks each service's health where this platform put it.
  const serviceUrls = SERVICES.map((s) => `${s.name}=http://127.0.0.1:${servicePort(env, s.name)}`).join(',');
  return {
    GATEWAY_SERVICE_URLS: serviceUrls,
    ...source,
    DATABASE_URL: databaseUrl,
    // The parsed value: a blank NATS_NAMESPACE reaches no service as a namespace.
    NATS_NAMESPACE: env.NATS_NAMESPACE,
    PORT: String(servicePort(env, service)),
    HOST: env.HOST,
    LOG_LEVEL: env.LOG_LEVEL,
  };
}

/** Starts every service in this process against one database, each on its own port. */
export async function startPlatform(
  source: EnvSource,
  print: Print = () => undefined,
  options: PlatformOptions = {},
): Promise<Platform> {
  const started = performance.now();
  const env = parseEnv('platform', envSchema, source);
  const logger = createLogger({ service: 'platform', level: env.LOG_LEVEL });
  const dataDir = resolve(env.CDP_DATA_DIR);
  const db = await database(env, logger, print);
  print(messagingLine(env));

  const attempts = await Promise.allSettled(
    SERVICES.map(async (info) => {
      const definition = await loadDefinition(info.name);
      return startService(definition, serviceSource(source, env, db.url, info.name));
    }),
  );
  const services = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));

  let demo: RunningDemo | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await demo?.stop();
      await Promise.allSettled(services.map((s) => s.close()));
      await db.embedded?.stop();
      removeRuntimeFile(dataDir);
    })();
    return stopping;
  };

  const failures = attempts.flatMap((a, i) =>
    a.status === 'rejected' ? [{ name: SERVICES[i]?.name, error: a.reason as unknown }] : [],
  );
  if (failures.length > 0) {
    await stop();
    const detail = failures
      .map((f) => `  ${f.name}: ${f.error instanceof Error ? f.error.message : String(f.error)}`)
      .join('\n');
    throw new Error(`${failures.length} service(s) failed to start:\n${detail}`);
  }

  writeRuntimeFile(dataDir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    database: db.embedded
      ? { embedded: true, host: '127.0.0.1', port: env.EMBEDDED_PG_PORT }
      : { embedded: false, host: new URL(db.url).hostname, port: Number(new URL(db.url).port || 5432) },
    services: Object.fromEntries(services.map((s) => [s.name, { url: s.url }])),
  });

  const width = Math.max(...services.map((s) => s.name.length));
  for (const service of services) {
    const ready = await fetch(`${service.url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    print(`  ${service.name.padEnd(width)}  ${service.url.padEnd(24)}  ${ready ? 'ready' : 'NOT READY'}`);
  }
  const gateway = services.find((s) => s.name === 'gateway');
  if (gateway) {
    print(
      `Console: ${gateway.url}/ (admin API ${gateway.url}/api/v1, OpenAPI ${gateway.url}/api/docs); ` +
        'the first start logs the admin login unless GATEWAY_ADMIN_PASSWORD is set',
    );
  }
  print(
    `${services.length}/${SERVICES.length} services up in ${((performance.now() - started) / 1000).toFixed(1)} s. ` +
      `Ctrl-C stops the platform; \`npm run cdp -- status\` checks it.`,
  );

  if (options.demo !== false && env.CDP_DEMO) {
    demo = startDemo({
      busConfig: busConfigFor('platform-demo', {
        NATS_URL: env.NATS_URL,
        NATS_NAMESPACE: env.NATS_NAMESPACE,
        DATABASE_URL: db.url,
      }),
      services: services.map((s) => ({ name: s.name, url: s.url })),
      tools: DEMO_TOOLS,
      toolEnv: {
        ...source,
        DATABASE_URL: db.url,
        NATS_URL: env.NATS_URL,
        NATS_NAMESPACE: env.NATS_NAMESPACE,
      },
      adsCsv: env.CDP_DEMO_ADS_CSV ?? DEFAULT_ADS_CSV,
      smtpPort: env.CDP_DEMO_SMTP_PORT,
      print,
    });
  }
  return { services, databaseUrl: db.url, ...(demo ? { demo: demo.done } : {}), stop };
}
