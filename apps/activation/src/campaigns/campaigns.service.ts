import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  campaignPolicySchema,
  destinationConfigSchema,
  emailTemplateSchema,
  pushTemplateSchema,
  segmentTemplateSchema,
  smsTemplateSchema,
  webhookTemplateSchema,
  type CampaignPolicy,
  type CampaignTrigger,
  type CampaignView,
  type DestinationView,
} from '@cdp/activation/contracts';
import {
  AudiencesRepository,
  DeliveriesRepository,
  type StoredCampaign,
  type StoredDestination,
} from '@cdp/activation/data-access-db';
import { upliftReport } from '@cdp/activation/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { BusError } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import type { z } from 'zod';
import { Catalog, liveCampaign } from '../audiences/catalog.service.js';
import type { ActivationEnv } from '../config/env.schema.js';
import { DeliveryWakeups } from '../delivery/wakeups.js';
import { deliveryFor } from './triggers.js';

const TEMPLATE_SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  email: emailTemplateSchema,
  sms: smsTemplateSchema,
  push: pushTemplateSchema,
  webhook: webhookTemplateSchema,
  segment: segmentTemplateSchema,
};

const SECRET_KEYS = new Set(['pass', 'authToken', 'vapidPrivateKey', 'privateKey', 'secret', 'writeKey']);
const RUN_PAGE = 5_000;

/** Zod issues as `path: message` lines. */
function issues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}

/** Destinations, campaigns (their runs, schedule and report), deliveries and consent. */
@Injectable()
export class CampaignsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly scheduler: Periodic;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly audiences: AudiencesRepository,
    private readonly catalog: Catalog,
    private readonly wakeups: DeliveryWakeups,
    @Inject(SERVICE_ENV) env: ActivationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.scheduler = new Periodic(
      env.ACTIVATION_SCHEDULER_MS,
      () => this.runDue(),
      (error) => logger.error({ err: error }, 'scheduled campaigns failed'),
    );
  }

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    this.scheduler.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.scheduler.stop();
  }

  // ---- destinations -------------------------------------------------------------------------

  async createDestination(name: string, input: unknown): Promise<DestinationView> {
    const parsed = destinationConfigSchema.safeParse(input);
    if (!parsed.success) {
      throw new BusError(
        'VALIDATION_FAILED',
        `the destination config is not valid: ${issues(parsed.error)}`,
        {
          issues: parsed.error.issues,
        },
      );
    }
    const saved = await this.deliveries.createDestination({
      name,
      kind: parsed.data.kind,
      config: parsed.data as unknown as Record<string, unknown>,
    });
    if (!saved) throw new BusError('CONFLICT', `a destination named '${name}' already exists`, { name });
    return this.destinationView(saved, {});
  }

  async listDestinations(): Promise<DestinationView[]> {
    const [destinations, counts] = await Promise.all([
      this.deliveries.destinations(),
      this.deliveries.countsByDestination(),
    ]);
    return destinations.map((d) => this.destinationView(d, counts.get(d.id) ?? {}));
  }

  async enableDestination(ref: string): Promise<DestinationView> {
    const destination = await this.destination(ref);
    await this.deliveries.setDestinationEnabled(destination.id, true, null);
    this.wakeups.wake(new Set([destination.id]));
    return this.destinationView(
      await this.destination(destination.id),
      await this.deliveries.counts({ destinationId: destination.id }),
    );
  }

  async destination(ref: string): Promise<StoredDestination> {
    const destination = await this.deliveries.destination(ref);
    if (!destination) throw new BusError('NOT_FOUND', `no destination '${ref}'`, { destination: ref });
    return destination;
  }

  private destinationView(d: StoredDestination, queue: Record<string, number>): DestinationView {
    return {
      id: d.id,
      name: d.name,
      kind: d.kind as DestinationView['kind'],
      config: redact(d.config) as Record<string, unknown>,
      enabled: d.enabled,
      disabledReason: d.disabledReason,
      createdAt: d.createdAt.toISOString(),
      queue,
    };
  }

  // ---- campaigns ----------------------------------------------------------------------------

  async createCampaign(input: {
    name: string;
    audience: string;
    destination: string;
    template: Record<string, unknown>;
    trigger: CampaignTrigger;
    policy: Partial<CampaignPolicy>;
  }): Promise<CampaignView> {
    const audience = await this.audiences.get(input.audience);
    if (!audience)
      throw new BusError('NOT_FOUND', `no audience '${input.audience}'`, { audience: input.audience });
    const destination = await this.destination(input.destination);
    const channel = destination.kind;
    const template = TEMPLATE_SCHEMAS[channel]?.safeParse(input.template);
    if (!template?.success) {
      throw new BusError(
        'VALIDATION_FAILED',
        `the template does not fit a ${channel} destination: ${template ? issues(template.error) : 'unknown channel'}`,
        { channel },
      );
    }
    const policy = campaignPolicySchema.parse(input.policy);
    if (channel === 'segment' && policy.holdoutShare > 0) {
      throw new BusError(
        'VALIDATION_FAILED',
        'a Segment destination syncs membership: it cannot have a holdout',
        {
          holdoutShare: policy.holdoutShare,
        },
      );
    }
    validTimeZone(policy.defaultTimeZone);
    // A schedule with neither a start nor a period runs only when asked (`campaigns run`).
    const trigger = input.trigger;
    const nextRunAt =
      trigger.type === 'schedule' && (trigger.startAt !== undefined || trigger.everyMinutes !== undefined)
        ? new Date(trigger.startAt ?? Date.now())
        : null;
    const saved = await this.deliveries.createCampaign({
      name: input.name,
      audienceId: audience.id,
      destinationId: destination.id,
      channel,
      template: template.data,
      trigger: input.trigger,
      policy,
      nextRunAt,
    });
    if (!saved)
      throw new BusError('CONFLICT', `a campaign named '${input.name}' already exists`, { name: input.name });
    await this.catalog.reload();
    return this.campaignView(saved, {});
  }

  async listCampaigns(): Promise<CampaignView[]> {
    const [campaigns, counts] = await Promise.all([
      this.deliveries.campaigns(),
      this.deliveries.countsByCampaign(),
    ]);
    return Promise.all(campaigns.map((c) => this.campaignView(c, counts.get(c.id) ?? {})));
  }

  async setStatus(ref: string, status: 'active' | 'paused'): Promise<CampaignView> {
    const campaign = await this.campaign(ref);
    await this.deliveries.setCampaignStatus(campaign.id, status);
    await this.catalog.reload();
    return this.campaignView(
      { ...campaign, status },
      await this.deliveries.counts({ campaignId: campaign.id }),
    );
  }

  async campaign(ref: string): Promise<StoredCampaign> {
    const campaign = await this.deliveries.campaign(ref);
    if (!campaign) throw new BusError('NOT_FOUND', `no campaign '${ref}'`, { campaign: ref });
    return campaign;
  }

  /**
   * Queues a send to every current member for `trigger` (one value per run): a run repeated with
   * the same trigger, say after a crash, finds its deliveries there and queues nobody twice.
   */
  async run(
    ref: string,
    trigger = `manual:${new Date().toISOString()}`,
  ): Promise<{
    campaignId: string;
    trigger: string;
    queued: number;
    heldOut: number;
  }> {
    const campaign = liveCampaign(await this.campaign(ref));
    let after: string | null = null;
    let queued = 0;
    let heldOut = 0;
    for (;;) {
      const members = await this.audiences.memberIds(campaign.audienceId, after, RUN_PAGE);
      if (members.length === 0) break;
      const rows = members.map((profileId) => deliveryFor(campaign, profileId, trigger));
      await this.deliveries.enqueue(rows);
      queued += rows.filter((r) => r.status === 'pending').length;
      heldOut += rows.filter((r) => r.status === 'held_out').length;
      after = members.at(-1) ?? null;
      this.wakeups.wake(new Set([campaign.destinationId]));
      if (members.length < RUN_PAGE) break;
    }
    await this.deliveries.markRun(campaign.id);
    this.logger.info({ campaign: campaign.name, trigger, queued, heldOut }, 'campaign run queued');
    return { campaignId: campaign.id, trigger, queued, heldOut };
  }

  /** Runs the scheduled campaigns that are due; each run's trigger is its slot, claimed once. */
  async runDue(now = new Date()): Promise<void> {
    for (const campaign of await this.deliveries.campaigns()) {
      if (campaign.status !== 'active' || !campaign.nextRunAt || campaign.nextRunAt > now) continue;
      const trigger = liveCampaign(campaign).trigger;
      if (trigger.type !== 'schedule') continue;
      const slot = campaign.nextRunAt;
      const next = trigger.everyMinutes ? nextSlot(slot, trigger.everyMinutes, now) : null;
      if (!(await this.deliveries.claimRun(campaign.id, slot, next))) continue;
      await this.run(campaign.id, `schedule:${slot.toISOString()}`);
    }
  }

  /** Conversion of treatment against holdout (everyone assigned, whether or not a send succeeded). */
  async report(ref: string, confidence: number) {
    const campaign = await this.campaign(ref);
    const policy = campaignPolicySchema.parse(campaign.policy);
    const assignments = await this.deliveries.assignments(campaign.id);
    const deliveries = await this.deliveries.counts({ campaignId: campaign.id });
    const converted = policy.conversionEvent
      ? await this.audiences.converted(
          assignments.map((a) => ({ profileId: a.profileId, since: a.createdAt })),
          policy.conversionEvent,
          policy.conversionWindowDays,
        )
      : new Set<string>();
    const group = (heldOut: boolean) => {
      const members = assignments.filter((a) => a.heldOut === heldOut);
      const hits = members.filter((a) => converted.has(a.profileId)).length;
      return {
        size: members.length,
        converted: hits,
        rate: members.length === 0 ? 0 : hits / members.length,
      };
    };
    const treatment = group(false);
    const holdout = group(true);
    const base = {
      campaignId: campaign.id,
      conversionEvent: policy.conversionEvent,
      conversionWindowDays: policy.conversionWindowDays,
      treatment,
      holdout,
      confidence,
      deliveries,
    };
    const note = !policy.conversionEvent
      ? 'the campaign has no conversion event (policy.conversionEvent)'
      : treatment.size === 0 || holdout.size === 0
        ? `no ${treatment.size === 0 ? 'treatment' : 'holdout'} group yet${policy.holdoutShare === 0 ? ' (holdout share is 0)' : ''}`
        : null;
    if (note !== null) {
      return { ...base, uplift: null, relativeUplift: null, interval: null, significant: false, note };
    }
    const report = upliftReport({ treatment, holdout }, confidence);
    return {
      ...base,
      uplift: report.uplift,
      relativeUplift: report.relativeUplift,
      interval: report.interval,
      significant: report.significant,
      note: null,
    };
  }

  private async campaignView(c: StoredCampaign, deliveries: Record<string, number>): Promise<CampaignView> {
    const live = liveCampaign(c);
    const [audience, destination] = await Promise.all([
      this.audiences.get(c.audienceId),
      this.deliveries.destination(c.destinationId),
    ]);
    return {
      id: c.id,
      name: c.name,
      audienceId: c.audienceId,
      audienceName: audience?.name ?? '(deleted)',
      destinationId: c.destinationId,
      destinationName: destination?.name ?? '(deleted)',
      channel: c.channel as CampaignView['channel'],
      template: c.template,
      trigger: live.trigger,
      policy: live.policy,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      lastRunAt: c.lastRunAt?.toISOString() ?? null,
      nextRunAt: c.nextRunAt?.toISOString() ?? null,
      deliveries,
    };
  }
}

/** The first slot after `now` on the grid `slot + k × everyMinutes` (missed slots are skipped). */
export function nextSlot(slot: Date, everyMinutes: number, now: Date): Date {
  const step = everyMinutes * 60_000;
  const k = Math.max(1, Math.floor((now.getTime() - slot.getTime()) / step) + 1);
  return new Date(slot.getTime() + k * step);
}

function validTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new BusError('VALIDATION_FAILED', `policy.defaultTimeZone '${timeZone}' is not an IANA time zone`, {
      timeZone,
    });
  }
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SECRET_KEYS.has(k) && typeof v === 'string' ? '***' : redact(v),
      ]),
    );
  }
  return value;
}
