import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { generateUsers } from './generate.js';
import { NdjsonSink } from './sink.js';
import { RunStats } from './stats.js';

function wholeNumber(min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`a whole number ≥ ${min}`);
    return n;
  };
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}(T.*)?$/.test(value) || !Number.isFinite(Date.parse(value))) {
    throw new InvalidArgumentError('a date like 2026-10-01 (UTC) or an ISO timestamp');
  }
  return value.length === 10 ? `${value}T00:00:00.000Z` : value;
}

interface Options {
  users: number;
  seed: string;
  days: number;
  start: string;
  out?: string;
  quiet?: boolean;
}

const program = new Command()
  .name('datagen')
  .description('Seeded, reproducible Segment-spec behaviour events as NDJSON (stdout unless --out).')
  .option('--users <n>', 'number of users', wholeNumber(0), 1000)
  .option('--seed <seed>', 'seed: the same seed and options give byte-identical output', '42')
  .option('--days <n>', 'length of the window in days', wholeNumber(1), 30)
  .option('--start <date>', 'start of the window (UTC)', isoDate, '2026-10-01T00:00:00.000Z')
  .option('--out <file>', 'write to this file instead of stdout')
  .option('--quiet', 'no progress line and no summary on stderr')
  .action(async (options: Options) => {
    const out = options.out ? createWriteStream(options.out) : process.stdout;
    // `datagen ... | head` closes the pipe early: stop quietly.
    out.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      process.stderr.write(`datagen: ${error.message}\n`);
      process.exit(1);
    });
    const sink = new NdjsonSink(out);
    const stats = new RunStats();
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let lastReport = started;
    const progress = (): void => {
      const seconds = (performance.now() - started) / 1000;
      const line = `users ${stats.users}/${options.users}, ${stats.events} events, ${Math.round(stats.events / seconds)} events/s`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    };
    for (const user of generateUsers({ ...options, seed: options.seed })) {
      for (const event of user.events()) {
        stats.add(event);
        const pending = sink.write(event);
        if (pending) await pending;
      }
      stats.endUser();
      if (!options.quiet && (stats.users & 255) === 0 && performance.now() - lastReport > 2_000) {
        lastReport = performance.now();
        progress();
      }
    }
    await sink.close();
    if (options.out) {
      out.end();
      await finished(out);
    }
    if (!options.quiet) {
      if (tty && lastReport !== started) process.stderr.write('\n');
      process.stderr.write(stats.summary((performance.now() - started) / 1000));
    }
  });

await program.parseAsync(process.argv);
