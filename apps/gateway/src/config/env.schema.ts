import { serviceEnvShape, serviceInfo } from '@cdp/shared/util-config';
import { z } from 'zod';

const positiveInt = z.coerce.number().int().positive();

/** The gateway service's environment; parsed once at boot by the service runner. */
export const envSchema = z.object({
  ...serviceEnvShape(serviceInfo('gateway').defaultPort),
  /** The first console user, made when there is none (an admin). */
  GATEWAY_ADMIN_EMAIL: z.string().trim().email().default('admin@cdp.local'),
  /** Its password; unset: a random one, printed once in the log at that first start. */
  GATEWAY_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /**
   * An admin API key made at start when no live key has this value yet (for automation that
   * cannot log in first); at least 24 characters.
   */
  GATEWAY_BOOTSTRAP_API_KEY: z.string().min(24, 'must be at least 24 characters').optional(),
  /** Requests per second per API key or console user, and the burst above it. */
  GATEWAY_RATE_PER_SECOND: positiveInt.default(50),
  GATEWAY_RATE_BURST: positiveInt.default(200),
  /** Failed logins a minute per client address before 429. */
  GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE: positiveInt.default(10),
  /** How long a service may take to answer before the gateway says 503. */
  GATEWAY_REQUEST_TIMEOUT_MS: positiveInt.default(15_000),
  GATEWAY_SESSION_HOURS: positiveInt.default(12),
  /** The built console; default: dist/apps/console beside this app's build. */
  GATEWAY_CONSOLE_DIR: z.string().trim().min(1).optional(),
  /**
   * Where each service's health endpoints are, for the overview: `name=url` pairs separated by
   * commas (e.g. `identity=http://identity:3000`); a service not named is asked on 127.0.0.1 at its
   * default port.
   */
  GATEWAY_SERVICE_URLS: z
    .string()
    .trim()
    .regex(/^([a-z-]+=https?:\/\/[^,\s]+)(,[a-z-]+=https?:\/\/[^,\s]+)*$/, 'use name=http://host:port,...')
    .optional(),
  /** Set when the console is served over HTTPS, so the session cookie is `Secure`. */
  GATEWAY_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type GatewayEnv = z.infer<typeof envSchema>;
