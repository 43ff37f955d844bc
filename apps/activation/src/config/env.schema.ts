import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The activation service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('activation').defaultPort),
  /**
   * Where people and providers reach this service: unsubscribe and tracking links in messages,
   * Twilio's StatusCallback (whose signature covers this exact URL). Defaults to the listen address.
   */
  ACTIVATION_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs unsubscribe and tracking links; set it in production (links die when it changes). */
  ACTIVATION_LINK_SECRET: z.string().min(16).default('cdp-activation-dev-link-secret'),
  /** How long a worker owns a claimed delivery; after it, another worker may take it over. */
  ACTIVATION_LEASE_MS: z.coerce.number().int().min(500).max(3_600_000).default(60_000),
  /** How often each destination's queue is polled when nothing woke it. */
  ACTIVATION_POLL_MS: z.coerce.number().int().min(20).max(60_000).default(500),
  /** First retry delay after a 429/5xx; doubles per attempt, with jitter, up to the max. */
  ACTIVATION_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  ACTIVATION_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(3_600_000),
  /** Scheduled campaigns are checked this often. */
  ACTIVATION_SCHEDULER_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
  /** Audiences with event conditions are recomputed this often (their windows slide with time). */
  ACTIVATION_SWEEP_MINUTES: z.coerce.number().min(0.05).max(10_080).default(60),
  /** `false` runs membership only, without sending (a replica that only computes audiences). */
  ACTIVATION_SEND: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type ActivationEnv = z.infer<typeof envSchema>;
