import type { PartnerView } from '@cdp/ad-feeds/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatKeys,
  formatNewPartner,
  formatPartnerReport,
  formatPartners,
  formatShares,
  isLive,
  parseIab,
  parsePartnerCreate,
  parsePartnerKeys,
  reportedCount,
} from './partners.js';

const PARTNER_ID = '3b0f6c1e-6c1a-4d3e-9a55-2f1f1b7c9d01';
const KEY_A = '5a2c8f7e-1d3b-4c6a-8e9f-0a1b2c3d4e5f';
const KEY_B = '7d4e9a1b-2c3d-4e5f-9a0b-1c2d3e4f5a6b';
const AUD_A = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';
const AUD_B = '8a2d3e4f-5b6c-4d7e-8f90-1a2b3c4d5e6f';
const AUD_C = '9b3e4f5a-6c7d-4e8f-9a01-2b3c4d5e6f70';
const NOW = new Date('2024-05-02T12:00:00.000Z');

function partner(overrides: Partial<PartnerView> = {}): PartnerView {
  return {
    id: PARTNER_ID,
    name: 'dv360',
    platform: 'google',
    deviceIds: 'raw',
    minAudienceSize: 100,
    dpEpsilon: null,
    ratePerSecond: 100,
    createdAt: '2024-05-01T09:00:00.000Z',
    keys: [
      {
        id: KEY_A,
        prefix: 'cdpf_3kq',
        createdAt: '2024-05-01T09:00:00.000Z',
        // Rotated: still works for the grace period.
        revokedAt: '2024-05-02T13:00:00.000Z',
      },
      { id: KEY_B, prefix: 'cdpf_9zx', createdAt: '2024-05-02T12:00:00.000Z', revokedAt: null },
    ],
    shares: [
      {
        audienceId: AUD_A,
        audienceName: 'High churn risk',
        iab: ['123', '456'],
        sharedAt: '2024-05-01T10:00:00.000Z',
      },
      { audienceId: AUD_B, audienceName: 'Pro', iab: [], sharedAt: '2024-05-01T11:00:00.000Z' },
    ],
    lastPulls: [
      {
        audienceId: AUD_A,
        audienceName: 'High churn risk',
        kind: 'delta',
        rows: 42,
        cursor: 1_234,
        complete: true,
        at: '2024-05-02T11:30:00.000Z',
      },
    ],
    ...overrides,
  };
}

describe('parsePartnerCreate', () => {
  it('fills in the contract defaults for the flags not given', () => {
    expect(parsePartnerCreate('dv360', { platform: 'google' })).toEqual({
      name: 'dv360',
      platform: 'google',
      deviceIds: 'raw',
      minAudienceSize: 100,
      dpEpsilon: null,
      ratePerSecond: 100,
    });
  });

  it('reads every flag', () => {
    expect(
      parsePartnerCreate('meta-ads', {
        platform: 'meta',
        deviceIds: 'sha256',
        minSize: '1000',
        dpEpsilon: '0.5',
        rate: '250',
      }),
    ).toEqual({
      name: 'meta-ads',
      platform: 'meta',
      deviceIds: 'sha256',
      minAudienceSize: 1000,
      dpEpsilon: 0.5,
      ratePerSecond: 250,
    });
  });

  it('names the flag that is wrong', () => {
    expect(() => parsePartnerCreate('x', { platform: 'google', minSize: 'ten' })).toThrow(
      '--min-size must be a whole number, not "ten"',
    );
    expect(() => parsePartnerCreate('x', { platform: 'google', rate: '0' })).toThrow(
      '--rate must be from 1 to 1000000, not 0',
    );
    expect(() => parsePartnerCreate('x', { platform: 'google', dpEpsilon: 'a lot' })).toThrow(
      '--dp-epsilon must be a number, not "a lot"',
    );
    expect(() => parsePartnerCreate('x', { platform: 'google', dpEpsilon: '0' })).toThrow(/^--dp-epsilon: /);
    expect(() => parsePartnerCreate('x', { platform: 'google', dpEpsilon: '11' })).toThrow(/^--dp-epsilon: /);
    expect(() => parsePartnerCreate('x', { platform: 'tiktok' })).toThrow(/^--platform: /);
    expect(() => parsePartnerCreate('   ', { platform: 'google' })).toThrow(/^<name>: /);
  });
});

describe('parseIab', () => {
  it('splits on commas and trims', () => {
    expect(parseIab('123, 456,,789')).toEqual(['123', '456', '789']);
  });

  it('refuses ids that are not numbers, naming them', () => {
    expect(() => parseIab('123,sports,4a')).toThrow(
      '--iab takes IAB Audience Taxonomy ids, numbers separated by commas (e.g. 123,456), not "sports", "4a"',
    );
  });
});

describe('parsePartnerKeys', () => {
  it('lists by default', () => {
    expect(parsePartnerKeys('dv360', {})).toEqual({ partner: 'dv360', action: 'list', graceMinutes: 60 });
  });

  it('rotates with the grace period given, or the contract default', () => {
    expect(parsePartnerKeys('dv360', { rotate: true, graceMinutes: '0' })).toEqual({
      partner: 'dv360',
      action: 'rotate',
      graceMinutes: 0,
    });
    expect(parsePartnerKeys('dv360', { rotate: true })).toMatchObject({ action: 'rotate', graceMinutes: 60 });
  });

  it('revokes a key by id', () => {
    expect(parsePartnerKeys('dv360', { revoke: KEY_A })).toMatchObject({ action: 'revoke', keyId: KEY_A });
  });

  it('refuses flags that do not go together or a key id that is not one', () => {
    expect(() => parsePartnerKeys('dv360', { rotate: true, revoke: KEY_A })).toThrow(
      'give --rotate or --revoke, not both',
    );
    expect(() => parsePartnerKeys('dv360', { graceMinutes: '5' })).toThrow(
      '--grace-minutes is for --rotate (how long the old keys keep working)',
    );
    expect(() => parsePartnerKeys('dv360', { rotate: true, graceMinutes: '20000' })).toThrow(
      '--grace-minutes must be from 0 to 10080, not 20000',
    );
    expect(() => parsePartnerKeys('dv360', { revoke: 'cdpf_3kq' })).toThrow(/^--revoke: /);
  });
});

describe('formatting', () => {
  it('shows a new partner with its key once, and says it is not shown again', () => {
    const text = formatNewPartner(partner({ dpEpsilon: 1 }), 'cdpf_3kq-full-secret');
    expect(text.split('\n')).toEqual([
      `partner "dv360" (google), id ${PARTNER_ID}`,
      'device ids raw, min audience size 100, counts noised (ε = 1), 100 requests/s per key',
      'feed key: cdpf_3kq-full-secret',
      'Keep it now: only its hash is stored, so it is not shown again.',
      'Share audiences with `cdp partners share <partner> <audience>`.',
    ]);
  });

  it('lists partners with live keys (a key in its grace period counts) and shared audiences', () => {
    const text = formatPartners(
      [
        partner(),
        partner({
          name: 'meta',
          platform: 'meta',
          dpEpsilon: 0.5,
          minAudienceSize: 1000,
          keys: [],
          shares: [],
          lastPulls: [],
        }),
      ],
      NOW,
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^name\s+platform\s+min size\s+epsilon\s+rate\/s\s+live keys\s+last pull\s+shared audiences$/,
    );
    expect(lines[1]).toMatch(
      /^dv360\s+google\s+100\s+exact\s+100\s+2\s+delta of High churn risk, 42 rows, 30 min ago\s+High churn risk, Pro$/,
    );
    expect(lines[2]).toMatch(/^meta\s+meta\s+1000\s+0\.5\s+100\s+0\s+never\s+—$/);
    expect(formatPartners([], NOW)).toMatch(/^no partners yet/);
    const many = partner({
      shares: ['A', 'B', 'C', 'D', 'E'].map((name) => ({
        audienceId: AUD_A,
        audienceName: name,
        iab: [],
        sharedAt: '2024-05-01T10:00:00.000Z',
      })),
    });
    expect(formatPartners([many], NOW).split('\n')[1]).toMatch(/\s+A, B, C \+2 more$/);
  });

  it('counts a key as live until its grace period ends', () => {
    const [rotated] = partner().keys;
    if (!rotated) throw new Error('fixture');
    expect(isLive(rotated, NOW)).toBe(true);
    expect(isLive(rotated, new Date('2024-05-02T13:00:00.000Z'))).toBe(false);
  });

  it('shows the keys by prefix, with the new key once after a rotation', () => {
    const keys = partner().keys;
    const listed = formatKeys({ keys, key: null }, NOW);
    expect(listed.split('\n')).toEqual([
      'id                                    prefix     created            revoked',
      `${KEY_A}  cdpf_3kq…  2024-05-01 09:00Z  stops 2024-05-02 13:00Z`,
      `${KEY_B}  cdpf_9zx…  2024-05-02 12:00Z  —`,
    ]);
    expect(listed).not.toContain('Keep it now');
    const later = formatKeys({ keys, key: null }, new Date('2024-05-03T00:00:00.000Z'));
    expect(later).toContain('revoked 2024-05-02 13:00Z');
    const rotated = formatKeys({ keys, key: 'cdpf_9zx-full-secret' }, NOW).split('\n');
    expect(rotated.slice(-2)).toEqual([
      'new feed key: cdpf_9zx-full-secret',
      'Keep it now: only its hash is stored, so it is not shown again.',
    ]);
  });

  it('shows what the partner reads after a share or a removal', () => {
    expect(formatShares(partner(), 'Pro', false).split('\n')).toEqual([
      'audience "Pro" is shared with "dv360"',
      'audience         iab ids  shared',
      'High churn risk  123,456  2024-05-01 10:00Z',
      'Pro              —        2024-05-01 11:00Z',
    ]);
    expect(formatShares(partner({ shares: [] }), 'Pro', true)).toBe(
      'audience "Pro" is no longer shared with "dv360"\n"dv360" has no shared audiences',
    );
  });
});

describe('partner report', () => {
  it('shows floored counts as < min and noised counts with ~', () => {
    expect(reportedCount({ count: null, floored: true, noised: false }, 100)).toBe('< 100');
    expect(reportedCount({ count: 1234, floored: false, noised: true }, 100)).toBe('~1234');
    expect(reportedCount({ count: 1234, floored: false, noised: false }, 100)).toBe('1234');
  });

  it('names both audiences of an overlap and explains the marks', () => {
    const text = formatPartnerReport({
      partnerId: PARTNER_ID,
      minAudienceSize: 100,
      audiences: [
        { audienceId: AUD_A, name: 'High churn risk', count: 1234, floored: false, noised: true },
        { audienceId: AUD_B, name: 'Pro', count: 560, floored: false, noised: true },
        { audienceId: AUD_C, name: 'Tiny', count: null, floored: true, noised: false },
      ],
      overlaps: [
        { a: AUD_A, b: AUD_B, count: 210, floored: false, noised: true },
        { a: AUD_A, b: AUD_C, count: null, floored: true, noised: false },
      ],
    });
    expect(text.split('\n')).toEqual([
      'audience         members',
      'High churn risk  ~1234',
      'Pro              ~560',
      'Tiny             < 100',
      '',
      'audience         and audience  both',
      'High churn risk  Pro           ~210',
      'High churn risk  Tiny          < 100',
      "< 100: below the partner's minimum audience size, not reported",
      '~: noised count (differential privacy), as the partner receives it',
    ]);
  });

  it('says when nothing is shared', () => {
    expect(
      formatPartnerReport({ partnerId: PARTNER_ID, minAudienceSize: 100, audiences: [], overlaps: [] }),
    ).toBe('no audiences are shared with this partner');
  });
});
