import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { pingDatabase, type DbClient } from '@cdp/shared/util-db';
import { HealthModule, HealthRegistry } from '@cdp/shared/util-health';
import { BUS, MessagingClient, type Bus } from '@cdp/shared/util-messaging';
import type { Logger } from '@cdp/shared/util-logging';
import type { BaseServiceEnv } from './service-definition.js';
import { DATABASE, DB_CLIENT, LOGGER, SERVICE_ENV } from './tokens.js';

export interface CoreModuleOptions {
  service: string;
  env: BaseServiceEnv;
  client: DbClient;
  bus: Bus;
  logger: Logger;
}

const CORE_OPTIONS = Symbol('cdp:core-options');

/** What every service gets: its env, logger, database, health endpoints and a clean shutdown. */
@Global()
@Module({})
export class CoreModule implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(CORE_OPTIONS) private readonly options: CoreModuleOptions,
    private readonly health: HealthRegistry,
  ) {}

  static forRoot(options: CoreModuleOptions): DynamicModule {
    return {
      module: CoreModule,
      imports: [HealthModule],
      providers: [
        { provide: CORE_OPTIONS, useValue: options },
        { provide: SERVICE_ENV, useValue: options.env },
        { provide: LOGGER, useValue: options.logger },
        { provide: DB_CLIENT, useValue: options.client },
        { provide: DATABASE, useValue: options.client.db },
        { provide: BUS, useValue: options.bus },
        MessagingClient,
      ],
      exports: [SERVICE_ENV, LOGGER, DB_CLIENT, DATABASE, BUS, MessagingClient, HealthModule],
    };
  }

  onModuleInit(): void {
    this.health.setService(this.options.service);
    this.health.register('database', () => pingDatabase(this.options.client.pool));
    this.health.register('bus', () => this.options.bus.ping());
  }

  beforeApplicationShutdown(): void {
    this.health.markShuttingDown();
  }

  /** Runs after the HTTP server and the consumers have stopped: the bus, then the database. */
  async onApplicationShutdown(): Promise<void> {
    await this.options.bus.close().catch(() => undefined);
    await this.options.client.close();
  }
}
