import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What `cdp status` reads to find a running platform's services. */
export interface PlatformRuntime {
  pid: number;
  startedAt: string;
  database: { embedded: boolean; host: string; port: number };
  services: Record<string, { url: string }>;
}

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, 'platform.json');
}

export function writeRuntimeFile(dataDir: string, runtime: PlatformRuntime): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(runtimeFilePath(dataDir), JSON.stringify(runtime, null, 2) + '\n');
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(runtimeFilePath(dataDir), { force: true });
}
