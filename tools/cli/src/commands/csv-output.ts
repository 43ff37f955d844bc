import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BusError, ENVELOPE_MAX_BYTES } from '@cdp/shared/util-messaging';
import cliProgress from 'cli-progress';

/** Where a command's CSV goes: written in pieces as they come, with the stream's backpressure. */
export interface CsvOutput {
  write(text: string): Promise<void>;
  /** Everything is written: the file takes its name. */
  close(): Promise<void>;
  /** Something failed: no file is left behind that looks complete. */
  abort(): Promise<void>;
}

/**
 * `-` is stdout; a path is written as `<path>.partial` and renamed when complete, so a failed run
 * never leaves a truncated file under the name asked for.
 */
export function openCsvOutput(target: string): CsvOutput {
  if (target === '-') {
    return {
      write: (text) => written(process.stdout, text),
      close: async () => undefined,
      abort: async () => undefined,
    };
  }
  const partial = `${target}.partial`;
  const stream = createWriteStream(partial);
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  const end = async () => {
    stream.end();
    await Promise.race([once(stream, 'finish'), failed]);
  };
  return {
    write: (text) => Promise.race([written(stream, text), failed]),
    async close() {
      await end();
      renameSync(partial, target);
    },
    async abort() {
      await end().catch(() => undefined);
      rmSync(partial, { force: true });
    },
  };
}

async function written(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Rows (or profiles) per request when `--chunk` is not given: as many as one reply carries with
 * room to spare (a value is a few bytes of JSON, a long decimal ~20), at most `max`.
 */
export function defaultChunk(columns: number, max: number): number {
  return Math.max(1, Math.min(max, Math.floor(ENVELOPE_MAX_BYTES / (120 + 12 * columns))));
}

/** `--chunk`: a whole number from 1 to `max`, or undefined (the default). */
export function parseChunk(value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new Error(`--chunk must be a whole number from 1 to ${max}, not "${value}"`);
  }
  return n;
}

/** `--names a,b`: the names, or undefined for all. */
export function parseNames(value: string | undefined): string[] | undefined {
  const names = value
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return names?.length ? names : undefined;
}

/** A service that does not answer is said so, not a bare NO_RESPONDERS. */
export function explainUnanswered(error: unknown, service: string): unknown {
  if (error instanceof BusError && (error.code === 'NO_RESPONDERS' || error.code === 'TIMEOUT')) {
    return new Error(
      `the ${service} service does not answer (${error.message}); is the platform running (npm start)?`,
    );
  }
  return error;
}

export interface StreamProgress {
  /** `done` items so far; `fraction` of the input read, when there is a known end. */
  update(done: number, fraction?: number): void;
  stop(): void;
}

/**
 * Progress on stderr: a bar on a terminal when the end is known (the input's bytes), a counter
 * otherwise; off a terminal (logs, CI), a line every few seconds and one at the end.
 */
export function streamProgress(tty: boolean, what: string, unit: string, withEnd: boolean): StreamProgress {
  if (tty && withEnd) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${what} [{bar}] {percentage}% | {done} ${unit}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1_000, 0, { done: 0 });
    return {
      update: (done, fraction = 0) => bar.update(Math.round(fraction * 1_000), { done }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  let latest = 0;
  return {
    update(done, fraction) {
      latest = done;
      const now = Date.now();
      if (tty) {
        process.stderr.write(`\r${what}: ${done} ${unit}`);
        return;
      }
      if (now - last < 2_000) return;
      last = now;
      const pct = fraction === undefined ? '' : ` (${Math.round(fraction * 100)}% of the input)`;
      process.stderr.write(`${what}: ${done} ${unit}${pct}\n`);
    },
    stop() {
      process.stderr.write(tty ? '\n' : `${what}: ${latest} ${unit}\n`);
    },
  };
}
