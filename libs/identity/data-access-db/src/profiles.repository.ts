import { eq } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import { profiles, type NewProfileRow, type ProfileRow } from './profiles.table.js';

export class ProfilesRepository {
  constructor(private readonly db: Database) {}

  async create(profile: NewProfileRow = {}): Promise<ProfileRow> {
    const [row] = await this.db.insert(profiles).values(profile).returning();
    if (!row) throw new Error('insert into identity.profiles returned no row');
    return row;
  }

  async findById(id: string): Promise<ProfileRow | undefined> {
    const [row] = await this.db.select().from(profiles).where(eq(profiles.id, id)).limit(1);
    return row;
  }
}
