import type { ServiceName } from '@cdp/shared/util-config';
import { probeReady } from '@cdp/shared/util-health';
import type { CliConfig } from '../config.js';

export interface ServiceStatus {
  url: string;
  ready: boolean;
  /** Why it is not ready: the failing checks, or that nothing answered. */
  problem?: string;
}

export interface StatusReport {
  services: Record<string, ServiceStatus>;
}

async function probe(url: string, timeoutMs: number): Promise<ServiceStatus> {
  return { url, ...(await probeReady(url, timeoutMs)) };
}

/** Asks every service's `/health/ready`, all at once. */
export async function collectStatus(config: CliConfig, timeoutMs = 3_000): Promise<StatusReport> {
  const entries = await Promise.all(
    (Object.entries(config.services) as Array<[ServiceName, string]>).map(
      async ([name, url]) => [name, await probe(url, timeoutMs)] as const,
    ),
  );
  return { services: Object.fromEntries(entries) };
}

export function formatStatus(report: StatusReport): string {
  const rows = Object.entries(report.services);
  const width = Math.max(...rows.map(([name]) => name.length));
  const ready = rows.filter(([, s]) => s.ready).length;
  const lines = rows.map(
    ([name, s]) =>
      `${name.padEnd(width)}  ${s.url.padEnd(24)}  ${s.ready ? 'ready' : `NOT READY (${s.problem})`}`,
  );
  return [...lines, `${ready}/${rows.length} ready`].join('\n');
}
