import type { NormalizeError } from './normalize-request.js';

/** The CDP a webhook delivery came from. */
export type UpstreamSource = 'segment' | 'rudderstack';

/** A Segment batch body, ready for `normalizeRequest('batch', body, …)`. */
export interface WebhookBatchBody {
  batch: unknown[];
  context?: Record<string, unknown>;
  integrations?: Record<string, unknown>;
}

export type WebhookPayloadResult =
  { ok: true; body: WebhookBatchBody } | { ok: false; errors: NormalizeError[] };

/**
 * Segment's Webhooks destination: one Segment event per request (classic), or an array of them
 * (Actions, "send batch").
 */
export function fromSegmentWebhook(body: unknown): WebhookPayloadResult {
  return fromWebhook('segment', body);
}

/**
 * RudderStack's webhook destination: one RudderStack event (Segment's spec plus `rudderId`,
 * `channel`, `request_ip`, …), an array of them, or `{ batch: [...] }`.
 */
export function fromRudderStackWebhook(body: unknown): WebhookPayloadResult {
  return fromWebhook('rudderstack', body);
}

/**
 * Our own signed webhook (`/v1/webhooks/<sourceId>`): first-party Segment calls, so nothing is
 * moved aside — one call, an array of them, or a `{ batch }` body exactly as the tracking API takes it.
 */
export function fromGenericWebhook(body: unknown): WebhookPayloadResult {
  if (Array.isArray(body)) return { ok: true, body: { batch: body } };
  if (!isPlainObject(body)) return failure('the body must be a JSON object or array');
  // A `batch` that is not an array is left for normalizeRequest to name.
  return 'batch' in body
    ? { ok: true, body: body as unknown as WebhookBatchBody }
    : { ok: true, body: { batch: [body] } };
}

function fromWebhook(source: UpstreamSource, body: unknown): WebhookPayloadResult {
  const shape = source === 'segment' ? 'a Segment event object' : 'a RudderStack event object';
  let items: unknown[];
  const out: Omit<WebhookBatchBody, 'batch'> = {};
  let batchSentAt: unknown;
  if (Array.isArray(body)) {
    items = body;
  } else if (isPlainObject(body) && Array.isArray(body['batch'])) {
    items = body['batch'];
    // Batch-level fields normalizeRequest merges into each event; writeKey is a credential and is dropped.
    if (isPlainObject(body['context'])) out.context = body['context'];
    if (isPlainObject(body['integrations'])) out.integrations = body['integrations'];
    batchSentAt = body['sentAt'];
  } else if (isPlainObject(body)) {
    items = [body];
  } else {
    return failure(`the body must be ${shape}, an array of them, or { batch: [...] }`);
  }
  if (items.length === 0) return failure('the webhook carried no events');

  // Anything that is not an object is passed on untouched: normalizeRequest names it by its index.
  const batch = items.map((item) => (isPlainObject(item) ? forwarded(source, item, batchSentAt) : item));
  return { ok: true, body: { ...out, batch } };
}

/**
 * One forwarded event. The upstream already corrected the client's clock into `timestamp`, so
 * that is the event time; `sentAt` moves (with `receivedAt`) under `context.upstream`, or
 * normalizeRequest would correct the skew a second time against our own receive time. Other
 * fields (`rudderId`, `channel`, `request_ip`, …) stay: normalizeRequest keeps unknown fields.
 */
function forwarded(
  source: UpstreamSource,
  event: Record<string, unknown>,
  batchSentAt: unknown,
): Record<string, unknown> {
  const { writeKey: _writeKey, sentAt: eventSentAt, receivedAt, ...rest } = event;
  const sentAt = eventSentAt ?? batchSentAt;
  const result: Record<string, unknown> = rest;

  if (result['timestamp'] == null) {
    // Not corrected upstream (rare): do what the upstream would have done, with its clocks.
    const corrected = correctedTime(result['originalTimestamp'], sentAt, receivedAt);
    if (corrected !== undefined) result['timestamp'] = corrected;
  }

  // normalizeRequest overwrites originalTimestamp with the event time, so the client's own clock is kept here.
  const upstream: Record<string, unknown> = { source };
  if (sentAt != null) upstream['sentAt'] = sentAt;
  if (receivedAt != null) upstream['receivedAt'] = receivedAt;
  if (result['originalTimestamp'] != null) upstream['originalTimestamp'] = result['originalTimestamp'];
  const context = result['context'];
  if (context == null) result['context'] = { upstream };
  // A context that is not an object is left for normalizeRequest to reject with its field name.
  else if (isPlainObject(context)) result['context'] = { ...context, upstream };
  return result;
}

/** Segment's and RudderStack's correction: `receivedAt − (sentAt − originalTimestamp)`. */
function correctedTime(original: unknown, sentAt: unknown, receivedAt: unknown): string | undefined {
  if (typeof original !== 'string' || typeof sentAt !== 'string' || typeof receivedAt !== 'string') {
    return undefined;
  }
  const ms = Date.parse(receivedAt) - (Date.parse(sentAt) - Date.parse(original));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function failure(message: string): WebhookPayloadResult {
  return { ok: false, errors: [{ index: null, field: '$', message }] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
