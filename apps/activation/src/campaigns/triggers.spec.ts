import type { RecordedMembershipChange } from '@cdp/activation/data-access-db';
import { inHoldout } from '@cdp/activation/domain';
import { describe, expect, it } from 'vitest';
import type { LiveCampaign } from '../audiences/catalog.service.js';
import { deliveriesForChanges, deliveryFor } from './triggers.js';

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const AUDIENCE = uuid(1);
const OTHER_AUDIENCE = uuid(2);
const at = new Date('2026-11-22T12:00:00.000Z');

function campaign(n: number, overrides: Partial<LiveCampaign> = {}): LiveCampaign {
  return {
    id: uuid(100 + n),
    name: `campaign ${n}`,
    audienceId: AUDIENCE,
    destinationId: uuid(200 + n),
    channel: 'email',
    template: {},
    trigger: { type: 'entry' },
    policy: {
      caps: {},
      quietHours: null,
      defaultTimeZone: 'UTC',
      holdoutShare: 0,
      conversionEvent: null,
      conversionWindowDays: 7,
    },
    status: 'active',
    ...overrides,
  };
}

function change(
  seq: number,
  profileId: string,
  kind: 'entered' | 'exited',
  audienceId = AUDIENCE,
): RecordedMembershipChange {
  return { seq, at, audienceId, profileId, change: kind };
}

describe('deliveries for membership changes', () => {
  it('gives one pending delivery per active entry campaign of the audience entered, triggered by the entry', () => {
    const email = campaign(1);
    const sms = campaign(2, { channel: 'sms' });
    const elsewhere = campaign(3, { audienceId: OTHER_AUDIENCE });
    const rows = deliveriesForChanges([change(41, uuid(7), 'entered')], [email, sms, elsewhere]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.campaignId).sort()).toEqual([email.id, sms.id].sort());
    for (const row of rows) {
      expect(row).toMatchObject({ profileId: uuid(7), trigger: 'entry:41', status: 'pending' });
    }
    const smsRow = rows.find((r) => r.campaignId === sms.id);
    expect(smsRow).toMatchObject({ channel: 'sms', destinationId: sms.destinationId });
  });

  it('ignores paused and scheduled campaigns', () => {
    const paused = campaign(1, { status: 'paused' });
    const scheduled = campaign(2, { trigger: { type: 'schedule', everyMinutes: 60 } });
    expect(deliveriesForChanges([change(1, uuid(7), 'entered')], [paused, scheduled])).toEqual([]);
  });

  it('sends exits to segment campaigns only', () => {
    const email = campaign(1);
    const segment = campaign(2, { channel: 'segment' });
    const rows = deliveriesForChanges([change(9, uuid(7), 'exited')], [email, segment]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ campaignId: segment.id, trigger: 'exit:9', status: 'pending' });
  });

  it('gives each entry its own key, and the same change the same key', () => {
    const email = campaign(1);
    const first = deliveriesForChanges([change(5, uuid(7), 'entered')], [email]);
    const again = deliveriesForChanges([change(5, uuid(7), 'entered')], [email]);
    const reentry = deliveriesForChanges([change(6, uuid(7), 'entered')], [email]);
    expect(again[0]?.key).toBe(first[0]?.key);
    expect(reentry[0]?.key).not.toBe(first[0]?.key);
  });
});

describe('holdout', () => {
  const profiles = Array.from({ length: 40 }, (_, i) => uuid(1000 + i));

  it('holds out exactly the profiles the domain puts in the control group', () => {
    const email = campaign(1, { policy: { ...campaign(1).policy, holdoutShare: 0.5 } });
    const statuses = profiles.map((p) => deliveryFor(email, p, 'entry:1').status);
    expect(statuses).toEqual(profiles.map((p) => (inHoldout(email.id, p, 0.5) ? 'held_out' : 'pending')));
    // With half held out, 40 profiles give both groups.
    expect(new Set(statuses)).toEqual(new Set(['held_out', 'pending']));
  });

  it('never holds out a segment sync', () => {
    const segment = campaign(1, { channel: 'segment', policy: { ...campaign(1).policy, holdoutShare: 0.5 } });
    expect(profiles.map((p) => deliveryFor(segment, p, 'entry:1').status)).toEqual(
      profiles.map(() => 'pending'),
    );
  });
});
