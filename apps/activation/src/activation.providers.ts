import type { Provider } from '@nestjs/common';
import {
  AudiencesRepository,
  DeliveriesRepository,
  MembershipRepository,
} from '@cdp/activation/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

export const activationProviders: Provider[] = [
  {
    provide: MembershipRepository,
    useFactory: (c: DbClient) => new MembershipRepository(c.pool),
    inject: [DB_CLIENT],
  },
  {
    provide: AudiencesRepository,
    useFactory: (c: DbClient) => new AudiencesRepository(c.pool),
    inject: [DB_CLIENT],
  },
  {
    provide: DeliveriesRepository,
    useFactory: (c: DbClient) => new DeliveriesRepository(c.pool),
    inject: [DB_CLIENT],
  },
];
