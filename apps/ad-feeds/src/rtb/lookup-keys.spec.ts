import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { identifiersOf } from '../sync/sync.controller.js';
import { lookupKeysOf } from './segment-index.service.js';

const hex = (s: string) => createHash('sha256').update(s).digest('hex');
const b64 = (s: string) => createHash('sha256').update(s).digest('base64');

describe('what a bidder may look a profile up by', () => {
  it('indexes an email as the SHA-256 a bidder holds: plain lowercase, Google-normalised, UID2 base64', () => {
    expect(lookupKeysOf({ kind: 'email', value: ' Jane.Doe+ads@Gmail.com ' }).sort()).toEqual(
      [hex('jane.doe+ads@gmail.com'), hex('janedoe@gmail.com'), b64('janedoe@gmail.com')].sort(),
    );
    // Outside gmail the plain and Google forms are the same hash: one key.
    expect(lookupKeysOf({ kind: 'email', value: 'Ann@Example.test' })).toEqual([
      hex('ann@example.test'),
      b64('ann@example.test'),
    ]);
  });

  it('indexes device ids lowercased, user ids as they are, and not phones', () => {
    expect(lookupKeysOf({ kind: 'maid', value: 'AEBE52E7-03EE-455A-B3C4-E57283966239' })).toEqual([
      'aebe52e7-03ee-455a-b3c4-e57283966239',
    ]);
    expect(lookupKeysOf({ kind: 'user_id', value: 'User-42' })).toEqual(['User-42']);
    expect(lookupKeysOf({ kind: 'phone', value: '+14155550100' })).toEqual([]);
  });
});

describe('identifiers taken from a resolved event', () => {
  const event = (e: Record<string, unknown>) =>
    ({
      profileId: '00000000-0000-4000-8000-000000000001',
      sourceId: 's',
      event: {
        messageId: 'm',
        type: 'identify',
        context: {},
        integrations: {},
        timestamp: '',
        receivedAt: '',
        ...e,
      },
    }) as Parameters<typeof identifiersOf>[0];

  it('takes the user id, email, phone and advertising id', () => {
    const rows = identifiersOf(
      event({
        userId: 'u1',
        traits: { email: ' a@b.test ', phone: '+1 415 555 0100' },
        context: {
          device: { advertisingId: 'aebe52e7-03ee-455a-b3c4-e57283966239', adTrackingEnabled: true },
        },
      }),
    );
    expect(rows.map((r) => [r.kind, r.value])).toEqual([
      ['user_id', 'u1'],
      ['email', 'a@b.test'],
      ['phone', '+1 415 555 0100'],
      ['maid', 'aebe52e7-03ee-455a-b3c4-e57283966239'],
    ]);
  });

  it('leaves out the advertising id of a device that limits ad tracking, and non-emails', () => {
    const rows = identifiersOf(
      event({
        traits: { email: 'not an email' },
        context: {
          device: { advertisingId: 'aebe52e7-03ee-455a-b3c4-e57283966239', adTrackingEnabled: false },
        },
      }),
    );
    expect(rows).toEqual([]);
    const zero = identifiersOf(
      event({ context: { device: { advertisingId: '00000000-0000-0000-0000-000000000000' } } }),
    );
    expect(zero).toEqual([]);
  });
});
