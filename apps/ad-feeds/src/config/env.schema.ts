import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The ad-feeds service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('ad-feeds').defaultPort),
  /** How often each replica's in-memory index reads the changes written since its last look. */
  AD_FEEDS_INDEX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(200),
  /** How often audience names are read again from activation. */
  AD_FEEDS_AUDIENCES_REFRESH_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** How often partners, keys and shares are read again (other replicas' changes). */
  AD_FEEDS_PARTNERS_REFRESH_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** `user.data[].id` / `name` of our own entries in bid responses. */
  AD_FEEDS_PROVIDER: z.string().min(1).default('cdp'),
  /**
   * `ext.segtax` of our own segments. IAB's segtax list reserves 500+ for vendor-specific
   * taxonomies; register one with IAB Tech Lab and set it here.
   */
  AD_FEEDS_OWN_SEGTAX: z.coerce.number().int().min(1).default(600),
});

export type AdFeedsEnv = z.infer<typeof envSchema>;
