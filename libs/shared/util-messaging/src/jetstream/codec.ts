// Payloads, headers and names as they travel on NATS.
import { createHash } from 'node:crypto';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Header JetStream dedups on. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

export function encodeJson(data: unknown): Uint8Array {
  // `undefined` has no JSON form; it travels as null, like a missing value.
  return encoder.encode(JSON.stringify(data) ?? 'null');
}

/** Parses a JSON payload; throws on anything else (the caller decides what that means). */
export function decodeJson(bytes: Uint8Array): unknown {
  return bytes.length === 0 ? undefined : JSON.parse(decoder.decode(bytes));
}

/** Parses a JSON payload, or returns the text when it is not JSON (for stored copies). */
export function decodeLenient(bytes: Uint8Array): unknown {
  try {
    return decodeJson(bytes);
  } catch {
    return decoder.decode(bytes);
  }
}

/** The first value of each header (NATS allows repeats; the bus does not use them). */
export function headersToRecord(hdrs: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (!hdrs) return record;
  for (const [key, values] of hdrs) {
    const first = values[0];
    if (first !== undefined) record[key] = first;
  }
  return record;
}

/** NATS headers from a record; values lose CR/LF, which the protocol cannot carry. */
export function recordToHeaders(record: Record<string, string>): MsgHdrs {
  const hdrs = natsHeaders();
  for (const [key, value] of Object.entries(record)) hdrs.set(key, headerValue(value));
  return hdrs;
}

export function headerValue(value: string, max = 4_096): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function hash8(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

/**
 * A JetStream consumer name for `durable` on `subject`: one consumer per (durable, subject), since
 * nats-server 2.9 takes one filter subject per consumer. Names cannot hold `.`, `*`, `>`, blanks or
 * path separators; when the readable form could collide with another subject's, a hash of the
 * exact pair keeps it unique.
 */
export function consumerName(durable: string, subject: string): string {
  const readable = `${durable}__${subject.replaceAll('.', '_')}`;
  const safe = readable.replace(/[^A-Za-z0-9_-]/g, '-');
  const lossy = safe !== readable || /_/.test(durable) || /_/.test(subject);
  const name = lossy ? `${safe}__${hash8(`${durable}\u0000${subject}`)}` : safe;
  return name.length <= 200 ? name : `${name.slice(0, 190)}__${hash8(name)}`;
}

/** One subject token from a free-form name (the dead-letter subject `<prefix>.<durable>`). */
export function subjectToken(name: string): string {
  return name.replace(/[.*>\s]/g, '_') || '_';
}
