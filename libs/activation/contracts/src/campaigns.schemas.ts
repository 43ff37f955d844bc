import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM, 00:00 to 23:59');

/** Templates are Mustache over `traits`, `features`, `scores`, `audience` and `campaign`. */
export const emailTemplateSchema = z.object({
  subject: z.string().min(1).max(998),
  text: z.string().min(1),
  html: z.string().optional(),
});
export const smsTemplateSchema = z.object({ body: z.string().min(1).max(1600) });
export const pushTemplateSchema = z.object({
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(2000),
  /** Opened on click. */
  url: z.string().optional(),
});
/** Webhook sends a fixed JSON shape; `event` names it for the receiver. */
export const webhookTemplateSchema = z.object({
  event: z.string().min(1).max(200).default('audience.campaign'),
});
export const segmentTemplateSchema = z.object({});

export const campaignTriggerSchema = z.discriminatedUnion('type', [
  /** Each profile that enters the audience, once per entry. */
  z.object({ type: z.literal('entry') }),
  /**
   * Every current member at each run: `everyMinutes` after the previous run, first at `startAt`
   * (now when absent); `startAt` alone runs once; neither runs only by hand. `npm run cdp --
   * campaigns run` also runs one now.
   */
  z.object({
    type: z.literal('schedule'),
    everyMinutes: z.number().int().min(1).max(525_600).optional(),
    startAt: isoTime.optional(),
  }),
]);

export type CampaignTrigger = z.infer<typeof campaignTriggerSchema>;

export const campaignPolicySchema = z.object({
  caps: z
    .object({ perDay: z.number().int().min(0).optional(), perWeek: z.number().int().min(0).optional() })
    .default({}),
  /** Local times in the recipient's `traits.timezone` (IANA; `defaultTimeZone` when absent). */
  quietHours: z.object({ start: clock, end: clock }).nullable().default(null),
  defaultTimeZone: z.string().default('UTC'),
  /** Share of the audience kept out as a control group (stable per profile), 0..0.5. */
  holdoutShare: z.number().min(0).max(0.5).default(0),
  /** The track event that counts as a conversion for the uplift report. */
  conversionEvent: z.string().min(1).nullable().default(null),
  /** Days after a send (or holdout assignment) a conversion counts. */
  conversionWindowDays: z.number().int().min(1).max(90).default(7),
});

export type CampaignPolicy = z.infer<typeof campaignPolicySchema>;

export const campaignViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  audienceId: z.string().uuid(),
  audienceName: z.string(),
  destinationId: z.string().uuid(),
  destinationName: z.string(),
  channel: z.enum(['email', 'sms', 'push', 'webhook', 'segment']),
  template: z.record(z.string(), z.unknown()),
  trigger: campaignTriggerSchema,
  policy: campaignPolicySchema,
  status: z.enum(['active', 'paused']),
  createdAt: isoTime,
  lastRunAt: isoTime.nullable(),
  nextRunAt: isoTime.nullable(),
  /** Deliveries by status. */
  deliveries: z.record(z.string(), z.number().int()),
});

export type CampaignView = z.infer<typeof campaignViewSchema>;

export const CAMPAIGN_CREATE = defineRequest(
  'cdp.activation.cmd.campaign.create.v1',
  z
    .object({
      name: z.string().trim().min(1).max(100),
      audience: z.string().min(1),
      destination: z.string().min(1),
      /** Checked against the destination's channel. */
      template: z.record(z.string(), z.unknown()).default({}),
      trigger: campaignTriggerSchema,
      policy: campaignPolicySchema.partial().default({}),
    })
    .strict(),
  campaignViewSchema,
);

export const CAMPAIGNS_LIST = defineRequest(
  'cdp.activation.cmd.campaigns.list.v1',
  z.object({}).strict(),
  z.object({ campaigns: z.array(campaignViewSchema) }),
);

/** Queues a send to every current member now (a scheduled campaign's run, started by hand). */
export const CAMPAIGN_RUN = defineRequest(
  'cdp.activation.cmd.campaign.run.v1',
  z.object({ campaign: z.string().min(1) }).strict(),
  z.object({
    campaignId: z.string().uuid(),
    trigger: z.string(),
    queued: z.number().int(),
    heldOut: z.number().int(),
  }),
);

export const CAMPAIGN_SET_STATUS = defineRequest(
  'cdp.activation.cmd.campaign.status.v1',
  z.object({ campaign: z.string().min(1), status: z.enum(['active', 'paused']) }).strict(),
  campaignViewSchema,
);

const groupSchema = z.object({ size: z.number().int(), converted: z.number().int(), rate: z.number() });

/** Conversion in treatment against holdout, with a 95% interval of the difference. */
export const CAMPAIGN_REPORT = defineRequest(
  'cdp.activation.cmd.campaign.report.v1',
  z.object({ campaign: z.string().min(1), confidence: z.number().gt(0).lt(1).default(0.95) }).strict(),
  z.object({
    campaignId: z.string().uuid(),
    conversionEvent: z.string().nullable(),
    conversionWindowDays: z.number().int(),
    treatment: groupSchema,
    holdout: groupSchema,
    uplift: z.number().nullable(),
    relativeUplift: z.number().nullable(),
    interval: z.tuple([z.number(), z.number()]).nullable(),
    confidence: z.number(),
    significant: z.boolean(),
    /** Why there is no interval (no conversion event, an empty group). */
    note: z.string().nullable(),
    deliveries: z.record(z.string(), z.number().int()),
  }),
);
