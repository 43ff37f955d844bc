import type { DeliveryView, DestinationView } from '@cdp/activation/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatConsent,
  formatCounts,
  formatDeliveries,
  formatDestination,
  formatDestinations,
  formatReplay,
  parseConsentSet,
  parseDeliveriesList,
} from './deliveries.js';

const PROFILE_ID = '3d6f0a52-8b1e-4c7a-9f2d-5e6b7c8d9e0f';
const CAMPAIGN_ID = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';
const DESTINATION_ID = '0b8a3c2d-1e4f-4a5b-8c6d-7e8f9a0b1c2d';

function destination(overrides: Partial<DestinationView> = {}): DestinationView {
  return {
    id: DESTINATION_ID,
    name: 'crm-hook',
    kind: 'webhook',
    config: { kind: 'webhook', url: 'https://crm.test/hook', secret: '***' },
    enabled: true,
    disabledReason: null,
    createdAt: '2024-05-01T12:30:45.000Z',
    queue: { pending: 3, dead: 1, sent: 40 },
    ...overrides,
  };
}

function delivery(overrides: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id: '101',
    key: 'k-101',
    campaignId: CAMPAIGN_ID,
    destinationId: DESTINATION_ID,
    profileId: PROFILE_ID,
    trigger: 'entry:1',
    status: 'dead',
    attempts: 5,
    lastError: 'HTTP 503\n  Service Unavailable',
    providerId: null,
    createdAt: '2024-05-01T12:00:00.000Z',
    nextAttemptAt: null,
    sentAt: null,
    updatedAt: '2024-05-01T12:30:00.000Z',
    ...overrides,
  };
}

describe('formatCounts', () => {
  it('orders statuses as a delivery lives, leaves out zeros', () => {
    expect(formatCounts({ dead: 1, pending: 3, sent: 40, capped: 0, opened: 2 })).toBe(
      'pending 3, sent 40, opened 2, dead 1',
    );
    expect(formatCounts({})).toBe('none');
  });
});

describe('destinations', () => {
  it('lists kind, enabled, why disabled and the queue', () => {
    const lines = formatDestinations([
      destination(),
      destination({ name: 'old-hook', enabled: false, disabledReason: 'HTTP 410 Gone', queue: {} }),
    ]).split('\n');
    expect(lines[0]).toMatch(/^name\s+kind\s+enabled\s+disabled reason\s+queue$/);
    expect(lines[1]).toMatch(/^crm-hook\s+webhook\s+yes\s+pending 3, sent 40, dead 1$/);
    expect(lines[2]).toMatch(/^old-hook\s+webhook\s+NO\s+HTTP 410 Gone\s+none$/);
  });

  it('shows one destination with its redacted config', () => {
    expect(formatDestination(destination({ enabled: false, disabledReason: 'HTTP 410 Gone' }))).toBe(
      [
        `destination "crm-hook" (webhook), id ${DESTINATION_ID}`,
        'disabled: HTTP 410 Gone',
        'config: {"kind":"webhook","url":"https://crm.test/hook","secret":"***"}',
        'queue: pending 3, sent 40, dead 1',
      ].join('\n'),
    );
  });
});

describe('deliveries', () => {
  it('builds the list request from the given filters only', () => {
    expect(parseDeliveriesList({})).toEqual({ limit: 50 });
    expect(
      parseDeliveriesList({ campaign: 'win-back', status: 'dead', profile: PROFILE_ID, limit: '10' }),
    ).toEqual({ campaign: 'win-back', status: 'dead', profileId: PROFILE_ID, limit: 10 });
  });

  it('refuses an unknown status, a bad profile id and a bad limit, naming the flag', () => {
    expect(() => parseDeliveriesList({ status: 'lost' })).toThrow(
      '--status must be one of pending, sending, sent, delivered, opened, clicked, bounced, failed, dead, held_out, suppressed, capped, skipped, not "lost"',
    );
    expect(() => parseDeliveriesList({ profile: 'ann@example.com' })).toThrow(/^a profile id is a UUID/);
    expect(() => parseDeliveriesList({ limit: '5000' })).toThrow('--limit must be from 1 to 1000, not 5000');
  });

  it('shows deliveries on one line each, then counts by status', () => {
    const text = formatDeliveries({
      deliveries: [delivery(), delivery({ id: '102', status: 'sent', attempts: 1, lastError: null })],
      counts: { sent: 40, dead: 1 },
    });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^id\s+status\s+attempts\s+profile\s+campaign\s+trigger\s+updated\s+last error$/,
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^101\\s+dead\\s+5\\s+${PROFILE_ID}\\s+${CAMPAIGN_ID}\\s+entry:1\\s+2024-05-01 12:30Z\\s+HTTP 503 Service Unavailable$`,
      ),
    );
    expect(lines[2]).toMatch(/^102\s+sent\s+1\s+/);
    expect(lines[3]).toBe('by status: sent 40, dead 1');
    expect(formatDeliveries({ deliveries: [], counts: {} })).toBe('no deliveries match\nby status: none');
  });

  it('replay says how many', () => {
    expect(formatReplay(3)).toBe('replayed 3 deliveries');
    expect(formatReplay(1)).toBe('replayed 1 delivery');
  });
});

describe('consent', () => {
  it('builds the request; per-channel actions need --channel', () => {
    expect(parseConsentSet(PROFILE_ID, 'unsubscribe', 'email')).toEqual({
      profileId: PROFILE_ID,
      action: 'unsubscribe',
      channel: 'email',
    });
    expect(parseConsentSet(PROFILE_ID, 'suppress', undefined)).toEqual({
      profileId: PROFILE_ID,
      action: 'suppress',
    });
    expect(() => parseConsentSet(PROFILE_ID, 'opt_in', undefined)).toThrow(
      'opt_in needs --channel (email, sms, push, webhook, segment)',
    );
    expect(() => parseConsentSet(PROFILE_ID, 'suppress', 'sms')).toThrow(
      'suppress applies to every channel: leave out --channel',
    );
    expect(() => parseConsentSet(PROFILE_ID, 'optin', 'email')).toThrow(
      'the action must be one of opt_in, opt_out, unsubscribe, suppress, unsuppress, not "optin"',
    );
    expect(() => parseConsentSet(PROFILE_ID, 'opt_in', 'fax')).toThrow(
      '--channel must be one of email, sms, push, webhook, segment, not "fax"',
    );
    expect(() => parseConsentSet('42', 'suppress', undefined)).toThrow(/^a profile id is a UUID/);
  });

  it("shows every channel's opt-in and unsubscribe", () => {
    expect(
      formatConsent({
        profileId: PROFILE_ID,
        optIns: { email: true, sms: false },
        unsubscribed: { email: '2024-05-03T09:15:00.000Z' },
        globallySuppressed: false,
      }),
    ).toBe(
      [
        `profile ${PROFILE_ID}: not suppressed`,
        'channel  opted in  unsubscribed',
        'email    yes       2024-05-03 09:15Z',
        'sms      no',
        'push     —',
        'webhook  —',
        'segment  —',
      ].join('\n'),
    );
  });
});
