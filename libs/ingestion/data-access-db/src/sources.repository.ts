import { eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import { sources, type NewSourceRow, type SourceRow } from './sources.table.js';

export class SourcesRepository {
  constructor(private readonly db: Database) {}

  async create(source: NewSourceRow): Promise<SourceRow> {
    const [row] = await this.db.insert(sources).values(source).returning();
    if (!row) throw new Error('insert into ingestion.sources returned no row');
    return row;
  }

  async findByWriteKey(writeKey: string): Promise<SourceRow | undefined> {
    const [row] = await this.db.select().from(sources).where(eq(sources.writeKey, writeKey)).limit(1);
    return row;
  }
}
