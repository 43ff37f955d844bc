import { ConfigError } from '@cdp/shared/util-config';
import { createLogger } from '@cdp/shared/util-logging';
import type { BaseServiceEnv, ServiceDefinition } from './service-definition.js';
import { migrateOnly } from './migrate-only.js';
import { startService, type RunningService } from './start-service.js';

/**
 * `main.ts` of every app: starts the service from `process.env`, exits 1 with a message naming
 * what was wrong if it cannot, and shuts down gracefully on SIGTERM / SIGINT. With the argument
 * `migrate` it only applies the service's migrations and exits (Helm's migration Job).
 */
export async function runStandalone<Env extends BaseServiceEnv>(
  definition: ServiceDefinition<Env>,
): Promise<void> {
  if (process.argv[2] === 'migrate') return migrateAndExit(definition);
  let running: RunningService;
  try {
    running = await startService(definition, process.env);
  } catch (error) {
    failed(createLogger({ service: definition.name }), `${definition.name} failed to start`, error);
    return;
  }
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      running.logger.warn({ signal }, 'second signal, exiting now');
      process.exit(1);
    }
    stopping = true;
    running.logger.info({ signal }, 'shutting down');
    void running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** `main.js migrate`: applies the migrations, logs what it did, exits 0 (1 on a failure, named). */
async function migrateAndExit<Env extends BaseServiceEnv>(definition: ServiceDefinition<Env>): Promise<void> {
  const logger = createLogger({ service: definition.name });
  try {
    const result = await migrateOnly(definition, process.env);
    logger.info({ schema: result.schema, migrations: result.known }, 'migrations applied; exiting');
    logger.flush();
  } catch (error) {
    failed(logger, `${definition.name} migrations failed`, error);
  }
}

/** Logs why (a bad variable, by name, or the error) and sets exit code 1. */
function failed(logger: ReturnType<typeof createLogger>, what: string, error: unknown): void {
  if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, error.message);
  else logger.fatal({ err: error }, `${what}: ${error instanceof Error ? error.message : String(error)}`);
  logger.flush();
  process.exitCode = 1;
}
