import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseEnv, type EnvSource } from '@cdp/shared/util-config';
import { createDbClient, runMigrations } from '@cdp/shared/util-db';
import {
  CORRELATION_HEADER,
  correlationIdFrom,
  createLogger,
  enterCorrelationId,
  PinoNestLogger,
  type Logger,
} from '@cdp/shared/util-logging';
import { LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { HealthRegistry } from '@cdp/shared/util-health';
import { busConfigFor, connectCdpTransport, createBus, type Bus } from '@cdp/shared/util-messaging';
import { BusErrorHttpFilter } from './bus-error.filter.js';
import { CoreModule } from './core.module.js';
import type { BaseServiceEnv, ServiceDefinition } from './service-definition.js';

export interface RunningService {
  name: string;
  url: string;
  logger: Logger;
  app: NestFastifyApplication;
  /** Stops taking requests, finishes the ones in flight, closes the database pool. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Where log lines go (stdout by default). */
  logDestination?: DestinationStream;
}

@Module({})
class ServiceRootModule {}

/** Parses the environment, applies migrations, starts the Nest app and listens on its port. */
export async function startService<Env extends BaseServiceEnv>(
  definition: ServiceDefinition<Env>,
  source: EnvSource,
  options: StartOptions = {},
): Promise<RunningService> {
  const env = parseEnv(definition.name, definition.envSchema, source);
  const logger = createLogger({
    service: definition.name,
    level: env.LOG_LEVEL,
    destination: options.logDestination,
  });
  const client = createDbClient({
    url: env.DATABASE_URL,
    max: env.DB_POOL_MAX,
    applicationName: `cdp-${definition.name}`,
  });
  let bus: Bus | undefined;
  try {
    const migrated = await runMigrations(client, definition.migrations);
    logger.info({ schema: migrated.schema, migrations: migrated.known }, 'database schema up to date');
    bus = await createBus(busConfigFor(definition.name, env));
    logger.info({ transport: bus.kind }, 'message bus connected');

    const adapter = new FastifyAdapter({
      loggerInstance: logger,
      // Our onResponse hook writes one line a request; the label puts the id under `correlationId`.
      logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
      genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
        correlationIdFrom(req.headers[CORRELATION_HEADER]),
    });
    const root: DynamicModule = {
      module: ServiceRootModule,
      imports: [
        CoreModule.forRoot({ service: definition.name, env, client, bus, logger }),
        definition.module(env),
      ],
    };
    const app = await NestFactory.create<NestFastifyApplication>(root, adapter, {
      logger: new PinoNestLogger(logger),
      abortOnError: false,
      bodyParser: !definition.configureHttp,
    });
    app.useGlobalFilters(new BusErrorHttpFilter());
    const fastify = app.getHttpAdapter().getInstance();
    definition.configureHttp?.(fastify);
    fastify.addHook('onRequest', (request, reply, done) => {
      enterCorrelationId(request.id);
      void reply.header(CORRELATION_HEADER, request.id);
      done();
    });
    // Once shutdown starts, every response closes its connection: a keep-alive client would
    // otherwise hold the server open after its last request.
    let draining = false;
    fastify.addHook('onSend', async (_request, reply, payload) => {
      if (draining) void reply.header('connection', 'close');
      return payload;
    });
    fastify.addHook('onResponse', (request, reply, done) => {
      const line = {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      };
      // Probes hit health every few seconds: keep them out of the info stream.
      if (request.url.startsWith('/health/')) request.log.debug(line, 'request');
      else request.log.info(line, 'request');
      done();
    });

    // @OnEvent / @OnRequest handlers of the service's controllers, over the same bus.
    await connectCdpTransport(app, bus, definition.name);
    await app.listen(env.PORT, env.HOST);
    const url = (await app.getUrl()).replace('[::1]', 'localhost');
    logger.info({ url }, `${definition.name} listening`);

    let closing: Promise<void> | undefined;
    return {
      name: definition.name,
      url,
      logger,
      app,
      close() {
        closing ??= (async () => {
          draining = true;
          app.get(HealthRegistry).markShuttingDown();
          // Readiness answers 503 while the server still serves, so a load balancer can stop
          // sending work before connections are refused.
          if (env.SHUTDOWN_DELAY_MS > 0) await sleep(env.SHUTDOWN_DELAY_MS);
          if (await settlesWithin(app.close(), env.SHUTDOWN_TIMEOUT_MS)) {
            logger.info('stopped');
            return;
          }
          logger.warn(
            { timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
            'shutdown did not finish in time; closing connections',
          );
          fastify.server.closeAllConnections();
          await bus?.close().catch(() => undefined);
          await client.close().catch(() => undefined);
        })();
        return closing;
      },
    };
  } catch (error) {
    await bus?.close().catch(() => undefined);
    await client.close().catch(() => undefined);
    throw error;
  }
}

/** Whether `work` finished within `timeoutMs`. */
async function settlesWithin(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const finished = await Promise.race([work.then(() => true), timeout]);
  clearTimeout(timer);
  return finished;
}
