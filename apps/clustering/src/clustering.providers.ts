import type { Provider } from '@nestjs/common';
import { SegmentationStore } from '@cdp/clustering/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

export const clusteringProviders: Provider[] = [
  {
    provide: SegmentationStore,
    useFactory: (c: DbClient) => new SegmentationStore(c.pool),
    inject: [DB_CLIENT],
  },
];
