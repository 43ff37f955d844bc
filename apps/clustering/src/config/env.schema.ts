import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The clustering service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('clustering').defaultPort),
  /** Retrain the behaviour segmentation this often, in minutes (0: only on demand). */
  SEGMENTS_RETRAIN_MINUTES: z.coerce.number().int().min(0).max(525_600).default(1_440),
  /** Below this silhouette a segmentation is reported as weak. */
  SEGMENTS_WEAK_SILHOUETTE: z.coerce.number().min(-1).max(1).default(0.15),
  /** Below this bootstrap stability (adjusted Rand index) a segmentation is reported as weak. */
  SEGMENTS_WEAK_STABILITY: z.coerce.number().min(-1).max(1).default(0.8),
  /** Worker threads for k-means on large inputs (0: one per core). */
  SEGMENTS_THREADS: z.coerce.number().int().min(0).max(64).default(0),
  /** Recorded with every model (a release or image tag). */
  CDP_CODE_VERSION: z.string().min(1).default('0.1.0-dev'),
});

export type ClusteringEnv = z.infer<typeof envSchema>;
