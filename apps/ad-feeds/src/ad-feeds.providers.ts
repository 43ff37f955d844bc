import type { Provider } from '@nestjs/common';
import { FeedsRepository, PartnersRepository } from '@cdp/ad-feeds/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

export const adFeedsProviders: Provider[] = [
  { provide: FeedsRepository, useFactory: (c: DbClient) => new FeedsRepository(c.pool), inject: [DB_CLIENT] },
  {
    provide: PartnersRepository,
    useFactory: (c: DbClient) => new PartnersRepository(c.pool),
    inject: [DB_CLIENT],
  },
];
