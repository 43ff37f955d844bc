import { describe, expect, it } from 'vitest';
import { normalizeRequest } from './normalize-request.js';
import {
  fromGenericWebhook,
  fromRudderStackWebhook,
  fromSegmentWebhook,
  type WebhookPayloadResult,
} from './webhook-payloads.js';

/** When the forwarded delivery reached us: seconds after the upstream received the event. */
const receivedAt = new Date('2024-05-01T10:00:07.000Z');

function normalized(result: WebhookPayloadResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  const events = normalizeRequest('batch', result.body, { receivedAt });
  if (!events.ok) throw new Error(`normalizeRequest refused it: ${JSON.stringify(events.errors)}`);
  return events.events;
}

function errors(result: WebhookPayloadResult) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

/**
 * What Segment's Webhooks destination posts for an analytics.js track call: the raw event as Segment
 * stored it, with its corrected `timestamp` = receivedAt − (sentAt − originalTimestamp).
 */
const segmentTrack = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'client',
  context: {
    ip: '8.8.8.8',
    library: { name: 'analytics.js', version: 'next-1.62.0' },
    locale: 'en-US',
    page: {
      path: '/academy/',
      referrer: 'https://www.google.com/',
      search: '',
      title: 'Analytics Academy',
      url: 'https://segment.com/academy/',
    },
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  },
  event: 'Course Clicked',
  integrations: {},
  messageId: 'ajs-next-f8ca1e4de5024d9430b3928bd8ac6b96',
  originalTimestamp: '2024-05-01T09:59:58.111Z',
  projectId: 'sRWLdsoYNJUDpu5SVHnmP9',
  properties: { title: 'Intro to Analytics', course_id: 12 },
  receivedAt: '2024-05-01T10:00:03.000Z',
  sentAt: '2024-05-01T09:59:58.500Z',
  timestamp: '2024-05-01T10:00:02.611Z',
  type: 'track',
  userId: '97980cfea0067',
  version: 2,
  writeKey: 'wk_3kdhMzDn6Iv4aIzM2xVm',
};

const segmentIdentify = {
  anonymousId: '507f191e810c19729de860ea',
  channel: 'server',
  context: { library: { name: 'analytics-node', version: '2.1.0' } },
  integrations: {},
  messageId: 'node-next-1714557599000-4a1e6c0c-6f2b-4d54-a5f0-0c4b3c1a8f22',
  originalTimestamp: '2024-05-01T09:59:59.000Z',
  receivedAt: '2024-05-01T10:00:01.200Z',
  sentAt: '2024-05-01T09:59:59.100Z',
  timestamp: '2024-05-01T10:00:01.100Z',
  traits: { email: 'peter@example.com', plan: 'premium', logins: 5 },
  type: 'identify',
  userId: '97980cfea0067',
  version: 2,
};

const segmentPage = {
  anonymousId: '507f191e810c19729de860ea',
  context: { library: { name: 'analytics.js', version: 'next-1.62.0' } },
  messageId: 'ajs-next-0f3e7e2b2c9d4c0a8e0b6f4b1d2a3c4e',
  name: 'Academy',
  properties: { path: '/academy/', url: 'https://segment.com/academy/' },
  receivedAt: '2024-05-01T10:00:04.000Z',
  sentAt: '2024-05-01T10:00:00.000Z',
  timestamp: '2024-05-01T10:00:03.900Z',
  originalTimestamp: '2024-05-01T09:59:59.900Z',
  type: 'page',
};

/**
 * What RudderStack's webhook destination posts for a JavaScript SDK track call: the event as
 * rudder-server processed it, with `rudderId`, `request_ip` and its own clocks, in the server's
 * local offset.
 */
const rudderTrack = {
  anonymousId: '21b43de4-3b9b-423f-b51f-794eae31fc03',
  channel: 'web',
  context: {
    app: {
      build: '1.0.0',
      name: 'RudderLabs JavaScript SDK',
      namespace: 'com.rudderlabs.javascript',
      version: '3.0.3',
    },
    library: { name: 'RudderLabs JavaScript SDK', version: '3.0.3' },
    locale: 'en-US',
    os: { name: '', version: '' },
    page: {
      path: '/products/p-123',
      referrer: '$direct',
      search: '',
      title: 'Running shoes',
      url: 'https://shop.example.com/products/p-123',
    },
    screen: { density: 2, width: 1440, height: 900 },
    traits: { email: 'alex@example.com' },
    userAgent:
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  },
  event: 'Product Viewed',
  integrations: { All: true },
  messageId: '1714557598111-c0ab3d1f-8d7f-4bb6-bf78-71cf0ddc5d59',
  originalTimestamp: '2024-05-01T09:59:58.111Z',
  properties: { product_id: 'P-123', price: 89.99, currency: 'USD' },
  receivedAt: '2024-05-01T15:30:03.000+05:30',
  request_ip: '203.0.113.7',
  rudderId: '8f8fa6b5-8e24-489c-8e22-61f23f2e364f',
  sentAt: '2024-05-01T09:59:58.500Z',
  timestamp: '2024-05-01T15:30:02.611+05:30',
  type: 'track',
  userId: 'my-user-id',
};

const rudderIdentify = {
  anonymousId: '8d872292709c6fbe',
  channel: 'mobile',
  context: {
    app: { build: '42', name: 'Shop', namespace: 'com.example.shop', version: '2.3.0' },
    device: {
      id: '8d872292709c6fbe',
      manufacturer: 'Google',
      model: 'Pixel 8',
      name: 'shiba',
      type: 'android',
    },
    library: { name: 'com.rudderstack.android.sdk.core', version: '1.21.0' },
    network: { carrier: 'T-Mobile', wifi: true },
    os: { name: 'Android', version: '14' },
    timezone: 'America/New_York',
    traits: { anonymousId: '8d872292709c6fbe', userId: 'my-user-id' },
  },
  integrations: { All: true },
  messageId: '1714557590000-5c0f3b8e-9a41-4f0e-9e57-7d1b2f6c3a10',
  originalTimestamp: '2024-05-01T09:59:50.000Z',
  receivedAt: '2024-05-01T06:00:01.000-04:00',
  request_ip: '198.51.100.23',
  rudderId: 'a3c4b2f0-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
  sentAt: '2024-05-01T09:59:50.400Z',
  timestamp: '2024-05-01T06:00:00.600-04:00',
  traits: { email: 'alex@example.com', plan: 'gold' },
  type: 'identify',
  userId: 'my-user-id',
};

describe('fromSegmentWebhook', () => {
  it('turns a classic one-event delivery into a batch that normalizeRequest accepts', () => {
    const [event, ...rest] = normalized(fromSegmentWebhook(segmentTrack));
    expect(rest).toEqual([]);
    expect(event).toMatchObject({
      type: 'track',
      messageId: 'ajs-next-f8ca1e4de5024d9430b3928bd8ac6b96',
      userId: '97980cfea0067',
      anonymousId: '507f191e810c19729de860ea',
      event: 'Course Clicked',
      properties: { title: 'Intro to Analytics', course_id: 12 },
      // Segment's corrected time, not corrected again against our later receive time.
      timestamp: '2024-05-01T10:00:02.611Z',
      receivedAt: '2024-05-01T10:00:07.000Z',
      channel: 'client',
      projectId: 'sRWLdsoYNJUDpu5SVHnmP9',
      version: 2,
    });
    expect(event?.context).toEqual({
      ...segmentTrack.context,
      upstream: {
        source: 'segment',
        sentAt: '2024-05-01T09:59:58.500Z',
        receivedAt: '2024-05-01T10:00:03.000Z',
        originalTimestamp: '2024-05-01T09:59:58.111Z',
      },
    });
    expect(event).not.toHaveProperty('sentAt');
    expect(event).not.toHaveProperty('writeKey');
  });

  it('drops writeKey before normalizeRequest sees it', () => {
    const result = fromSegmentWebhook(segmentTrack);
    if (!result.ok) throw new Error('expected ok');
    expect(result.body.batch[0]).not.toHaveProperty('writeKey');
    expect(result.body.batch[0]).not.toHaveProperty('sentAt');
    expect(result.body.batch[0]).not.toHaveProperty('receivedAt');
  });

  it('does not change the body it was given', () => {
    const copy = structuredClone(segmentTrack);
    fromSegmentWebhook(copy);
    expect(copy).toEqual(segmentTrack);
  });

  it('takes an Actions "send batch" array, keeping order and each event time', () => {
    const events = normalized(fromSegmentWebhook([segmentIdentify, segmentTrack, segmentPage]));
    expect(events.map((e) => [e.type, e.messageId, e.timestamp])).toEqual([
      ['identify', segmentIdentify.messageId, '2024-05-01T10:00:01.100Z'],
      ['track', segmentTrack.messageId, '2024-05-01T10:00:02.611Z'],
      ['page', segmentPage.messageId, '2024-05-01T10:00:03.900Z'],
    ]);
    expect(events[0]?.traits).toEqual({ email: 'peter@example.com', plan: 'premium', logins: 5 });
    expect(events[2]).toMatchObject({ name: 'Academy', context: { upstream: { source: 'segment' } } });
    expect(events.every((e) => e.receivedAt === receivedAt.toISOString())).toBe(true);
  });

  it('corrects the skew with the upstream clocks when an event has no timestamp', () => {
    const { timestamp: _timestamp, ...uncorrected } = segmentTrack;
    const [event] = normalized(fromSegmentWebhook(uncorrected));
    expect(event?.timestamp).toBe('2024-05-01T10:00:02.611Z');
  });

  it('falls back to originalTimestamp when the upstream clocks are missing too', () => {
    const [event] = normalized(
      fromSegmentWebhook({
        type: 'track',
        userId: 'u1',
        event: 'Signed Up',
        originalTimestamp: '2024-05-01T09:00:00.000Z',
      }),
    );
    expect(event?.timestamp).toBe('2024-05-01T09:00:00.000Z');
    expect(event?.context).toEqual({
      upstream: { source: 'segment', originalTimestamp: '2024-05-01T09:00:00.000Z' },
    });
  });

  it('adds context.upstream to an event that has no context', () => {
    const [event] = normalized(
      fromSegmentWebhook({ type: 'identify', userId: 'u1', context: null, sentAt: '2024-05-01T10:00:00Z' }),
    );
    expect(event?.context).toEqual({ upstream: { source: 'segment', sentAt: '2024-05-01T10:00:00Z' } });
    // No event time upstream: ours.
    expect(event?.timestamp).toBe(receivedAt.toISOString());
  });

  it('leaves a wrong event for normalizeRequest to report by index and field', () => {
    const result = fromSegmentWebhook([segmentTrack, 'not an event', { ...segmentPage, context: 'x' }]);
    const refused = normalizeRequest('batch', result.ok ? result.body : undefined, { receivedAt });
    expect(refused.ok ? [] : refused.errors).toEqual([
      { index: 1, field: 'batch[1]', message: 'an event must be a JSON object' },
      { index: 2, field: 'batch[2].context', message: 'context must be an object' },
    ]);
  });

  it('refuses a body that is neither an event nor an array of them', () => {
    for (const body of ['{"type":"track"}', 42, null, undefined, true]) {
      expect(errors(fromSegmentWebhook(body))).toEqual([
        {
          index: null,
          field: '$',
          message: 'the body must be a Segment event object, an array of them, or { batch: [...] }',
        },
      ]);
    }
  });

  it('refuses an empty array', () => {
    expect(errors(fromSegmentWebhook([]))).toEqual([
      { index: null, field: '$', message: 'the webhook carried no events' },
    ]);
  });
});

describe('fromRudderStackWebhook', () => {
  it('turns one RudderStack event into a batch, keeping its extra fields', () => {
    const [event] = normalized(fromRudderStackWebhook(rudderTrack));
    expect(event).toMatchObject({
      type: 'track',
      messageId: '1714557598111-c0ab3d1f-8d7f-4bb6-bf78-71cf0ddc5d59',
      userId: 'my-user-id',
      anonymousId: '21b43de4-3b9b-423f-b51f-794eae31fc03',
      event: 'Product Viewed',
      properties: { product_id: 'P-123', price: 89.99, currency: 'USD' },
      integrations: { All: true },
      // RudderStack's corrected time, in UTC.
      timestamp: '2024-05-01T10:00:02.611Z',
      receivedAt: '2024-05-01T10:00:07.000Z',
      rudderId: '8f8fa6b5-8e24-489c-8e22-61f23f2e364f',
      channel: 'web',
      request_ip: '203.0.113.7',
    });
    expect(event?.context['upstream']).toEqual({
      source: 'rudderstack',
      sentAt: '2024-05-01T09:59:58.500Z',
      receivedAt: '2024-05-01T15:30:03.000+05:30',
      originalTimestamp: '2024-05-01T09:59:58.111Z',
    });
    expect(event?.context['page']).toEqual(rudderTrack.context.page);
    expect(event).not.toHaveProperty('sentAt');
  });

  it('takes an array of events', () => {
    const events = normalized(fromRudderStackWebhook([rudderIdentify, rudderTrack]));
    expect(events.map((e) => [e.type, e.userId, e.timestamp])).toEqual([
      ['identify', 'my-user-id', '2024-05-01T10:00:00.600Z'],
      ['track', 'my-user-id', '2024-05-01T10:00:02.611Z'],
    ]);
    expect(events[0]?.traits).toEqual({ email: 'alex@example.com', plan: 'gold' });
  });

  it('takes { batch: [...] }, dropping its writeKey and keeping its context', () => {
    const { sentAt: _sentAt, ...noSentAt } = rudderIdentify;
    const result = fromRudderStackWebhook({
      batch: [noSentAt, rudderTrack],
      writeKey: 'wk_rudder',
      sentAt: '2024-05-01T10:00:05.000Z',
      context: { source: 'rudder-batch' },
    });
    if (!result.ok) throw new Error('expected ok');
    expect(result.body).not.toHaveProperty('writeKey');
    expect(result.body).not.toHaveProperty('sentAt');
    const events = normalized(result);
    expect(events.map((e) => e.messageId)).toEqual([rudderIdentify.messageId, rudderTrack.messageId]);
    // The batch's sentAt stands in for an event's own, under upstream only.
    expect(events[0]?.context['upstream']).toMatchObject({ sentAt: '2024-05-01T10:00:05.000Z' });
    expect(events[1]?.context['upstream']).toMatchObject({ sentAt: '2024-05-01T09:59:58.500Z' });
    expect(events.map((e) => e.context['source'])).toEqual(['rudder-batch', 'rudder-batch']);
    expect(events[0]?.timestamp).toBe('2024-05-01T10:00:00.600Z');
  });

  it('refuses non-objects, an empty array and an empty batch', () => {
    const message = 'the body must be a RudderStack event object, an array of them, or { batch: [...] }';
    expect(errors(fromRudderStackWebhook('event'))).toEqual([{ index: null, field: '$', message }]);
    expect(errors(fromRudderStackWebhook([]))[0]?.message).toBe('the webhook carried no events');
    expect(errors(fromRudderStackWebhook({ batch: [] }))[0]).toEqual({
      index: null,
      field: '$',
      message: 'the webhook carried no events',
    });
  });
});

describe('fromGenericWebhook', () => {
  it('takes one call, an array of them or a batch body as the tracking API would', () => {
    const call = { type: 'track', userId: 'u', event: 'E', sentAt: '2026-11-01T10:00:00.000Z' };
    expect(fromGenericWebhook(call)).toEqual({ ok: true, body: { batch: [call] } });
    expect(fromGenericWebhook([call, call])).toEqual({ ok: true, body: { batch: [call, call] } });
    const batch = { batch: [call], context: { ip: '1.2.3.4' } };
    expect(fromGenericWebhook(batch)).toEqual({ ok: true, body: batch });
    expect(fromGenericWebhook('nope')).toMatchObject({ ok: false, errors: [{ field: '$' }] });
  });
});
