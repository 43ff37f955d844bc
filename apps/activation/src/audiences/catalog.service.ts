import { Injectable } from '@nestjs/common';
import {
  campaignPolicySchema,
  campaignTriggerSchema,
  type CampaignPolicy,
  type CampaignTrigger,
} from '@cdp/activation/contracts';
import {
  AudiencesRepository,
  DeliveriesRepository,
  type StoredAudience,
  type StoredCampaign,
} from '@cdp/activation/data-access-db';
import {
  parseAudienceRule,
  ruleDependencies,
  type AudienceRule,
  type RuleDependencies,
} from '@cdp/activation/domain';

export interface LiveAudience {
  id: string;
  name: string;
  key: string;
  ruleVersion: number;
  rule: AudienceRule;
  deps: RuleDependencies;
}

/** A stored campaign with its trigger and policy parsed. */
export type LiveCampaign = Omit<
  StoredCampaign,
  'trigger' | 'policy' | 'createdAt' | 'lastRunAt' | 'nextRunAt'
> & {
  trigger: CampaignTrigger;
  policy: CampaignPolicy;
};

/** What changed on a batch of profiles: only audiences reading one of these are evaluated. */
export interface Changed {
  traits?: boolean;
  features?: boolean;
  scores?: boolean;
  /** Segmentation sources. */
  segments?: readonly string[];
  /** Track event names. */
  events?: readonly string[];
  /** Everything (a recompute). */
  all?: boolean;
}

/** Whether an audience with `deps` may change when `changed` did. */
export function affects(deps: RuleDependencies, changed: Changed): boolean {
  if (changed.all) return true;
  if (changed.traits && deps.traits.length > 0) return true;
  if (changed.features && deps.features.length > 0) return true;
  if (changed.scores && deps.scores.length > 0) return true;
  if (changed.segments && deps.segments.some((s) => changed.segments?.includes(s))) return true;
  if (changed.events && deps.events.some((e) => changed.events?.includes(e.event))) return true;
  return false;
}

const REFRESH_MS = 5_000;

/**
 * Audiences and campaigns as the hot path needs them, parsed once: reloaded after this replica
 * changes one, and every few seconds for changes made through another replica.
 */
@Injectable()
export class Catalog {
  private loaded: { at: number; audiences: LiveAudience[]; campaigns: LiveCampaign[] } | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly audiences: AudiencesRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async current(): Promise<{ audiences: LiveAudience[]; campaigns: LiveCampaign[] }> {
    if (!this.loaded || Date.now() - this.loaded.at > REFRESH_MS) await this.reload();
    return this.loaded as { audiences: LiveAudience[]; campaigns: LiveCampaign[] };
  }

  /** Loads again now (after a create or update here). */
  async reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const [audiences, campaigns] = await Promise.all([
          this.audiences.list(),
          this.deliveries.campaigns(),
        ]);
        this.loaded = {
          at: Date.now(),
          audiences: audiences.map(liveAudience),
          campaigns: campaigns.map(liveCampaign),
        };
      } finally {
        this.loading = undefined;
      }
    })();
    await this.loading;
  }
}

export function liveAudience(a: Omit<StoredAudience, 'size'>): LiveAudience {
  const parsed = parseAudienceRule(a.rule);
  // Saved rules were validated on the way in; a rule that no longer parses (the language changed
  // under it) matches nobody rather than stopping every audience.
  const rule: AudienceRule = parsed.ok ? parsed.rule : { not: { field: 'traits.__never__', op: 'exists' } };
  return {
    id: a.id,
    name: a.name,
    key: a.key,
    ruleVersion: a.ruleVersion,
    rule,
    deps: ruleDependencies(rule),
  };
}

export function liveCampaign(c: StoredCampaign): LiveCampaign {
  return {
    ...c,
    trigger: campaignTriggerSchema.parse(c.trigger),
    policy: campaignPolicySchema.parse(c.policy),
  };
}
