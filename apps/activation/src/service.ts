import { activationMigrations } from '@cdp/activation/data-access-db';
import { defineService } from '@cdp/shared/util-service';
import { AppModule } from './app.module.js';
import { envSchema } from './config/env.schema.js';
import { registerFormBodies } from './http/form-body.js';

export const service = defineService({
  name: 'activation',
  envSchema,
  migrations: activationMigrations,
  module: () => AppModule,
  configureHttp: registerFormBodies,
});
