import type { BidRequest, Data, Segment, User } from 'iab-openrtb/v26';
import { describe, expect, it } from 'vitest';
import {
  IAB_AUDIENCE_TAXONOMY_1_1_SEGTAX,
  type LookupRequest,
  type OpenRtbData,
  type OpenRtbSegment,
  dataSchema,
  lookupKeys,
  lookupRequestSchema,
  userData,
  userSchema,
} from './openrtb.js';

const IFA = '6d92078a-8246-4ba4-ae5b-76104861e7dc';

function parse(input: unknown): LookupRequest {
  return lookupRequestSchema.parse(input);
}

describe('lookupRequestSchema', () => {
  it('accepts a whole BidRequest and keeps fields it does not model', () => {
    const request = {
      id: 'req-1',
      imp: [{ id: '1', banner: { w: 300, h: 250 } }],
      site: { domain: 'example.com' },
      user: {
        id: 'exch-user',
        buyeruid: 'cdp-123',
        eids: [{ source: 'uidapi.com', uids: [{ id: 'A4AAA', atype: 3 }] }],
      },
      device: { ifa: IFA, os: 'iOS', lmt: 0, dnt: 0 },
      tmax: 80,
    } satisfies BidRequest;
    const parsed = parse(request);
    expect(parsed).toMatchObject({ id: 'req-1', site: { domain: 'example.com' }, tmax: 80 });
  });

  it('accepts just user and device', () => {
    expect(parse({ user: { buyeruid: 'cdp-123' } }).user?.buyeruid).toBe('cdp-123');
    expect(parse({ device: { ifa: IFA } }).device?.ifa).toBe(IFA);
    expect(parse({})).toEqual({});
  });

  it('rejects malformed user and device fields', () => {
    expect(lookupRequestSchema.safeParse({ user: { eids: [{ source: 'x' }] } }).success).toBe(false);
    expect(
      lookupRequestSchema.safeParse({ user: { eids: [{ source: 'x', uids: [{ id: 1 }] }] } }).success,
    ).toBe(false);
    expect(lookupRequestSchema.safeParse({ device: { lmt: 2 } }).success).toBe(false);
    expect(lookupRequestSchema.safeParse({ user: 'someone' }).success).toBe(false);
  });

  it('parses an iab-openrtb User', () => {
    const user: User = { id: 'u', data: [{ id: 'd', segment: [{ id: 's', value: '1' }] }] };
    expect(userSchema.parse(user)).toEqual(user);
  });
});

describe('lookupKeys', () => {
  it('orders buyeruid, user.id, ifa, then eids in request order with their source', () => {
    const keys = lookupKeys(
      parse({
        user: {
          id: 'exch-user',
          buyeruid: 'cdp-123',
          eids: [
            { source: 'uidapi.com', uids: [{ id: 'uid2-a', atype: 3 }, { id: 'uid2-b' }] },
            { source: 'liveramp.com', uids: [{ id: 'ramp-1', atype: 3 }] },
          ],
        },
        device: { ifa: IFA.toUpperCase(), lmt: 0 },
      }),
    );
    expect(keys).toEqual([
      { kind: 'buyeruid', id: 'cdp-123' },
      { kind: 'user_id', id: 'exch-user' },
      { kind: 'ifa', id: IFA },
      { kind: 'eid', id: 'uid2-a', source: 'uidapi.com', atype: 3 },
      { kind: 'eid', id: 'uid2-b', source: 'uidapi.com' },
      { kind: 'eid', id: 'ramp-1', source: 'liveramp.com', atype: 3 },
    ]);
  });

  it('skips the ifa when the device limits ad tracking', () => {
    const keys = lookupKeys(parse({ user: { buyeruid: 'cdp-1' }, device: { ifa: IFA, lmt: 1 } }));
    expect(keys).toEqual([{ kind: 'buyeruid', id: 'cdp-1' }]);
  });

  it('skips an all-zero ifa', () => {
    expect(lookupKeys(parse({ device: { ifa: '00000000-0000-0000-0000-000000000000' } }))).toEqual([]);
    expect(lookupKeys(parse({ device: { ifa: '00000000000000000000000000000000' } }))).toEqual([]);
  });

  it('drops empty and repeated ids', () => {
    const keys = lookupKeys(
      parse({
        user: {
          id: '',
          eids: [
            { source: 'a.com', uids: [{ id: 'x' }, { id: 'x' }, { id: ' ' }] },
            { source: 'b.com', uids: [{ id: 'x' }] },
          ],
        },
      }),
    );
    expect(keys).toEqual([
      { kind: 'eid', id: 'x', source: 'a.com' },
      { kind: 'eid', id: 'x', source: 'b.com' },
    ]);
  });

  it('returns nothing for a request with no user or device', () => {
    expect(lookupKeys(parse({ id: 'r', imp: [{ id: '1' }] }))).toEqual([]);
  });
});

describe('userData', () => {
  const provider = { id: 'cdp.example.com', name: 'Example CDP' };

  it('gives our segments and, when mapped, IAB Audience Taxonomy 1.1 ids', () => {
    const data: Data[] = userData({
      provider,
      segments: [
        { id: 'aud_high_value', name: 'High value' },
        { id: 'aud_churn_risk', name: 'Churn risk' },
      ],
      iab: [{ id: '50', name: 'Demographic | Gender | Male' }],
      ownSegtax: 600,
    });
    expect(data).toEqual([
      {
        id: 'cdp.example.com',
        name: 'Example CDP',
        segment: [
          { id: 'aud_high_value', name: 'High value' },
          { id: 'aud_churn_risk', name: 'Churn risk' },
        ],
        ext: { segtax: 600 },
      },
      {
        id: 'cdp.example.com',
        name: 'Example CDP',
        segment: [{ id: '50', name: 'Demographic | Gender | Male' }],
        ext: { segtax: IAB_AUDIENCE_TAXONOMY_1_1_SEGTAX },
      },
    ]);
    for (const entry of data) expect(dataSchema.parse(entry)).toEqual(entry);
  });

  it('puts IAB ids only in the segtax 4 entry, and only when mapped', () => {
    const data = userData({ provider, segments: [{ id: 'aud_a' }], iab: [], ownSegtax: 600 });
    expect(data).toHaveLength(1);
    expect(data[0]?.ext).toEqual({ segtax: 600 });
    expect(data[0]?.segment).toEqual([{ id: 'aud_a' }]);
  });

  it('lists an IAB node once when several audiences map to it', () => {
    const data = userData({
      provider,
      segments: [{ id: 'aud_a' }, { id: 'aud_b' }],
      iab: [{ id: '50' }, { id: '50' }, { id: '51' }],
      ownSegtax: 600,
    });
    expect(data[1]?.segment).toEqual([{ id: '50' }, { id: '51' }]);
  });

  it('answers an unknown user with no entries', () => {
    expect(userData({ provider: {}, segments: [], iab: [], ownSegtax: 600 })).toEqual([]);
  });

  it('takes a provider given as a string as Data.name', () => {
    const [entry] = userData({
      provider: 'cdp.example.com',
      segments: [{ id: 'a' }],
      iab: [],
      ownSegtax: 600,
    });
    expect(entry).toEqual({ name: 'cdp.example.com', segment: [{ id: 'a' }], ext: { segtax: 600 } });
  });

  it('leaves out provider fields that are not set', () => {
    const [entry] = userData({ provider: {}, segments: [{ id: 'a' }], iab: [], ownSegtax: 600 });
    expect(entry).toEqual({ segment: [{ id: 'a' }], ext: { segtax: 600 } });
  });

  it('schema types are assignable to the iab-openrtb Data and Segment types', () => {
    // Compile-time checks: these assignments fail `tsc` if the shapes drift apart.
    const parsed: OpenRtbData = dataSchema.parse({
      id: 'd',
      segment: [{ id: 's', value: 'v' }],
      ext: { segtax: 4 },
    });
    const asData: Data = parsed;
    const segment: OpenRtbSegment = { id: 's' };
    const asSegment: Segment = segment;
    expect(asData.segment?.[0]?.id).toBe('s');
    expect(asSegment.id).toBe('s');
  });
});
