import { gatewayMigrations } from '@cdp/gateway/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';

export const service = defineService({
  name: 'gateway',
  envSchema,
  migrations: gatewayMigrations,
  module: () => AppModule,
});
