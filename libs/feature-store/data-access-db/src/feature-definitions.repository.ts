import { eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import {
  featureDefinitions,
  type FeatureDefinitionRow,
  type NewFeatureDefinitionRow,
} from './feature-definitions.table.js';

export class FeatureDefinitionsRepository {
  constructor(private readonly db: Database) {}

  async create(definition: NewFeatureDefinitionRow): Promise<FeatureDefinitionRow> {
    const [row] = await this.db.insert(featureDefinitions).values(definition).returning();
    if (!row) throw new Error('insert into feature_store.feature_definitions returned no row');
    return row;
  }

  async findByName(name: string): Promise<FeatureDefinitionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(featureDefinitions)
      .where(eq(featureDefinitions.name, name))
      .limit(1);
    return row;
  }
}
