import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FeedsRepository, type IdentifierRow } from '@cdp/ad-feeds/data-access-db';
import { hashEmail, SegmentIndex } from '@cdp/ad-feeds/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import type { AdFeedsEnv } from '../config/env.schema.js';

const PAGE = 20_000;

/**
 * The keys a bidder may send for an identifier: ids as they are; an email as the SHA-256 a bidder
 * holds: hex of the trimmed lowercased address (Meta's rule), hex by Google's rules, base64 by UID2's.
 */
export function lookupKeysOf(row: Pick<IdentifierRow, 'kind' | 'value'>): string[] {
  switch (row.kind) {
    case 'user_id':
      return [row.value];
    case 'maid':
      return [row.value.toLowerCase()];
    case 'email': {
      const keys = new Set<string>();
      for (const platform of ['meta', 'google', 'uid2'] as const) {
        const hashed = hashEmail(row.value, platform);
        if (hashed.ok) keys.add(hashed.value);
      }
      return [...keys];
    }
    case 'phone':
      return [];
  }
}

/**
 * Each replica's in-memory index of who is in which audience, keyed by every identifier a bidder
 * may send: warmed from PostgreSQL at start, then kept current by reading the change log, new
 * identifiers and removals every `AD_FEEDS_INDEX_POLL_MS`. A lookup never touches the database.
 */
@Injectable()
export class SegmentIndexService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly index = new SegmentIndex();
  private cursors = { changes: 0, identifiers: 0, removals: 0 };
  private readonly follower: Periodic;
  warmupMs = 0;
  indexMb = 0;

  constructor(
    private readonly feeds: FeedsRepository,
    @Inject(SERVICE_ENV) env: AdFeedsEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.follower = new Periodic(
      env.AD_FEEDS_INDEX_POLL_MS,
      () => this.follow(),
      (error) => logger.error({ err: error }, 'segment index could not follow the log'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!firstBootstrap(this)) return;
    await this.warm();
    this.follower.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /** Loads every current membership and identifier; the logs are followed from where they ended. */
  async warm(): Promise<void> {
    const started = performance.now();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    this.cursors = await this.feeds.ends();
    let after: { profileId: string; audienceId: string } | null = null;
    for (;;) {
      const page = await this.feeds.membersPage(after, PAGE);
      for (const m of page) this.index.enter(m.profileId, m.audienceId);
      if (page.length < PAGE) break;
      after = page.at(-1) ?? null;
    }
    let seq = 0;
    for (;;) {
      const page = await this.feeds.identifiersAfter(seq, PAGE);
      for (const row of page) if (row.seq <= this.cursors.identifiers) this.alias(row);
      if (page.length < PAGE) break;
      seq = page.at(-1)?.seq ?? seq;
    }
    gc?.();
    this.indexMb = Math.max(0, (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20);
    this.warmupMs = Math.round(performance.now() - started);
    this.logger.info(
      { ...this.index.stats(), warmupMs: this.warmupMs, indexMb: Math.round(this.indexMb) },
      'segment index warm',
    );
  }

  /** Applies what was written since the last look, in each log's order. */
  async follow(): Promise<void> {
    for (;;) {
      const changes = await this.feeds.changesAfter(this.cursors.changes, PAGE);
      for (const c of changes) {
        if (c.change === 'entered') this.index.enter(c.profileId, c.audienceId);
        else this.index.exit(c.profileId, c.audienceId);
        this.cursors.changes = c.localSeq;
      }
      const identifiers = await this.feeds.identifiersAfter(this.cursors.identifiers, PAGE);
      for (const row of identifiers) {
        this.alias(row);
        this.cursors.identifiers = row.seq;
      }
      const removals = await this.feeds.removalsAfter(this.cursors.removals, PAGE);
      for (const r of removals) {
        if (r.intoProfileId) this.index.mergeProfiles(r.intoProfileId, r.profileId);
        else this.index.removeProfile(r.profileId);
        this.cursors.removals = r.seq;
      }
      if (changes.length < PAGE && identifiers.length < PAGE && removals.length < PAGE) return;
    }
  }

  private alias(row: IdentifierRow): void {
    for (const key of lookupKeysOf(row)) this.index.alias(key, row.profileId);
  }
}
