import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The feature-store service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('feature-store').defaultPort),
  /**
   * `features.updated` is published at most once per profile per this many milliseconds: a busy
   * profile's hundred events in a second make one update, not a hundred.
   */
  FEATURES_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(1_000),
});

export type FeatureStoreEnv = z.infer<typeof envSchema>;
