import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The feature-store service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('feature-store').defaultPort),
});

export type FeatureStoreEnv = z.infer<typeof envSchema>;
