import type { Principal } from '@cdp/gateway/data-access-db';
import type { ApiRouteDoc } from '@cdp/gateway/domain';
import type { RequestContract } from '@cdp/shared/contracts';
import type { ServiceName } from '@cdp/shared/util-config';
import { BusError } from '@cdp/shared/util-messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

export type Query = Record<string, string | undefined>;

export interface RouteContext {
  params: Record<string, string>;
  query: Query;
  body: unknown;
  /** Undefined only on public routes. */
  principal: Principal | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Asks a service over the bus; its errors become HTTP answers (see ApiController). */
  ask<Req, Res>(contract: RequestContract<Req, Res>, payload: unknown, service: ServiceName): Promise<Res>;
}

export interface ApiRoute extends ApiRouteDoc {
  handle(context: RouteContext): Promise<unknown>;
}

/**
 * A route answered by one service request: `payload` builds the request from the path, query and
 * body (the contract validates it, so a wrong field is a 400 naming it), and the reply is the
 * contract's response as it is.
 */
export function forward<Req, Res>(
  route: Omit<ApiRouteDoc, 'response'> & {
    service: ServiceName;
    contract: RequestContract<Req, Res>;
    payload: (context: RouteContext) => unknown;
  },
): ApiRoute {
  const { service, contract, payload, ...doc } = route;
  return {
    ...doc,
    response: contract.response,
    handle: (context) => context.ask(contract, payload(context), service),
  };
}

/** A query value as a number when it is one (else as given, for the contract to refuse by name). */
export function num(value: string | undefined): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/** The body as an object (a missing body is `{}`; anything else is left for validation to refuse). */
export function bodyOf(context: RouteContext): Record<string, unknown> {
  const body = context.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Drops undefined values, so `.strict()` request schemas see only what was given. */
export function defined(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

/** `value` parsed by `schema`, or VALIDATION_FAILED naming each wrong field (`what is invalid: ...`). */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
    throw new BusError('VALIDATION_FAILED', `${what} is invalid: ${issues.join('; ')}`, { issues });
  }
  return parsed.data;
}
