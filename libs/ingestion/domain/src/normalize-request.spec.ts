import { describe, expect, it } from 'vitest';
import { normalizeRequest, writeKeyFromBody, type NormalizeResult } from './normalize-request.js';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_EVENT_BYTES } from './segment.limits.js';

const receivedAt = new Date('2024-05-01T10:00:07.000Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function events(result: NormalizeResult) {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.events;
}

function errors(result: NormalizeResult) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

function track(overrides: Record<string, unknown> = {}) {
  return { type: 'track', userId: 'u1', event: 'Article Viewed', messageId: 'm1', ...overrides };
}

describe('normalizeRequest: single calls', () => {
  it('keeps a track call with its properties, context and integrations', () => {
    const [event] = events(
      normalizeRequest(
        'track',
        {
          userId: 'u1',
          event: 'Order Completed',
          messageId: 'abc',
          properties: { revenue: 42.5, items: [{ sku: 'a' }] },
          context: { ip: '1.2.3.4', library: { name: 'analytics-node' } },
          integrations: { All: false, Mixpanel: true },
        },
        { receivedAt },
      ),
    );
    expect(event).toEqual({
      messageId: 'abc',
      type: 'track',
      userId: 'u1',
      event: 'Order Completed',
      properties: { revenue: 42.5, items: [{ sku: 'a' }] },
      context: { ip: '1.2.3.4', library: { name: 'analytics-node' } },
      integrations: { All: false, Mixpanel: true },
      timestamp: '2024-05-01T10:00:07.000Z',
      receivedAt: '2024-05-01T10:00:07.000Z',
    });
    expect(JSON.parse(JSON.stringify(event))).toEqual(event);
  });

  it('takes the type from the route, not the body', () => {
    const [event] = events(normalizeRequest('identify', { type: 'track', userId: 'u1' }, { receivedAt }));
    expect(event?.type).toBe('identify');
  });

  it('accepts each call with its required fields', () => {
    const calls = {
      identify: { anonymousId: 'a1', traits: { email: 'a@b.c' } },
      track: { anonymousId: 'a1', event: 'Clicked' },
      page: { userId: 'u1', name: 'Home', properties: { path: '/' } },
      screen: { userId: 'u1', name: 'Settings' },
      group: { userId: 'u1', groupId: 'g1', traits: { plan: 'pro' } },
      alias: { previousId: 'a1', userId: 'u1' },
    } as const;
    for (const [kind, body] of Object.entries(calls)) {
      const [event] = events(normalizeRequest(kind as keyof typeof calls, body, { receivedAt }));
      expect(event).toMatchObject({ type: kind, ...body });
    }
  });

  it('rejects identify, track, page, screen and group without userId or anonymousId', () => {
    for (const kind of ['identify', 'track', 'page', 'screen', 'group'] as const) {
      const result = normalizeRequest(kind, { event: 'E', groupId: 'g', traits: {} }, { receivedAt });
      expect(errors(result)).toEqual([
        { index: 0, field: 'userId', message: 'userId or anonymousId is required' },
      ]);
    }
  });

  it('reads null or empty ids as missing', () => {
    const result = normalizeRequest('identify', { userId: null, anonymousId: '' }, { receivedAt });
    expect(errors(result)).toEqual([
      { index: 0, field: 'userId', message: 'userId or anonymousId is required' },
    ]);
  });

  it('needs an event name for track and a groupId for group', () => {
    expect(errors(normalizeRequest('track', { userId: 'u1' }, { receivedAt }))).toEqual([
      { index: 0, field: 'event', message: 'track needs event' },
    ]);
    expect(errors(normalizeRequest('track', { userId: 'u1', event: '' }, { receivedAt }))).toEqual([
      { index: 0, field: 'event', message: 'track needs event' },
    ]);
    expect(errors(normalizeRequest('group', { userId: 'u1' }, { receivedAt }))).toEqual([
      { index: 0, field: 'groupId', message: 'group needs groupId' },
    ]);
  });

  it('needs previousId and userId for alias; an anonymousId is not enough', () => {
    const result = normalizeRequest('alias', { anonymousId: 'a1' }, { receivedAt });
    expect(errors(result)).toEqual([
      { index: 0, field: 'userId', message: 'alias needs userId' },
      { index: 0, field: 'previousId', message: 'alias needs previousId' },
    ]);
    const [event] = events(normalizeRequest('alias', { previousId: 7, userId: 8 }, { receivedAt }));
    expect(event).toMatchObject({ previousId: '7', userId: '8' });
  });

  it('turns numeric ids into strings', () => {
    const [event] = events(
      normalizeRequest('group', { userId: 12345, anonymousId: 9, groupId: 77 }, { receivedAt }),
    );
    expect(event).toMatchObject({ userId: '12345', anonymousId: '9', groupId: '77' });
  });

  it('rejects an id that is neither a string nor a number', () => {
    const result = normalizeRequest('identify', { userId: { id: 1 } }, { receivedAt });
    expect(errors(result)).toContainEqual({
      index: 0,
      field: 'userId',
      message: 'userId must be a string or a number',
    });
  });

  it('generates a UUID messageId when missing and keeps the one given', () => {
    const [generated] = events(normalizeRequest('identify', { userId: 'u1' }, { receivedAt }));
    expect(generated?.messageId).toMatch(UUID);
    const [again] = events(normalizeRequest('identify', { userId: 'u1' }, { receivedAt }));
    expect(again?.messageId).not.toBe(generated?.messageId);
    const [given] = events(
      normalizeRequest('identify', { userId: 'u1', messageId: 'x'.repeat(100) }, { receivedAt }),
    );
    expect(given?.messageId).toBe('x'.repeat(100));
  });

  it('rejects a messageId longer than 100 characters', () => {
    const result = normalizeRequest('identify', { userId: 'u1', messageId: 'x'.repeat(101) }, { receivedAt });
    expect(errors(result)).toEqual([
      { index: 0, field: 'messageId', message: 'messageId is at most 100 characters' },
    ]);
  });

  it('rejects context, integrations, properties or traits that are not objects', () => {
    const result = normalizeRequest(
      'track',
      { userId: 'u1', event: 'E', context: 'web', integrations: [], properties: 3, traits: true },
      { receivedAt },
    );
    expect(errors(result).map((error) => error.field)).toEqual([
      'properties',
      'traits',
      'context',
      'integrations',
    ]);
  });

  it('rejects timestamps that are not ISO-8601', () => {
    const result = normalizeRequest(
      'identify',
      { userId: 'u1', timestamp: 'yesterday', sentAt: 1714557600000 },
      { receivedAt },
    );
    expect(errors(result).map((error) => error.field)).toEqual(['timestamp', 'sentAt']);
  });

  it('keeps unknown top-level fields but drops the write key and a client-sent receivedAt', () => {
    const [event] = events(
      normalizeRequest(
        'page',
        {
          userId: 'u1',
          category: 'Docs',
          channel: 'web',
          writeKey: 'secret',
          receivedAt: '2000-01-01T00:00:00Z',
        },
        { receivedAt },
      ),
    );
    expect(event).toMatchObject({ category: 'Docs', channel: 'web', receivedAt: '2024-05-01T10:00:07.000Z' });
    expect(event).not.toHaveProperty('writeKey');
  });

  it('rejects a body that is not an object', () => {
    expect(errors(normalizeRequest('track', [track()], { receivedAt }))).toEqual([
      { index: 0, field: '$', message: 'the body must be a JSON object' },
    ]);
  });

  it('rejects an event over 32 KB and accepts one just under', () => {
    const base = JSON.stringify({ userId: 'u1', event: 'E', properties: { blob: '' } });
    const fits = 'x'.repeat(MAX_EVENT_BYTES - Buffer.byteLength(base));
    expect(
      normalizeRequest('track', { userId: 'u1', event: 'E', properties: { blob: fits } }, { receivedAt }).ok,
    ).toBe(true);
    const result = normalizeRequest(
      'track',
      { userId: 'u1', event: 'E', properties: { blob: `${fits}x` } },
      { receivedAt },
    );
    expect(errors(result)).toEqual([
      {
        index: 0,
        field: '$',
        message: `event is ${MAX_EVENT_BYTES + 1} bytes; the limit is ${MAX_EVENT_BYTES}`,
      },
    ]);
  });

  it('counts bytes, not characters, against the event limit', () => {
    // 11,000 three-byte characters: 33,000 bytes, though only 11,000 characters.
    const result = normalizeRequest(
      'track',
      { userId: 'u1', event: 'E', properties: { t: '€'.repeat(11_000) } },
      { receivedAt },
    );
    expect(errors(result)[0]?.field).toBe('$');
  });
});

describe('normalizeRequest: timestamps', () => {
  it('corrects clock skew: timestamp = receivedAt − (sentAt − originalTimestamp)', () => {
    const [event] = events(
      normalizeRequest(
        'track',
        {
          userId: 'u1',
          event: 'E',
          timestamp: '2024-05-01T10:00:00.000Z',
          sentAt: '2024-05-01T10:00:05.000Z',
        },
        { receivedAt },
      ),
    );
    expect(event).toMatchObject({
      timestamp: '2024-05-01T10:00:02.000Z',
      originalTimestamp: '2024-05-01T10:00:00.000Z',
      sentAt: '2024-05-01T10:00:05.000Z',
      receivedAt: '2024-05-01T10:00:07.000Z',
    });
  });

  it('corrects a device clock that runs an hour behind, given with an offset', () => {
    const [event] = events(
      normalizeRequest(
        'track',
        {
          userId: 'u1',
          event: 'E',
          originalTimestamp: '2024-05-01T10:59:58.500+02:00',
          sentAt: '2024-05-01T09:00:00.000+00:00',
        },
        { receivedAt },
      ),
    );
    // Sent 1.5 s after the call on the device's clock, so it happened 1.5 s before we received it.
    expect(event).toMatchObject({
      timestamp: '2024-05-01T10:00:05.500Z',
      originalTimestamp: '2024-05-01T08:59:58.500Z',
    });
  });

  it('uses the client timestamp as is when there is no sentAt', () => {
    const [event] = events(
      normalizeRequest(
        'track',
        { userId: 'u1', event: 'E', timestamp: '2023-01-01T00:00:00Z' },
        { receivedAt },
      ),
    );
    expect(event).toMatchObject({
      timestamp: '2023-01-01T00:00:00.000Z',
      originalTimestamp: '2023-01-01T00:00:00.000Z',
    });
    expect(event).not.toHaveProperty('sentAt');
  });

  it('uses receivedAt when the client gave no time', () => {
    const [event] = events(
      normalizeRequest('track', { userId: 'u1', event: 'E', sentAt: '2024-05-01T10:00:05Z' }, { receivedAt }),
    );
    expect(event?.timestamp).toBe('2024-05-01T10:00:07.000Z');
    expect(event).not.toHaveProperty('originalTimestamp');
  });
});

describe('normalizeRequest: batch', () => {
  it('normalises every event, each with its own type', () => {
    const result = normalizeRequest(
      'batch',
      {
        batch: [
          { type: 'identify', userId: 'u1', traits: { plan: 'pro' } },
          track({ messageId: 'm2' }),
          { type: 'alias', previousId: 'a1', userId: 'u1' },
        ],
      },
      { receivedAt },
    );
    expect(events(result).map((event) => event.type)).toEqual(['identify', 'track', 'alias']);
  });

  it('fails the whole batch for one bad 4th event, naming its index and field', () => {
    const batch = [track(), track(), track(), track({ userId: undefined }), track()];
    const result = normalizeRequest('batch', { batch }, { receivedAt });
    expect(errors(result)).toEqual([
      { index: 3, field: 'batch[3].userId', message: 'userId or anonymousId is required' },
    ]);
  });

  it('lists every error of every bad event', () => {
    const batch = [
      track(),
      { type: 'track', anonymousId: 'a' },
      { type: 'nope', userId: 'u' },
      'not an event',
      { userId: 'u' },
      { type: 'group', userId: 'u1', messageId: 'y'.repeat(101) },
    ];
    expect(errors(normalizeRequest('import', { batch }, { receivedAt }))).toEqual([
      { index: 1, field: 'batch[1].event', message: 'track needs event' },
      {
        index: 2,
        field: 'batch[2].type',
        message: 'type must be one of identify, track, page, screen, group, alias',
      },
      { index: 3, field: 'batch[3]', message: 'an event must be a JSON object' },
      {
        index: 4,
        field: 'batch[4].type',
        message: 'type must be one of identify, track, page, screen, group, alias',
      },
      { index: 5, field: 'batch[5].messageId', message: 'messageId is at most 100 characters' },
      { index: 5, field: 'batch[5].groupId', message: 'group needs groupId' },
    ]);
  });

  it('rejects an oversize event inside a batch by its index', () => {
    const big = track({ properties: { blob: 'x'.repeat(MAX_EVENT_BYTES) } });
    const result = normalizeRequest('batch', { batch: [track(), big] }, { receivedAt });
    expect(errors(result)).toEqual([
      { index: 1, field: 'batch[1]', message: expect.stringMatching(/the limit is 32768$/) },
    ]);
  });

  it('rejects a batch over 500 KB', () => {
    // 20 events of ~30 KB: each fits, the batch (~600 KB) does not.
    const batch = Array.from({ length: 20 }, (_, i) =>
      track({ messageId: `m${i}`, properties: { blob: 'x'.repeat(30_000) } }),
    );
    const result = normalizeRequest('batch', { batch }, { receivedAt });
    expect(errors(result)).toEqual([
      {
        index: null,
        field: '$',
        message: expect.stringMatching(new RegExp(`the limit is ${MAX_BATCH_BYTES}$`)),
      },
    ]);
  });

  it('measures the body as it arrived when the caller knows its size', () => {
    // Pretty-printed JSON: the bytes on the wire, not a re-serialisation, count against the limit.
    const batch = Array.from({ length: 17 }, (_, i) =>
      track({ messageId: `m${i}`, properties: { blob: 'x'.repeat(30_000) } }),
    );
    const body = { batch };
    const sent = Buffer.byteLength(JSON.stringify(body, null, 10));
    expect(sent).toBeGreaterThan(MAX_BATCH_BYTES);
    expect(normalizeRequest('batch', body, { receivedAt }).ok).toBe(true);
    expect(errors(normalizeRequest('batch', body, { receivedAt, bodyBytes: sent }))).toEqual([
      { index: null, field: '$', message: `batch is ${sent} bytes; the limit is ${MAX_BATCH_BYTES}` },
    ]);
    const single = { userId: 'u1', event: 'E' };
    expect(errors(normalizeRequest('track', single, { receivedAt, bodyBytes: 40_000 }))).toEqual([
      { index: 0, field: '$', message: `event is 40000 bytes; the limit is ${MAX_EVENT_BYTES}` },
    ]);
  });

  it('still finds an oversize event in a large body of known size', () => {
    const big = track({ messageId: 'big', properties: { blob: 'x'.repeat(MAX_EVENT_BYTES) } });
    const body = { batch: [track(), big] };
    const result = normalizeRequest('batch', body, {
      receivedAt,
      bodyBytes: Buffer.byteLength(JSON.stringify(body)),
    });
    expect(errors(result)).toEqual([
      { index: 1, field: 'batch[1]', message: expect.stringMatching(/the limit is 32768$/) },
    ]);
  });

  it('measures events by their JSON, escapes and multi-byte characters included', () => {
    const wide = track({ messageId: 'wide', properties: { t: '€'.repeat(6_000) } }); // 18 KB
    const escaped = track({ messageId: 'esc', properties: { t: '\u0001'.repeat(5_500) } }); // 33 KB
    const body = { batch: [wide, escaped, track()] };
    const result = normalizeRequest('batch', body, {
      receivedAt,
      bodyBytes: Buffer.byteLength(JSON.stringify(body)),
    });
    const size = Buffer.byteLength(JSON.stringify(escaped));
    expect(size).toBeGreaterThan(MAX_EVENT_BYTES);
    expect(errors(result)).toEqual([
      { index: 1, field: 'batch[1]', message: `event is ${size} bytes; the limit is ${MAX_EVENT_BYTES}` },
    ]);
  });

  it('accepts 2,500 events and rejects 2,501', () => {
    const batch = Array.from({ length: MAX_BATCH_EVENTS }, () => ({ type: 'page', userId: 1 }));
    expect(events(normalizeRequest('batch', { batch }, { receivedAt }))).toHaveLength(MAX_BATCH_EVENTS);
    const result = normalizeRequest(
      'batch',
      { batch: [...batch, { type: 'page', userId: 1 }] },
      { receivedAt },
    );
    expect(errors(result)).toEqual([
      { index: null, field: 'batch', message: 'batch has 2501 events; the limit is 2500' },
    ]);
  });

  it('rejects a body without a batch array', () => {
    expect(errors(normalizeRequest('batch', { events: [] }, { receivedAt }))).toEqual([
      { index: null, field: 'batch', message: 'batch must be an array of events' },
    ]);
    expect(errors(normalizeRequest('batch', null, { receivedAt }))[0]?.field).toBe('$');
  });

  it('accepts an empty batch as nothing to store', () => {
    expect(events(normalizeRequest('batch', { batch: [] }, { receivedAt }))).toEqual([]);
  });

  it('merges batch-level context and integrations into each event, the event winning', () => {
    const result = normalizeRequest(
      'batch',
      {
        context: { library: { name: 'analytics-node' }, ip: '1.1.1.1' },
        integrations: { All: true, Amplitude: false },
        batch: [
          track({ context: { ip: '2.2.2.2' }, integrations: { Amplitude: true } }),
          track({ messageId: 'm2' }),
        ],
      },
      { receivedAt },
    );
    const [first, second] = events(result);
    expect(first).toMatchObject({
      context: { library: { name: 'analytics-node' }, ip: '2.2.2.2' },
      integrations: { All: true, Amplitude: true },
    });
    expect(second).toMatchObject({
      context: { library: { name: 'analytics-node' }, ip: '1.1.1.1' },
      integrations: { All: true, Amplitude: false },
    });
  });

  it("applies the batch's sentAt to its events, an event's own sentAt winning", () => {
    const result = normalizeRequest(
      'batch',
      {
        sentAt: '2024-05-01T10:00:05.000Z',
        batch: [
          track({ timestamp: '2024-05-01T10:00:00.000Z' }),
          track({
            messageId: 'm2',
            timestamp: '2024-05-01T10:00:00.000Z',
            sentAt: '2024-05-01T10:00:01.000Z',
          }),
        ],
      },
      { receivedAt },
    );
    const [first, second] = events(result);
    expect(first).toMatchObject({
      timestamp: '2024-05-01T10:00:02.000Z',
      sentAt: '2024-05-01T10:00:05.000Z',
    });
    expect(second).toMatchObject({
      timestamp: '2024-05-01T10:00:06.000Z',
      sentAt: '2024-05-01T10:00:01.000Z',
    });
  });

  it('rejects batch-level fields of the wrong shape', () => {
    const result = normalizeRequest(
      'batch',
      { batch: [track()], context: 'x', sentAt: 'soon' },
      { receivedAt },
    );
    expect(errors(result).map((error) => [error.index, error.field])).toEqual([
      [null, 'context'],
      [null, 'sentAt'],
    ]);
  });
});

describe('writeKeyFromBody', () => {
  it("finds the write key of a call, of a batch, or of a batch's first event", () => {
    expect(writeKeyFromBody({ writeKey: 'k1', userId: 'u' })).toBe('k1');
    expect(writeKeyFromBody({ writeKey: 'k2', batch: [{ writeKey: 'k3' }] })).toBe('k2');
    expect(writeKeyFromBody({ batch: [{ type: 'track' }, { writeKey: 'k3' }] })).toBe('k3');
    expect(writeKeyFromBody({ userId: 'u' })).toBeUndefined();
    expect(writeKeyFromBody('k')).toBeUndefined();
  });
});
