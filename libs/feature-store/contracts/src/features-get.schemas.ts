import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { profileFeaturesSchema } from './features-updated.schemas.js';

/**
 * Feature vectors of up to 1,000 profiles: the online values (now), or as of `asOf` (point in time,
 * from the event history: nothing after `asOf` counts). `names` selects features (default: all).
 * A profile the store has never seen gets its empty vector (counts 0, means null).
 */
export const FEATURES_GET = defineRequest(
  'cdp.feature-store.cmd.features.get.v1',
  z.object({
    profileIds: z.array(z.string().uuid()).min(1).max(1_000),
    names: z.array(z.string().min(1)).min(1).optional(),
    asOf: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ profiles: z.array(profileFeaturesSchema) }),
);
