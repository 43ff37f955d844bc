import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The gateway service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('gateway').defaultPort),
});

export type GatewayEnv = z.infer<typeof envSchema>;
