import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const isoTimestamp = z.iso.datetime({ offset: true });

/** Identifiers per EVENTS_TIMELINE request (a profile's, as PROFILE_GET lists them). */
export const EVENTS_TIMELINE_MAX_IDENTIFIERS = 200;

export const timelineEventSchema = z.object({
  messageId: z.string(),
  sourceId: z.string(),
  /** The Segment call: `track`, `identify`, `page`, … */
  type: z.string(),
  /** The track event's name, or the page/screen name; null for the other calls. */
  event: z.string().nullable(),
  timestamp: isoTimestamp,
  properties: z.record(z.string(), z.unknown()),
});

export type TimelineEvent = z.infer<typeof timelineEventSchema>;

/**
 * A person's raw events, newest first by event timestamp: those whose userId is one of the
 * `user_id` identifiers or whose anonymousId is one of the `anonymous_id` identifiers (other types
 * are not columns of the store and are ignored). `before` pages back: events strictly older.
 */
export const EVENTS_TIMELINE = defineRequest(
  'cdp.ingestion.cmd.events.timeline.v1',
  z.object({
    identifiers: z
      .array(z.object({ type: z.string().min(1), value: z.string().min(1) }))
      .min(1)
      .max(EVENTS_TIMELINE_MAX_IDENTIFIERS),
    limit: z.number().int().min(1).max(1_000).optional(),
    before: isoTimestamp.optional(),
  }),
  z.object({ events: z.array(timelineEventSchema) }),
);

export type EventsTimelineRequest = z.infer<(typeof EVENTS_TIMELINE)['request']>;
