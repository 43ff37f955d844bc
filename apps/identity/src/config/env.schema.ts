import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

/** The identity service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('identity').defaultPort),
  /**
   * Merge protection as JSON (blocked patterns and values, per-type limits, priority), replacing
   * the defaults: see `parseProtectionConfig` in `@cdp/identity/domain`.
   */
  IDENTITY_PROTECTION: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined || text.trim() === '') return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          message: `not JSON: ${error instanceof Error ? error.message : String(error)}`,
        });
        return z.NEVER;
      }
    }),
});

export type IdentityEnv = z.infer<typeof envSchema>;
