import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'tools/datagen/src/main.ts', ...args], {
    cwd: root,
    maxBuffer: 256 * 2 ** 20,
  });

describe('datagen CLI', () => {
  it('writes the same NDJSON bytes to stdout and to --out, and sums it up on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datagen-'));
    const file = join(dir, 'events.ndjson');
    const args = ['--users', '200', '--seed', '9', '--days', '14', '--start', '2026-10-01'];
    const [toStdout, toFile] = await Promise.all([cli(...args), cli(...args, '--out', file)]);
    const fromFile = readFileSync(file, 'utf8');
    const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
    expect(sha(toStdout.stdout)).toBe(sha(fromFile));
    const lines = fromFile.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(5_000);
    const start = Date.parse('2026-10-01T00:00:00Z');
    for (const line of lines) {
      const event = JSON.parse(line) as { type: string; timestamp: string };
      const t = Date.parse(event.timestamp);
      expect(t >= start && t < start + 14 * 86_400_000).toBe(true);
    }
    expect(toFile.stderr).toContain('users: 200');
    expect(toFile.stderr).toContain(`events: ${lines.length} `);
    expect(toFile.stderr).toMatch(/purchasers: \d+/);
    expect(toFile.stderr).toMatch(/CTR \d+\.\d+%/);
  }, 60_000);

  it('rejects a bad argument with a message naming it', async () => {
    await expect(cli('--users', 'many')).rejects.toMatchObject({
      stderr: expect.stringContaining('--users'),
    });
  }, 30_000);
});
