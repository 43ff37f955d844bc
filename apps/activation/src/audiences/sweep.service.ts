import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AudiencesRepository } from '@cdp/activation/data-access-db';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import type { ActivationEnv } from '../config/env.schema.js';
import { MembershipService } from './membership.service.js';

const YEAR_MS = 366 * 86_400_000;

/**
 * Time moves memberships too: "did X 3 times in 7 days" stops holding a week after the events
 * with no new message. Audiences with event conditions are recomputed on a timer, and events older
 * than any rule may look back are pruned.
 */
@Injectable()
export class SweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timer: Periodic;

  constructor(
    private readonly membership: MembershipService,
    private readonly audiences: AudiencesRepository,
    @Inject(SERVICE_ENV) env: ActivationEnv,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.timer = new Periodic(
      env.ACTIVATION_SWEEP_MINUTES * 60_000,
      () => this.sweep(),
      (error) => logger.error({ err: error }, 'audience sweep failed'),
    );
  }

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    this.timer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.timer.stop();
  }

  async sweep(): Promise<void> {
    await this.membership.sweepEventAudiences();
    await this.audiences.pruneEvents(new Date(Date.now() - YEAR_MS));
  }
}
