import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import { apiKeys, type ApiKeyRow, type NewApiKeyRow } from './api-keys.table.js';

export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  async create(apiKey: NewApiKeyRow): Promise<ApiKeyRow> {
    const [row] = await this.db.insert(apiKeys).values(apiKey).returning();
    if (!row) throw new Error('insert into gateway.api_keys returned no row');
    return row;
  }

  /** The key with this hash unless it was revoked: what authenticating a request needs. */
  async findActiveByKeyHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)))
      .limit(1);
    return row;
  }
}
