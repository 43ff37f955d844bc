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
  sentAt?: string;
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
  const receivedAt = options.receivedAt;
  if (kind === 'batch' || kind === 'import') return normalizeBatch(body, receivedAt);
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ index: 0, field: ROOT, message: 'the body must be a JSON object' }] };
  }
  const result = normalizeItem(kind, body, 0, '', {}, receivedAt);
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

function normalizeBatch(body: unknown, receivedAt: Date): NormalizeResult {
  if (!isPlainObject(body)) {
    return { ok: false, errors: [{ index: null, field: ROOT, message: 'the body must be a JSON object' }] };
  }
  const bytes = jsonBytes(body);
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

  const defaults: BatchDefaults = { context, integrations, sentAt };
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
    const result = normalizeItem(type.data, item, index, prefix, defaults, receivedAt);
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
  receivedAt: Date,
): ItemResult {
  const errors: NormalizeError[] = [];
  const bytes = jsonBytes(raw);
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
  return { event: buildEvent(type, parsed.data, defaults, receivedAt) };
}

function buildEvent(
  type: SegmentCallType,
  call: SegmentCall,
  defaults: BatchDefaults,
  receivedAt: Date,
): NormalizedEvent {
  const {
    type: _type,
    writeKey: _writeKey, // a credential: it never travels past the HTTP layer
    receivedAt: _clientReceivedAt, // server time only
    messageId,
    userId,
    anonymousId,
    previousId,
    groupId,
    event,
    name,
    properties,
    traits,
    context,
    integrations,
    timestamp,
    originalTimestamp,
    sentAt,
    ...extras
  } = call;

  // The client's clock: what it stamped the call with (Segment SDKs send `timestamp`).
  const clientTime = timestamp ?? originalTimestamp;
  const sent = sentAt ?? defaults.sentAt;
  const received = receivedAt.getTime();
  let corrected = received;
  if (clientTime !== undefined && sent !== undefined) {
    // Clock-skew correction as Segment does it: the time the call took to reach us, on the client's
    // clock, subtracted from our clock.
    corrected = received - (Date.parse(sent) - Date.parse(clientTime));
  } else if (clientTime !== undefined) {
    corrected = Date.parse(clientTime);
  }

  const normalized: NormalizedEvent = {
    ...extras,
    messageId: messageId ?? randomUUID(),
    type,
    context: { ...defaults.context, ...context },
    integrations: { ...defaults.integrations, ...integrations },
    timestamp: new Date(corrected).toISOString(),
    receivedAt: receivedAt.toISOString(),
  };
  const optional = {
    userId,
    anonymousId,
    previousId,
    groupId,
    event,
    name,
    properties,
    traits,
    originalTimestamp: clientTime === undefined ? undefined : new Date(clientTime).toISOString(),
    sentAt: sent === undefined ? undefined : new Date(sent).toISOString(),
  };
  // Absent fields are left out rather than set to undefined, so the event round-trips through JSON.
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) normalized[key] = value;
  }
  return normalized;
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

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
