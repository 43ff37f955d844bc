import { desc, eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import {
  predictionModels,
  type NewPredictionModelRow,
  type PredictionModelRow,
} from './prediction-models.table.js';

export class PredictionModelsRepository {
  constructor(private readonly db: Database) {}

  async create(model: NewPredictionModelRow): Promise<PredictionModelRow> {
    const [row] = await this.db.insert(predictionModels).values(model).returning();
    if (!row) throw new Error('insert into prediction.prediction_models returned no row');
    return row;
  }

  /** The highest version for `target`; served by the (target, version) unique index. */
  async findLatest(target: string): Promise<PredictionModelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(predictionModels)
      .where(eq(predictionModels.target, target))
      .orderBy(desc(predictionModels.version))
      .limit(1);
    return row;
  }
}
