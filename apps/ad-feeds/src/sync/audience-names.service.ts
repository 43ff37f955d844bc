import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AUDIENCES_LIST } from '@cdp/activation/contracts';
import { FeedsRepository } from '@cdp/ad-feeds/data-access-db';
import type { Logger } from '@cdp/shared/util-logging';
import { MessagingClient } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import type { AdFeedsEnv } from '../config/env.schema.js';

/**
 * Audience names for feeds and bid responses: asked of activation every
 * `AD_FEEDS_AUDIENCES_REFRESH_MS` and kept in PostgreSQL, so they survive activation being away.
 */
@Injectable()
export class AudienceNames implements OnApplicationBootstrap, OnApplicationShutdown {
  private names = new Map<string, string>();
  private readonly refresher: Periodic;

  constructor(
    private readonly feeds: FeedsRepository,
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_ENV) env: AdFeedsEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.refresher = new Periodic(
      env.AD_FEEDS_AUDIENCES_REFRESH_MS,
      () => this.refresh(),
      (error) => logger.error({ err: error }, 'audience names could not be refreshed'),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!firstBootstrap(this)) return;
    await this.load();
    void this.refresher.run();
    this.refresher.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.refresher.stop();
  }

  name(audienceId: string): string {
    return this.names.get(audienceId) ?? audienceId;
  }

  async refresh(): Promise<void> {
    try {
      const { audiences } = await this.messaging.request(AUDIENCES_LIST, {}, 10_000);
      await this.remember(audiences);
    } catch (error) {
      this.logger.warn(
        { err: error },
        'audience names not refreshed (activation did not answer); keeping the stored ones',
      );
    }
  }

  /** Audiences as activation just listed them. */
  async remember(audiences: ReadonlyArray<{ id: string; name: string; key: string }>): Promise<void> {
    await this.feeds.upsertAudiences(audiences);
    await this.load();
  }

  private async load(): Promise<void> {
    this.names = new Map((await this.feeds.audiences()).map((a) => [a.id, a.name]));
  }
}
