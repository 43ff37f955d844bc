import { parse, CsvError } from 'csv-parse';
import {
  csvRow,
  REPLY_TOO_LARGE,
  trainingRowSchema,
  type FeaturesTrainingSetRequest,
  type FeaturesTrainingSetResponse,
  type TrainingRow,
} from '@cdp/feature-store/contracts';
import { identifierRefSchema } from '@cdp/identity/contracts';
import { isProfileId } from './features.js';

/** A row of a training-set input file, checked: the profile is still an id or an identifier. */
export interface TrainingInputRow {
  /** 1-based line of the file the row starts on (the header is line 1). */
  line: number;
  /** A profile id (lower case) or a `<type>:<value>` identifier to look up. */
  profile: string;
  /** ISO 8601 with an offset, as written in the file. */
  at: string;
  /** As written; an empty cell is null. */
  label: string | null;
}

/** Bad input: says which line and what was wrong. */
export class TrainingInputError extends Error {
  override name = 'TrainingInputError';
}

const COLUMNS = ['profile', 'timestamp', 'label'] as const;

/**
 * The rows of a training-set CSV (header `profile,timestamp,label`, any order, other columns
 * ignored), parsed as the stream comes and checked one by one: the first bad row throws a
 * TrainingInputError naming its line. `onBytes` gets the bytes parsed so far.
 */
export async function* readTrainingRows(
  input: NodeJS.ReadableStream,
  name: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<TrainingInputRow> {
  const parser = input.pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
  ) as AsyncIterable<{ record: string[]; info: { lines: number; bytes: number; empty_lines: number } }>;
  let index: Record<(typeof COLUMNS)[number], number> | undefined;
  let width = 0;
  // A record's info gives the line it ends on: it starts after the previous one and the empty lines
  // between (csv-parse counts a CRLF inside a quoted field as two lines: later rows are one off).
  let previousEnd = 0;
  let previousEmpty = 0;
  try {
    for await (const { record, info } of parser) {
      const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
      previousEnd = info.lines;
      previousEmpty = info.empty_lines;
      onBytes?.(info.bytes);
      if (!index) {
        const header = record.map((h) => h.trim().toLowerCase());
        const missing = COLUMNS.filter((c) => !header.includes(c));
        if (missing.length > 0) {
          throw new TrainingInputError(
            `${name} line ${line}: the header has no ${missing.map((c) => `"${c}"`).join(', ')} column ` +
              `(expected profile,timestamp,label; found ${record.join(',')})`,
          );
        }
        index = {
          profile: header.indexOf('profile'),
          timestamp: header.indexOf('timestamp'),
          label: header.indexOf('label'),
        };
        width = record.length;
        continue;
      }
      if (record.length !== width) {
        throw new TrainingInputError(
          `${name} line ${line}: ${record.length} fields where the header has ${width}`,
        );
      }
      yield checkRow(
        line,
        record[index.profile] ?? '',
        record[index.timestamp] ?? '',
        record[index.label] ?? '',
        name,
      );
    }
  } catch (error) {
    if (error instanceof CsvError) throw new TrainingInputError(`${name} is not valid CSV: ${error.message}`);
    throw error;
  }
  if (!index) throw new TrainingInputError(`${name} is empty: expected a header profile,timestamp,label`);
}

function checkRow(
  line: number,
  profile: string,
  timestamp: string,
  label: string,
  name: string,
): TrainingInputRow {
  const at = timestamp.trim();
  const ref = profile.trim();
  const where = `${name} line ${line}`;
  if (ref === '') throw new TrainingInputError(`${where}: no profile`);
  if (!isProfileId(ref) && !(ref.includes(':') && identifierRefSchema.safeParse(ref).success)) {
    throw new TrainingInputError(
      `${where}: profile "${ref}" is neither a profile id (a UUID) nor an identifier <type>:<value>`,
    );
  }
  if (at === '') throw new TrainingInputError(`${where}: no timestamp`);
  if (!trainingRowSchema.shape.at.safeParse(at).success || !isCalendarDate(at)) {
    throw new TrainingInputError(
      `${where}: timestamp "${at}" is not an ISO 8601 time with an offset (e.g. 2024-05-01T12:00:00Z)`,
    );
  }
  return {
    line,
    profile: isProfileId(ref) ? ref.toLowerCase() : ref,
    at,
    label: label === '' ? null : label,
  };
}

/** `2024-02-30T…` has the shape of a time but is no day (Date.parse would roll it over to March). */
function isCalendarDate(at: string): boolean {
  const [y, m, d] = at.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export interface TrainingSetOptions {
  rows: AsyncIterable<TrainingInputRow>;
  /** Writes a piece of the output CSV (resolves when it may take more). */
  write(text: string): Promise<void>;
  /** One FEATURES_TRAINING_SET request. */
  send(request: FeaturesTrainingSetRequest): Promise<FeaturesTrainingSetResponse>;
  /** The profile id of a `<type>:<value>` identifier, or null when no profile has it. */
  resolve?(identifier: string): Promise<string | null>;
  names?: string[];
  /** The input's name, for errors. */
  file: string;
  /** Rows per request. */
  chunk: number;
  onProgress?(rows: number): void;
}

export interface TrainingSetSummary {
  rows: number;
  names: string[];
}

/** Identifier look-ups in flight at once. */
const LOOKUPS = 8;

/**
 * Streams a training set: reads `chunk` rows, asks for their features, writes their CSV lines
 * (`profile_id,timestamp,label,<feature...>`), and only then reads on, so memory holds one chunk
 * whatever the file's size. A chunk whose reply would not fit in one bus message is split and
 * the chunks after it are sent smaller.
 */
export async function writeTrainingSet(options: TrainingSetOptions): Promise<TrainingSetSummary> {
  let chunk = options.chunk;
  let names: string[] | undefined;
  let done = 0;
  let pending: TrainingInputRow[] = [];

  const request = async (rows: TrainingRow[]): Promise<FeaturesTrainingSetResponse> => {
    try {
      return await options.send({ rows, ...(options.names ? { names: options.names } : {}) });
    } catch (error) {
      const details = (error as { details?: { reason?: unknown; maxRows?: unknown } } | null)?.details;
      if (details?.reason !== REPLY_TOO_LARGE || rows.length === 1) throw error;
      // The service says how many rows would have fitted; a margin, as values differ from row to row.
      const maxRows = typeof details.maxRows === 'number' ? Math.floor(details.maxRows * 0.9) : 0;
      chunk = Math.max(1, Math.min(rows.length - 1, maxRows || Math.floor(rows.length / 2)));
      const parts: FeaturesTrainingSetResponse[] = [];
      for (let i = 0; i < rows.length;) {
        const part = rows.slice(i, i + chunk);
        i += part.length;
        parts.push(await request(part));
      }
      return { ...(parts[0] as FeaturesTrainingSetResponse), rows: parts.flatMap((p) => p.rows) };
    }
  };

  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const ids = await resolveProfiles(batch, options.file, options.resolve);
    const reply = await request(
      batch.map((row, i) => ({ profileId: ids[i] as string, at: row.at, label: row.label })),
    );
    if (!names) {
      names = reply.names;
      await options.write(csvRow(['profile_id', 'timestamp', 'label', ...names]));
    }
    let text = '';
    for (const row of reply.rows) text += csvRow([row.profileId, row.at, row.label, ...row.values]);
    await options.write(text);
    done += batch.length;
    options.onProgress?.(done);
  };

  for await (const row of options.rows) {
    pending.push(row);
    if (pending.length >= chunk) await flush();
  }
  await flush();
  if (!names) throw new TrainingInputError(`${options.file} has a header but no rows`);
  return { rows: done, names };
}

/** The profile id of each row: ids as they are, identifiers looked up (each distinct one once). */
async function resolveProfiles(
  rows: readonly TrainingInputRow[],
  file: string,
  resolve: TrainingSetOptions['resolve'],
): Promise<string[]> {
  const identifiers = [...new Set(rows.filter((r) => !isProfileId(r.profile)).map((r) => r.profile))];
  const found = new Map<string, string | null>();
  if (identifiers.length > 0) {
    if (!resolve) throw new TrainingInputError('identifiers need a way to look profiles up');
    for (let i = 0; i < identifiers.length; i += LOOKUPS) {
      const slice = identifiers.slice(i, i + LOOKUPS);
      const ids = await Promise.all(slice.map((identifier) => resolve(identifier)));
      slice.forEach((identifier, j) => found.set(identifier, ids[j] ?? null));
    }
  }
  return rows.map((row) => {
    if (isProfileId(row.profile)) return row.profile;
    const id = found.get(row.profile);
    if (!id)
      throw new TrainingInputError(`${file} line ${row.line}: no profile has the identifier ${row.profile}`);
    return id;
  });
}
