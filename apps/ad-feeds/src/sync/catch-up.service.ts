import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AUDIENCE_CHANGES } from '@cdp/activation/contracts';
import { FeedsRepository } from '@cdp/ad-feeds/data-access-db';
import type { Logger } from '@cdp/shared/util-logging';
import { MessagingClient } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER } from '@cdp/shared/util-service';

/**
 * History from before this service listened: at start, activation's change log after the newest
 * change held here, a page at a time. Applying is idempotent, so overlapping with live events is
 * harmless. Without an answer (activation not running) it tries again later.
 */
@Injectable()
export class CatchUpService implements OnApplicationBootstrap {
  constructor(
    private readonly feeds: FeedsRepository,
    private readonly messaging: MessagingClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    void this.run();
  }

  async run(attempt = 0): Promise<void> {
    try {
      let after = await this.feeds.lastActivationSeq();
      let applied = 0;
      for (;;) {
        const page = await this.messaging.request(
          AUDIENCE_CHANGES,
          { afterSeq: after, limit: 5_000 },
          30_000,
        );
        applied += await this.feeds.applyChanges(page.changes.map((c) => ({ ...c, at: new Date(c.at) })));
        if (page.next === null) break;
        after = page.next;
      }
      if (applied > 0) this.logger.info({ applied }, 'caught up with activation');
    } catch (error) {
      const delay = Math.min(300_000, 5_000 * 2 ** attempt);
      this.logger.warn({ err: error, retryInMs: delay }, 'could not catch up with activation yet');
      setTimeout(() => void this.run(attempt + 1), delay).unref();
    }
  }
}
