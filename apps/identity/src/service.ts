import { identityMigrations } from '@cdp/identity/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';

export const service = defineService({
  name: 'identity',
  envSchema,
  migrations: identityMigrations,
  module: () => AppModule,
});
