import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The identity service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('identity').defaultPort),
});

export type IdentityEnv = z.infer<typeof envSchema>;
