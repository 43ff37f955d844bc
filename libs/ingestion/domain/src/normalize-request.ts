import { randomUUID } from 'node:crypto';
import type { NormalizedEvent, SegmentCallType } from '@cdp/ingestion/contracts';
import type { z } from 'zod';
import { MAX_BATCH_BYTES, MAX_BATCH_EVENTS, MAX_EVENT_BYTES } from './segment.limits.js';
import {
  SEGMENT_CALL_SCHEMAS,
  batchItemTypeSchema,
  batchSchema,
  type SegmentCall,
} from './segment.schemas.js';

/** The route a request came in on: one call, or `batch` (`import` is Segment's alias of it). */
export type RequestKind = SegmentCallType | 'batch' | 'import';

export interface NormalizeOptions {
  /** Server time when the request arrived: every event's `receivedAt`. */
  receivedAt: Date;
  /**
   * The body's size in UTF-8 bytes as it arrived (after any gzip), when the caller has it. The
   * request-wide limit is then checked against it rather than against a re-serialisation, and a
   * body within the event limit holds no event that breaks it, so no event is serialised either.
   */
  bodyBytes?: number;
}

export interface NormalizeError {
  /** The event's position in the batch (0 for a single call); null when the request as a whole is wrong. */
  index: number | null;
  /** JSON path of the wrong field, e.g. `batch[3].userId`; `$` is the whole body (or the whole single event). */
  field: string;
  message: string;
}

export type NormalizeResult =
  { ok: true; events: NormalizedEvent[] } | { ok: false; errors: NormalizeError[] };

/** Fields a batch lends to each of its events; an event's own value wins. */
interface BatchDefaults {
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
  sent?: Instant;
}

type ItemResult =
  { event: NormalizedEvent; errors?: undefined } | { event?: undefined; errors: NormalizeError[] };

const ROOT = '$';

/**
 * Validates a Segment tracking API request and turns it into events ready to publish. All or
 * nothing: one bad event fails the request, with every error of every event listed.
 */
export function normalizeRequest(
  kind: RequestKind,
  body: unknown,
  options: NormalizeOptions,
): NormalizeResult {
  const { bodyBytes } = options;
  const receipt: Instant = { ms: options.receivedAt.getTime(), iso: options.receivedAt.toISOString() };
  if (kind === 'batch' || kind === 'import') return normalizeBatch(body, receipt, bodyBytes);
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ index: 0, field: ROOT, message: 'the body must be a JSON object' }] };
  }
  // A single call's body is its event.
  const result = normalizeItem(kind, body, 0, '', {}, receipt, bodyBytes ?? bytesNear(body, MAX_EVENT_BYTES));
  return result.event ? { ok: true, events: [result.event] } : { ok: false, errors: result.errors };
}

/**
 * The write key sent in the body (analytics.js does this instead of Basic auth): the batch's own,
 * else the first event's. The HTTP layer authenticates with it before normalising.
 */
export function writeKeyFromBody(body: unknown): string | undefined {
  if (!isPlainObject(body)) return undefined;
  if (typeof body['writeKey'] === 'string' && body['writeKey'] !== '') return body['writeKey'];
  const batch = body['batch'];
  if (!Array.isArray(batch)) return undefined;
  for (const item of batch) {
    if (isPlainObject(item) && typeof item['writeKey'] === 'string' && item['writeKey'] !== '') {
      return item['writeKey'];
    }
  }
  return undefined;
}

function normalizeBatch(body: unknown, receipt: Instant, bodyBytes: number | undefined): NormalizeResult {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ index: null, field: ROOT, message: 'the body must be a JSON object' }] };
  }
  const bytes = bodyBytes ?? bytesNear(body, MAX_BATCH_BYTES);
  if (bytes > MAX_BATCH_BYTES) {
    return {
      ok: false,
      errors: [
        { index: null, field: ROOT, message: `batch is ${bytes} bytes; the limit is ${MAX_BATCH_BYTES}` },
      ],
    };
  }
  const parsed = batchSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => toError(null, '', issue)) };
  }
  const { batch, context, integrations, sentAt } = parsed.data;
  if (batch.length > MAX_BATCH_EVENTS) {
    return {
      ok: false,
      errors: [
        {
          index: null,
          field: 'batch',
          message: `batch has ${batch.length} events; the limit is ${MAX_BATCH_EVENTS}`,
        },
      ],
    };
  }

  const defaults: BatchDefaults = {
    context,
    integrations,
    sent: sentAt === undefined ? undefined : instant(sentAt),
  };
  // Events are measured one by one only when the body could hold one over the limit.
  const measured = bodyBytes === undefined || bodyBytes > MAX_EVENT_BYTES;
  const events: NormalizedEvent[] = [];
  const errors: NormalizeError[] = [];
  batch.forEach((item, index) => {
    const prefix = `batch[${index}]`;
    if (!isPlainObject(item)) {
      errors.push({ index, field: prefix, message: 'an event must be a JSON object' });
      return;
    }
    const type = batchItemTypeSchema.safeParse(item['type']);
    if (!type.success) {
      errors.push({
        index,
        field: `${prefix}.type`,
        message: type.error.issues[0]?.message ?? 'invalid type',
      });
      return;
    }
    const bytes = measured ? bytesNear(item, MAX_EVENT_BYTES) : 0;
    const result = normalizeItem(type.data, item, index, prefix, defaults, receipt, bytes);
    if (result.event) events.push(result.event);
    else errors.push(...result.errors);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, events };
}

function normalizeItem(
  type: SegmentCallType,
  raw: Record<string, unknown>,
  index: number,
  prefix: string,
  defaults: BatchDefaults,
  receipt: Instant,
  /** The event's size in bytes (0 when it is known to fit). */
  bytes: number,
): ItemResult {
  const errors: NormalizeError[] = [];
  if (bytes > MAX_EVENT_BYTES) {
    errors.push({
      index,
      field: prefix || ROOT,
      message: `event is ${bytes} bytes; the limit is ${MAX_EVENT_BYTES}`,
    });
  }
  const parsed = SEGMENT_CALL_SCHEMAS[type].safeParse(raw);
  if (!parsed.success) errors.push(...parsed.error.issues.map((issue) => toError(index, prefix, issue)));
  if (errors.length > 0 || !parsed.success) return { errors };
  return { event: buildEvent(type, parsed.data, defaults, receipt) };
}

/** A point in time in the two forms events need: to compute with, and as written out. */
interface Instant {
  ms: number;
  iso: string;
}

/** An ISO-8601 date-time the schema accepted (any offset) as an Instant (in UTC). */
function instant(value: string): Instant {
  const ms = Date.parse(value);
  return { ms, iso: new Date(ms).toISOString() };
}

/** Fields buildEvent places itself (or drops); any other field of a call is kept as it came. */
const PLACED_FIELDS = new Set([
  'type',
  'writeKey', // a credential: it never travels past the HTTP layer
  'receivedAt', // server time only
  'messageId',
  'userId',
  'anonymousId',
  'previousId',
  'groupId',
  'event',
  'name',
  'properties',
  'traits',
  'context',
  'integrations',
  'timestamp',
  'originalTimestamp',
  'sentAt',
]);

// One pass over the call's own keys and plain assignments: object rest and spread per event cost
// more than the rest of this function on the ingest path.
function buildEvent(
  type: SegmentCallType,
  call: SegmentCall,
  defaults: BatchDefaults,
  receipt: Instant,
): NormalizedEvent {
  // The client's clock: what it stamped the call with (Segment SDKs send `timestamp`).
  const clientTime = call.timestamp ?? call.originalTimestamp;
  const client = clientTime === undefined ? undefined : instant(clientTime);
  const sent = call.sentAt === undefined ? defaults.sent : instant(call.sentAt);
  let timestamp = receipt.iso;
  if (client && sent) {
    // Clock-skew correction as Segment does it: the time the call took to reach us, on the client's
    // clock, subtracted from our clock.
    const corrected = receipt.ms - (sent.ms - client.ms);
    if (corrected !== receipt.ms) timestamp = new Date(corrected).toISOString();
  } else if (client) {
    timestamp = client.iso;
  }

  const normalized = {} as NormalizedEvent;
  for (const key of Object.keys(call)) {
    if (!PLACED_FIELDS.has(key)) normalized[key] = call[key];
  }
  normalized.messageId = call.messageId ?? randomUUID();
  normalized.type = type;
  normalized.context = merged(defaults.context, call.context);
  normalized.integrations = merged(defaults.integrations, call.integrations);
  normalized.timestamp = timestamp;
  normalized.receivedAt = receipt.iso;
  // Absent fields are left out rather than set to undefined, so the event round-trips through JSON.
  if (call.userId !== undefined) normalized.userId = call.userId;
  if (call.anonymousId !== undefined) normalized.anonymousId = call.anonymousId;
  if (call.previousId !== undefined) normalized.previousId = call.previousId;
  if (call.groupId !== undefined) normalized.groupId = call.groupId;
  if (call.event !== undefined) normalized.event = call.event;
  if (call.name !== undefined) normalized.name = call.name;
  if (call.properties !== undefined) normalized.properties = call.properties;
  if (call.traits !== undefined) normalized.traits = call.traits;
  if (client) normalized.originalTimestamp = client.iso;
  if (sent) normalized.sentAt = sent.iso;
  return normalized;
}

/** The batch's fields under the event's own. `own` is the schema's copy: no other event has it. */
function merged(
  batch: Record<string, unknown> | undefined,
  own: Record<string, unknown> | undefined,
): Record<string, unknown> {
  return batch ? { ...batch, ...own } : (own ?? {});
}

function toError(index: number | null, prefix: string, issue: z.core.$ZodIssue): NormalizeError {
  return { index, field: formatPath(prefix, issue.path), message: issue.message };
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let field = prefix;
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += field === '' ? String(key) : `.${String(key)}`;
  }
  return field || ROOT;
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * The JSON size of `value` in bytes when it may be over `limit`, else 0. Nearly every request is
 * far below the limits, and an upper bound (`jsonBytesAtMost`) says so five times faster than
 * serialising; only a value the bound cannot clear is serialised and counted exactly.
 */
function bytesNear(value: unknown, limit: number): number {
  return jsonBytesAtMost(value, limit, 0) <= limit ? 0 : jsonBytes(value);
}

/** Deeper than this the bound gives up (and the event is serialised: a cycle throws as it always did). */
const BOUND_DEPTH = 64;
/** The longest a number gets in JSON: `-0.0000012345678901234567`. */
const NUMBER_CHARS = 25;

/**
 * At least the UTF-8 bytes of `JSON.stringify(value)`, or Infinity once over `budget` (or when
 * it cannot tell: toJSON, bigint, too deep). A UTF-16 unit never takes more than 6 bytes (an
 * escape `\uXXXX`); a value JSON leaves out or writes as `null` counts 5.
 */
function jsonBytesAtMost(value: unknown, budget: number, depth: number): number {
  switch (typeof value) {
    case 'string':
      return 6 * value.length + 2;
    case 'number':
      return NUMBER_CHARS;
    case 'boolean':
    case 'undefined':
    case 'function':
    case 'symbol':
      return 5;
    case 'object': {
      if (value === null) return 4;
      if (depth >= BOUND_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return Infinity;
      }
      let total = 2;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) {
          total += jsonBytesAtMost(item, budget - total, depth + 1) + 1;
          if (total > budget) return Infinity;
        }
        return total;
      }
      for (const key of Object.keys(value)) {
        total += 6 * key.length + 4;
        total += jsonBytesAtMost((value as Record<string, unknown>)[key], budget - total, depth + 1);
        if (total > budget) return Infinity;
      }
      return total;
    }
    default:
      return Infinity;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
