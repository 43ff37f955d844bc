import type { Provider } from '@nestjs/common';
import { PredictionStore } from '@cdp/prediction/data-access-db';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

export const predictionProviders: Provider[] = [
  {
    provide: PredictionStore,
    useFactory: (c: DbClient) => new PredictionStore(c.pool),
    inject: [DB_CLIENT],
  },
];
