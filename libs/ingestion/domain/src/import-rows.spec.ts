import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  eventRecordToCall,
  profileRecordToIdentify,
  traitKey,
  validateCall,
  type CallValidation,
  type RowResult,
} from './import-rows.js';

const receivedAt = new Date('2024-05-01T10:00:00.000Z');

function call(result: RowResult): Record<string, unknown> {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.call;
}

function errors(result: RowResult | CallValidation) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

function traitsOf(result: RowResult): Record<string, unknown> {
  return call(result)['traits'] as Record<string, unknown>;
}

describe('profileRecordToIdentify on user_profiles_for_ads.csv', () => {
  const records = parse(
    readFileSync(new URL('../../../../data/user_profiles_for_ads.csv', import.meta.url)),
    {
      columns: true,
      skip_empty_lines: true,
    },
  ) as Record<string, string>[];
  const calls = records.map((record) => call(profileRecordToIdentify(record)));

  it('maps every one of the 1,000 rows to a valid identify call', () => {
    expect(records).toHaveLength(1000);
    for (const identify of calls) {
      const validated = validateCall(identify, receivedAt);
      expect(validated.ok, JSON.stringify(validated)).toBe(true);
      expect(identify['type']).toBe('identify');
    }
  });

  it('gives each row exactly the 15 non-id columns as traits', () => {
    for (const identify of calls) {
      expect(Object.keys(identify['traits'] as object).sort()).toEqual([
        'adInteractionTimeSec',
        'age',
        'clickThroughRatesCtr',
        'conversionRates',
        'deviceUsage',
        'educationLevel',
        'followedAccounts',
        'gender',
        'incomeLevel',
        'language',
        'likesAndReactions',
        'location',
        'timeSpentOnlineHrsWeekday',
        'timeSpentOnlineHrsWeekend',
        'topInterests',
      ]);
    }
  });

  it('types numbers as numbers and keeps ranges and categories as strings', () => {
    for (const identify of calls) {
      const traits = identify['traits'] as Record<string, unknown>;
      expect(typeof traits['likesAndReactions']).toBe('number');
      expect(typeof traits['clickThroughRatesCtr']).toBe('number');
      expect(typeof traits['adInteractionTimeSec']).toBe('number');
      expect(traits['age']).toMatch(/^(\d+-\d+|\d+\+)$/);
      expect(traits['incomeLevel']).toMatch(/^(\d+k?-\d+k|\d+k\+)$/);
      expect(Array.isArray(traits['topInterests'])).toBe(true);
    }
    expect(calls[0]).toEqual({
      type: 'identify',
      userId: '1',
      messageId: expect.stringMatching(/^import-profile-[0-9a-f]{32}$/),
      traits: {
        age: '25-34',
        gender: 'Female',
        location: 'Suburban',
        language: 'Hindi',
        educationLevel: 'Technical',
        likesAndReactions: 5640,
        followedAccounts: 190,
        deviceUsage: 'Mobile Only',
        timeSpentOnlineHrsWeekday: 4.5,
        timeSpentOnlineHrsWeekend: 1.7,
        clickThroughRatesCtr: 0.193,
        conversionRates: 0.067,
        adInteractionTimeSec: 25,
        incomeLevel: '20k-40k',
        topInterests: ['Digital Marketing'],
      },
    });
    expect((calls[1]?.['traits'] as Record<string, unknown>)['age']).toBe('65+');
    expect((calls[3]?.['traits'] as Record<string, unknown>)['incomeLevel']).toBe('100k+');
  });

  it('splits a quoted list cell into its interests (row 4)', () => {
    expect(calls[3]?.['userId']).toBe('4');
    expect((calls[3]?.['traits'] as Record<string, unknown>)['topInterests']).toEqual([
      'Gaming',
      'DIY Crafts',
    ]);
  });

  it('gives 1,000 distinct userIds and messageIds, and the same messageIds on a second import', () => {
    expect(new Set(calls.map((c) => c['userId'])).size).toBe(1000);
    expect(new Set(calls.map((c) => c['messageId'])).size).toBe(1000);
    const again = records.map((record) => call(profileRecordToIdentify({ ...record }))['messageId']);
    expect(again).toEqual(calls.map((c) => c['messageId']));
  });
});

describe('traitKey', () => {
  it.each([
    ['Education Level', 'educationLevel'],
    ['Time Spent Online (hrs/weekday)', 'timeSpentOnlineHrsWeekday'],
    ['Click-Through Rates (CTR)', 'clickThroughRatesCtr'],
    ['Ad Interaction Time (sec)', 'adInteractionTimeSec'],
    ['Likes and Reactions', 'likesAndReactions'],
    ['Age', 'age'],
    ['first_name', 'firstName'],
    ['  EMAIL ', 'email'],
    ['lastSeenAt', 'lastSeenAt'],
    ['URLPath', 'urlPath'],
    ['Address Line 2', 'addressLine2'],
    ["Customer's Tier", 'customersTier'],
    ['Café Visits', 'caféVisits'],
    ['---', ''],
  ])('%s → %s', (header, key) => {
    expect(traitKey(header)).toBe(key);
  });
});

describe('profileRecordToIdentify rules', () => {
  it.each([['userId'], ['user_id'], ['User ID'], ['USER_ID'], ['user id'], ['id'], ['ID']])(
    'finds the id in a column named %s',
    (column) => {
      expect(call(profileRecordToIdentify({ Name: 'Ana', [column]: 'u-7' }, {}))).toMatchObject({
        userId: 'u-7',
        traits: { name: 'Ana' },
      });
    },
  );

  it('prefers a user id column over a plain id column, wherever it is', () => {
    const identify = call(profileRecordToIdentify({ id: 'row-1', user_id: 'u-1', plan: 'pro' }));
    expect(identify['userId']).toBe('u-1');
    expect(identify['traits']).toEqual({ id: 'row-1', plan: 'pro' });
  });

  it('uses idColumn when given, and keeps the other id-like columns as traits', () => {
    const identify = call(
      profileRecordToIdentify({ userId: 'x', 'Customer Number': ' C-42 ' }, { idColumn: 'Customer Number' }),
    );
    expect(identify).toMatchObject({ userId: 'C-42', traits: { userId: 'x' } });
  });

  it('turns a numeric NDJSON id into a string', () => {
    expect(call(profileRecordToIdentify({ user_id: 42, plan: 'pro' }))['userId']).toBe('42');
  });

  it('types plain decimals and only those', () => {
    const traits = traitsOf(
      profileRecordToIdentify({
        id: '1',
        a: '25',
        b: '0.193',
        c: '-1.5',
        d: '0',
        zip: '02134',
        e: '1e5',
        f: '+5',
        g: '.5',
        h: '1,000',
        range: '25-34',
        plus: '65+',
        income: '20k-40k',
        device: 'Mobile Only',
        big: '12345678901234567890',
      }),
    );
    expect(traits).toEqual({
      a: 25,
      b: 0.193,
      c: -1.5,
      d: 0,
      zip: '02134',
      e: '1e5',
      f: '+5',
      g: '.5',
      h: '1,000',
      range: '25-34',
      plus: '65+',
      income: '20k-40k',
      device: 'Mobile Only',
      big: '12345678901234567890',
    });
  });

  it('trims values and leaves out empty ones', () => {
    expect(traitsOf(profileRecordToIdentify({ id: '1', City: '  Lyon ', Phone: '', Notes: '   ' }))).toEqual({
      city: 'Lyon',
    });
  });

  it('splits list columns on commas, even for one value, dropping empty items', () => {
    const traits = traitsOf(
      profileRecordToIdentify({
        id: '1',
        'Top Interests': 'Gaming, DIY Crafts',
        tags: 'vip',
        Categories: 'a,, b ,',
        'Audience Segments': '42',
        'Favourite Brands': 'Acme, Globex',
      }),
    );
    expect(traits).toEqual({
      topInterests: ['Gaming', 'DIY Crafts'],
      tags: ['vip'],
      categories: ['a', 'b'],
      audienceSegments: ['42'],
      favouriteBrands: 'Acme, Globex',
    });
  });

  it('uses listColumns instead of the default, by header or by trait key', () => {
    const traits = traitsOf(
      profileRecordToIdentify(
        { id: '1', 'Favourite Brands': 'Acme, Globex', skills: 'ts, sql', Interests: 'Golf, Chess' },
        { listColumns: ['Favourite Brands', 'skills'] },
      ),
    );
    expect(traits).toEqual({
      favouriteBrands: ['Acme', 'Globex'],
      skills: ['ts', 'sql'],
      interests: 'Golf, Chess',
    });
  });

  it('keeps NDJSON values that are already typed', () => {
    const traits = traitsOf(
      profileRecordToIdentify({
        userId: 'u1',
        age: 31,
        vip: true,
        address: { city: 'Lyon' },
        interests: ['golf'],
        churnedAt: null,
        zip: '02134',
      }),
    );
    expect(traits).toEqual({
      age: 31,
      vip: true,
      address: { city: 'Lyon' },
      interests: ['golf'],
      churnedAt: null,
      zip: '02134',
    });
  });

  it('gives the same messageId to the same row, whatever its column order, and another to a changed row', () => {
    const id = (record: Record<string, unknown>) => call(profileRecordToIdentify(record))['messageId'];
    const base = id({ id: '1', plan: 'pro', age: '30' });
    expect(base).toMatch(/^import-profile-[0-9a-f]{32}$/);
    expect(id({ age: '30', plan: 'pro', id: '1' })).toBe(base);
    expect(id({ id: '1', plan: 'pro', age: '31' })).not.toBe(base);
    expect(id({ id: '2', plan: 'pro', age: '30' })).not.toBe(base);
  });

  it('refuses a file with no id column, naming the columns it looked for', () => {
    expect(errors(profileRecordToIdentify({ email: 'a@b.c', plan: 'pro' }))).toEqual([
      {
        field: 'userId',
        message: 'no user id column: name one userId, user_id, User ID or id, or choose it with idColumn',
      },
    ]);
  });

  it('refuses a row whose id is empty, naming the column', () => {
    expect(errors(profileRecordToIdentify({ 'User ID': '  ', Age: '30' }))).toEqual([
      { field: 'User ID', message: 'the user id is missing' },
    ]);
    expect(errors(profileRecordToIdentify({ user_id: null }))).toEqual([
      { field: 'user_id', message: 'the user id is missing' },
    ]);
    expect(errors(profileRecordToIdentify({ user_id: { a: 1 } }))).toEqual([
      { field: 'user_id', message: 'the user id must be a string or a number' },
    ]);
  });

  it('refuses a row without the idColumn it was told to use', () => {
    expect(errors(profileRecordToIdentify({ id: '1' }, { idColumn: 'Customer Number' }))).toEqual([
      { field: 'Customer Number', message: 'the row has no column "Customer Number"' },
    ]);
  });

  it('refuses two columns that make the same trait, and a column name with no letters', () => {
    expect(
      errors(profileRecordToIdentify({ id: '1', 'First Name': 'Ana', first_name: 'Ann', '#': 'x' })),
    ).toEqual([
      { field: 'first_name', message: 'columns "First Name" and "first_name" both make trait firstName' },
      { field: '#', message: 'the column name has no letters or digits to name a trait' },
    ]);
  });

  it('never lets a column name reach an object prototype', () => {
    const record = JSON.parse('{"id":"1","constructor":"x","__proto__":{"polluted":"yes"}}') as Record<
      string,
      unknown
    >;
    const traits = traitsOf(profileRecordToIdentify(record));
    expect(traits).toEqual({ constructor: 'x', proto: { polluted: 'yes' } });
    expect(Object.getPrototypeOf(traits)).toBe(Object.prototype);
  });
});

describe('eventRecordToCall', () => {
  it('takes an NDJSON line as the call it already is', () => {
    const line = {
      type: 'track',
      userId: 'u1',
      event: 'Order Completed',
      messageId: 'm-1',
      timestamp: '2024-04-30T08:00:00Z',
      properties: { revenue: 42.5, products: [{ sku: 'a', price: '10' }] },
      context: { ip: '1.2.3.4' },
    };
    expect(call(eventRecordToCall(line))).toEqual(line);
  });

  it('builds nested objects from the dotted columns of a CSV row, typing plain numbers', () => {
    const row = {
      type: 'track',
      userId: '1042',
      anonymousId: '',
      event: 'Ad Clicked',
      name: '',
      timestamp: '2024-04-30T08:00:00Z',
      messageId: '',
      'properties.campaign_id': 'cmp-7',
      'properties.bid': '0.35',
      'properties.zip': '02134',
      'context.page.url': 'https://example.com/a',
      'context.page.title': 'A',
      'context.ip': '1.2.3.4',
      'traits.plan': 'pro',
    };
    expect(call(eventRecordToCall(row))).toEqual({
      type: 'track',
      userId: '1042',
      event: 'Ad Clicked',
      timestamp: '2024-04-30T08:00:00Z',
      messageId: expect.stringMatching(/^import-event-[0-9a-f]{32}$/),
      properties: { campaign_id: 'cmp-7', bid: 0.35, zip: '02134' },
      context: { page: { url: 'https://example.com/a', title: 'A' }, ip: '1.2.3.4' },
      traits: { plan: 'pro' },
    });
  });

  it('keeps top-level ids as text even when they look like numbers', () => {
    expect(call(eventRecordToCall({ type: 'identify', userId: ' 007 ', messageId: '12' }))).toEqual({
      type: 'identify',
      userId: '007',
      messageId: '12',
    });
  });

  it('derives the same messageId from the same row content, and another from other content', () => {
    const id = (row: Record<string, unknown>) => call(eventRecordToCall(row))['messageId'];
    const row = { type: 'page', userId: 'u1', name: 'Home', timestamp: '2024-04-30T08:00:00Z' };
    expect(id(row)).toBe(id({ ...row }));
    expect(id({ timestamp: row.timestamp, name: 'Home', userId: 'u1', type: 'page' })).toBe(id(row));
    expect(id({ ...row, timestamp: '2024-04-30T08:00:01Z' })).not.toBe(id(row));
    expect(id({ ...row, messageId: 'given' })).toBe('given');
  });

  it('merges dotted columns into an object the row already has', () => {
    expect(
      call(
        eventRecordToCall({
          type: 'track',
          userId: 'u',
          event: 'E',
          properties: { a: 1 },
          'properties.b': '2',
        }),
      ),
    ).toMatchObject({ properties: { a: 1, b: 2 } });
  });

  it('refuses a row without a type, or with one that is not a call', () => {
    expect(errors(eventRecordToCall({ userId: 'u1', event: 'x' }))).toEqual([
      { field: 'type', message: 'type is required: one of identify, track, page, screen, group, alias' },
    ]);
    expect(errors(eventRecordToCall({ type: 'batch', userId: 'u1' }))).toEqual([
      { field: 'type', message: 'type must be one of identify, track, page, screen, group, alias' },
    ]);
  });

  it('refuses clashing and malformed dotted columns, naming them', () => {
    expect(
      errors(
        eventRecordToCall({
          type: 'track',
          'context.page': 'home',
          'context.page.url': 'https://example.com',
          'properties..x': '1',
        }),
      ),
    ).toEqual([
      { field: 'context.page.url', message: 'conflicts with column context.page' },
      { field: 'properties..x', message: 'a column name has an empty part between its dots' },
    ]);
  });

  it('never lets a dotted column reach an object prototype', () => {
    const built = call(
      eventRecordToCall({ type: 'track', '__proto__.polluted': 'yes', 'properties.__proto__': 'x' }),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(built['properties'])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(built['properties'], '__proto__')?.value).toBe('x');
  });
});

describe('validateCall', () => {
  it('returns the normalized event, stamped with receivedAt', () => {
    const row = call(
      eventRecordToCall({ type: 'track', userId: '1042', event: 'Ad Clicked', 'properties.bid': '0.35' }),
    );
    const validated = validateCall(row, receivedAt);
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    expect(validated.event).toMatchObject({
      type: 'track',
      userId: '1042',
      event: 'Ad Clicked',
      properties: { bid: 0.35 },
      messageId: row['messageId'],
      timestamp: receivedAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
    });
  });

  it('keeps the row time as the event time', () => {
    const row = call(
      eventRecordToCall({ type: 'page', anonymousId: 'a1', timestamp: '2024-04-30T08:00:00Z' }),
    );
    const validated = validateCall(row, receivedAt);
    expect(validated.ok && validated.event.timestamp).toBe('2024-04-30T08:00:00.000Z');
  });

  it('returns every error with its field relative to the row', () => {
    const row = call(eventRecordToCall({ type: 'track', timestamp: '30/04/2024', properties: 'x' }));
    expect(errors(validateCall(row, receivedAt))).toEqual(
      expect.arrayContaining([
        { field: 'event', message: 'track needs event' },
        { field: 'timestamp', message: 'timestamp must be an ISO-8601 date-time' },
        { field: 'properties', message: 'properties must be an object' },
        { field: 'userId', message: 'userId or anonymousId is required' },
      ]),
    );
  });

  it('refuses a call whose type would make normalizeRequest read a batch', () => {
    expect(errors(validateCall({ type: 'batch', batch: [] }, receivedAt))).toEqual([
      { field: 'type', message: 'type must be one of identify, track, page, screen, group, alias' },
    ]);
    expect(errors(validateCall({ userId: 'u1' }, receivedAt))[0]?.field).toBe('type');
  });
});
