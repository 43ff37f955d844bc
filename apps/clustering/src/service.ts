import { clusteringMigrations } from '@cdp/clustering/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';

export const service = defineService({
  name: 'clustering',
  envSchema,
  migrations: clusteringMigrations,
  module: () => AppModule,
});
