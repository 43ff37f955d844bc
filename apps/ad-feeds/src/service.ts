import { adFeedsMigrations } from '@cdp/ad-feeds/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';

export const service = defineService({
  name: 'ad-feeds',
  envSchema,
  migrations: adFeedsMigrations,
  module: () => AppModule,
});
