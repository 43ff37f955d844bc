/**
 * The platform's services: their names, the port each listens on by default and the
 * Postgres schema each owns. The platform runner, the CLI and the benchmarks read this list,
 * so adding a service here (the service generator does) is what makes it part of the platform.
 */
export const SERVICES = [
  { name: 'gateway', defaultPort: 3000, dbSchema: 'gateway' },
  { name: 'ingestion', defaultPort: 3001, dbSchema: 'ingestion' },
  { name: 'identity', defaultPort: 3002, dbSchema: 'identity' },
  { name: 'feature-store', defaultPort: 3003, dbSchema: 'feature_store' },
  { name: 'clustering', defaultPort: 3004, dbSchema: 'clustering' },
  { name: 'prediction', defaultPort: 3005, dbSchema: 'prediction' },
  { name: 'activation', defaultPort: 3006, dbSchema: 'activation' },
  { name: 'ad-feeds', defaultPort: 3007, dbSchema: 'ad_feeds' },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];
export type ServiceInfo = (typeof SERVICES)[number];

export const SERVICE_NAMES: readonly ServiceName[] = SERVICES.map((s) => s.name);

export function serviceInfo(name: ServiceName): ServiceInfo {
  const info = SERVICES.find((s) => s.name === name);
  if (!info) throw new Error(`Unknown service "${name}"; known: ${SERVICE_NAMES.join(', ')}`);
  return info;
}

/** `feature-store` -> `FEATURE_STORE`: the prefix of a service's own variables in one-process mode. */
export function serviceEnvPrefix(name: ServiceName): string {
  return name.toUpperCase().replace(/-/g, '_');
}
