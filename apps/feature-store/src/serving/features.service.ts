import { Inject, Injectable } from '@nestjs/common';
import type { ProfileFeatures } from '@cdp/feature-store/contracts';
import { FeatureStoreDb } from '@cdp/feature-store/data-access-db';
import { readFeatures, type FeatureDefinition } from '@cdp/feature-store/domain';
import { BusError } from '@cdp/shared/util-messaging';
import { CATALOG, MEASURES, type Catalog, type Measures } from '../feature-store.providers.js';

/** Feature vectors: online (from the daily measures) or as of a time (from the event history). */
@Injectable()
export class FeaturesService {
  constructor(
    private readonly db: FeatureStoreDb,
    @Inject(CATALOG) private readonly catalog: Catalog,
    @Inject(MEASURES) private readonly measures: Measures,
  ) {}

  /** The definitions `names` picks (all when absent); an unknown name is the caller's error. */
  select(names?: readonly string[]): FeatureDefinition[] {
    if (!names) return [...this.catalog];
    const byName = new Map(this.catalog.map((d) => [d.name, d]));
    const unknown = names.filter((n) => !byName.has(n));
    if (unknown.length > 0) {
      throw new BusError(
        'VALIDATION_FAILED',
        `unknown feature${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
        {
          unknown,
        },
      );
    }
    return names.map((n) => byName.get(n) as FeatureDefinition);
  }

  async online(
    profileIds: readonly string[],
    names?: readonly string[],
    now = new Date(),
  ): Promise<ProfileFeatures[]> {
    const definitions = this.select(names);
    const asOf = now.toISOString();
    const days = await this.db.daily.load([...new Set(profileIds)]);
    return profileIds.map((profileId) => ({
      profileId,
      asOf,
      features: readFeatures(days.get(profileId) ?? new Map(), asOf, definitions),
    }));
  }

  /** As of `asOf`: only events with a timestamp up to it count, whatever arrived since. */
  async pointInTime(
    profileIds: readonly string[],
    asOf: string,
    names?: readonly string[],
  ): Promise<ProfileFeatures[]> {
    const definitions = this.select(names);
    const rows = await this.db.offline.trainingRows(
      this.measures,
      profileIds.map((profileId) => ({ profileId, at: asOf })),
    );
    return profileIds.map((profileId, i) => ({
      profileId,
      asOf,
      features: readFeatures(rows[i] ?? new Map(), asOf, definitions),
    }));
  }
}
