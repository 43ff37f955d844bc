import { z } from 'zod';

/** `cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`: the only shape a subject may have. */
export const SUBJECT_PATTERN = /^cdp\.[a-z0-9-]+\.(evt|cmd)\.[a-z0-9-]+\.[a-z0-9-]+\.v[1-9][0-9]*$/;

/** A durable event: published to JetStream (or the embedded log), consumed with acks. */
export interface EventContract<T> {
  readonly kind: 'event';
  readonly subject: string;
  readonly schema: z.ZodType<T>;
}

/** A request/reply query over core NATS (or through PostgreSQL when embedded), with a timeout. */
export interface RequestContract<Req, Res> {
  readonly kind: 'request';
  readonly subject: string;
  readonly request: z.ZodType<Req>;
  readonly response: z.ZodType<Res>;
}

function assertSubject(subject: string, verbKind: 'evt' | 'cmd'): void {
  if (!SUBJECT_PATTERN.test(subject) || subject.split('.')[2] !== verbKind) {
    throw new Error(`subject "${subject}" is not of the form cdp.<scope>.${verbKind}.<entity>.<verb>.v<N>`);
  }
}

export function defineEvent<T>(subject: string, schema: z.ZodType<T>): EventContract<T> {
  assertSubject(subject, 'evt');
  return { kind: 'event', subject, schema };
}

export function defineRequest<Req, Res>(
  subject: string,
  request: z.ZodType<Req>,
  response: z.ZodType<Res>,
): RequestContract<Req, Res> {
  assertSubject(subject, 'cmd');
  return { kind: 'request', subject, request, response };
}

/**
 * Many events in one message: per-message acks cap a 2-core JetStream near 8k messages/s, while
 * 100-event envelopes carry over 100k events/s. Consumers handle and commit an envelope at once.
 */
export function envelopeOf<T>(event: z.ZodType<T>) {
  return z.object({ events: z.array(event).min(1).max(10_000) });
}

/** The request payload of a request contract, as its handler receives it (after validation). */
export type RequestOf<C> = C extends RequestContract<infer Req, unknown> ? Req : never;
