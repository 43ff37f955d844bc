import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The clustering service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('clustering').defaultPort),
});

export type ClusteringEnv = z.infer<typeof envSchema>;
