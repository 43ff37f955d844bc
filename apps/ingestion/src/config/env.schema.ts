import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The ingestion service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('ingestion').defaultPort),
});

export type IngestionEnv = z.infer<typeof envSchema>;
