import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { SOURCE_KINDS } from './source-view.schemas.js';

export const sourceEventStatsSchema = z.object({
  sourceId: z.string(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS),
  enabled: z.boolean(),
  /** Raw events stored. */
  stored: z.number().int().nonnegative(),
  /** Events refused because their (source, messageId) was already stored. */
  duplicates: z.number().int().nonnegative(),
  /**
   * Events dropped because they carry an identifier of an erased person (answered 200, never
   * stored); 0 from a service older than the field.
   */
  suppressed: z.number().int().nonnegative().default(0),
  lastReceivedAt: z.iso.datetime({ offset: true }).nullable(),
  /** Stored events per Segment call type. */
  byType: z.record(z.string(), z.number().int().nonnegative()),
});

export const eventsStatsResponseSchema = z.object({
  sources: z.array(sourceEventStatsSchema),
  totals: z.object({
    stored: z.number().int().nonnegative(),
    duplicates: z.number().int().nonnegative(),
    suppressed: z.number().int().nonnegative().default(0),
    lastReceivedAt: z.iso.datetime({ offset: true }).nullable(),
  }),
});

export type EventsStats = z.infer<typeof eventsStatsResponseSchema>;

/** Stored raw events per source and type, duplicates refused, suppressed events dropped, last receipt. */
export const EVENTS_STATS = defineRequest(
  'cdp.ingestion.cmd.events.stats.v1',
  z.object({}),
  eventsStatsResponseSchema,
);
