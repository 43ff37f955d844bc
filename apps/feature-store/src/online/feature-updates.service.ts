import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { FEATURES_UPDATED, type ProfileFeatures } from '@cdp/feature-store/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import type { Logger } from '@cdp/shared/util-logging';
import { envelopeSlices, MessagingClient } from '@cdp/shared/util-messaging';
import { LOGGER, SERVICE_ENV } from '@cdp/shared/util-service';
import type { FeatureStoreEnv } from '../config/env.schema.js';
import { FeaturesService } from '../serving/features.service.js';

/** Profiles read and published per round. */
const CHUNK = 500;

/**
 * `features.updated`, debounced per profile: profiles touched since the last round are published
 * together once FEATURES_DEBOUNCE_MS has passed, each with its whole online vector, keyed by its
 * profile group so one profile's updates stay in order. Rounds run one after another, so a
 * profile's vectors are published oldest first. A failed round keeps its profiles for the
 * next. The values themselves are committed before a profile is queued here: what a crash between
 * the two loses is the notification, and the next event of that profile sends it.
 */
@Injectable()
export class FeatureUpdatesService implements BeforeApplicationShutdown {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly features: FeaturesService,
    private readonly messaging: MessagingClient,
    @Inject(SERVICE_ENV) private readonly env: FeatureStoreEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  touch(profileIds: Iterable<string>): void {
    for (const id of profileIds) this.pending.add(id);
    if (this.pending.size > 0 && !this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        // After the round still publishing, if any: a round that started first could otherwise
        // publish its older vectors after this one's newer ones.
        const round: Promise<void> = (this.round ?? Promise.resolve()).then(() => this.flush());
        this.round = round;
        void round.finally(() => {
          if (this.round === round) this.round = undefined;
        });
      }, this.env.FEATURES_DEBOUNCE_MS);
    }
  }

  /** Publishes every pending profile now. */
  async flush(): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      try {
        await this.publish(await this.features.online(chunk));
      } catch (error) {
        this.logger.warn(
          { err: error, profiles: chunk.length },
          'features.updated not published; retried next round',
        );
        this.touch(chunk);
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    if (this.pending.size > 0) await this.flush();
  }

  private async publish(vectors: readonly ProfileFeatures[]): Promise<void> {
    const groups = new Map<string, ProfileFeatures[]>();
    for (const vector of vectors) {
      const key = profileGroupKey(vector.profileId);
      const group = groups.get(key) ?? [];
      group.push(vector);
      groups.set(key, group);
    }
    for (const [key, group] of groups) {
      for (const slice of envelopeSlices(group, { sizeOf: (v) => JSON.stringify(v).length })) {
        await this.messaging.publish(FEATURES_UPDATED, { events: slice }, { key });
      }
    }
  }
}
