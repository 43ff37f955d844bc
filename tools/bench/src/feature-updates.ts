import { randomUUID } from 'node:crypto';
import { FEATURES_UPDATED, type FeatureVector, type ProfileFeatures } from '@cdp/feature-store/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import { publishEvent, type Bus } from '@cdp/shared/util-messaging';

/** Profiles per `features.updated` envelope (the feature store publishes up to 2,500). */
const ENVELOPE = 500;
/** Envelopes published before waiting for their acks. */
const PUBLISH_WINDOW = 8;

export interface FeatureEnvelope {
  readonly key: string;
  readonly events: ProfileFeatures[];
}

/**
 * `features.updated` envelopes for `profiles` new profiles, as the feature store would publish
 * them; built before a bench starts its clock (building them is the feature store's work).
 */
export function newProfileEnvelopes(
  profiles: number,
  vectorOf: (row: number) => FeatureVector,
): { envelopes: FeatureEnvelope[]; profileIds: Set<string> } {
  const asOf = new Date().toISOString();
  const envelopes: FeatureEnvelope[] = [];
  const profileIds = new Set<string>();
  for (let p = 0; p < profiles; p += ENVELOPE) {
    const events: ProfileFeatures[] = [];
    for (let r = p; r < Math.min(profiles, p + ENVELOPE); r++) {
      const profileId = randomUUID();
      profileIds.add(profileId);
      events.push({ profileId, asOf, features: vectorOf(r) });
    }
    envelopes.push({ key: profileGroupKey(events[0]?.profileId ?? ''), events });
  }
  return { envelopes, profileIds };
}

/** Publishes the envelopes on `features.updated`, PUBLISH_WINDOW in flight at a time. */
export async function publishFeatureUpdates(bus: Bus, envelopes: readonly FeatureEnvelope[]): Promise<void> {
  for (let e = 0; e < envelopes.length; e += PUBLISH_WINDOW)
    await Promise.all(
      envelopes
        .slice(e, e + PUBLISH_WINDOW)
        .map(({ key, events }) => publishEvent(bus, FEATURES_UPDATED, { events }, { key })),
    );
}

/** `done`, or an error saying `what()` once `ms` have passed. */
export async function withinTimeout<T>(done: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} after ${ms} ms`)), ms);
  });
  return Promise.race([done, timeout]).finally(() => clearTimeout(timer));
}
