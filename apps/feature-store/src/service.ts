import { featureStoreMigrations } from '@cdp/feature-store/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';

export const service = defineService({
  name: 'feature-store',
  envSchema,
  migrations: featureStoreMigrations,
  module: () => AppModule,
});
