import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROTECTION,
  isBlocked,
  limitOf,
  parseProtectionConfig,
  priorityRank,
  sortByPriority,
} from './protection.js';

describe('DEFAULT_PROTECTION', () => {
  it('blocks exactly the values of issue 5', () => {
    expect(DEFAULT_PROTECTION.blockedPatterns.map(String)).toEqual(['/^[0-]*$/']);
    expect(DEFAULT_PROTECTION.blockedValues).toEqual(['-1', 'null', 'undefined', 'anonymous', '']);
    expect(isBlocked({ type: 'user_id', value: 'UNDEFINED' }, DEFAULT_PROTECTION)).toBe('undefined');
    expect(isBlocked({ type: 'user_id', value: '0000' }, DEFAULT_PROTECTION)).toBe('/^[0-]*$/');
    expect(isBlocked({ type: 'user_id', value: 'unknown' }, DEFAULT_PROTECTION)).toBeUndefined();
  });

  it('orders user_id > email > phone > external > advertising ids > device_id > anonymous_id', () => {
    const sorted = sortByPriority(
      [
        { type: 'anonymous_id', value: 'a' },
        { type: 'device_id', value: 'd' },
        { type: 'gaid', value: 'g' },
        { type: 'external:zendesk', value: 'z' },
        { type: 'phone', value: '+14155550100' },
        { type: 'email', value: 'b@x.co' },
        { type: 'email', value: 'a@x.co' },
        { type: 'user_id', value: 'u' },
      ],
      DEFAULT_PROTECTION,
    );
    expect(sorted.map((i) => `${i.type}:${i.value}`)).toEqual([
      'user_id:u',
      'email:a@x.co',
      'email:b@x.co',
      'phone:+14155550100',
      'external:zendesk:z',
      'gaid:g',
      'device_id:d',
      'anonymous_id:a',
    ]);
  });

  it('limits user_id to 1, email to 5 and everything else to 5', () => {
    expect(limitOf('user_id', DEFAULT_PROTECTION)).toBe(1);
    expect(limitOf('email', DEFAULT_PROTECTION)).toBe(5);
    expect(limitOf('anonymous_id', DEFAULT_PROTECTION)).toBe(5);
    expect(limitOf('external:crm', DEFAULT_PROTECTION)).toBe(5);
  });

  it('cannot be changed by accident', () => {
    expect(() => DEFAULT_PROTECTION.blockedValues.push('x')).toThrow();
  });
});

describe('parseProtectionConfig', () => {
  it('falls back to the defaults for every field left out', () => {
    const config = parseProtectionConfig('{}');
    expect(config.blockedValues).toEqual(DEFAULT_PROTECTION.blockedValues);
    expect(config.priority).toEqual(DEFAULT_PROTECTION.priority);
    expect(config.limits).toEqual(DEFAULT_PROTECTION.limits);
    expect(isBlocked({ type: 'device_id', value: '0' }, config)).toBe('/^[0-]*$/');
  });

  it('merges limits over the defaults and replaces the lists', () => {
    const config = parseProtectionConfig({
      limits: { email: 3, 'external:*': 1, 'external:crm': 2 },
      blockedValues: ['test'],
      blockedPatterns: ['^guest-'],
      priority: ['email', 'user_id', 'external:crm'],
      defaultPhoneCountry: 'DE',
    });
    expect(config.limits).toEqual({ user_id: 1, email: 3, default: 5, 'external:*': 1, 'external:crm': 2 });
    expect(limitOf('external:crm', config)).toBe(2);
    expect(limitOf('external:other', config)).toBe(1);
    expect(isBlocked({ type: 'user_id', value: 'TEST' }, config)).toBe('test');
    expect(isBlocked({ type: 'user_id', value: 'Guest-12' }, config)).toBe('/^guest-/i');
    expect(isBlocked({ type: 'user_id', value: 'null' }, config)).toBeUndefined();
    expect(priorityRank('email', config)).toBe(0);
    expect(priorityRank('anonymous_id', config)).toBe(3);
    expect(priorityRank('external:other', config)).toBe(3);
    expect(config.defaultPhoneCountry).toBe('DE');
  });

  it.each([
    ['not json', 'identity protection config is not valid JSON'],
    ['{"blockedPatterns": ["("]}', 'not a valid regular expression "("'],
    ['{"limits": {"mail": 3}}', 'unknown identifier type "mail"'],
    ['{"limits": {"email": -1}}', 'limits.email'],
    ['{"priority": ["user_id", "cookie"]}', 'unknown identifier type "cookie"'],
    ['{"priority": ["user_id", "user_id"]}', 'user_id is listed twice'],
    ['{"defaultPhoneCountry": "XX"}', 'not a supported ISO 3166-1 alpha-2 country code'],
    ['{"limit": {"email": 3}}', 'limit'],
  ])('rejects %s with a clear error', (json, message) => {
    expect(() => parseProtectionConfig(json)).toThrow(message);
  });
});
