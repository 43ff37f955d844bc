import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { PROFILE_DELETED } from '@cdp/identity/contracts';
import { waitFor } from '@cdp/shared/testing';
import type { ServiceName } from '@cdp/shared/util-config';
import { publishEvent, type Bus } from '@cdp/shared/util-messaging';

/** Repository root; the e2e tests run the built tree in dist/ (npm test builds it first). */
export const ROOT = resolve(import.meta.dirname, '..');

export interface Exited {
  code: number | null;
  output: string;
}

/** Runs `dist/apps/<name>/src/main.js [args]` as its own process, the way an operator would. */
export function startAlone(name: ServiceName, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', name, 'src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<Exited>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  return { child, exited, output: () => output };
}

export async function waitReady(url: string, exited: Promise<Exited>, timeoutMs = 60_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    const response = await fetch(`${url}/health/ready`).catch(() => undefined);
    if (response?.ok) return response;
    if (gone) throw new Error(`exited before ready: ${(await exited).output}`);
    if (Date.now() > deadline) throw new Error(`${url} not ready after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built operator CLI (`npm run cdp`) with `env` and PATH; a non-zero exit is returned, not thrown. */
export async function runCli(args: string[], env: Record<string, string | undefined>): Promise<CliResult> {
  return promisify(execFile)(process.execPath, [join(ROOT, 'dist/tools/cli/src/main.js'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env['PATH'] ?? '', ...env },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
}

/** The CLI's stdout; a non-zero exit fails with its stderr. */
export async function cli(args: string[], env: Record<string, string | undefined>): Promise<string> {
  const result = await runCli(args, env);
  if (result.code !== 0) throw new Error(`cdp ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

/** A source made with `cdp sources create <name>`; returns its write key. */
export async function createSource(name: string, env: Record<string, string | undefined>): Promise<string> {
  return (JSON.parse(await cli(['sources', 'create', name, '--json'], env)) as { writeKey: string }).writeKey;
}

/**
 * Erases a profile the way identity announces it (`profile.deleted`), then waits until `remaining`
 * (a count of the profile's rows in a service's schema, `$1` = the profile id) reads 0.
 */
export async function eraseAndWait(
  bus: Bus,
  pool: pg.Pool,
  profileId: string,
  remaining: string,
): Promise<void> {
  await publishEvent(bus, PROFILE_DELETED, {
    profileId,
    mergedProfileIds: [],
    identifiers: [],
    auditId: randomUUID(),
    deletedAt: new Date().toISOString(),
  });
  await waitFor(
    async () => Number((await pool.query<{ n: string }>(remaining, [profileId])).rows[0]?.n) === 0,
    20_000,
    `profile ${profileId} erased`,
  );
}
