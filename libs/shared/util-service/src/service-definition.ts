import type { DynamicModule, Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import type { ServiceName } from '@cdp/shared/util-config';
import type { MigrationSet } from '@cdp/shared/util-db';
import type { z } from 'zod';

/** What every service's environment holds (see `serviceEnvShape`). */
export interface BaseServiceEnv {
  DATABASE_URL: string;
  NATS_URL?: string;
  NATS_NAMESPACE?: string;
  PORT: number;
  HOST: string;
  LOG_LEVEL: string;
  DB_POOL_MAX: number;
  SHUTDOWN_TIMEOUT_MS: number;
  SHUTDOWN_DELAY_MS: number;
}

/**
 * Everything the runner needs to start a service: its one env schema, its migrations and its
 * root Nest module. Each app exports one from `src/service.ts`; its `main.ts` runs it alone and
 * the platform runs all of them in one process.
 */
export interface ServiceDefinition<Env extends BaseServiceEnv = BaseServiceEnv> {
  name: ServiceName;
  envSchema: z.ZodType<Env> & z.ZodObject;
  migrations: MigrationSet;
  module(env: Env): Type<unknown> | DynamicModule;
  /**
   * Takes over body parsing (Nest's parsers are then not registered): for a service that needs
   * the raw bytes, compressed bodies or its own error for bad JSON. Runs before the routes exist.
   */
  configureHttp?(fastify: FastifyInstance): void;
}

export function defineService<Env extends BaseServiceEnv>(
  definition: ServiceDefinition<Env>,
): ServiceDefinition<Env> {
  return definition;
}
