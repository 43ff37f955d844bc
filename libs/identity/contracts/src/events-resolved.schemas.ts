import { normalizedEventSchema } from '@cdp/ingestion/contracts';
import { defineEvent, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';

/** A raw event with the profile it belongs to. */
export const resolvedEventSchema = z.object({
  profileId: z.string().uuid(),
  sourceId: z.string().min(1),
  event: normalizedEventSchema,
});

export type ResolvedEvent = z.infer<typeof resolvedEventSchema>;

/**
 * Resolved events, many per message. Every event of one profile goes to one partition (the
 * envelope's key), in the order identity resolved them: consumers see a profile's events in order.
 */
export const eventsResolvedSchema = envelopeOf(resolvedEventSchema);

export type EventsResolved = z.infer<typeof eventsResolvedSchema>;

export const EVENTS_RESOLVED = defineEvent('cdp.identity.evt.events.resolved.v1', eventsResolvedSchema);
