import { RAW_EVENTS_RECEIVED, normalizedEventSchema } from '@cdp/ingestion/contracts';
import { describe, expect, it } from 'vitest';
import { normalizeRequest } from './normalize-request.js';

describe('normalized events under the RAW_EVENTS_RECEIVED contract', () => {
  const result = normalizeRequest(
    'batch',
    {
      context: { library: { name: 'analytics.js' } },
      sentAt: '2024-05-01T10:00:05Z',
      batch: [
        { type: 'identify', userId: 42, traits: { email: 'a@b.c' }, timestamp: '2024-05-01T10:00:00Z' },
        { type: 'track', anonymousId: 'a1', event: 'Ad Clicked', properties: { ctr: 0.02 }, channel: 'web' },
        { type: 'page', userId: 'u1', name: 'Home' },
        { type: 'screen', userId: 'u1', name: 'Feed' },
        { type: 'group', userId: 'u1', groupId: 7 },
        { type: 'alias', previousId: 'a1', userId: 'u1' },
      ],
    },
    { receivedAt: new Date('2024-05-01T10:00:07Z') },
  );
  if (!result.ok) throw new Error(JSON.stringify(result.errors));

  it('parses each event, unchanged, after a JSON round trip', () => {
    for (const event of result.events) {
      const wire: unknown = JSON.parse(JSON.stringify(event));
      expect(normalizedEventSchema.parse(wire)).toEqual(event);
    }
  });

  it('parses the envelope ingestion publishes', () => {
    const envelope = {
      sourceId: 'src_1',
      requestId: 'req_1',
      receivedAt: '2024-05-01T10:00:07.000Z',
      events: result.events,
    };
    expect(RAW_EVENTS_RECEIVED.subject).toBe('cdp.ingestion.evt.events.received.v1');
    expect(RAW_EVENTS_RECEIVED.schema.parse(JSON.parse(JSON.stringify(envelope)))).toEqual(envelope);
  });
});
