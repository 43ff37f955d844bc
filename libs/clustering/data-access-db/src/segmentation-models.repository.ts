import { eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import {
  segmentationModels,
  type NewSegmentationModelRow,
  type SegmentationModelRow,
} from './segmentation-models.table.js';

export class SegmentationModelsRepository {
  constructor(private readonly db: Database) {}

  async create(model: NewSegmentationModelRow): Promise<SegmentationModelRow> {
    const [row] = await this.db.insert(segmentationModels).values(model).returning();
    if (!row) throw new Error('insert into clustering.segmentation_models returned no row');
    return row;
  }

  async findById(id: string): Promise<SegmentationModelRow | undefined> {
    const [row] = await this.db
      .select()
      .from(segmentationModels)
      .where(eq(segmentationModels.id, id))
      .limit(1);
    return row;
  }
}
