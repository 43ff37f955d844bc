import { describe, expect, it } from 'vitest';
import type { FeatureEvent } from './definition.js';
import { addDays, dayOf, epochMs, matches, toMilli, valueAt, valueKey } from './values.js';

const event = (fields: Partial<FeatureEvent> = {}): FeatureEvent => ({
  messageId: 'm1',
  type: 'track',
  event: 'Article Viewed',
  anonymousId: 'anon-1',
  timestamp: '2024-05-01T10:00:00.000Z',
  ...fields,
});

describe('valueAt', () => {
  it('follows a dotted path into the event, and reads nothing where a step is missing', () => {
    const e = event({
      properties: { seconds: 42, nested: { deep: 'x' } },
      context: { device: { type: 'ios' } },
      traits: { age: 31 },
    });
    expect(valueAt(e, 'properties.seconds')).toBe(42);
    expect(valueAt(e, 'properties.nested.deep')).toBe('x');
    expect(valueAt(e, 'context.device.type')).toBe('ios');
    expect(valueAt(e, 'traits.age')).toBe(31);
    expect(valueAt(e, 'event')).toBe('Article Viewed');
    expect(valueAt(e, 'properties.missing')).toBeUndefined();
    expect(valueAt(e, 'properties.seconds.value')).toBeUndefined();
    expect(valueAt(event(), 'properties.seconds')).toBeUndefined();
  });

  it('reads own properties only, not what an object inherits', () => {
    const e = event({ properties: {} });
    expect(valueAt(e, 'properties.constructor')).toBeUndefined();
    expect(valueAt(e, 'properties.toString')).toBeUndefined();
  });

  it('keeps null apart from missing', () => {
    expect(valueAt(event({ properties: { seconds: null } }), 'properties.seconds')).toBeNull();
  });

  it('@day is the UTC date, whatever offset the timestamp has', () => {
    expect(valueAt(event({ timestamp: '2024-05-01T23:30:00-02:00' }), '@day')).toBe('2024-05-02');
    expect(valueAt(event({ timestamp: '2024-05-02T00:30:00+02:00' }), '@day')).toBe('2024-05-01');
  });

  it('@hourPart splits the UTC day at 6, 12 and 18', () => {
    const part = (time: string) => valueAt(event({ timestamp: `2024-05-01T${time}Z` }), '@hourPart');
    expect(part('00:00:00.000')).toBe('night');
    expect(part('05:59:59.999')).toBe('night');
    expect(part('06:00:00.000')).toBe('morning');
    expect(part('11:59:59.999')).toBe('morning');
    expect(part('12:00:00.000')).toBe('afternoon');
    expect(part('17:59:59.999')).toBe('afternoon');
    expect(part('18:00:00.000')).toBe('evening');
    expect(part('23:59:59.999')).toBe('evening');
    // 01:00 in New York is 05:00 UTC: still night.
    expect(valueAt(event({ timestamp: '2024-05-01T01:00:00-04:00' }), '@hourPart')).toBe('night');
  });

  it('@weekpart is weekend on Saturday and Sunday UTC', () => {
    const part = (timestamp: string) => valueAt(event({ timestamp }), '@weekpart');
    expect(part('2024-05-03T23:59:59.999Z')).toBe('weekday'); // Friday
    expect(part('2024-05-04T00:00:00.000Z')).toBe('weekend'); // Saturday
    expect(part('2024-05-05T23:59:59.999Z')).toBe('weekend'); // Sunday
    expect(part('2024-05-06T00:00:00.000Z')).toBe('weekday'); // Monday
    // Friday 23:00 in New York is Saturday UTC.
    expect(part('2024-05-03T23:00:00-04:00')).toBe('weekend');
  });

  it('@deviceClass maps the device type, defaulting to desktop', () => {
    const cls = (type?: unknown) =>
      valueAt(event(type === undefined ? {} : { context: { device: { type } } }), '@deviceClass');
    expect(cls('ios')).toBe('mobile');
    expect(cls('android')).toBe('mobile');
    expect(cls('mobile')).toBe('mobile');
    expect(cls('ipad')).toBe('tablet');
    expect(cls('tablet')).toBe('tablet');
    expect(cls('iOS')).toBe('mobile');
    expect(cls('iPad')).toBe('tablet');
    expect(cls('macos')).toBe('desktop');
    expect(cls('windows')).toBe('desktop');
    expect(cls('desktop')).toBe('desktop');
    expect(cls(7)).toBe('desktop');
    expect(cls('toString')).toBe('desktop');
    expect(cls()).toBe('desktop');
    expect(valueAt(event({ context: { device: null } }), '@deviceClass')).toBe('desktop');
  });

  it('@session is the device and its 30-minute slot', () => {
    const slot = Math.floor(Date.parse('2024-05-01T10:00:00.000Z') / 1_800_000);
    expect(valueAt(event({ timestamp: '2024-05-01T10:00:00.000Z' }), '@session')).toBe(`anon-1/${slot}`);
    expect(valueAt(event({ timestamp: '2024-05-01T10:29:59.999Z' }), '@session')).toBe(`anon-1/${slot}`);
    expect(valueAt(event({ timestamp: '2024-05-01T10:30:00.000Z' }), '@session')).toBe(`anon-1/${slot + 1}`);
    expect(valueAt(event({ timestamp: '2024-05-01T09:59:59.999Z' }), '@session')).toBe(`anon-1/${slot - 1}`);
  });

  it('@session keys the device by anonymousId, else userId, else has no value', () => {
    const slot = Math.floor(Date.parse('2024-05-01T10:00:00.000Z') / 1_800_000);
    expect(valueAt(event({ userId: 'u1' }), '@session')).toBe(`anon-1/${slot}`);
    expect(valueAt(event({ anonymousId: undefined, userId: 'u1' }), '@session')).toBe(`u1/${slot}`);
    expect(valueAt(event({ anonymousId: '', userId: 'u1' }), '@session')).toBe(`u1/${slot}`);
    expect(valueAt(event({ anonymousId: undefined }), '@session')).toBeUndefined();
  });

  it('throws on a derived key it does not know', () => {
    expect(() => valueAt(event(), '@month')).toThrow(/@month/);
  });
});

describe('matches', () => {
  const page = event({ type: 'page', event: undefined, name: 'Home' });

  it('holds when every given condition holds', () => {
    expect(matches(event(), {})).toBe(true);
    expect(matches(event(), { type: ['track'] })).toBe(true);
    expect(matches(event(), { type: ['track'], event: ['Ad Clicked', 'Article Viewed'] })).toBe(true);
    expect(matches(page, { type: ['page'], name: ['Home'] })).toBe(true);
  });

  it('fails when any given condition fails', () => {
    expect(matches(event(), { type: ['page'] })).toBe(false);
    expect(matches(event(), { type: ['track'], event: ['Ad Clicked'] })).toBe(false);
    expect(matches(event(), { event: ['article viewed'] })).toBe(false);
    expect(matches(page, { event: ['Home'] })).toBe(false);
    expect(matches(event(), { name: ['Home'] })).toBe(false);
    expect(matches(event(), { type: [] })).toBe(false);
  });
});

describe('time', () => {
  it('dayOf and epochMs read the instant, whatever the offset', () => {
    expect(dayOf('2024-05-01T00:00:00.000Z')).toBe('2024-05-01');
    expect(dayOf('2024-04-30T23:59:59.999Z')).toBe('2024-04-30');
    expect(dayOf('2024-05-01T01:00:00+02:00')).toBe('2024-04-30');
    expect(epochMs('2024-05-01T01:00:00+02:00')).toBe(Date.UTC(2024, 3, 30, 23));
  });

  it('rejects what is not a timestamp', () => {
    expect(() => epochMs('yesterday')).toThrow(/yesterday/);
    expect(() => dayOf('')).toThrow(/timestamp/);
  });

  it('addDays moves across months, leap days and years', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-05-10', -7)).toBe('2024-05-03');
    expect(() => addDays('2024-02-30', 1)).toThrow(/2024-02-30/);
    expect(() => addDays('2024-5-1', 1)).toThrow(/Not a day/);
  });
});

describe('toMilli', () => {
  it('rounds thousandths half away from zero in IEEE doubles', () => {
    // 1.0005 × 1000 is 1000.5 in doubles: rounds up.
    expect(toMilli(1.0005)).toBe(1001);
    expect(toMilli(-1.0005)).toBe(-1001);
    expect(toMilli(-2.5)).toBe(-2500);
    // 0.1 + 0.2 is 0.30000000000000004: still 300.
    expect(toMilli(0.1 + 0.2)).toBe(300);
    expect(toMilli(0.0004)).toBe(0);
    expect(toMilli(0.0005)).toBe(1);
    expect(toMilli(-0.0005)).toBe(-1);
    expect(toMilli(19.99)).toBe(19990);
  });

  it('is the floor(x + 0.5) formula, not Math.round: they part where adding 0.5 rounds', () => {
    // 2^52 + 1 plus 0.5 rounds to even (2^52 + 2) in doubles, as it does in SQL double precision.
    expect(toMilli(4503599627370.497)).toBe(4503599627370498);
  });

  it('gives 0, not −0, for tiny negatives', () => {
    expect(Object.is(toMilli(-0.00001), 0)).toBe(true);
    expect(Object.is(toMilli(-0), 0)).toBe(true);
  });
});

describe('valueKey', () => {
  it('is the string for strings and the JSON text for numbers', () => {
    expect(valueKey('news')).toBe('news');
    expect(valueKey('')).toBe('');
    expect(valueKey(42)).toBe('42');
    expect(valueKey(1.5)).toBe('1.5');
    expect(valueKey(-0)).toBe('0');
    expect(valueKey(1e21)).toBe('1e+21');
  });

  it('has none for anything else, which measures then ignore', () => {
    for (const v of [undefined, null, true, false, {}, [], Number.NaN, Infinity]) {
      expect(valueKey(v)).toBeUndefined();
    }
  });
});
