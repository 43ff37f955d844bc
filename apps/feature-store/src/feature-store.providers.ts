import type { Provider } from '@nestjs/common';
import { FeatureStoreDb } from '@cdp/feature-store/data-access-db';
import { FEATURE_CATALOG, measuresOf, type FeatureDefinition, type Measure } from '@cdp/feature-store/domain';
import type { DbClient } from '@cdp/shared/util-db';
import { DB_CLIENT } from '@cdp/shared/util-service';

/** The feature definitions served (the catalog). */
export const CATALOG = Symbol('feature-store:catalog');
/** Every measure the catalog reads, by measure key. */
export const MEASURES = Symbol('feature-store:measures');

export type Catalog = readonly FeatureDefinition[];
export type Measures = ReadonlyMap<string, Measure>;

export const featureStoreProviders: Provider[] = [
  { provide: FeatureStoreDb, useFactory: (c: DbClient) => new FeatureStoreDb(c.pool), inject: [DB_CLIENT] },
  { provide: CATALOG, useValue: FEATURE_CATALOG },
  { provide: MEASURES, useFactory: (catalog: Catalog) => measuresOf(catalog), inject: [CATALOG] },
];
