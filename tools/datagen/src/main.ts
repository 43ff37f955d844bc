import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError } from 'commander';
import { generateHouseholds } from './generate.js';
import { ApiSink, ApiSinkError, NdjsonSink, TruthSink, type EventSink } from './sink.js';
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

function httpUrl(value: string): string {
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError('an http:// or https:// URL, e.g. http://127.0.0.1:3001');
}

interface Options {
  users: number;
  seed: string;
  days: number;
  start: string;
  out?: string;
  api?: string;
  writeKey?: string;
  truth?: string;
  quiet?: boolean;
}

const program = new Command()
  .name('datagen')
  .description(
    'Seeded, reproducible Segment-spec behaviour events: NDJSON on stdout (or --out), or sent to the ' +
      'ingestion service with --api <baseUrl> --write-key <key>.',
  )
  .option('--users <n>', 'number of users', wholeNumber(0), 1000)
  .option('--seed <seed>', 'seed: the same seed and options give byte-identical output', '42')
  .option('--days <n>', 'length of the window in days', wholeNumber(1), 30)
  .option('--start <date>', 'start of the window (UTC)', isoDate, '2026-10-01T00:00:00.000Z')
  .option('--out <file>', 'write to this file instead of stdout')
  .option(
    '--api <baseUrl>',
    "send the events to the ingestion service's tracking API instead (POST <baseUrl>/v1/batch, " +
      '100 events a request, each awaited; 429/503 retried after Retry-After, network errors and ' +
      '5xx with backoff; any other 4xx stops with the server message). Needs --write-key',
    httpUrl,
  )
  .option('--write-key <key>', "the source's write key for --api (sent as HTTP Basic)")
  .option(
    '--truth <file>',
    'also write the ground truth of identity resolution to this file: one line per event, ' +
      '"messageId<TAB>truth<TAB>person" (truth: person:<i> or device:<anonymousId>, the profile a ' +
      'correct resolution puts the event in; person: who really sent it). The events are the same ' +
      'with or without it',
  )
  .option('--quiet', 'no progress line and no summary on stderr')
  .action(async (options: Options) => {
    if (options.api && options.out) program.error('error: use --api or --out, not both');
    if (options.api && !options.writeKey) program.error('error: --api needs --write-key <key>');
    if (options.writeKey && !options.api) program.error('error: --write-key goes with --api <baseUrl>');
    const out = options.api ? undefined : options.out ? createWriteStream(options.out) : process.stdout;
    // `datagen ... | head` closes the pipe early: stop quietly.
    out?.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(0);
      process.stderr.write(`datagen: ${error.message}\n`);
      process.exit(1);
    });
    const api =
      options.api && options.writeKey
        ? new ApiSink({
            baseUrl: options.api,
            writeKey: options.writeKey,
            onRetry: ({ attempt, delayMs, reason }) => {
              if (!options.quiet) {
                process.stderr.write(`retry ${attempt} in ${(delayMs / 1000).toFixed(1)} s: ${reason}\n`);
              }
            },
          })
        : undefined;
    const sink: EventSink = api ?? new NdjsonSink(out ?? process.stdout);
    const truthOut = options.truth ? createWriteStream(options.truth) : undefined;
    truthOut?.on('error', (error) => {
      process.stderr.write(`datagen: ${options.truth}: ${error.message}\n`);
      process.exit(1);
    });
    const truth = truthOut ? new TruthSink(truthOut) : undefined;
    const stats = new RunStats();
    const started = performance.now();
    const tty = process.stderr.isTTY;
    let lastReport = started;
    const progress = (): void => {
      const seconds = (performance.now() - started) / 1000;
      const line = `users ${stats.users}/${options.users}, ${stats.events} events, ${Math.round(stats.events / seconds)} events/s`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    };
    try {
      for (const household of generateHouseholds({ ...options, seed: options.seed })) {
        // Labelled either way, so the events are the same with or without --truth.
        for (const labelled of household.labelledEvents()) {
          stats.add(labelled.event, labelled.person);
          const pending = sink.write(labelled.event);
          if (pending) await pending;
          const written = truth?.write(labelled);
          if (written) await written;
        }
        stats.endHousehold(household.members.length, household.sharesADevice);
        // Sending is slower than writing, so the API gets a progress line every few users.
        const every = api ? 15 : 255;
        if (!options.quiet && (stats.users & every) === 0 && performance.now() - lastReport > 2_000) {
          lastReport = performance.now();
          progress();
        }
      }
      await sink.close();
      await truth?.close();
    } catch (error) {
      if (!(error instanceof ApiSinkError)) throw error;
      if (tty && lastReport !== started) process.stderr.write('\n');
      const done = api ? ` (${api.sent.events} events were accepted before)` : '';
      process.stderr.write(`datagen: ${error.message}${done}\n`);
      process.exitCode = 1;
      return;
    }
    if (options.out && out) {
      out.end();
      await finished(out);
    }
    if (truthOut) {
      truthOut.end();
      await finished(truthOut);
    }
    if (!options.quiet) {
      if (tty && lastReport !== started) process.stderr.write('\n');
      process.stderr.write(stats.summary((performance.now() - started) / 1000));
      if (api) {
        process.stderr.write(
          `sent: ${api.sent.events} events in ${api.sent.requests} requests to ${options.api}, ${api.sent.retries} retries\n`,
        );
      }
    }
  });

await program.parseAsync(process.argv);
