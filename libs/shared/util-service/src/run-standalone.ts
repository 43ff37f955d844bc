import { ConfigError } from '@cdp/shared/util-config';
import { createLogger } from '@cdp/shared/util-logging';
import type { BaseServiceEnv, ServiceDefinition } from './service-definition.js';
import { startService, type RunningService } from './start-service.js';

/**
 * `main.ts` of every app: starts the service from `process.env`, exits 1 with a message naming
 * what was wrong if it cannot, and shuts down gracefully on SIGTERM / SIGINT.
 */
export async function runStandalone<Env extends BaseServiceEnv>(
  definition: ServiceDefinition<Env>,
): Promise<void> {
  let running: RunningService;
  try {
    running = await startService(definition, process.env);
  } catch (error) {
    const logger = createLogger({ service: definition.name });
    if (error instanceof ConfigError) logger.fatal({ problems: error.problems }, error.message);
    else
      logger.fatal(
        { err: error },
        `${definition.name} failed to start: ${error instanceof Error ? error.message : String(error)}`,
      );
    logger.flush();
    process.exitCode = 1;
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
