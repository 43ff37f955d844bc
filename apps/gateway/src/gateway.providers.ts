import type { Provider } from '@nestjs/common';
import { GatewayRepository } from '@cdp/gateway/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

export const gatewayProviders: Provider[] = [
  {
    provide: GatewayRepository,
    useFactory: (c: DbClient) => new GatewayRepository(c.pool),
    inject: [DB_CLIENT],
  },
];
