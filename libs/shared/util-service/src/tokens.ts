/** Injection token of the service's Drizzle database (`Database` from `@cdp/shared/util-db`). */
export const DATABASE = Symbol('cdp:database');
/** Injection token of the service's `DbClient` (pool + Drizzle). */
export const DB_CLIENT = Symbol('cdp:db-client');
/** Injection token of the service's parsed environment. */
export const SERVICE_ENV = Symbol('cdp:service-env');
/** Injection token of the service's pino logger. */
export const LOGGER = Symbol('cdp:logger');
