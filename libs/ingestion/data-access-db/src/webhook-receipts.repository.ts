import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import { webhookReceipts } from './webhook-receipts.table.js';

/** Remembers signed deliveries inside the tolerance window, so a replay is refused. */
export class WebhookReceiptsRepository {
  constructor(private readonly db: Database) {}

  /** True the first time `(sourceId, replayKey)` is seen; false for a replay. */
  async claim(sourceId: string, replayKey: string, receivedAt: Date): Promise<boolean> {
    const rows = await this.db
      .insert(webhookReceipts)
      .values({ sourceId, replayKey, receivedAt })
      .onConflictDoNothing()
      .returning({ replayKey: webhookReceipts.replayKey });
    return rows.length === 1;
  }

  /** Forgets one delivery: it was claimed but could not be kept, so its retry must pass. */
  async release(sourceId: string, replayKey: string): Promise<void> {
    await this.db
      .delete(webhookReceipts)
      .where(and(eq(webhookReceipts.sourceId, sourceId), eq(webhookReceipts.replayKey, replayKey)));
  }

  /** Forgets deliveries older than `before` (their signatures have expired anyway). */
  async prune(before: Date): Promise<number> {
    const rows = await this.db
      .delete(webhookReceipts)
      .where(lt(webhookReceipts.receivedAt, before))
      .returning({ replayKey: webhookReceipts.replayKey });
    return rows.length;
  }
}
