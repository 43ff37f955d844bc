import type { Provider } from '@nestjs/common';
import { IdentityGraph } from '@cdp/identity/data-access-db';
import { DEFAULT_PROTECTION, parseProtectionConfig, type ProtectionConfig } from '@cdp/identity/domain';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT, SERVICE_ENV } from '@cdp/shared/util-service';
import type { IdentityEnv } from './config/env.schema.js';

/** Injection token of the merge protection in force. */
export const PROTECTION = Symbol('identity:protection');

export const identityProviders: Provider[] = [
  { provide: IdentityGraph, useFactory: (c: DbClient) => new IdentityGraph(c.pool), inject: [DB_CLIENT] },
  {
    provide: PROTECTION,
    useFactory: (env: IdentityEnv): ProtectionConfig =>
      env.IDENTITY_PROTECTION === undefined
        ? DEFAULT_PROTECTION
        : parseProtectionConfig(env.IDENTITY_PROTECTION),
    inject: [SERVICE_ENV],
  },
];
