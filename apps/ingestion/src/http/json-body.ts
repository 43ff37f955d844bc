import { PassThrough } from 'node:stream';
import { createGunzip, createInflate } from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IngestionError } from './ingestion-errors.js';

/**
 * Largest body read, after decompression. Above the 500 KB batch limit on purpose: a body up to
 * this size gets our 400 naming the limit it broke; only beyond it does Fastify answer 413.
 */
export const BODY_READ_LIMIT = 4 * 1024 * 1024;

/** What the JSON parser leaves on the request: the exact bytes (webhook signatures cover them) and any parse error. */
export interface ParsedBody {
  rawBody: Buffer;
  /** Set when the body is not JSON; the handler answers 400 with it. */
  jsonError?: string;
}

const PARSED = Symbol('cdp:parsed-body');

/** Each parsed JSON object or array with the size of the body it was read from. */
const receivedSizes = new WeakMap<object, number>();

/**
 * The bytes (after inflation) of the body `value` was parsed from, when `value` is a request's
 * parsed body itself; undefined for anything else (e.g. a webhook payload rewritten into a batch).
 * Lets the limits be checked on the bytes received instead of on a re-serialisation.
 */
export function receivedBytes(value: unknown): number | undefined {
  return typeof value === 'object' && value !== null ? receivedSizes.get(value) : undefined;
}

export function parsedBody(request: FastifyRequest): ParsedBody {
  return (
    (request as unknown as Record<symbol, ParsedBody | undefined>)[PARSED] ?? { rawBody: Buffer.alloc(0) }
  );
}

/**
 * Replaces Fastify's JSON parser for the ingestion routes: gzip/deflate bodies are inflated
 * (Segment's and RudderStack's SDKs may compress), the raw bytes are kept, and bad JSON reaches the
 * handler as an error to report in our format rather than as Fastify's generic 400. Every
 * Content-Type is read as JSON: analytics.js posts `text/plain` to skip the CORS preflight and
 * RudderStack's Node SDK posts gzip as `application/x-www-form-urlencoded`.
 */
export function registerJsonBody(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
    if (encoding === 'identity') return payload;
    const inflate =
      encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : undefined;
    if (!inflate) {
      throw new IngestionError(
        415,
        'UNSUPPORTED',
        `unsupported Content-Encoding "${encoding}": send gzip, deflate or none`,
      );
    }
    // Fastify counts the inflated bytes against the body limit, and compares Content-Length with
    // `receivedEncodedLength`: the compressed bytes, counted here as they arrive.
    const body = Object.assign(new PassThrough(), { receivedEncodedLength: 0 });
    payload.on('data', (chunk: Buffer) => {
      body.receivedEncodedLength += chunk.length;
    });
    payload.on('error', (error) => body.destroy(error));
    // A corrupt body is the client's error, reported in our format rather than as a 500.
    inflate.on('error', (error) =>
      body.destroy(
        new IngestionError(400, 'VALIDATION_FAILED', `the body is not valid ${encoding}: ${error.message}`, [
          { index: null, field: '$', message: `not valid ${encoding}` },
        ]),
      ),
    );
    return payload.pipe(inflate).pipe(body);
  });
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  // '*': whatever the Content-Type says, the body is read as JSON, as Segment's API does.
  fastify.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: BODY_READ_LIMIT },
    (request, body, done) => {
      const rawBody = body as Buffer;
      const parsed: ParsedBody = { rawBody };
      let value: unknown;
      try {
        value = rawBody.length === 0 ? undefined : JSON.parse(rawBody.toString('utf8'));
      } catch (error) {
        parsed.jsonError = error instanceof Error ? error.message : String(error);
      }
      (request as unknown as Record<symbol, ParsedBody>)[PARSED] = parsed;
      if (typeof value === 'object' && value !== null) receivedSizes.set(value, rawBody.length);
      done(null, value);
    },
  );
}
