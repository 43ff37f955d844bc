import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import { DailyMeasuresStore } from './daily-measures.repository.js';
import { FeatureEventLog } from './feature-event-log.repository.js';
import { OfflineMeasures } from './offline-measures.repository.js';
import { lockProfiles } from './profile-locks.js';
import { ProfileRedirects } from './profile-redirects.repository.js';

/** The store's tables inside one transaction. */
export class FeatureStoreTransaction {
  readonly events: FeatureEventLog;
  readonly daily: DailyMeasuresStore;
  readonly redirects: ProfileRedirects;

  constructor(readonly client: pg.PoolClient) {
    this.events = new FeatureEventLog(client);
    this.daily = new DailyMeasuresStore(client);
    this.redirects = new ProfileRedirects(client);
  }

  /** See `lockProfiles`: this transaction holds the profiles until it ends. */
  async lockProfiles(profileIds: readonly string[]): Promise<void> {
    await lockProfiles(this.client, profileIds);
  }
}

/** The feature store's data access over one pool: the tables, offline SQL and transactions. */
export class FeatureStoreDb {
  readonly events: FeatureEventLog;
  readonly daily: DailyMeasuresStore;
  readonly offline: OfflineMeasures;

  constructor(private readonly pool: pg.Pool) {
    this.events = new FeatureEventLog(pool);
    this.daily = new DailyMeasuresStore(pool);
    this.offline = new OfflineMeasures(pool);
  }

  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: FeatureStoreTransaction) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, (client) => fn(new FeatureStoreTransaction(client)));
  }
}
