import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { ENVELOPE_MAX_BYTES } from '@cdp/shared/util-messaging';
import {
  eventRecordToCall,
  profileRecordToIdentify,
  validateCall,
  type NormalizedEvent,
  type RowError,
  type RowResult,
} from '@cdp/ingestion/domain';

export type ImportKind = 'events' | 'profiles';
export type ImportFormat = 'csv' | 'ndjson';

export interface ImportOptions {
  file: string;
  kind: ImportKind;
  /** Default: from the file's extension (.csv, else NDJSON). */
  format?: ImportFormat;
  /** Profiles: the column holding the user id (default: userId / user_id / User ID / id). */
  idColumn?: string;
  /** Profiles: columns whose values are comma-separated lists (default: interests, tags, categories, segments). */
  listColumns?: string[];
  /** Events per envelope; the tracking API's batch limit is 2,500. */
  chunkSize?: number;
  /**
   * Stores one slice of good rows; resolves once it is durably kept, with `true` when the bus
   * already had that very slice (the same file imported again inside its dedup window).
   */
  publish(events: NormalizedEvent[]): Promise<boolean | void>;
  onProgress?(progress: ImportProgress): void;
}

export interface ImportProgress {
  bytesRead: number;
  bytesTotal: number;
  rows: number;
  imported: number;
  /** Of the imported rows, those the bus already had: nothing new was stored for them. */
  duplicates: number;
  rejected: number;
}

export interface RejectedRow {
  /** 1-based line of the file where the row starts (the CSV header is line 1). */
  line: number;
  errors: RowError[];
}

export interface ImportReport extends ImportProgress {
  file: string;
  kind: ImportKind;
  format: ImportFormat;
  rejectedRows: RejectedRow[];
}

const DEFAULT_CHUNK = 500;

/**
 * Streams a CSV or NDJSON file row by row (never whole into memory), maps each row to a Segment
 * call, validates it with the tracking API's rules and publishes good rows in slices. A bad row is
 * reported with its line number and skipped; the rest is kept. Reading waits while a slice is
 * being published, so a slow bus slows the read rather than filling memory.
 */
export async function runImport(options: ImportOptions): Promise<ImportReport> {
  const format = options.format ?? (extname(options.file).toLowerCase() === '.csv' ? 'csv' : 'ndjson');
  const chunkSize = Math.min(Math.max(options.chunkSize ?? DEFAULT_CHUNK, 1), 2_500);
  const bytesTotal = statSync(options.file).size;
  const input = createReadStream(options.file);
  const report: ImportReport = {
    file: options.file,
    kind: options.kind,
    format,
    bytesRead: 0,
    bytesTotal,
    rows: 0,
    imported: 0,
    duplicates: 0,
    rejected: 0,
    rejectedRows: [],
  };
  input.on('data', (chunk) => {
    report.bytesRead += chunk.length;
  });
  const toCall = (record: Record<string, unknown>): RowResult =>
    options.kind === 'profiles'
      ? profileRecordToIdentify(record, { idColumn: options.idColumn, listColumns: options.listColumns })
      : eventRecordToCall(record);

  let pending: NormalizedEvent[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const slice = pending;
    pending = [];
    pendingBytes = 0;
    if ((await options.publish(slice)) === true) report.duplicates += slice.length;
    report.imported += slice.length;
    options.onProgress?.(progressOf(report));
  };
  const reject = (line: number, errors: RowError[]): void => {
    report.rejected += 1;
    report.rejectedRows.push({ line, errors });
  };

  for await (const { line, record, error } of format === 'csv' ? csvRows(input) : ndjsonRows(input)) {
    report.rows += 1;
    if (error) {
      reject(line, [{ field: '$', message: error }]);
      continue;
    }
    const mapped = toCall(record);
    if (!mapped.ok) {
      reject(line, mapped.errors);
      continue;
    }
    const checked = validateCall(mapped.call, new Date());
    if (!checked.ok) {
      reject(line, checked.errors);
      continue;
    }
    // A slice is one message on the bus: bounded by size as well as count (events reach 32 KB).
    const bytes = JSON.stringify(checked.event).length;
    if (pending.length > 0 && pendingBytes + bytes > ENVELOPE_MAX_BYTES) await flush();
    pending.push(checked.event);
    pendingBytes += bytes;
    if (pending.length >= chunkSize) await flush();
    else if (report.rows % 1_000 === 0) options.onProgress?.(progressOf(report));
  }
  await flush();
  report.bytesRead = bytesTotal;
  options.onProgress?.(progressOf(report));
  return report;
}

function progressOf(report: ImportReport): ImportProgress {
  const { bytesRead, bytesTotal, rows, imported, duplicates, rejected } = report;
  return { bytesRead, bytesTotal, rows, imported, duplicates, rejected };
}

interface SourceRow {
  line: number;
  record: Record<string, unknown>;
  error?: string;
}

async function* csvRows(input: NodeJS.ReadableStream): AsyncGenerator<SourceRow> {
  const parser = input.pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      skip_empty_lines: true,
      // A row with the wrong number of fields is reported, not fatal.
      relax_column_count: true,
      info: true,
    }),
  );
  // `invalid_field_length` counts bad rows so far: a row is bad when it grows.
  let invalidSoFar = 0;
  let previousEnd = 1;
  for await (const item of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; invalid_field_length: number };
  }>) {
    const { record, info } = item;
    // A quoted field may span lines: report the line the row starts on.
    const line = previousEnd + 1;
    previousEnd = info.lines;
    if (info.invalid_field_length > invalidSoFar) {
      invalidSoFar = info.invalid_field_length;
      yield { line, record, error: 'the row does not have as many fields as the header' };
      continue;
    }
    yield { line, record };
  }
}

async function* ndjsonRows(input: NodeJS.ReadableStream): AsyncGenerator<SourceRow> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield {
        line,
        record: {},
        error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
      };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { line, record: {}, error: 'each line must be a JSON object' };
      continue;
    }
    yield { line, record: value as Record<string, unknown> };
  }
}
