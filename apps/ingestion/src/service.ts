import { ingestionMigrations } from '@cdp/ingestion/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';
import { registerJsonBody } from './http/json-body.js';

export const service = defineService({
  name: 'ingestion',
  envSchema,
  migrations: ingestionMigrations,
  module: () => AppModule,
  configureHttp: registerJsonBody,
});
