import type { FeatureType } from './feature-columns.schemas.js';
import type { FeaturesExportRequest, FeaturesExportResponse } from './features-export.schemas.js';

/**
 * A page of the feature matrix as typed arrays, ready for training code: each number feature is a
 * Float64Array (null → NaN, as the ML libraries read a missing value) and each category feature an
 * array of strings, both aligned with `profileIds`.
 */
export interface MatrixChunk {
  profileIds: string[];
  names: string[];
  types: FeatureType[];
  numeric: Map<string, Float64Array>;
  categorical: Map<string, Array<string | null>>;
}

/** A FEATURES_EXPORT reply as a MatrixChunk; throws when a column does not hold what its type says. */
export function toMatrixChunk(reply: FeaturesExportResponse): MatrixChunk {
  const numeric = new Map<string, Float64Array>();
  const categorical = new Map<string, Array<string | null>>();
  const count = reply.profileIds.length;
  reply.names.forEach((name, i) => {
    const column: ReadonlyArray<number | string | null> = reply.columns[i] ?? [];
    if (column.length !== count) {
      throw new Error(`column ${name} has ${column.length} values for ${count} profiles`);
    }
    if (reply.types[i] === 'number') {
      const values = new Float64Array(count);
      for (let row = 0; row < count; row++) {
        const value = column[row];
        if (typeof value === 'string') throw new Error(`number column ${name} holds the string ${value}`);
        values[row] = value ?? NaN;
      }
      numeric.set(name, values);
    } else {
      categorical.set(
        name,
        column.map((value) => (value === null ? null : String(value))),
      );
    }
  });
  return {
    profileIds: [...reply.profileIds],
    names: [...reply.names],
    types: [...reply.types],
    numeric,
    categorical,
  };
}

export interface ExportMatrixOptions {
  /** Feature names (default: the whole catalog). */
  names?: string[];
  /** Read as of this time (ISO 8601 with offset) instead of the online values. */
  asOf?: string;
  /** Profiles per request (the service may send fewer). */
  limit?: number;
  /** Start after this profile id (resume an export). */
  after?: string;
}

/**
 * Pages through FEATURES_EXPORT with `send` (the caller's bus request, so this lib needs no bus)
 * until `next` is null, yielding one MatrixChunk per page: only a page is in memory at a time.
 * An empty store yields one empty chunk, so the caller still learns the names and types.
 */
export async function* exportMatrix(
  send: (request: FeaturesExportRequest) => Promise<FeaturesExportResponse>,
  options: ExportMatrixOptions = {},
): AsyncGenerator<MatrixChunk> {
  let after = options.after;
  let yielded = false;
  for (;;) {
    const reply = await send({
      ...(after !== undefined ? { after } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.names !== undefined ? { names: options.names } : {}),
      ...(options.asOf !== undefined ? { asOf: options.asOf } : {}),
    });
    if (reply.profileIds.length > 0 || (!yielded && reply.next === null)) {
      yield toMatrixChunk(reply);
      yielded = true;
    }
    if (reply.next === null) return;
    // A cursor that does not move would page forever.
    if (reply.next === after || reply.profileIds.length === 0) {
      throw new Error(`the export did not advance past ${after ?? 'the start'}`);
    }
    after = reply.next;
  }
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV cell (RFC 4180): null, undefined and NaN are an empty cell; numbers are written in full
 * (the shortest text that reads back as the same double); a string is quoted when it holds a
 * comma, a quote or a line break, and the empty string is `""`, so it stays apart from null.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (value === '') return '""';
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line, ending with `\n`. */
export function csvRow(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(',')}\n`;
}

/** The CSV lines of a chunk, one per profile: `profile_id,<feature...>` in the chunk's name order. */
export function matrixChunkCsv(chunk: MatrixChunk): string {
  const columns: Array<ArrayLike<number | string | null>> = chunk.names.map(
    (name) => chunk.numeric.get(name) ?? chunk.categorical.get(name) ?? [],
  );
  let text = '';
  for (let row = 0; row < chunk.profileIds.length; row++) {
    text += csvRow([chunk.profileIds[row], ...columns.map((column) => column[row])]);
  }
  return text;
}
