// Payloads, headers and names as they travel on NATS.
import { createHash } from 'node:crypto';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { toJsonText } from '../bus.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Header JetStream dedups on. */
export const MSG_ID_HEADER = 'Nats-Msg-Id';

export function encodeJson(data: unknown): Uint8Array {
  return encoder.encode(toJsonText(data));
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

/** Partitions of a stream when its config does not say (`JetStreamBusConfig.stream.partitions`). */
export const DEFAULT_PARTITIONS = 16;

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // ASCII (ids, keys) is hashed in place; anything else through its UTF-8 bytes.
    if (code > 0x7f) return fnv1a32Bytes(encoder.encode(text));
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  return hash >>> 0;
}

function fnv1a32Bytes(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

/**
 * The partition a message is stored in: by its key (so one key's messages share a partition and
 * keep their order), else by its msgId (a re-publish lands where the first one did), else any.
 */
export function partitionOf(key: string | undefined, msgId: string | undefined, partitions: number): number {
  if (key) return fnv1a32(key) % partitions;
  if (msgId) return fnv1a32(msgId) % partitions;
  return Math.floor(Math.random() * partitions);
}

/** The subject a message of `subject` is stored under in partition `partition`: `<subject>.p<i>`. */
export function partitionSubject(subject: string, partition: number): string {
  return `${subject}.p${partition}`;
}

/** The subject as published, without the partition token the stream stores it under. */
export function originalSubject(stored: string): string {
  return stored.replace(/\.p\d+$/, '');
}

/** The filter of an unordered consumer of `subject`: every partition of it. */
export function partitionsFilter(subject: string): string {
  // A trailing `>` already matches the partition token (and `<subject>.>` would be invalid).
  return subject === '>' || subject.endsWith('.>') ? subject : `${subject}.>`;
}

/** The consumer of partition `partition` for an ordered subscription of `durable` on `subject`. */
export function partitionConsumerName(durable: string, subject: string, partition: number): string {
  const base = consumerName(durable, subject);
  const suffix = `__p${partition}`;
  return base.length + suffix.length <= 200
    ? base + suffix
    : `${base.slice(0, 180)}__${hash8(base)}${suffix}`;
}
