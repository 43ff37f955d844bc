import type { CampaignView } from '@cdp/activation/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatCampaign,
  formatCampaigns,
  formatReport,
  formatRun,
  parseCampaignCreate,
  parseConfidence,
  parseQuietHours,
  parseTimeZone,
  type CampaignCreateFlags,
  type ReportReply,
} from './campaigns.js';

const CAMPAIGN_ID = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';
const AUDIENCE_ID = '0b8a3c2d-1e4f-4a5b-8c6d-7e8f9a0b1c2d';
const DESTINATION_ID = '3d6f0a52-8b1e-4c7a-9f2d-5e6b7c8d9e0f';

const base: CampaignCreateFlags = {
  audience: 'High churn risk',
  destination: 'newsletter',
  trigger: 'entry',
};

function campaign(overrides: Partial<CampaignView> = {}): CampaignView {
  return {
    id: CAMPAIGN_ID,
    name: 'win-back',
    audienceId: AUDIENCE_ID,
    audienceName: 'High churn risk',
    destinationId: DESTINATION_ID,
    destinationName: 'newsletter',
    channel: 'email',
    template: { subject: 'We miss you', text: 'Hi {{traits.first_name}}' },
    trigger: { type: 'entry' },
    policy: {
      caps: { perDay: 1 },
      quietHours: { start: '21:00', end: '08:00' },
      defaultTimeZone: 'Europe/Paris',
      holdoutShare: 0.1,
      conversionEvent: 'Order Completed',
      conversionWindowDays: 7,
    },
    status: 'active',
    createdAt: '2024-05-01T12:30:45.000Z',
    lastRunAt: null,
    nextRunAt: null,
    deliveries: { dead: 2, sent: 120, held_out: 14, pending: 0 },
    ...overrides,
  };
}

function report(overrides: Partial<ReportReply> = {}): ReportReply {
  return {
    campaignId: CAMPAIGN_ID,
    conversionEvent: 'Order Completed',
    conversionWindowDays: 7,
    treatment: { size: 900, converted: 90, rate: 0.1 },
    holdout: { size: 100, converted: 5, rate: 0.05 },
    uplift: 0.05,
    relativeUplift: 1,
    interval: [0.0012, 0.0884],
    confidence: 0.95,
    significant: true,
    note: null,
    deliveries: { sent: 900, held_out: 100 },
    ...overrides,
  };
}

describe('parseCampaignCreate', () => {
  it('an entry campaign with no options has an empty policy and template', () => {
    expect(parseCampaignCreate('win-back', base)).toEqual({
      name: 'win-back',
      audience: 'High churn risk',
      destination: 'newsletter',
      template: {},
      trigger: { type: 'entry' },
      policy: {},
    });
  });

  it('puts each given option, and only those, in the policy', () => {
    const request = parseCampaignCreate(
      'weekly',
      {
        ...base,
        trigger: 'schedule',
        everyMinutes: '10080',
        startAt: '2024-06-03T09:00:00+02:00',
        capWeek: '2',
        quietHours: '21:00-8:00',
        timeZone: 'Europe/Paris',
        holdout: '0.1',
        conversionEvent: 'Order Completed',
        template: '{"subject":"Hi","text":"Hello {{traits.first_name}}"}',
      },
      () => '',
    );
    expect(request.trigger).toEqual({
      type: 'schedule',
      everyMinutes: 10080,
      startAt: '2024-06-03T09:00:00+02:00',
    });
    expect(request.policy).toEqual({
      caps: { perWeek: 2 },
      quietHours: { start: '21:00', end: '08:00' },
      defaultTimeZone: 'Europe/Paris',
      holdoutShare: 0.1,
      conversionEvent: 'Order Completed',
    });
    expect(request.template).toEqual({ subject: 'Hi', text: 'Hello {{traits.first_name}}' });
  });

  it('reads --template @file', () => {
    const request = parseCampaignCreate('x', { ...base, template: '@sms.json' }, (path) =>
      path === 'sms.json' ? '{"body":"Come back"}' : '',
    );
    expect(request.template).toEqual({ body: 'Come back' });
  });

  it('refuses a bad --quiet-hours, naming the flag', () => {
    for (const bad of ['21-8', '25:00-08:00', '21:00', '21:00-08:60', 'night']) {
      expect(() => parseCampaignCreate('x', { ...base, quietHours: bad })).toThrow(
        `--quiet-hours must be HH:MM-HH:MM with times from 00:00 to 23:59 (e.g. 21:00-08:00), not "${bad}"`,
      );
    }
    expect(() => parseQuietHours('08:00-08:00')).toThrow(
      '--quiet-hours "08:00-08:00": start and end are the same time',
    );
  });

  it('refuses options out of the contract bounds, naming the flag', () => {
    expect(() => parseCampaignCreate('x', { ...base, holdout: '0.6' })).toThrow(/^--holdout: /);
    expect(() => parseCampaignCreate('x', { ...base, holdout: 'ten' })).toThrow(
      '--holdout must be a number, not "ten"',
    );
    expect(() => parseCampaignCreate('x', { ...base, conversionWindowDays: '91' })).toThrow(
      '--conversion-window-days must be from 1 to 90, not 91',
    );
    expect(() => parseCampaignCreate('x', { ...base, capDay: '-1' })).toThrow(
      '--cap-day must be at least 0, not -1',
    );
    expect(() => parseCampaignCreate('x', { ...base, trigger: 'schedule', startAt: 'tomorrow' })).toThrow(
      /^--start-at: /,
    );
    expect(() => parseCampaignCreate('  ', base)).toThrow(/^<name>: /);
  });

  it('refuses schedule flags on an entry trigger, and unknown triggers', () => {
    expect(() => parseCampaignCreate('x', { ...base, everyMinutes: '60' })).toThrow(
      '--every-minutes and --start-at are for --trigger schedule',
    );
    expect(() => parseCampaignCreate('x', { ...base, trigger: 'hourly' })).toThrow(
      '--trigger must be entry or schedule, not "hourly"',
    );
  });

  it('refuses an unknown time zone and a template that is not an object', () => {
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(
      '--time-zone must be an IANA time zone such as Europe/Paris or UTC, not "Mars/Olympus"',
    );
    expect(() => parseCampaignCreate('x', { ...base, template: '["a"]' })).toThrow(
      '--template must be a JSON object ({ ... }), not a list',
    );
  });
});

describe('parseConfidence', () => {
  it('takes a level strictly between 0 and 1', () => {
    expect(parseConfidence('0.9')).toBe(0.9);
    expect(() => parseConfidence('1')).toThrow('--confidence must be between 0 and 1 (e.g. 0.95), not 1');
    expect(() => parseConfidence('95%')).toThrow('--confidence must be a number, not "95%"');
  });
});

describe('formatting', () => {
  it('lists campaigns with their trigger, status and delivery counts in life order', () => {
    const lines = formatCampaigns([
      campaign(),
      campaign({
        name: 'weekly digest',
        trigger: { type: 'schedule', everyMinutes: 10080 },
        status: 'paused',
        channel: 'webhook',
        destinationName: 'crm-hook',
        deliveries: {},
      }),
    ]).split('\n');
    expect(lines[0]).toMatch(/^name\s+audience\s+destination\s+channel\s+trigger\s+status\s+deliveries$/);
    expect(lines[1]).toMatch(
      /^win-back\s+High churn risk\s+newsletter\s+email\s+on entry\s+active\s+sent 120, dead 2, held_out 14$/,
    );
    expect(lines[2]).toMatch(
      /^weekly digest\s+High churn risk\s+crm-hook\s+webhook\s+every 10080 min\s+paused\s+none$/,
    );
  });

  it('shows a campaign with its policy', () => {
    expect(formatCampaign(campaign())).toBe(
      [
        `campaign "win-back" (active), id ${CAMPAIGN_ID}`,
        'audience "High churn risk" → destination "newsletter" (email)',
        'trigger: on entry',
        'caps: 1/day',
        'quiet hours: 21:00-08:00 local (time zone when a profile has none: Europe/Paris)',
        'holdout: 10.0%',
        'conversion: "Order Completed" within 7 days',
        'deliveries: sent 120, dead 2, held_out 14',
      ].join('\n'),
    );
  });

  it('a run says how many were queued and held out', () => {
    expect(
      formatRun({ campaignId: CAMPAIGN_ID, trigger: 'run:1', queued: 90, heldOut: 10 }, 'win-back'),
    ).toBe('campaign win-back: queued 90 sends, held out 10 (control group)');
  });

  it('reports uplift in percentage points with its interval and significance', () => {
    expect(formatReport(report())).toBe(
      [
        'conversion: "Order Completed" within 7 days',
        'group      n    converted  rate',
        'treatment  900  90         10.0%',
        'holdout    100  5          5.0%',
        'uplift: +5.0 pp, 95% interval +0.1 pp to +8.8 pp, relative +100.0%',
        'significant at 95%',
        'deliveries: sent 900, held_out 100',
      ].join('\n'),
    );
  });

  it('says not significant, and gives the note, when the interval crosses 0 or is missing', () => {
    const crossing = formatReport(
      report({
        uplift: -0.01,
        relativeUplift: -0.1,
        interval: [-0.05, 0.03],
        significant: false,
        confidence: 0.9,
      }),
    );
    expect(crossing).toContain('uplift: −1.0 pp, 90% interval −5.0 pp to +3.0 pp, relative −10.0%');
    expect(crossing).toContain('not significant at 90%');
    const empty = formatReport(
      report({
        conversionEvent: null,
        holdout: { size: 0, converted: 0, rate: 0 },
        uplift: null,
        relativeUplift: null,
        interval: null,
        significant: false,
        note: 'no conversion event set',
      }),
    );
    expect(empty).toContain('uplift: —');
    expect(empty).toContain('not significant at 95%');
    expect(empty).toContain('note: no conversion event set');
  });
});
