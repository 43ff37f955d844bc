import type { ProfileFeatures } from '@cdp/feature-store/contracts';
import type { Logger } from '@cdp/shared/util-logging';
import type { MessagingClient } from '@cdp/shared/util-messaging';
import { describe, expect, it } from 'vitest';
import type { FeatureStoreEnv } from '../config/env.schema.js';
import type { FeaturesService } from '../serving/features.service.js';
import { FeatureUpdatesService } from './feature-updates.service.js';

describe('FeatureUpdatesService', () => {
  it("publishes a profile's vectors oldest first when a round outlasts the debounce", async () => {
    let version = 0;
    let reads = 0;
    const published: number[] = [];
    // The first round's read is slow (a busy database): it reads version 1, and the next round,
    // due while it still runs, reads version 2.
    const features = {
      online: async (ids: string[]): Promise<ProfileFeatures[]> => {
        const read = ++version;
        if (++reads === 1) await new Promise((resolve) => setTimeout(resolve, 150));
        return ids.map((profileId) => ({ profileId, features: { v: read } }) as unknown as ProfileFeatures);
      },
    } as unknown as FeaturesService;
    const messaging = {
      publish: async (_subject: unknown, data: { events: Array<{ features: { v: number } }> }) => {
        published.push(...data.events.map((e) => e.features.v));
        return { duplicate: false };
      },
    } as unknown as MessagingClient;
    const updates = new FeatureUpdatesService(
      features,
      messaging,
      { FEATURES_DEBOUNCE_MS: 20 } as FeatureStoreEnv,
      { warn: () => undefined } as unknown as Logger,
    );
    updates.touch(['p1']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    updates.touch(['p1']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await updates.beforeApplicationShutdown();
    expect(published).toEqual([1, 2]);
  });
});
