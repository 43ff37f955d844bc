import { defineEvent, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';

/** The Segment calls an event can be. `batch` and `import` are request kinds, never event types. */
export const SEGMENT_CALL_TYPES = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;

export type SegmentCallType = (typeof SEGMENT_CALL_TYPES)[number];

/** Ingestion's request limit, so an accepted request always fits in one envelope. */
export const RAW_EVENTS_PER_ENVELOPE_MAX = 2_500;

const isoTimestamp = z.iso.datetime({ offset: true });
const id = z.string().min(1);
/**
 * A JSON object. Not `z.record(z.string(), z.unknown())`: that checks every key (always a string in
 * parsed JSON) and copies the object, three times the cost of the whole event's check, paid by every
 * consumer of every event.
 */
const jsonObject = z.custom<Record<string, unknown>>(
  (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  { message: 'expected an object' },
);

/**
 * One event as ingestion accepted it: ids as strings, server-side timestamps filled in, batch-level
 * context merged. Loose, because Segment keeps top-level fields it does not know.
 */
export const normalizedEventSchema = z
  .looseObject({
    messageId: z.string().min(1).max(100),
    type: z.enum(SEGMENT_CALL_TYPES),
    userId: id.optional(),
    anonymousId: id.optional(),
    previousId: id.optional(),
    groupId: id.optional(),
    event: z.string().min(1).optional(),
    name: z.string().optional(),
    properties: jsonObject.optional(),
    traits: jsonObject.optional(),
    context: jsonObject,
    integrations: jsonObject,
    timestamp: isoTimestamp,
    originalTimestamp: isoTimestamp.optional(),
    sentAt: isoTimestamp.optional(),
    receivedAt: isoTimestamp,
  })
  .superRefine((event, ctx) => {
    // The same identity rules the HTTP API enforces, so a consumer never sees an event with no one behind it.
    if (event.type === 'alias') {
      if (!event.previousId)
        ctx.addIssue({ code: 'custom', path: ['previousId'], message: 'alias needs previousId' });
      if (!event.userId) ctx.addIssue({ code: 'custom', path: ['userId'], message: 'alias needs userId' });
    } else if (!event.userId && !event.anonymousId) {
      ctx.addIssue({ code: 'custom', path: ['userId'], message: 'userId or anonymousId is required' });
    }
    if (event.type === 'track' && !event.event) {
      ctx.addIssue({ code: 'custom', path: ['event'], message: 'track needs event' });
    }
    if (event.type === 'group' && !event.groupId) {
      ctx.addIssue({ code: 'custom', path: ['groupId'], message: 'group needs groupId' });
    }
  });

export type NormalizedEvent = z.infer<typeof normalizedEventSchema>;

/** What ingestion publishes per accepted HTTP request (or a slice of an import): one envelope. */
export const eventsReceivedSchema = envelopeOf(normalizedEventSchema).extend({
  sourceId: z.string().min(1),
  requestId: z.string().min(1),
  receivedAt: isoTimestamp,
  events: z.array(normalizedEventSchema).min(1).max(RAW_EVENTS_PER_ENVELOPE_MAX),
});

export type EventsReceived = z.infer<typeof eventsReceivedSchema>;

export const RAW_EVENTS_RECEIVED = defineEvent('cdp.ingestion.evt.events.received.v1', eventsReceivedSchema);
