import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpException,
  Inject,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { lookupKeys, openRtbLookupSchema, userData } from '@cdp/ad-feeds/domain';
import { SERVICE_ENV } from '@cdp/shared/util-service';
import type { FastifyReply } from 'fastify';
import type { AdFeedsEnv } from '../config/env.schema.js';
import { PartnerAccess, type PartnerContext } from '../partners/partner-access.service.js';
import { AudienceNames } from '../sync/audience-names.service.js';
import { IabTaxonomy } from './iab-taxonomy.service.js';
import { SegmentIndexService } from './segment-index.service.js';

/**
 * Real-time segment lookups for bidders, answered from memory: an OpenRTB 2.6 BidRequest (or its
 * `user`/`device`) in, the `user.data[]` to merge into it out, with only the audiences shared with
 * the calling partner.
 */
@Controller()
export class RtbController {
  constructor(
    private readonly access: PartnerAccess,
    private readonly segments: SegmentIndexService,
    private readonly names: AudienceNames,
    private readonly iab: IabTaxonomy,
    @Inject(SERVICE_ENV) private readonly env: AdFeedsEnv,
  ) {}

  @Post('openrtb/v1/segments')
  @HttpCode(200)
  async lookup(
    @Headers('authorization') authorization: string | undefined,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = partnerOf(this.access, authorization, reply);
    const parsed = openRtbLookupSchema.safeParse(body ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      throw new HttpException({ error: `not an OpenRTB 2.6 BidRequest or { user, device }: ${issues}` }, 400);
    }
    return this.answer(
      context,
      lookupKeys(parsed.data).map((k) => k.id),
    );
  }

  /** By user id, mobile advertising id, SHA-256 of a lowercased email, or our profile id. */
  @Get('rtb/v1/users/:id/segments')
  async user(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = partnerOf(this.access, authorization, reply);
    return this.answer(context, [id, id.toLowerCase()]);
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
