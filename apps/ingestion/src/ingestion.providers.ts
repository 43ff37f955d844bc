import type { Provider } from '@nestjs/common';
import {
  RawEventStore,
  SourcesRepository,
  SuppressedIdentifiersRepository,
  WebhookReceiptsRepository,
} from '@cdp/ingestion/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

/** The data-access classes, built on the service's database client. */
export const dataAccessProviders: Provider[] = [
  {
    provide: SourcesRepository,
    useFactory: (c: DbClient) => new SourcesRepository(c.db),
    inject: [DB_CLIENT],
  },
  { provide: RawEventStore, useFactory: (c: DbClient) => new RawEventStore(c.pool), inject: [DB_CLIENT] },
  {
    provide: SuppressedIdentifiersRepository,
    useFactory: (c: DbClient) => new SuppressedIdentifiersRepository(c.pool),
    inject: [DB_CLIENT],
  },
  {
    provide: WebhookReceiptsRepository,
    useFactory: (c: DbClient) => new WebhookReceiptsRepository(c.db),
    inject: [DB_CLIENT],
  },
];
