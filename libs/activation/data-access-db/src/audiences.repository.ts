import { eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import { audiences, type AudienceRow, type NewAudienceRow } from './audiences.table.js';

export class AudiencesRepository {
  constructor(private readonly db: Database) {}

  async create(audience: NewAudienceRow): Promise<AudienceRow> {
    const [row] = await this.db.insert(audiences).values(audience).returning();
    if (!row) throw new Error('insert into activation.audiences returned no row');
    return row;
  }

  async findByName(name: string): Promise<AudienceRow | undefined> {
    const [row] = await this.db.select().from(audiences).where(eq(audiences.name, name)).limit(1);
    return row;
  }
}
