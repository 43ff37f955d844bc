import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locatePostgres } from '@cdp/shared/util-db';
import type { TestProject } from 'vitest/node';

/** Starts the machine's PostgreSQL cluster when it is installed but stopped. */
function startInstalledPostgres(): void {
  if (!existsSync('/etc/postgresql')) return;
  for (const version of readdirSync('/etc/postgresql')) {
    try {
      execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
        stdio: 'ignore',
      });
    } catch {
      // Not startable here (no permission, or another layout): the embedded server takes over.
    }
  }
}

/**
 * Integration tests use the PostgreSQL on 127.0.0.1:5432 when it is up (starting it if it is
 * installed but down), or TEST_DATABASE_URL, and otherwise an embedded one of their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await locatePostgres({
    url: process.env['TEST_DATABASE_URL'],
    startMachine: startInstalledPostgres,
    embedded: {
      dataDir: join(tmpdir(), 'cdp-test-postgres'),
      port: Number(process.env['TEST_EMBEDDED_PG_PORT'] ?? 54330),
    },
  });
  project.provide('pgAdminUrl', postgres.adminUrl);
  return () => postgres.release();
}
