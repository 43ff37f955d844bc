import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { describe, expect, it } from 'vitest';
import {
  aliasIdentifiers,
  extractIdentifiers,
  externalIdentifierType,
  identifierKey,
  parseIdentifierRef,
  splitIdentifierRef,
} from './identifiers.js';
import { DEFAULT_PROTECTION, type ProtectionConfig } from './protection.js';

function event(fields: Partial<NormalizedEvent>): NormalizedEvent {
  return {
    messageId: 'm-1',
    type: 'identify',
    context: {},
    integrations: {},
    timestamp: '2024-05-01T10:00:00.000Z',
    receivedAt: '2024-05-01T10:00:01.000Z',
    ...fields,
  };
}

const withUs: ProtectionConfig = { ...DEFAULT_PROTECTION, defaultPhoneCountry: 'US' };

describe('extractIdentifiers: blocked values', () => {
  it.each([
    ['0', '/^[0-]*$/'],
    ['00000000-0000-0000-0000-000000000000', '/^[0-]*$/'],
    ['null', 'null'],
    ['NULL', 'null'],
    ['undefined', 'undefined'],
    ['anonymous', 'anonymous'],
    ['Anonymous', 'anonymous'],
    ['-1', '-1'],
    ['', '""'],
    ['   ', '""'],
  ])('drops %j with the rule that blocks it', (value, rule) => {
    const result = extractIdentifiers(
      event({
        userId: 'u1',
        anonymousId: value === '' ? undefined : value,
        context: { device: { id: value } },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([{ type: 'user_id', value: 'u1' }]);
    expect(result.dropped).toContainEqual({
      identifier: { type: 'device_id', value: value.trim() },
      reason: `blocked value ${JSON.stringify(value.trim())} (rule: ${rule})`,
    });
  });

  it('keeps values that only look like junk', () => {
    const result = extractIdentifiers(
      event({ userId: '10', anonymousId: 'anonymous-7f3a', context: { device: { id: '0x1' } } }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers.map(identifierKey)).toEqual([
      'user_id:10',
      'device_id:0x1',
      'anonymous_id:anonymous-7f3a',
    ]);
    expect(result.dropped).toEqual([]);
  });

  it('drops an all-zero advertising id (what iOS sends when tracking is refused)', () => {
    const result = extractIdentifiers(
      event({
        anonymousId: 'a1',
        context: { os: { name: 'iOS' }, device: { advertisingId: '00000000-0000-0000-0000-000000000000' } },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([{ type: 'anonymous_id', value: 'a1' }]);
    expect(result.dropped).toEqual([
      {
        identifier: { type: 'idfa', value: '00000000-0000-0000-0000-000000000000' },
        reason: 'blocked value "00000000-0000-0000-0000-000000000000" (rule: /^[0-]*$/)',
      },
    ]);
  });

  it('drops a blocked alias previousId instead of linking through it', () => {
    const result = extractIdentifiers(
      event({ type: 'alias', userId: 'u1', previousId: 'null' }),
      DEFAULT_PROTECTION,
    );
    expect(result.aliasOf).toBeUndefined();
    expect(result.dropped.map((d) => d.reason)).toEqual(['blocked value "null" (rule: null)']);
  });
});

describe('extractIdentifiers: emails', () => {
  it('collapses the same address in varying case and spacing into one lowercased email', () => {
    const result = extractIdentifiers(
      event({
        userId: 'u1',
        traits: { email: '  Ann.Lee@Example.COM ' },
        context: { traits: { email: 'ann.lee@example.com' } },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([
      { type: 'user_id', value: 'u1' },
      { type: 'email', value: 'ann.lee@example.com' },
    ]);
  });

  it.each(['n/a', 'ann@localhost', 'ann lee@example.com', 'ann@@example.com'])(
    'drops %j as not a plausible address',
    (email) => {
      const result = extractIdentifiers(event({ userId: 'u1', traits: { email } }), DEFAULT_PROTECTION);
      expect(result.identifiers).toEqual([{ type: 'user_id', value: 'u1' }]);
      expect(result.dropped[0]?.reason).toBe(
        `not a plausible email address ${JSON.stringify(email)} (rule: email format)`,
      );
    },
  );

  it('reads the person from context.traits only on a group call, whose traits describe the group', () => {
    const result = extractIdentifiers(
      event({
        type: 'group',
        groupId: 'g1',
        userId: 'u1',
        traits: { email: 'billing@acme.com' },
        context: { traits: { email: 'ann@acme.com' } },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers.map(identifierKey)).toEqual(['user_id:u1', 'email:ann@acme.com']);
  });
});

describe('extractIdentifiers: phones', () => {
  it('normalises an international number to E.164', () => {
    const result = extractIdentifiers(
      event({ userId: 'u1', traits: { phone: '+1 (415) 555-0100' } }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toContainEqual({ type: 'phone', value: '+14155550100' });
  });

  it('drops a national number when no defaultPhoneCountry is set', () => {
    const result = extractIdentifiers(
      event({ userId: 'u1', traits: { phone: '(415) 555-0100' } }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([{ type: 'user_id', value: 'u1' }]);
    expect(result.dropped).toEqual([
      {
        identifier: { type: 'phone', value: '(415) 555-0100' },
        reason:
          'phone number "(415) 555-0100" has no +<country code> and no defaultPhoneCountry is set (rule: phone E.164)',
      },
    ]);
  });

  it('parses a national number with defaultPhoneCountry, and collapses it with the international form', () => {
    const result = extractIdentifiers(
      event({
        userId: 'u1',
        traits: { phone: '(415) 555-0100' },
        context: { traits: { phone: '+14155550100' } },
      }),
      withUs,
    );
    expect(result.identifiers).toEqual([
      { type: 'user_id', value: 'u1' },
      { type: 'phone', value: '+14155550100' },
    ]);
  });

  it('drops a number that is nobody’s', () => {
    const result = extractIdentifiers(
      event({ userId: 'u1', traits: { phone: '+1 000 000 0000' } }),
      DEFAULT_PROTECTION,
    );
    expect(result.dropped[0]?.reason).toBe('not a valid phone number "+1 000 000 0000" (rule: phone E.164)');
  });
});

describe('extractIdentifiers: devices and external ids', () => {
  it.each([
    [{ os: { name: 'iOS' } }, 'idfa'],
    [{ os: { name: 'iPadOS' } }, 'idfa'],
    [{ device: { type: 'ios' } }, 'idfa'],
    [{ os: { name: 'Android' } }, 'gaid'],
    [{ device: { type: 'android' } }, 'gaid'],
    [{ os: { name: 'Windows' } }, 'advertising_id'],
    [{}, 'advertising_id'],
  ])('types context %j advertisingId as %s', (context, type) => {
    const result = extractIdentifiers(
      event({
        anonymousId: 'a1',
        context: {
          ...context,
          device: { ...(context as { device?: object }).device, id: 'dev-1', advertisingId: 'AEBE52E7-03EE' },
        },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([
      { type, value: 'AEBE52E7-03EE' },
      { type: 'device_id', value: 'dev-1' },
      { type: 'anonymous_id', value: 'a1' },
    ]);
  });

  it('maps context.externalIds to external:<type>, numbers as strings', () => {
    const result = extractIdentifiers(
      event({
        userId: 'u1',
        context: {
          externalIds: [
            { id: 12345, type: 'hubspot_id', collection: 'users', encoding: 'none' },
            { id: ' GA1.2.3 ', type: 'ga_client_id', collection: 'users', encoding: 'none' },
            { id: 'x', type: '', collection: 'users', encoding: 'none' },
          ],
        },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([
      { type: 'user_id', value: 'u1' },
      { type: 'external:ga_client_id', value: 'GA1.2.3' },
      { type: 'external:hubspot_id', value: '12345' },
    ]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['externalId without a type (rule: external id)']);
  });

  it('removes duplicates and sorts by priority', () => {
    const result = extractIdentifiers(
      event({
        type: 'track',
        event: 'Viewed',
        anonymousId: 'a1',
        userId: 'u1',
        context: {
          device: { id: 'd1' },
          traits: { email: 'a@b.co', phone: '+14155550100' },
          externalIds: [{ id: 'c1', type: 'crm', collection: 'users', encoding: 'none' }],
        },
        traits: { email: 'A@B.CO' },
      }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers.map(identifierKey)).toEqual([
      'user_id:u1',
      'email:a@b.co',
      'phone:+14155550100',
      'external:crm:c1',
      'device_id:d1',
      'anonymous_id:a1',
    ]);
  });
});

describe('alias', () => {
  it('returns previousId apart, for the caller to look up as user_id and anonymous_id', () => {
    const result = extractIdentifiers(
      event({ type: 'alias', userId: 'u1', previousId: ' anon-9 ' }),
      DEFAULT_PROTECTION,
    );
    expect(result.identifiers).toEqual([{ type: 'user_id', value: 'u1' }]);
    expect(result.aliasOf).toBe('anon-9');
  });

  it('aliasIdentifiers picks the known type, and anonymous_id when nothing is known', () => {
    expect(aliasIdentifiers('x', new Map([['user_id:x', 'p1']]))).toEqual([{ type: 'user_id', value: 'x' }]);
    expect(aliasIdentifiers('x', new Map([['anonymous_id:x', 'p1']]))).toEqual([
      { type: 'anonymous_id', value: 'x' },
    ]);
    expect(aliasIdentifiers('x', new Map())).toEqual([{ type: 'anonymous_id', value: 'x' }]);
  });
});

describe('identifier refs', () => {
  it('parses <type>:<value> and normalises the value by its type', () => {
    expect(parseIdentifierRef('email:Ann@Example.com')).toEqual({ type: 'email', value: 'ann@example.com' });
    expect(parseIdentifierRef(' phone:+1 (415) 555-0100 ')).toEqual({ type: 'phone', value: '+14155550100' });
    expect(parseIdentifierRef('user_id:a:b')).toEqual({ type: 'user_id', value: 'a:b' });
    expect(parseIdentifierRef('external:hubspot_id:42')).toEqual({
      type: 'external:hubspot_id',
      value: '42',
    });
  });

  it('gives a clear error for an unknown type, a missing separator, an empty or invalid value', () => {
    expect(() => parseIdentifierRef('mail:ann@example.com')).toThrow(
      /unknown identifier type "mail" in "mail:ann@example.com": use user_id, email, phone/,
    );
    expect(() => parseIdentifierRef('ann@example.com')).toThrow('is not <type>:<value>');
    expect(() => parseIdentifierRef('email: ')).toThrow('"email: " has an empty value');
    expect(() => parseIdentifierRef('email:nobody')).toThrow('not a plausible email address');
    expect(() => parseIdentifierRef('external::x')).toThrow('unknown identifier type "external:"');
  });

  it('keeps keys unambiguous even when an external type name holds a colon', () => {
    const type = externalIdentifierType('crm:v2');
    const key = identifierKey({ type, value: 'x' });
    expect(key).toBe('external:crm%3Av2:x');
    expect(splitIdentifierRef(key)).toEqual({ type, value: 'x' });
    expect(identifierKey({ type: 'external:crm', value: 'v2:x' })).not.toBe(key);
  });
});
