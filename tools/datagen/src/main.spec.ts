import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('writes the ground truth of every event with --truth, and the same NDJSON as without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'datagen-'));
    const truthFile = join(dir, 'truth.tsv');
    const args = ['--users', '120', '--seed', '5', '--days', '10'];
    const [plain, withTruth] = await Promise.all([cli(...args), cli(...args, '--truth', truthFile)]);
    expect(withTruth.stdout).toBe(plain.stdout);
    const events = plain.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { messageId: string });
    const truth = readFileSync(truthFile, 'utf8').trimEnd().split('\n');
    expect(truth).toHaveLength(events.length);
    truth.forEach((line, i) => {
      const [messageId, label, person] = line.split('\t');
      expect(messageId).toBe(events[i]?.messageId);
      expect(label).toMatch(/^(person:\d+|device:[0-9a-f-]{36})$/);
      expect(person).toMatch(/^person:\d+$/);
    });
    expect(withTruth.stderr).toMatch(/identity: \d+ households sharing a device/);
  }, 60_000);

  it('rejects a bad argument with a message naming it', async () => {
    await expect(cli('--users', 'many')).rejects.toMatchObject({
      stderr: expect.stringContaining('--users'),
    });
  }, 30_000);

  it('sends the same events to --api as it writes as NDJSON, and says how many', async () => {
    const received: string[] = [];
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const { batch } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { batch: unknown[] };
        received.push(...batch.map((event) => JSON.stringify(event)));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const args = ['--users', '40', '--seed', '3', '--days', '7'];
      const sent = await cli(...args, '--api', url, '--write-key', 'wk');
      const ndjson = await cli(...args, '--quiet');
      expect(sent.stdout).toBe('');
      expect(`${received.join('\n')}\n`).toBe(ndjson.stdout);
      expect(sent.stderr).toContain(
        `sent: ${received.length} events in ${Math.ceil(received.length / 100)} requests`,
      );
    } finally {
      server.close();
    }
  }, 60_000);

  it('wants --write-key with --api, and an http URL', async () => {
    await expect(cli('--api', 'http://127.0.0.1:1')).rejects.toMatchObject({
      stderr: expect.stringContaining('--api needs --write-key'),
    });
    await expect(cli('--api', 'ftp://x', '--write-key', 'k')).rejects.toMatchObject({
      stderr: expect.stringContaining('--api'),
    });
  }, 30_000);
});
