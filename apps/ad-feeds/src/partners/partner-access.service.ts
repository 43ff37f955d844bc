import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PartnersRepository, type StoredPartner } from '@cdp/ad-feeds/data-access-db';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV, TokenBucket } from '@cdp/shared/util-service';
import type { AdFeedsEnv } from '../config/env.schema.js';

/** A partner as a request sees it: who, and which audiences (with their IAB ids) it may read. */
export interface PartnerContext {
  partner: StoredPartner;
  /** Audience id → IAB Audience Taxonomy ids. */
  shared: Map<string, string[]>;
}

export type Access =
  | { ok: true; context: PartnerContext }
  | { ok: false; status: 401; message: string }
  | { ok: false; status: 429; message: string; retryAfterSeconds: number };

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Feed keys, partners and shares held in memory (reloaded every few seconds and after a change
 * here), so authenticating a bid-time lookup touches no database. Each key has its own rate limit.
 */
@Injectable()
export class PartnerAccess implements OnApplicationBootstrap, OnApplicationShutdown {
  private byKey = new Map<string, PartnerContext>();
  private byId = new Map<string, PartnerContext>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly reloader: Periodic;

  constructor(
    private readonly partners: PartnersRepository,
    @Inject(SERVICE_ENV) env: AdFeedsEnv,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.reloader = new Periodic(
      env.AD_FEEDS_PARTNERS_REFRESH_MS,
      () => this.reload(),
      (error) => logger.error({ err: error }, 'partners could not be reloaded'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!firstBootstrap(this)) return;
    await this.reload();
    this.reloader.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reloader.stop();
  }

  async reload(): Promise<void> {
    const [partners, keys, shares] = await Promise.all([
      this.partners.partners(),
      this.partners.liveKeys(),
      this.partners.shares(),
    ]);
    const byId = new Map<string, PartnerContext>(
      partners.map((p) => [p.id, { partner: p, shared: new Map() }]),
    );
    for (const s of shares) byId.get(s.partnerId)?.shared.set(s.audienceId, s.iab);
    const byKey = new Map<string, PartnerContext>();
    for (const k of keys) {
      const context = byId.get(k.partnerId);
      if (context) byKey.set(k.hash, context);
    }
    this.byId = byId;
    this.byKey = byKey;
  }

  context(partnerId: string): PartnerContext | undefined {
    return this.byId.get(partnerId);
  }

  /** `Authorization: Bearer <key>`: the partner, or why not. */
  authenticate(authorization: string | undefined): Access {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!key) {
      return { ok: false, status: 401, message: 'send the partner feed key as Authorization: Bearer <key>' };
    }
    const hash = hashKey(key);
    const context = this.byKey.get(hash);
    if (!context)
      return {
        ok: false,
        status: 401,
        message: 'the feed key is not valid (unknown, revoked or rotated out)',
      };
    let bucket = this.buckets.get(hash);
    if (!bucket) this.buckets.set(hash, (bucket = new TokenBucket(context.partner.ratePerSecond)));
    const wait = bucket.tryTake();
    if (wait > 0) {
      return {
        ok: false,
        status: 429,
        message: `this key is limited to ${context.partner.ratePerSecond} requests per second`,
        retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)),
      };
    }
    return { ok: true, context };
  }
}
