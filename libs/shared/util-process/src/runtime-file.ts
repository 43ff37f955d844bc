import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a running platform writes to `<CDP_DATA_DIR>/platform.json`, and the CLI reads to find it. */
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

/** The running platform's runtime file in `dataDir`, or undefined when none is running there. */
export function readRuntimeFile(dataDir: string): PlatformRuntime | undefined {
  const file = runtimeFilePath(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PlatformRuntime) : undefined;
}
