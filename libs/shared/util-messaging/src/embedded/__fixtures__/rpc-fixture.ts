// What embedded-rpc.int-spec.ts and its responder processes (rpc-responder-child.ts) share.
import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

/** A typed request, answered with `answerRequests`: id 404 is NOT_FOUND. */
export const THING_GET = defineRequest(
  'cdp.rpctest.cmd.thing.get.v1',
  z.object({ id: z.number().int() }),
  z.object({ id: z.number().int(), name: z.string() }),
);

/** What the raw responder does with a request (every field optional). */
export interface RpcProbe {
  n?: number;
  /** Answers this much later. */
  sleepMs?: number;
  /** Answers with `text: bigText(bytes)`. */
  bytes?: number;
  /** Throws an Error with this message. */
  fail?: string;
  /** Sent back as is. */
  echo?: unknown;
}

export interface RpcProbeReply {
  n: number | null;
  by: string;
  echo: unknown;
  correlationId: string | null;
  text?: string;
}

/** `bytes` UTF-8 bytes (give or take one character) of text with multi-byte characters in it. */
export function bigText(bytes: number): string {
  const unit = 'abcdefghij-é€😀\n';
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}
