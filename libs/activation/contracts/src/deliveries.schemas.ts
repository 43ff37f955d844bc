import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/**
 * A delivery's life: `pending` → `sending` → `sent` (→ `delivered` | `bounced`, `opened`, `clicked`
 * from callbacks), or `failed` (a 4xx, not retried), `dead` (retries exhausted: the dead letters,
 * replayable). Not sent at all: `held_out` (the campaign's control group), `suppressed` (consent),
 * `capped` (frequency cap), `skipped` (no address to send to).
 */
export const DELIVERY_STATUSES = [
  'pending',
  'sending',
  'sent',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'failed',
  'dead',
  'held_out',
  'suppressed',
  'capped',
  'skipped',
] as const;

export const deliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

export const deliveryViewSchema = z.object({
  id: z.string(),
  key: z.string(),
  campaignId: z.string().uuid(),
  destinationId: z.string().uuid(),
  profileId: z.string().uuid(),
  trigger: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerId: z.string().nullable(),
  createdAt: isoTime,
  nextAttemptAt: isoTime.nullable(),
  sentAt: isoTime.nullable(),
  updatedAt: isoTime,
});

export type DeliveryView = z.infer<typeof deliveryViewSchema>;

export const DELIVERIES_LIST = defineRequest(
  'cdp.activation.cmd.deliveries.list.v1',
  z
    .object({
      campaign: z.string().optional(),
      destination: z.string().optional(),
      profileId: z.string().uuid().optional(),
      status: deliveryStatusSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(50),
    })
    .strict(),
  z.object({ deliveries: z.array(deliveryViewSchema), counts: z.record(z.string(), z.number().int()) }),
);

/** Puts dead letters (and failed sends, with `includeFailed`) back in their queue. */
export const DELIVERIES_REPLAY = defineRequest(
  'cdp.activation.cmd.deliveries.replay.v1',
  z
    .object({
      destination: z.string().optional(),
      campaign: z.string().optional(),
      includeFailed: z.boolean().default(false),
    })
    .strict(),
  z.object({ replayed: z.number().int() }),
);
