import { Controller, Get, HttpException, Inject, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { lookupKeys, openRtbLookupSchema, userData } from '@cdp/ad-feeds/domain';
import { firstBootstrap, SERVICE_ENV } from '@cdp/shared/util-service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AdFeedsEnv } from '../config/env.schema.js';
import { PartnerAccess, type PartnerContext } from '../partners/partner-access.service.js';
import { AudienceNames } from '../sync/audience-names.service.js';
import { IabTaxonomy } from './iab-taxonomy.service.js';
import { SegmentIndexService } from './segment-index.service.js';

/**
 * Real-time segment lookups for bidders, answered from memory: an OpenRTB 2.6 BidRequest (or its
 * `user`/`device`) in, the `user.data[]` to merge into it out, with only the audiences shared with
 * the calling partner.
 *
 * The two lookup routes are registered on Fastify directly rather than through Nest's router: at
 * bid time every microsecond of the pipeline counts (Nest's per-request context, pipes and filters
 * cost about as much as the lookup, and the bench saturated a core below 10,000 lookups/s).
 */
@Controller()
export class RtbController implements OnModuleInit {
  constructor(
    private readonly access: PartnerAccess,
    private readonly segments: SegmentIndexService,
    private readonly names: AudienceNames,
    private readonly iab: IabTaxonomy,
    private readonly http: HttpAdapterHost,
    @Inject(SERVICE_ENV) private readonly env: AdFeedsEnv,
  ) {}

  onModuleInit(): void {
    if (!firstBootstrap(this)) return;
    const fastify = this.http.httpAdapter.getInstance<FastifyInstance>();
    fastify.post('/openrtb/v1/segments', (request, reply) => this.lookup(request, reply));
    fastify.get<{ Params: { id: string } }>('/rtb/v1/users/:id/segments', (request, reply) => {
      const context = this.partner(request, reply);
      if (context)
        void reply.send(this.answer(context, [request.params.id, request.params.id.toLowerCase()]));
    });
  }

  /** What the index holds and what it costs (for operators and the benchmark). */
  @Get('rtb/v1/index')
  index() {
    return {
      ...this.segments.index.stats(),
      warmupMs: this.segments.warmupMs,
      indexMb: Math.round(this.segments.indexMb * 10) / 10,
    };
  }

  private lookup(request: FastifyRequest, reply: FastifyReply): void {
    const context = this.partner(request, reply);
    if (!context) return;
    const parsed = openRtbLookupSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      void reply.code(400).send({ error: `not an OpenRTB 2.6 BidRequest or { user, device }: ${issues}` });
      return;
    }
    void reply.send(
      this.answer(
        context,
        lookupKeys(parsed.data).map((k) => k.id),
      ),
    );
  }

  private partner(request: FastifyRequest, reply: FastifyReply): PartnerContext | undefined {
    const access = this.access.authenticate(request.headers.authorization);
    if (access.ok) return access.context;
    if (access.status === 429) void reply.header('retry-after', String(access.retryAfterSeconds));
    void reply.code(access.status).send({ error: access.message });
    return undefined;
  }

  private answer(context: PartnerContext, keys: readonly string[]) {
    let audiences: string[] | undefined;
    for (const key of keys) {
      audiences = this.segments.index.lookup(key);
      if (audiences) break;
    }
    const shared = (audiences ?? []).filter((id) => context.shared.has(id));
    const iab = new Map<string, { id: string; name: string }>();
    for (const id of shared) {
      for (const code of context.shared.get(id) ?? [])
        iab.set(code, { id: code, name: this.iab.name(code) ?? code });
    }
    return {
      user: {
        data: userData({
          provider: this.env.AD_FEEDS_PROVIDER,
          segments: shared.map((id) => ({ id, name: this.names.name(id) })),
          iab: [...iab.values()],
          ownSegtax: this.env.AD_FEEDS_OWN_SEGTAX,
        }),
      },
    };
  }
}

/** The calling partner, or an HTTP error: 401 for a bad key, 429 with Retry-After past its rate. */
export function partnerOf(
  access: PartnerAccess,
  authorization: string | undefined,
  reply: FastifyReply,
): PartnerContext {
  const result = access.authenticate(authorization);
  if (result.ok) return result.context;
  if (result.status === 429) void reply.header('retry-after', String(result.retryAfterSeconds));
  throw new HttpException({ error: result.message }, result.status);
}
