import { createHash } from 'node:crypto';
import { SEGMENT_CALL_TYPES, type NormalizedEvent, type SegmentCallType } from '@cdp/ingestion/contracts';
import { normalizeRequest } from './normalize-request.js';

/** A problem with one imported row; `field` is a column name or a path inside the row's call. */
export interface RowError {
  field: string;
  message: string;
}

export type RowResult = { ok: true; call: Record<string, unknown> } | { ok: false; errors: RowError[] };

export type CallValidation = { ok: true; event: NormalizedEvent } | { ok: false; errors: RowError[] };

export interface ProfileImportOptions {
  /** The column holding the user id; by default the first of `userId`, `user_id`, `User ID`, then `id`. */
  idColumn?: string;
  /** Columns whose comma-separated values become arrays; by default those named like interests, tags, categories or segments. */
  listColumns?: string[];
}

const ID_COLUMNS = ['userid', 'id'];
const LIST_COLUMN = /interests|tags|categories|segments/i;
/** A plain decimal: no exponent, no leading `+`, no leading zeros (`02134` is a zip code, not 2134). */
const PLAIN_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const HASH_HEX_CHARS = 32;

/**
 * The trait name for a column header: camelCase of its words, parenthesised parts folded in and
 * punctuation dropped (`Time Spent Online (hrs/weekday)` → `timeSpentOnlineHrsWeekday`). Headers
 * already in camelCase keep their word breaks (`userId` → `userId`).
 */
export function traitKey(header: string): string {
  const words = header
    .replace(/['’]/g, '') // `User's` is one word, not two
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((token) => token.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
  return words.map((word, i) => (i === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1))).join('');
}

/**
 * One row of a profile file (CSV: every value a string; NDJSON: any JSON) as an identify call.
 * The messageId comes from the row's content, so importing a file twice stores each row once.
 */
export function profileRecordToIdentify(
  record: Record<string, unknown>,
  options: ProfileImportOptions = {},
): RowResult {
  const headers = Object.keys(record);
  const idColumn = options.idColumn ?? findIdColumn(headers);
  if (idColumn === undefined) {
    return failure(
      'userId',
      'no user id column: name one userId, user_id, User ID or id, or choose it with idColumn',
    );
  }
  if (!Object.hasOwn(record, idColumn)) return failure(idColumn, `the row has no column "${idColumn}"`);
  const userId = idValue(record[idColumn]);
  if (!userId.ok) return failure(idColumn, userId.message);

  const isList = listColumnTest(options.listColumns);
  const traits: Record<string, unknown> = {};
  const columnOf = new Map<string, string>();
  const errors: RowError[] = [];
  for (const header of headers) {
    if (header === idColumn) continue;
    const value = cellValue(record[header], isList(header));
    if (value === undefined) continue;
    const key = traitKey(header);
    if (key === '') {
      errors.push({ field: header, message: 'the column name has no letters or digits to name a trait' });
      continue;
    }
    const other = columnOf.get(key);
    if (other !== undefined) {
      errors.push({ field: header, message: `columns "${other}" and "${header}" both make trait ${key}` });
      continue;
    }
    columnOf.set(key, header);
    setOwn(traits, key, value);
  }
  if (errors.length > 0) return { ok: false, errors };

  const messageId = `import-profile-${contentHash([userId.value, traits])}`;
  return { ok: true, call: { type: 'identify', userId: userId.value, traits, messageId } };
}

/**
 * One row of an event file as a Segment call. NDJSON lines are calls already; CSV rows use the
 * columns `type, userId, anonymousId, event, name, timestamp, messageId`, and dotted columns
 * (`properties.plan`, `context.page.url`) for nested fields, where plain numbers become numbers.
 * A row without a messageId gets one from its content, so re-importing it is idempotent.
 */
export function eventRecordToCall(record: Record<string, unknown>): RowResult {
  const call: Record<string, unknown> = {};
  const errors: RowError[] = [];
  for (const [column, raw] of Object.entries(record)) {
    const path = column.split('.').map((part) => part.trim());
    if (path.some((part) => part === '')) {
      errors.push({ field: column, message: 'a column name has an empty part between its dots' });
      continue;
    }
    // Top-level fields are ids, names and dates: only trimmed. Nested values are typed like traits.
    const value = path.length === 1 ? topLevelValue(raw) : cellValue(raw, false);
    if (value === undefined) continue;
    const conflict = setPath(call, path, value);
    if (conflict !== undefined) errors.push({ field: column, message: `conflicts with column ${conflict}` });
  }

  const type = call['type'];
  if (type === undefined) {
    errors.push({ field: 'type', message: `type is required: one of ${SEGMENT_CALL_TYPES.join(', ')}` });
  } else if (!isCallType(type)) {
    errors.push({ field: 'type', message: `type must be one of ${SEGMENT_CALL_TYPES.join(', ')}` });
  }
  if (errors.length > 0) return { ok: false, errors };

  if (call['messageId'] == null || call['messageId'] === '') {
    call['messageId'] = `import-event-${contentHash(call)}`;
  }
  return { ok: true, call };
}

/**
 * Runs a row's call through the tracking API's rules, as if it had been sent to
 * `POST /v1/<type>` at `receivedAt`. Error fields are relative to the row (`$` is the whole row).
 */
export function validateCall(call: Record<string, unknown>, receivedAt: Date): CallValidation {
  const type = call['type'];
  // Checked here too: `batch` or `import` would make normalizeRequest read the row as a batch.
  if (!isCallType(type)) {
    return failure('type', `type must be one of ${SEGMENT_CALL_TYPES.join(', ')}`);
  }
  const result = normalizeRequest(type, call, { receivedAt });
  if (!result.ok)
    return { ok: false, errors: result.errors.map(({ field, message }) => ({ field, message })) };
  const [event] = result.events;
  return event ? { ok: true, event } : failure('$', 'the row made no event');
}

function findIdColumn(headers: string[]): string | undefined {
  const squashed = headers.map((header) => header.toLowerCase().replace(/[\s_]+/g, ''));
  // `userId` beats `id`: a file with both most likely has a row id and a user id.
  for (const wanted of ID_COLUMNS) {
    const index = squashed.indexOf(wanted);
    if (index >= 0) return headers[index];
  }
  return undefined;
}

function idValue(raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { ok: true, value: String(raw) };
  if (typeof raw === 'string' && raw.trim() !== '') return { ok: true, value: raw.trim() };
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    return { ok: false, message: 'the user id is missing' };
  }
  return { ok: false, message: 'the user id must be a string or a number' };
}

function listColumnTest(listColumns: string[] | undefined): (header: string) => boolean {
  if (listColumns === undefined) return (header) => LIST_COLUMN.test(header);
  const keys = new Set(listColumns.map(traitKey));
  return (header) => listColumns.includes(header) || keys.has(traitKey(header));
}

/**
 * A cell as a trait or property value: strings trimmed (empty means absent), plain numbers typed,
 * list cells split on commas. Values NDJSON already typed are kept as they are.
 */
function cellValue(raw: unknown, isList: boolean): unknown {
  if (typeof raw !== 'string') return raw;
  const value = raw.trim();
  if (value === '') return undefined;
  if (isList) {
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
  return parsePlainNumber(value) ?? value;
}

function topLevelValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const value = raw.trim();
  return value === '' ? undefined : value;
}

/** `25`, `0.193`, `-1.5` → numbers; anything else (ranges, `1e5`, `02134`, huge ids) stays text. */
function parsePlainNumber(value: string): number | undefined {
  const match = PLAIN_NUMBER.exec(value);
  if (!match) return undefined;
  // An integer part past 2^53 would lose digits: it is an identifier, not a quantity.
  if (!Number.isSafeInteger(Number(match[1]))) return undefined;
  return Number(value);
}

/** Sets `path` in `target`, creating objects on the way; returns the column it clashes with, if any. */
function setPath(target: Record<string, unknown>, path: string[], value: unknown): string | undefined {
  let node = target;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i] as string;
    const next = Object.hasOwn(node, key) ? node[key] : undefined;
    if (next === undefined) {
      const child: Record<string, unknown> = {};
      setOwn(node, key, child);
      node = child;
    } else if (isPlainObject(next)) {
      node = next;
    } else {
      return path.slice(0, i + 1).join('.');
    }
  }
  const leaf = path[path.length - 1] as string;
  if (Object.hasOwn(node, leaf)) {
    const existing = node[leaf];
    // `properties` as a JSON object and `properties.plan` as a column: merge, the column wins.
    if (isPlainObject(existing) && isPlainObject(value)) {
      setOwn(node, leaf, { ...existing, ...value });
      return undefined;
    }
    return path.join('.');
  }
  setOwn(node, leaf, value);
  return undefined;
}

/** An own property even for `__proto__`, so a column name can never reach a prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Key order does not matter: the same content, however its columns are ordered, hashes the same. */
function contentHash(value: unknown): string {
  return createHash('sha256').update(stableJson(value)).digest('hex').slice(0, HASH_HEX_CHARS);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => value[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function isCallType(value: unknown): value is SegmentCallType {
  return typeof value === 'string' && (SEGMENT_CALL_TYPES as readonly string[]).includes(value);
}

function failure(field: string, message: string): { ok: false; errors: RowError[] } {
  return { ok: false, errors: [{ field, message }] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
