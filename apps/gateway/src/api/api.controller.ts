import { Controller, Inject, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GatewayRepository, type Principal } from '@cdp/gateway/data-access-db';
import { access, isWrite, openApiDocument } from '@cdp/gateway/domain';
import { httpStatusFor, type ErrorCode, type RequestContract } from '@cdp/shared/contracts';
import type { ServiceName } from '@cdp/shared/util-config';
import type { Logger } from '@cdp/shared/util-logging';
import { BUS, BusError, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER, SERVICE_ENV, TokenBucket } from '@cdp/shared/util-service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service.js';
import type { GatewayEnv } from '../config/env.schema.js';
import { OverviewService } from '../overview/overview.service.js';
import { parseInput, type ApiRoute, type Query, type RouteContext } from './api-route.js';
import { gatewayRoutes } from './gateway-routes.js';
import { SERVICE_ROUTES } from './service-routes.js';

/** Body keys never written to the audit log. */
const SECRET_KEYS = /password|secret|token|key$|^key|config/i;

function redacted(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '***' : v]),
  );
}

function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/**
 * The admin REST API under /api/v1: every route authenticates (API key or console session),
 * checks the role (analysts read only), is rate limited per key or user, asks the service that
 * owns the data over the bus, and maps its error to HTTP (no responder or timeout → 503 saying
 * which service). Writes are audited. The OpenAPI document at /api/docs is made from the same
 * route table, so it lists every route there is.
 */
@Controller()
export class ApiController implements OnModuleInit {
  readonly routes: ApiRoute[];
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly auth: AuthService,
    private readonly repository: GatewayRepository,
    overview: OverviewService,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SERVICE_ENV) private readonly env: GatewayEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.routes = [...gatewayRoutes({ auth, repository, overview, bus }), ...SERVICE_ROUTES];
  }

  onModuleInit(): void {
    if (!firstBootstrap(this)) return;
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    const document = openApiDocument(this.routes, {
      title: 'CDP admin API',
      version: '1',
      description:
        'Sources, profiles, segmentation and prediction models, audiences, campaigns, partners and dead letters. ' +
        'Authenticate with an API key (Authorization: Bearer) or the console session cookie; analysts are read-only.',
    });
    fastify.get('/api/docs', (_request, reply) => void reply.send(document));
    fastify.get('/api/docs.json', (_request, reply) => void reply.send(document));
    for (const route of this.routes) {
      fastify.route({
        method: route.method,
        url: route.path,
        handler: (request, reply) => this.serve(route, request, reply),
      });
    }
    fastify.all('/api/*', (request, reply) => {
      void reply
        .code(404)
        .send(
          errorBody('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}; see /api/docs`),
        );
    });
  }

  private async serve(route: ApiRoute, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    let principal: Principal | undefined;
    let status = 200;
    let result: unknown;
    try {
      if (!route.public) {
        principal = await this.auth.principal(request.headers);
        if (!principal) {
          throw new BusError(
            'UNAUTHORIZED',
            'sign in to the console or send an API key (Authorization: Bearer <key>)',
          );
        }
        const verdict = access(principal.role, route);
        if (!verdict.allowed) throw new BusError('FORBIDDEN', verdict.reason);
      }
      this.limit(principal, request, reply);
      result = await route.handle(this.context(request, reply, principal));
    } catch (error) {
      const { code, message, details } = this.describe(error);
      status = httpStatusFor(code);
      if (status === 503) void reply.header('retry-after', '5');
      if (status >= 500 && code === 'INTERNAL') this.logger.error({ error, route: route.path }, message);
      result = errorBody(code, message, details);
    }
    if (principal && isWrite(route)) await this.audit(route, request, principal, status);
    // A failed login counts against the caller's address (a brute-force brake).
    if (route.public && route.path.endsWith('/login') && status === 401) this.limitLogin(request);
    void reply.code(status).send(result ?? {});
  }

  private context(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal | undefined,
  ): RouteContext {
    return {
      params: (request.params ?? {}) as Record<string, string>,
      query: (request.query ?? {}) as Query,
      body: request.body,
      principal,
      request,
      reply,
      ask: <Req, Res>(contract: RequestContract<Req, Res>, payload: unknown, service: ServiceName) =>
        this.ask(contract, payload, service),
    };
  }

  private async ask<Req, Res>(
    contract: RequestContract<Req, Res>,
    payload: unknown,
    service: ServiceName,
  ): Promise<Res> {
    const request = parseInput(contract.request, payload ?? {}, 'the request');
    try {
      return await sendRequest(this.bus, contract, request, this.env.GATEWAY_REQUEST_TIMEOUT_MS);
    } catch (error) {
      if (error instanceof BusError && (error.code === 'NO_RESPONDERS' || error.code === 'TIMEOUT')) {
        const why =
          error.code === 'TIMEOUT'
            ? `did not answer within ${this.env.GATEWAY_REQUEST_TIMEOUT_MS} ms`
            : 'is not running (no responder)';
        throw new BusError('UNAVAILABLE', `the ${service} service ${why}; try again shortly`, {
          service,
          subject: contract.subject,
        });
      }
      throw error;
    }
  }

  private describe(error: unknown): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    if (error instanceof BusError) {
      const code: ErrorCode = error.code === 'PUBLISH_FAILED' ? 'UNAVAILABLE' : error.code;
      return { code, message: error.message, details: error.details };
    }
    return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
  }

  /** A token bucket per key or user (per address before login): 429 with Retry-After past it. */
  private limit(principal: Principal | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const id = principal?.id ?? `ip:${request.ip}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      bucket = new TokenBucket(this.env.GATEWAY_RATE_PER_SECOND, this.env.GATEWAY_RATE_BURST);
      this.buckets.set(id, bucket);
    }
    this.take(bucket, reply, `more than ${this.env.GATEWAY_RATE_PER_SECOND} requests a second`);
    const login = this.buckets.get(`login:${request.ip}`);
    if (!principal && login) this.take(login, reply, 'too many failed logins from this address', true);
  }

  private limitLogin(request: FastifyRequest): void {
    const id = `login:${request.ip}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      const perMinute = this.env.GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE;
      bucket = new TokenBucket(perMinute / 60, perMinute);
      this.buckets.set(id, bucket);
    }
    bucket.tryTake();
  }

  private take(bucket: TokenBucket, reply: FastifyReply, what: string, peek = false): void {
    const waitMs = peek ? bucket.peek() : bucket.tryTake();
    if (waitMs > 0) {
      void reply.header('retry-after', String(Math.ceil(waitMs / 1000)));
      throw new BusError('RATE_LIMITED', `rate limited: ${what}; retry after ${Math.ceil(waitMs / 1000)} s`);
    }
  }

  private async audit(route: ApiRoute, request: FastifyRequest, principal: Principal, status: number) {
    try {
      await this.repository.audit({
        actor: principal.actor,
        role: principal.role,
        method: route.method,
        route: route.path,
        status,
        details: {
          params: request.params ?? {},
          query: request.query ?? {},
          body: redacted(request.body),
        },
      });
    } catch (error) {
      this.logger.error({ error, route: route.path }, 'could not write the audit log');
    }
  }
}
