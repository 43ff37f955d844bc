import { defineEvent, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';
import { featureVectorSchema } from './feature-value.schemas.js';

/** A profile's features changed: its whole vector as of `asOf`, so consumers need not ask. */
export const profileFeaturesSchema = z.object({
  profileId: z.string().uuid(),
  asOf: z.iso.datetime({ offset: true }),
  features: featureVectorSchema,
});

export type ProfileFeatures = z.infer<typeof profileFeaturesSchema>;

/**
 * Profiles whose features changed, published at most once per profile per debounce interval
 * (FEATURES_DEBOUNCE_MS), keyed by profile so one profile's updates stay in order.
 */
export const featuresUpdatedSchema = envelopeOf(profileFeaturesSchema);

export type FeaturesUpdated = z.infer<typeof featuresUpdatedSchema>;

export const FEATURES_UPDATED = defineEvent(
  'cdp.feature-store.evt.features.updated.v1',
  featuresUpdatedSchema,
);
