import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { canConnect } from './client.js';
import { locatePostgres } from './locate-postgres.js';

describe('locatePostgres', () => {
  it('uses a configured URL as is, and the machine server when it answers', async () => {
    const configured = await locatePostgres({
      url: 'postgres://x@127.0.0.1:1/postgres',
      embedded: { dataDir: '/nonexistent', port: 1 },
    });
    expect(configured.adminUrl).toBe('postgres://x@127.0.0.1:1/postgres');
    const machine = await locatePostgres({
      machineUrl: inject('pgAdminUrl'),
      embedded: { dataDir: '/nonexistent', port: 1 },
    });
    expect(machine.adminUrl).toBe(inject('pgAdminUrl'));
  });

  it('asks to start the machine server once, then starts an embedded one of its own and stops it on release', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cdp-locate-pg-'));
    chmodSync(dir, 0o755);
    let startAttempts = 0;
    try {
      const located = await locatePostgres({
        machineUrl: 'postgres://postgres@127.0.0.1:1/postgres',
        startMachine: () => startAttempts++,
        embedded: { dataDir: dir, port: 54341 },
      });
      expect(startAttempts).toBe(1);
      expect(located.adminUrl).toMatch(/@127\.0\.0\.1:54341\/postgres$/);
      expect(await canConnect(located.adminUrl)).toBe(true);
      await located.release();
      expect(await canConnect(located.adminUrl, 1_000)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
