import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ingestionSchema } from './schema.js';

/**
 * Signed webhook deliveries seen inside the signature tolerance: a second delivery with the same
 * timestamp and signature is a replay. Rows older than the tolerance are pruned.
 */
export const webhookReceipts = ingestionSchema.table(
  'webhook_receipts',
  {
    sourceId: uuid('source_id').notNull(),
    replayKey: text('replay_key').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sourceId, t.replayKey] }),
    index('webhook_receipts_received_at_idx').on(t.receivedAt),
  ],
);
