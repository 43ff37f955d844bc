import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AUDIENCES_LIST } from '@cdp/activation/contracts';
import type { PartnerView } from '@cdp/ad-feeds/contracts';
import {
  FeedsRepository,
  PartnersRepository,
  type StoredPartner,
  type StoredPull,
} from '@cdp/ad-feeds/data-access-db';
import { reportedCount } from '@cdp/ad-feeds/domain';
import { BusError, MessagingClient } from '@cdp/shared/util-messaging';
import { IabTaxonomy } from '../rtb/iab-taxonomy.service.js';
import { AudienceNames } from '../sync/audience-names.service.js';
import { hashKey, PartnerAccess } from './partner-access.service.js';

/** A new feed key: 256 random bits, shown once; `prefix` tells keys apart in listings. */
function newKey(): { key: string; hash: string; prefix: string } {
  const key = `cdpf_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashKey(key), prefix: key.slice(0, 12) };
}

@Injectable()
export class PartnersService {
  constructor(
    private readonly partners: PartnersRepository,
    private readonly feeds: FeedsRepository,
    private readonly access: PartnerAccess,
    private readonly messaging: MessagingClient,
    private readonly iab: IabTaxonomy,
    private readonly names: AudienceNames,
  ) {}

  async create(input: {
    name: string;
    platform: StoredPartner['platform'];
    deviceIds: StoredPartner['deviceIds'];
    minAudienceSize: number;
    dpEpsilon: number | null;
    ratePerSecond: number;
  }): Promise<{ partner: PartnerView; key: string }> {
    const key = newKey();
    const created = await this.partners.create(
      { ...input, memberSecret: randomBytes(32).toString('base64url') },
      key,
    );
    if (!created)
      throw new BusError('CONFLICT', `a partner named '${input.name}' already exists`, { name: input.name });
    await this.access.reload();
    return { partner: await this.view(created), key: key.key };
  }

  /** Logs a bulk feed the partner pulled. */
  recordPull(pull: Omit<StoredPull, 'at'>): Promise<void> {
    return this.partners.recordPull(pull);
  }

  async list(): Promise<PartnerView[]> {
    return Promise.all((await this.partners.partners()).map((p) => this.view(p)));
  }

  async share(input: {
    partner: string;
    audience: string;
    iab: string[];
    remove: boolean;
  }): Promise<PartnerView> {
    const partner = await this.partner(input.partner);
    const audience = await this.audience(input.audience);
    const unknown = input.iab.filter((id) => !this.iab.has(id));
    if (unknown.length > 0) {
      throw new BusError('VALIDATION_FAILED', `not IAB Audience Taxonomy 1.1 ids: ${unknown.join(', ')}`, {
        iab: unknown,
      });
    }
    if (input.remove) await this.partners.unshare(partner.id, audience.id);
    else await this.partners.share(partner.id, audience.id, input.iab);
    await this.access.reload();
    return this.view(partner);
  }

  async keys(input: {
    partner: string;
    action: 'list' | 'rotate' | 'revoke';
    keyId?: string;
    graceMinutes: number;
  }) {
    const partner = await this.partner(input.partner);
    let shown: string | null = null;
    if (input.action === 'rotate') {
      const key = newKey();
      await this.partners.rotate(partner.id, key, input.graceMinutes);
      shown = key.key;
    } else if (input.action === 'revoke') {
      if (!(await this.partners.revoke(partner.id, input.keyId as string))) {
        throw new BusError('NOT_FOUND', `partner '${partner.name}' has no live key ${input.keyId}`, {
          keyId: input.keyId,
        });
      }
    }
    if (input.action !== 'list') await this.access.reload();
    return { keys: (await this.partners.keys(partner.id)).map(keyView), key: shown };
  }

  /** Sizes and overlaps of the shared audiences, as the partner would be told them. */
  async report(ref: string) {
    const partner = await this.partner(ref);
    const shares = await this.partners.shares(partner.id);
    const names = new Map((await this.feeds.audiences()).map((a) => [a.id, a.name]));
    const ids = shares.map((s) => s.audienceId);
    const { sizes, overlaps } = await this.feeds.sizes(ids);
    const count = (n: number) =>
      reportedCount(n, {
        min: partner.minAudienceSize,
        epsilon: partner.dpEpsilon ?? undefined,
        random: Math.random,
      });
    const pairs = [];
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const [a, b] = [ids[i] as string, ids[j] as string].sort() as [string, string];
        pairs.push({ a, b, ...count(overlaps.get(`${a}|${b}`) ?? 0) });
      }
    }
    return {
      partnerId: partner.id,
      minAudienceSize: partner.minAudienceSize,
      audiences: ids.map((id) => ({
        audienceId: id,
        name: names.get(id) ?? id,
        ...count(sizes.get(id) ?? 0),
      })),
      overlaps: pairs,
    };
  }

  async partner(ref: string): Promise<StoredPartner> {
    const partner = await this.partners.partner(ref);
    if (!partner) throw new BusError('NOT_FOUND', `no partner '${ref}'`, { partner: ref });
    return partner;
  }

  /** An audience by name or id, as activation knows it now; its name is kept for feeds. */
  private async audience(ref: string): Promise<{ id: string; name: string; key: string }> {
    const { audiences } = await this.messaging.request(AUDIENCES_LIST, {}, 10_000);
    await this.names.remember(audiences);
    const audience = audiences.find((a) => a.id === ref || a.name === ref);
    if (!audience) throw new BusError('NOT_FOUND', `activation has no audience '${ref}'`, { audience: ref });
    return audience;
  }

  private async view(p: StoredPartner): Promise<PartnerView> {
    const [keys, shares, audiences, pulls] = await Promise.all([
      this.partners.keys(p.id),
      this.partners.shares(p.id),
      this.feeds.audiences(),
      this.partners.lastPulls(p.id),
    ]);
    const names = new Map(audiences.map((a) => [a.id, a.name]));
    return {
      id: p.id,
      name: p.name,
      platform: p.platform,
      deviceIds: p.deviceIds,
      minAudienceSize: p.minAudienceSize,
      dpEpsilon: p.dpEpsilon,
      ratePerSecond: p.ratePerSecond,
      createdAt: p.createdAt.toISOString(),
      keys: keys.map(keyView),
      shares: shares.map((s) => ({
        audienceId: s.audienceId,
        audienceName: names.get(s.audienceId) ?? s.audienceId,
        iab: s.iab,
        sharedAt: s.createdAt.toISOString(),
      })),
      lastPulls: pulls.map((pull) => ({
        audienceId: pull.audienceId,
        audienceName: names.get(pull.audienceId) ?? pull.audienceId,
        kind: pull.kind,
        rows: pull.rows,
        cursor: pull.cursor,
        complete: pull.complete,
        at: pull.at.toISOString(),
      })),
    };
  }
}

function keyView(k: { id: string; prefix: string; createdAt: Date; revokedAt: Date | null }) {
  return {
    id: k.id,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
