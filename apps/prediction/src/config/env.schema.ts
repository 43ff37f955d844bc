import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The prediction service's environment; parsed once at boot by the service runner. */
export const envSchema = z
  .object({
    ...serviceEnvShape(serviceInfo('prediction').defaultPort),
    /** A churn risk from this score up is in the `medium` band. */
    PREDICTION_BAND_MEDIUM: z.coerce.number().gt(0).lt(1).default(0.3),
    /** A churn risk from this score up is in the `high` band. */
    PREDICTION_BAND_HIGH: z.coerce.number().gt(0).lt(1).default(0.6),
    /** Features listed as the top contributors of each real-time score. */
    PREDICTION_TOP_FEATURES: z.coerce.number().int().min(0).max(50).default(5),
    /** Recorded with every model (a release or image tag). */
    CDP_CODE_VERSION: z.string().min(1).default('0.1.0-dev'),
  })
  .refine((env) => env.PREDICTION_BAND_MEDIUM < env.PREDICTION_BAND_HIGH, {
    path: ['PREDICTION_BAND_HIGH'],
    message: 'must be above PREDICTION_BAND_MEDIUM',
  });

export type PredictionEnv = z.infer<typeof envSchema>;
