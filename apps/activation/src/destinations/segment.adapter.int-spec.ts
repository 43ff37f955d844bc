import type { SegmentDestination } from '@cdp/activation/contracts';
import { startSegmentReceiver, type SegmentReceiver } from '@cdp/activation/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboundMessage, type OutboundMessageOverrides } from './__tests__/outbound-message.js';
import type { DestinationAdapter, OutboundMessage } from './destination.js';
import { createSegmentAdapter } from './segment.adapter.js';

const WRITE_KEY = 'segment-write-key';

function segmentMessage(overrides: OutboundMessageOverrides = {}): OutboundMessage {
  return outboundMessage(
    {
      key: 'd'.repeat(64),
      deliveryId: 'del-seg-1',
      campaign: { id: 'camp-3', name: 'Sync high intent' },
      audience: { id: 'aud-3', name: 'High intent', key: 'high_intent' },
      recipient: { profileId: 'prof-3', userId: 'user-3' },
      links: {
        unsubscribe: 'https://act.example/u/t',
        openPixel: 'https://act.example/o/t.gif',
        click: 'https://act.example/c/t',
        statusCallback: 'https://act.example/s',
      },
    },
    overrides,
  );
}

describe('Segment adapter over the tracking API', () => {
  let segment: SegmentReceiver;
  let config: SegmentDestination;
  let adapter: DestinationAdapter;

  beforeAll(async () => {
    segment = await startSegmentReceiver({ writeKey: WRITE_KEY });
    config = { kind: 'segment', writeKey: WRITE_KEY, host: segment.url };
    adapter = createSegmentAdapter(config);
  });

  afterAll(async () => {
    await adapter.close();
    await segment.close();
  });

  beforeEach(() => {
    segment.events.length = 0;
  });

  it('sends an identify with the audience trait and an Audience Entered track on entry', async () => {
    const outcome = await adapter.send(segmentMessage());
    expect(outcome).toMatchObject({ kind: 'sent' });

    // The outcome comes after the flush: both events are already at Segment.
    const identify = segment.events.find((e) => e.type === 'identify');
    const track = segment.events.find((e) => e.type === 'track');
    expect(identify).toMatchObject({
      userId: 'user-3',
      traits: { high_intent: true },
      messageId: `${'d'.repeat(64)}-identify`,
    });
    expect(track).toMatchObject({
      userId: 'user-3',
      event: 'Audience Entered',
      properties: { audience_key: 'high_intent', audience_name: 'High intent', audience_id: 'aud-3' },
      messageId: `${'d'.repeat(64)}-track`,
    });
  });

  it('sends the trait false and Audience Exited on exit, by anonymousId when there is no userId', async () => {
    const outcome = await adapter.send(
      segmentMessage({
        key: 'e'.repeat(64),
        trigger: 'exit:2026-11-22T11:00:00.000Z',
        recipient: { userId: null },
      }),
    );
    expect(outcome).toMatchObject({ kind: 'sent' });
    expect(segment.events.find((e) => e.type === 'identify')).toMatchObject({
      anonymousId: 'prof-3',
      traits: { high_intent: false },
      messageId: `${'e'.repeat(64)}-identify`,
    });
    expect(segment.events.find((e) => e.type === 'identify')).not.toHaveProperty('userId');
    expect(segment.events.find((e) => e.type === 'track')).toMatchObject({
      anonymousId: 'prof-3',
      event: 'Audience Exited',
      messageId: `${'e'.repeat(64)}-track`,
    });
  });

  it('keeps concurrent sends batched rather than one request per event', async () => {
    const requestsBefore = segment.requests.length;
    const keys = Array.from({ length: 10 }, (_, i) => String(i).repeat(64));
    const outcomes = await Promise.all(keys.map((key) => adapter.send(segmentMessage({ key }))));
    expect(outcomes.every((o) => o.kind === 'sent')).toBe(true);
    expect(segment.events).toHaveLength(20);
    expect(new Set(segment.events.map((e) => e.messageId))).toEqual(
      new Set(keys.flatMap((key) => [`${key}-identify`, `${key}-track`])),
    );
    expect(segment.requests.length - requestsBefore).toBeLessThan(20);
  });

  it('asks for a retry when Segment answers 500, and sends a resend with the same message ids', async () => {
    // No retries inside analytics-node: the engine's retry is what is under test.
    const failing = createSegmentAdapter(config, { maxRetries: 0 });
    try {
      segment.failNext(1, 500);
      const first = await failing.send(segmentMessage({ key: 'f'.repeat(64) }));
      expect(first).toMatchObject({ kind: 'retry' });
      expect(first.kind === 'retry' && first.error).toContain('500');
      expect(segment.events).toHaveLength(0);

      expect(await failing.send(segmentMessage({ key: 'f'.repeat(64) }))).toMatchObject({ kind: 'sent' });
      expect(segment.events.map((e) => e.messageId).sort()).toEqual([
        `${'f'.repeat(64)}-identify`,
        `${'f'.repeat(64)}-track`,
      ]);
    } finally {
      await failing.close();
    }
  });
});
