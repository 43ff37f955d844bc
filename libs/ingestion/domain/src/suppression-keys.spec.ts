import { createHash } from 'node:crypto';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { describe, expect, it } from 'vitest';
import {
  canonicalIdentifier,
  carriesSuppressedIdentifier,
  erasureCriteria,
  eventIdentifiers,
  suppressionEntries,
  suppressionKey,
  suppressionKeys,
  TRIMMED_CHARACTERS,
} from './suppression-keys.js';

function event(fields: Partial<NormalizedEvent>): NormalizedEvent {
  return {
    messageId: 'm1',
    type: 'track',
    event: 'Article Viewed',
    context: {},
    integrations: {},
    timestamp: '2026-11-22T10:00:00.000Z',
    receivedAt: '2026-11-22T10:00:00.000Z',
    ...fields,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('suppressionKey', () => {
  it('is the SHA-256 hex of the canonical type:value, never the plaintext', () => {
    expect(suppressionKey('user_id', 'u1')).toBe(sha256('user_id:u1'));
    expect(suppressionKey('email', ' Ann@Example.COM ')).toBe(sha256('email:ann@example.com'));
  });

  it('keeps user and anonymous ids case-sensitive but trims them', () => {
    expect(suppressionKey('user_id', 'U1')).not.toBe(suppressionKey('user_id', 'u1'));
    expect(suppressionKey('user_id', ' u1\t')).toBe(suppressionKey('user_id', 'u1'));
    expect(suppressionKey('anonymous_id', 'u1')).not.toBe(suppressionKey('user_id', 'u1'));
  });

  it('reads phones as E.164 however they are written', () => {
    const key = suppressionKey('phone', '+14155550123');
    expect(suppressionKey('phone', '+1 (415) 555-0123')).toBe(key);
    expect(canonicalIdentifier('phone', '+44 020 7946 0958')).toEqual({
      type: 'phone',
      value: '+442079460958',
    });
    // No country code: it cannot be placed, so it does not match the E.164 form.
    expect(suppressionKey('phone', '(415) 555-0123')).not.toBe(key);
    expect(suppressionKey('phone', 'n/a')).toBeUndefined();
  });

  it('folds IDFA, GAID and advertising_id into one type, ignoring case', () => {
    const idfa = suppressionKey('idfa', '6D92078A-8246-4BA4-AE5B-76104861E7DC');
    expect(suppressionKey('gaid', '6d92078a-8246-4ba4-ae5b-76104861e7dc')).toBe(idfa);
    expect(suppressionKey('advertising_id', '6d92078a-8246-4ba4-ae5b-76104861e7dc')).toBe(idfa);
    expect(suppressionKey('device_id', '6d92078a-8246-4ba4-ae5b-76104861e7dc')).not.toBe(idfa);
  });

  it('gives nothing for an empty value', () => {
    expect(suppressionKey('email', '   ')).toBeUndefined();
  });
});

describe('eventIdentifiers / suppressionKeys', () => {
  it('finds every identifier the identity rules know, normalised, without repeats', () => {
    const found = eventIdentifiers(
      event({
        type: 'identify',
        userId: 'u1',
        anonymousId: 'a1',
        traits: { email: ' Ann@Example.com', phone: '+1 415 555 0123' },
        context: {
          traits: { email: 'ann@example.com' },
          device: { id: 'DEV-1', advertisingId: 'AD-1' },
          externalIds: [
            { id: 'hs-9', type: 'HubSpot_ID', collection: 'users', encoding: 'none' },
            { id: 42, type: 'crm:id' },
            { id: 'x', type: '' },
            'junk',
          ],
        },
      }),
    );
    expect(found).toEqual([
      { type: 'user_id', value: 'u1' },
      { type: 'anonymous_id', value: 'a1' },
      { type: 'email', value: 'ann@example.com' },
      { type: 'phone', value: '+14155550123' },
      { type: 'device_id', value: 'dev-1' },
      { type: 'advertising_id', value: 'ad-1' },
      { type: 'external:hubspot_id', value: 'hs-9' },
      { type: 'external:crm%3aid', value: '42' },
    ]);
  });

  it("takes an alias's previousId as either kind of id", () => {
    const keys = suppressionKeys(event({ type: 'alias', previousId: 'old', userId: 'new' }));
    expect(keys).toContain(suppressionKey('anonymous_id', 'old'));
    expect(keys).toContain(suppressionKey('user_id', 'old'));
    expect(keys).toContain(suppressionKey('user_id', 'new'));
  });

  it('ignores traits and context that are not objects, and ids that are not strings', () => {
    const keys = suppressionKeys(
      event({
        anonymousId: 'a1',
        traits: { email: 12 },
        context: { traits: 'x', device: ['d'], externalIds: { id: 'e', type: 't' } },
      }),
    );
    expect(keys).toEqual([suppressionKey('anonymous_id', 'a1')]);
  });

  it('matches identity-published identifiers against events written differently', () => {
    const published = [
      { type: 'email', value: 'ann@example.com' },
      { type: 'external:hubspot_id', value: 'hs-9' },
    ];
    const keys = new Set(suppressionEntries(published).map((e) => e.keyHash));
    const upper = event({ userId: 'other', context: { traits: { email: 'ANN@EXAMPLE.COM ' } } });
    const external = event({
      anonymousId: 'z',
      context: { externalIds: [{ id: ' hs-9', type: 'HUBSPOT_ID' }] },
    });
    const stranger = event({ userId: 'bob', traits: { email: 'bob@example.com' } });
    expect(carriesSuppressedIdentifier(upper, keys)).toBe(true);
    expect(carriesSuppressedIdentifier(external, keys)).toBe(true);
    expect(carriesSuppressedIdentifier(stranger, keys)).toBe(false);
    expect(carriesSuppressedIdentifier(upper, new Set())).toBe(false);
  });
});

describe('suppressionEntries', () => {
  it('one entry per key, keeping the published type and no plaintext', () => {
    const entries = suppressionEntries([
      { type: 'email', value: 'Ann@example.com' },
      { type: 'email', value: 'ann@example.com' },
      { type: 'idfa', value: 'AD-1' },
      { type: 'phone', value: '---' },
    ]);
    expect(entries).toEqual([
      { identifierType: 'email', keyHash: sha256('email:ann@example.com') },
      { identifierType: 'idfa', keyHash: sha256('advertising_id:ad-1') },
    ]);
  });
});

describe('erasureCriteria', () => {
  it('splits the identifiers into the columns and payload fields the raw store is searched by', () => {
    const criteria = erasureCriteria([
      { type: 'user_id', value: 'u1' },
      { type: 'anonymous_id', value: 'a1' },
      { type: 'email', value: 'Ann@Example.com' },
      { type: 'phone', value: '+14155550123' },
      { type: 'device_id', value: 'DEV-1' },
      { type: 'gaid', value: 'AD-1' },
      { type: 'external:hubspot_id', value: 'hs-9' },
    ]);
    expect(criteria).toMatchObject({
      ids: ['u1', 'a1'],
      emails: ['ann@example.com'],
      phoneDigits: ['4155550123'],
      deviceIds: ['dev-1'],
      advertisingIds: ['ad-1'],
      externalIds: ['hs-9'],
    });
    expect(criteria.keys).toHaveLength(7);
  });
});

describe('TRIMMED_CHARACTERS', () => {
  it('is exactly what String.prototype.trim removes, so SQL trims the same way', () => {
    const trimmed: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      if (`${c}x${c}`.trim() === 'x') trimmed.push(c);
    }
    expect([...TRIMMED_CHARACTERS].sort()).toEqual(trimmed.sort());
  });
});
