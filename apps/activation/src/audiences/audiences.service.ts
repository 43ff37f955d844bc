import { Injectable } from '@nestjs/common';
import type { AudienceView } from '@cdp/activation/contracts';
import {
  AudiencesRepository,
  DeliveriesRepository,
  type StoredAudience,
} from '@cdp/activation/data-access-db';
import {
  describeAudienceRule,
  parseAudienceRule,
  ruleDependencies,
  type AudienceRule,
} from '@cdp/activation/domain';
import { BusError } from '@cdp/shared/util-messaging';
import { Catalog } from './catalog.service.js';
import { MembershipService } from './membership.service.js';

/** Audience names become Segment trait names: `High churn risk` → `high_churn_risk`. */
export function audienceKey(name: string): string {
  const key = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return key.length > 0 ? key : 'audience';
}

/** Validates a rule or throws VALIDATION_FAILED listing each problem with its JSON path. */
export function validRule(input: unknown): AudienceRule {
  const parsed = parseAudienceRule(input);
  if (!parsed.ok) {
    const lines = parsed.errors.map((e) => `${e.path === '' ? '(rule)' : e.path}: ${e.message}`);
    throw new BusError('VALIDATION_FAILED', `the audience rule is not valid:\n  ${lines.join('\n  ')}`, {
      errors: parsed.errors,
    });
  }
  return parsed.rule;
}

/** A rule no profile meets (a trait that both exists and does not): what a deleted audience holds. */
const NO_ONE: AudienceRule = validRule({
  and: [
    { field: 'traits.cdp_deleted_audience', op: 'exists' },
    { not: { field: 'traits.cdp_deleted_audience', op: 'exists' } },
  ],
});

@Injectable()
export class AudiencesService {
  constructor(
    private readonly repository: AudiencesRepository,
    private readonly membership: MembershipService,
    private readonly catalog: Catalog,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  async create(input: { name: string; description?: string; rule: unknown }): Promise<AudienceView> {
    const rule = validRule(input.rule);
    const saved = await this.repository.create({
      name: input.name,
      key: audienceKey(input.name),
      description: input.description ?? null,
      rule: rule as unknown as Record<string, unknown>,
    });
    if (!saved)
      throw new BusError('CONFLICT', `an audience named '${input.name}' already exists`, {
        name: input.name,
      });
    return this.compute(saved);
  }

  async update(ref: string, input: unknown): Promise<AudienceView> {
    const rule = validRule(input);
    const audience = await this.get(ref);
    const saved = await this.repository.updateRule(audience.id, rule as unknown as Record<string, unknown>);
    return this.compute(saved ?? audience);
  }

  /**
   * Everyone exits through the usual path (a rule no one meets, recomputed), so the exits are in the
   * change log and on the bus; then the audience is hidden and its name freed.
   */
  async delete(ref: string): Promise<{ audienceId: string; name: string; exited: number }> {
    const audience = await this.get(ref);
    const campaigns = (await this.deliveries.campaigns()).filter((c) => c.audienceId === audience.id);
    if (campaigns.length > 0) {
      const names = campaigns.map((c) => `'${c.name}'`).join(', ');
      throw new BusError(
        'CONFLICT',
        `audience '${audience.name}' is used by campaign(s) ${names}; a campaign keeps its audience, so it cannot be deleted`,
        { audience: audience.id, campaigns: campaigns.map((c) => c.id) },
      );
    }
    const emptied = await this.repository.updateRule(
      audience.id,
      NO_ONE as unknown as Record<string, unknown>,
    );
    await this.compute(emptied ?? audience);
    await this.repository.markDeleted(audience.id);
    await this.catalog.reload();
    return { audienceId: audience.id, name: audience.name, exited: audience.size };
  }

  async list(): Promise<AudienceView[]> {
    return (await this.repository.list()).map(view);
  }

  async estimate(
    input: unknown,
  ): Promise<{ size: number; profiles: number; share: number; ruleText: string; ms: number }> {
    const started = performance.now();
    const rule = validRule(input);
    const { size, profiles } = await this.membership.estimate({ rule, deps: ruleDependencies(rule) });
    return {
      size,
      profiles,
      share: profiles === 0 ? 0 : size / profiles,
      ruleText: describeAudienceRule(rule),
      ms: Math.round(performance.now() - started),
    };
  }

  async members(ref: string, limit: number, after?: string) {
    const audience = await this.get(ref);
    const cursor = after === undefined ? undefined : parseCursor(after);
    const rows = await this.repository.members(audience.id, limit, cursor);
    const last = rows.at(-1);
    return {
      audienceId: audience.id,
      size: audience.size,
      members: rows.map((r) => ({ profileId: r.profileId, enteredAt: r.enteredAt.toISOString() })),
      next: rows.length === limit && last ? `${last.enteredAt.toISOString()}|${last.profileId}` : null,
    };
  }

  async changes(afterSeq: number, limit: number) {
    const rows = await this.repository.changes(afterSeq, limit);
    return {
      changes: rows.map((r) => ({ ...r, at: r.at.toISOString() })),
      next: rows.length === limit ? (rows.at(-1)?.seq ?? null) : null,
    };
  }

  async get(ref: string): Promise<StoredAudience> {
    const audience = await this.repository.get(ref);
    if (!audience) throw new BusError('NOT_FOUND', `no audience '${ref}'`, { audience: ref });
    return audience;
  }

  /** Recomputes every profile against a new or changed rule, then reports the result. */
  private async compute(saved: StoredAudience): Promise<AudienceView> {
    await this.catalog.reload();
    await this.membership.recompute([saved.id]);
    await this.repository.markComputed(saved.id, saved.ruleVersion);
    return view(await this.get(saved.id));
  }
}

function parseCursor(after: string): { enteredAt: Date; profileId: string } {
  const [at, profileId] = after.split('|');
  const enteredAt = new Date(at ?? '');
  if (!profileId || Number.isNaN(enteredAt.getTime())) {
    throw new BusError('VALIDATION_FAILED', `'after' is not a cursor from a previous page: ${after}`, {
      after,
    });
  }
  return { enteredAt, profileId };
}

export function view(a: StoredAudience): AudienceView {
  const parsed = parseAudienceRule(a.rule);
  return {
    id: a.id,
    name: a.name,
    key: a.key,
    description: a.description,
    rule: a.rule,
    ruleText: parsed.ok ? describeAudienceRule(parsed.rule) : '(a rule this version cannot read)',
    ruleVersion: a.ruleVersion,
    size: a.size,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    computedAt: a.computedAt?.toISOString() ?? null,
  };
}
