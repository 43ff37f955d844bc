import {
  CAMPAIGN_CREATE,
  type CAMPAIGN_REPORT,
  type CAMPAIGN_RUN,
  type CampaignPolicy,
  type CampaignTrigger,
  type CampaignView,
} from '@cdp/activation/contracts';
import type { RequestContract } from '@cdp/shared/contracts';
import { parseDecimal, parseWhole, readJsonObject } from './audiences.js';
import { formatCounts } from './deliveries.js';
import { formatTable } from './table.js';
import { minute, percent } from './format.js';

export type CampaignCreateRequest =
  typeof CAMPAIGN_CREATE extends RequestContract<infer Request, unknown> ? Request : never;

export type RunReply = typeof CAMPAIGN_RUN extends RequestContract<unknown, infer Reply> ? Reply : never;

export type ReportReply =
  typeof CAMPAIGN_REPORT extends RequestContract<unknown, infer Reply> ? Reply : never;

/** The flags of `campaigns create` as commander hands them over: text, or absent. */
export interface CampaignCreateFlags {
  audience: string;
  destination: string;
  template?: string;
  trigger: string;
  everyMinutes?: string;
  startAt?: string;
  capDay?: string;
  capWeek?: string;
  quietHours?: string;
  timeZone?: string;
  holdout?: string;
  conversionEvent?: string;
  conversionWindowDays?: string;
}

/** Which flag sets each part of the request, for the contract's errors. */
const FLAG_OF: Record<string, string> = {
  name: '<name>',
  audience: '--audience',
  destination: '--destination',
  template: '--template',
  'trigger.type': '--trigger',
  'trigger.everyMinutes': '--every-minutes',
  'trigger.startAt': '--start-at',
  'policy.caps.perDay': '--cap-day',
  'policy.caps.perWeek': '--cap-week',
  'policy.quietHours': '--quiet-hours',
  'policy.quietHours.start': '--quiet-hours',
  'policy.quietHours.end': '--quiet-hours',
  'policy.defaultTimeZone': '--time-zone',
  'policy.holdoutShare': '--holdout',
  'policy.conversionEvent': '--conversion-event',
  'policy.conversionWindowDays': '--conversion-window-days',
};

/** `--quiet-hours 21:00-08:00`: local start and end; the window may cross midnight. */
export function parseQuietHours(text: string): { start: string; end: string } {
  const match = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(text);
  const clock = /^([01]\d|2[0-3]):[0-5]\d$/;
  const pad = (t: string): string => t.padStart(5, '0');
  if (!match || !clock.test(pad(match[1] ?? '')) || !clock.test(pad(match[2] ?? '')))
    throw new Error(
      `--quiet-hours must be HH:MM-HH:MM with times from 00:00 to 23:59 (e.g. 21:00-08:00), not "${text}"`,
    );
  const start = pad(match[1] ?? '');
  const end = pad(match[2] ?? '');
  // The service reads equal times as no quiet hours at all: surely not what was meant.
  if (start === end) throw new Error(`--quiet-hours "${text}": start and end are the same time`);
  return { start, end };
}

/** `--time-zone`: an IANA name the runtime knows, so a typo fails here, naming the flag. */
export function parseTimeZone(text: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: text });
  } catch {
    throw new Error(`--time-zone must be an IANA time zone such as Europe/Paris or UTC, not "${text}"`);
  }
  return text;
}

function trigger(flags: CampaignCreateFlags): CampaignTrigger {
  if (flags.trigger === 'entry') {
    if (flags.everyMinutes !== undefined || flags.startAt !== undefined)
      throw new Error('--every-minutes and --start-at are for --trigger schedule');
    return { type: 'entry' };
  }
  if (flags.trigger === 'schedule') {
    return {
      type: 'schedule',
      ...(flags.everyMinutes !== undefined
        ? { everyMinutes: parseWhole('--every-minutes', flags.everyMinutes, 1, 525_600) }
        : {}),
      ...(flags.startAt !== undefined ? { startAt: flags.startAt } : {}),
    };
  }
  throw new Error(`--trigger must be entry or schedule, not "${flags.trigger}"`);
}

/**
 * `campaigns create <name>` and its flags as a CAMPAIGN_CREATE request: the policy holds only the
 * options given (the service fills in the rest). Checked against the contract before anything is
 * sent; every error names its flag.
 */
export function parseCampaignCreate(
  name: string,
  flags: CampaignCreateFlags,
  readFile?: (path: string) => string,
): CampaignCreateRequest {
  const caps: NonNullable<CampaignPolicy['caps']> = {
    ...(flags.capDay !== undefined ? { perDay: parseWhole('--cap-day', flags.capDay, 0) } : {}),
    ...(flags.capWeek !== undefined ? { perWeek: parseWhole('--cap-week', flags.capWeek, 0) } : {}),
  };
  const policy: Partial<CampaignPolicy> = {
    ...(Object.keys(caps).length > 0 ? { caps } : {}),
    ...(flags.quietHours !== undefined ? { quietHours: parseQuietHours(flags.quietHours) } : {}),
    ...(flags.timeZone !== undefined ? { defaultTimeZone: parseTimeZone(flags.timeZone) } : {}),
    ...(flags.holdout !== undefined ? { holdoutShare: parseDecimal('--holdout', flags.holdout) } : {}),
    ...(flags.conversionEvent !== undefined ? { conversionEvent: flags.conversionEvent } : {}),
    ...(flags.conversionWindowDays !== undefined
      ? { conversionWindowDays: parseWhole('--conversion-window-days', flags.conversionWindowDays, 1, 90) }
      : {}),
  };
  const request: CampaignCreateRequest = {
    name,
    audience: flags.audience,
    destination: flags.destination,
    // Absent is the contract's default, an empty template (the service checks it against the channel).
    template: flags.template === undefined ? {} : readJsonObject('--template', flags.template, readFile),
    trigger: trigger(flags),
    policy,
  };
  const checked = CAMPAIGN_CREATE.request.safeParse(request);
  if (!checked.success) {
    throw new Error(
      checked.error.issues
        .map((issue) => {
          const path = issue.path.map(String).join('.');
          return `${FLAG_OF[path] ?? (path || 'campaign')}: ${issue.message}`;
        })
        .join('; '),
    );
  }
  return request;
}

function triggerText(trigger: CampaignTrigger): string {
  if (trigger.type === 'entry') return 'on entry';
  const every = trigger.everyMinutes === undefined ? 'by hand' : `every ${trigger.everyMinutes} min`;
  return trigger.startAt === undefined ? every : `${every} from ${minute(trigger.startAt)}`;
}

function policyText(policy: CampaignPolicy): string[] {
  const caps = [
    ...(policy.caps.perDay !== undefined ? [`${policy.caps.perDay}/day`] : []),
    ...(policy.caps.perWeek !== undefined ? [`${policy.caps.perWeek}/week`] : []),
  ];
  return [
    `caps: ${caps.length > 0 ? caps.join(', ') : 'none'}`,
    `quiet hours: ${policy.quietHours ? `${policy.quietHours.start}-${policy.quietHours.end} local` : 'none'} (time zone when a profile has none: ${policy.defaultTimeZone})`,
    `holdout: ${percent(policy.holdoutShare)}`,
    `conversion: ${policy.conversionEvent === null ? 'none (no uplift report)' : `"${policy.conversionEvent}" within ${policy.conversionWindowDays} days`}`,
  ];
}

/** After `campaigns create`, `pause` and `resume`. */
export function formatCampaign(campaign: CampaignView): string {
  return [
    `campaign "${campaign.name}" (${campaign.status}), id ${campaign.id}`,
    `audience "${campaign.audienceName}" → destination "${campaign.destinationName}" (${campaign.channel})`,
    `trigger: ${triggerText(campaign.trigger)}${campaign.nextRunAt ? `, next run ${minute(campaign.nextRunAt)}` : ''}${campaign.lastRunAt ? `, last run ${minute(campaign.lastRunAt)}` : ''}`,
    ...policyText(campaign.policy),
    `deliveries: ${formatCounts(campaign.deliveries)}`,
  ].join('\n');
}

export function formatCampaigns(campaigns: readonly CampaignView[]): string {
  if (campaigns.length === 0)
    return 'no campaigns yet (create one with `cdp campaigns create <name> --audience <a> --destination <d> --trigger entry`)';
  return formatTable(
    ['name', 'audience', 'destination', 'channel', 'trigger', 'status', 'deliveries'],
    campaigns.map((c) => [
      c.name,
      c.audienceName,
      c.destinationName,
      c.channel,
      triggerText(c.trigger),
      c.status,
      formatCounts(c.deliveries),
    ]),
  );
}

export function formatRun(reply: RunReply, campaign: string): string {
  return `campaign ${campaign}: queued ${reply.queued} sends, held out ${reply.heldOut} (control group)`;
}

/** `--confidence`: strictly between 0 and 1 (the contract's bounds). */
export function parseConfidence(text: string): number {
  const value = parseDecimal('--confidence', text);
  if (!(value > 0 && value < 1))
    throw new Error(`--confidence must be between 0 and 1 (e.g. 0.95), not ${text}`);
  return value;
}

/** A difference of rates (0..1) in percentage points, signed: `+2.3 pp`. */
function points(value: number): string {
  const pp = value * 100;
  return `${pp >= 0 ? '+' : '−'}${Math.abs(pp).toFixed(1)} pp`;
}

export function formatReport(report: ReportReply): string {
  const level = `${Math.round(report.confidence * 1000) / 10}%`;
  const lines = [
    report.conversionEvent === null
      ? 'conversion: no conversion event set (--conversion-event on create)'
      : `conversion: "${report.conversionEvent}" within ${report.conversionWindowDays} days`,
    formatTable(
      ['group', 'n', 'converted', 'rate'],
      [
        [
          'treatment',
          String(report.treatment.size),
          String(report.treatment.converted),
          percent(report.treatment.rate),
        ],
        [
          'holdout',
          String(report.holdout.size),
          String(report.holdout.converted),
          percent(report.holdout.rate),
        ],
      ],
    ),
  ];
  if (report.uplift === null) {
    lines.push('uplift: —');
  } else {
    const interval =
      report.interval === null
        ? ''
        : `, ${level} interval ${points(report.interval[0])} to ${points(report.interval[1])}`;
    const relative =
      report.relativeUplift === null
        ? ''
        : `, relative ${report.relativeUplift >= 0 ? '+' : '−'}${Math.abs(report.relativeUplift * 100).toFixed(1)}%`;
    lines.push(`uplift: ${points(report.uplift)}${interval}${relative}`);
  }
  lines.push(report.significant ? `significant at ${level}` : `not significant at ${level}`);
  if (report.note) lines.push(`note: ${report.note}`);
  lines.push(`deliveries: ${formatCounts(report.deliveries)}`);
  return lines.join('\n');
}
