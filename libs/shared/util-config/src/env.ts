import { z } from 'zod';

export type EnvSource = Record<string, string | undefined>;

/** Raised at boot when the environment is missing a variable or has a bad value. */
export class ConfigError extends Error {
  constructor(
    readonly scope: string,
    readonly problems: ReadonlyArray<{ variable: string; problem: string }>,
  ) {
    super(
      `Invalid configuration for ${scope}: ` + problems.map((p) => `${p.variable} ${p.problem}`).join('; '),
    );
    this.name = 'ConfigError';
  }
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** A PostgreSQL connection URL (postgres:// or postgresql://). */
export const postgresUrl = z
  .string()
  .trim()
  .refine((v) => {
    try {
      return ['postgres:', 'postgresql:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, 'must be a postgres:// or postgresql:// URL');

/** A NATS server list: `nats://host:4222`, comma-separated for a cluster. */
export const natsUrl = z
  .string()
  .trim()
  .refine(
    (v) =>
      v.split(',').every((part) => {
        try {
          return ['nats:', 'tls:', 'ws:', 'wss:'].includes(new URL(part.trim()).protocol);
        } catch {
          return false;
        }
      }),
    'must be a nats:// URL (comma-separated for a cluster)',
  );

/** NATS_NAMESPACE: one lowercase subject token, short enough to suffix stream names with. */
export const NATS_NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/**
 * The platform's own subjects start with these tokens: a namespace named after one would give
 * streams overlapping the un-namespaced ones, which NATS refuses.
 */
const RESERVED_NATS_NAMESPACES = ['cdp', 'cdp-dlq'];

/** What is wrong with `value` as NATS_NAMESPACE, or undefined when it is fine. */
export function natsNamespaceProblem(value: string): string | undefined {
  if (!NATS_NAMESPACE_PATTERN.test(value)) {
    return 'must be 1 to 32 of a-z, 0-9, _ and -, starting with a letter or digit';
  }
  if (RESERVED_NATS_NAMESPACES.includes(value)) {
    return `must not be "${value}": the platform's own subjects start with it`;
  }
  return undefined;
}

/** A bus namespace (NATS_NAMESPACE): see `natsNamespaceProblem`. */
export const natsNamespace = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const problem = natsNamespaceProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** `<durable>:<n>`: SIGKILL after the durable's n-th handled message, before its ack (see BusFaults). */
export const faultKillBeforeAck = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]+:[1-9][0-9]*$/, 'must be <durable>:<n>, e.g. identity:3')
  .transform((value) => {
    const colon = value.lastIndexOf(':');
    return { durable: value.slice(0, colon), after: Number(value.slice(colon + 1)) };
  });

export const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

/** Variables every service reads. `defaultPort` is the service's own default. */
export function serviceEnvShape(defaultPort: number) {
  return {
    DATABASE_URL: postgresUrl,
    /** Unset: the embedded transport (a durable log in DATABASE_URL), for the one-process mode. */
    NATS_URL: natsUrl.optional(),
    /**
     * JetStream only: puts the service's subjects and streams under this namespace, so platforms
     * (or test suites) sharing one NATS server do not share durables.
     */
    NATS_NAMESPACE: natsNamespace.optional(),
    /** JetStream only: copies of each stream a NATS cluster keeps (3 on a three-node cluster). */
    NATS_STREAM_REPLICAS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 5')
      .max(5, 'must be between 1 and 5')
      .optional(),
    /** JetStream only: how long an unacknowledged message waits before it is redelivered. */
    NATS_ACK_WAIT_MS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1_000, 'must be at least 1000')
      .optional(),
    /** Fault injection for the reliability tests, `<durable>:<n>`; never set in production. */
    FAULT_KILL_BEFORE_ACK: faultKillBeforeAck.optional(),
    PORT: port.default(defaultPort),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** Time readiness answers 503 before the server stops taking requests (Kubernetes: a few seconds). */
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).default(0),
  };
}

function describeIssue(issue: z.core.$ZodIssue, source: EnvSource): string {
  const variable = String(issue.path[0] ?? '');
  if (issue.code === 'invalid_type' && source[variable] === undefined) return 'is required but not set';
  const shown =
    source[variable] === undefined ? '' : ` (got "${redactIfSecret(variable, source[variable])}")`;
  return `${issue.message}${shown}`;
}

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|KEY|DATABASE_URL)/i;

function redactIfSecret(variable: string, value: string | undefined): string {
  if (value === undefined) return '';
  if (!SECRET_NAME.test(variable)) return value;
  // Show the shape of a URL without its credentials, nothing of other secrets.
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '***';
  }
}

/**
 * Parses `source` (normally `process.env`) with `schema` once, at boot. Empty strings count as
 * unset, so `FOO=` falls back to the default. Every problem is reported at once, each naming
 * its variable.
 */
export function parseEnv<S extends z.ZodObject>(scope: string, schema: S, source: EnvSource): z.infer<S> {
  const cleaned: EnvSource = {};
  for (const key of Object.keys(schema.shape)) {
    const value = source[key];
    cleaned[key] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    variable: String(issue.path[0] ?? '(environment)'),
    problem: describeIssue(issue, cleaned),
  }));
  throw new ConfigError(scope, problems);
}
