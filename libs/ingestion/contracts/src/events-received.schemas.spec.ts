import { describe, expect, it } from 'vitest';
import { RAW_EVENTS_RECEIVED, normalizedEventSchema } from './events-received.schemas.js';

const event = {
  messageId: 'm1',
  type: 'track',
  anonymousId: 'a1',
  event: 'Clicked',
  context: {},
  integrations: {},
  timestamp: '2024-05-01T10:00:00.000Z',
  receivedAt: '2024-05-01T10:00:01.000Z',
};

describe('RAW_EVENTS_RECEIVED', () => {
  it('keeps unknown top-level fields of an event', () => {
    expect(normalizedEventSchema.parse({ ...event, channel: 'web' })).toMatchObject({ channel: 'web' });
  });

  it('rejects events no one could be identified by or that break the call rules', () => {
    const issues = (value: unknown) =>
      normalizedEventSchema.safeParse(value).error?.issues.map((i) => i.path.join('.'));
    expect(issues({ ...event, anonymousId: undefined })).toEqual(['userId']);
    expect(issues({ ...event, event: undefined })).toEqual(['event']);
    expect(issues({ ...event, type: 'group' })).toEqual(['groupId']);
    expect(issues({ ...event, type: 'alias' })).toEqual(['previousId', 'userId']);
    expect(issues({ ...event, messageId: 'x'.repeat(101) })).toEqual(['messageId']);
    expect(issues({ ...event, timestamp: 'yesterday' })).toEqual(['timestamp']);
    expect(issues({ ...event, context: [] })).toEqual(['context']);
    expect(issues({ ...event, properties: 'x', traits: null, integrations: undefined })).toEqual([
      'properties',
      'traits',
      'integrations',
    ]);
  });

  it('carries 1 to 2,500 events per envelope', () => {
    const envelope = (count: number) => ({
      sourceId: 's',
      requestId: 'r',
      receivedAt: event.receivedAt,
      events: Array.from({ length: count }, () => event),
    });
    expect(RAW_EVENTS_RECEIVED.schema.safeParse(envelope(1)).success).toBe(true);
    expect(RAW_EVENTS_RECEIVED.schema.safeParse(envelope(2_500)).success).toBe(true);
    expect(RAW_EVENTS_RECEIVED.schema.safeParse(envelope(0)).success).toBe(false);
    expect(RAW_EVENTS_RECEIVED.schema.safeParse(envelope(2_501)).success).toBe(false);
  });
});
