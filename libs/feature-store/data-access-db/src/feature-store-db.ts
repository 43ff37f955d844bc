import type pg from 'pg';
import { DailyMeasuresStore } from './daily-measures.repository.js';
import { FeatureEventLog } from './feature-event-log.repository.js';
import { OfflineMeasures } from './offline-measures.repository.js';

/** The store's tables inside one transaction. */
export class FeatureStoreTransaction {
  readonly events: FeatureEventLog;
  readonly daily: DailyMeasuresStore;

  constructor(readonly client: pg.PoolClient) {
    this.events = new FeatureEventLog(client);
    this.daily = new DailyMeasuresStore(client);
  }

  /**
   * Holds the profiles until the transaction ends, so two writers never read-modify-write one
   * profile's days at once. Taken in one order (sorted ids), so two writers cannot deadlock on them;
   * `unnest` without ORDER BY yields the array as given, so the locks follow that order.
   */
  async lockProfiles(profileIds: readonly string[]): Promise<void> {
    const sorted = [...new Set(profileIds.map((id) => id.toLowerCase()))].sort();
    if (sorted.length === 0) return;
    await this.client.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('feature_store.profile:' || id, 0))
       FROM unnest($1::text[]) AS id`,
      [sorted],
    );
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
  async transaction<T>(fn: (tx: FeatureStoreTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new FeatureStoreTransaction(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
