import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { Controller, Get, Headers, HttpException, Inject, Param, Query, Res } from '@nestjs/common';
import { FeedsRepository, type FeedReader, type FeedRow } from '@cdp/ad-feeds/data-access-db';
import { meetsKAnonymity, reportedCount } from '@cdp/ad-feeds/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { LOGGER } from '@cdp/shared/util-service';
import type { FastifyReply } from 'fastify';
import { PartnerAccess, type PartnerContext } from '../partners/partner-access.service.js';
import { PartnersService } from '../partners/partners.service.js';
import { partnerOf } from '../rtb/rtb.controller.js';
import { AudienceNames } from '../sync/audience-names.service.js';
import { CSV_COLUMNS, csvLine, partnerRow, type PartnerRow } from './feed-rows.js';

const PAGE = 5_000;
const CURSOR_HEADER = 'x-cdp-cursor';

/**
 * Bulk feeds for ad platforms: the audiences shared with the calling partner, a full snapshot of an
 * audience's members and the changes since a cursor, streamed as NDJSON or CSV with identifiers
 * hashed by the partner's platform rules. An audience not shared with the partner is a 404, the same
 * as one that does not exist; one below the partner's minimum size is refused.
 */
@Controller('feeds/v1')
export class FeedsController {
  constructor(
    private readonly access: PartnerAccess,
    private readonly feeds: FeedsRepository,
    private readonly names: AudienceNames,
    private readonly partners: PartnersService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Sizes of the shared audiences and their pairwise overlaps: counts only, floored and noised. */
  @Get('report')
  async report(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = partnerOf(this.access, authorization, reply);
    return this.partners.report(context.partner.id);
  }

  @Get('audiences')
  async audiences(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = partnerOf(this.access, authorization, reply);
    const ids = [...context.shared.keys()];
    const { sizes } = await this.feeds.sizes(ids);
    const partner = context.partner;
    return {
      audiences: ids.map((id) => ({
        id,
        name: this.names.name(id),
        iab: context.shared.get(id) ?? [],
        size: reportedCount(sizes.get(id) ?? 0, {
          min: partner.minAudienceSize,
          epsilon: partner.dpEpsilon ?? undefined,
          random: Math.random,
        }),
      })),
    };
  }

  /** Every current member; `X-CDP-Cursor` is where a delta feed continues from. */
  @Get('audiences/:id/members')
  async members(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') audienceId: string,
    @Query('format') format: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = partnerOf(this.access, authorization, reply);
    this.shared(context, audienceId);
    await this.stream(
      reply,
      context,
      format,
      'snapshot',
      async (reader, write) => {
        let after: string | null = null;
        for (;;) {
          const page = await reader.members(audienceId, after, PAGE);
          for (const row of page) await write(row);
          if (page.length < PAGE) return;
          after = page.at(-1)?.profileId ?? null;
        }
      },
      audienceId,
    );
  }

  /** Adds and removes after `since` (a cursor from a snapshot or an earlier delta), in order. */
  @Get('audiences/:id/changes')
  async changes(
    @Headers('authorization') authorization: string | undefined,
    @Param('id') audienceId: string,
    @Query('since') since: string | undefined,
    @Query('format') format: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const context = partnerOf(this.access, authorization, reply);
    this.shared(context, audienceId);
    if (since === undefined || !/^\d{1,18}$/.test(since)) {
      throw new HttpException(
        { error: "'since' must be a cursor (X-CDP-Cursor of a snapshot or delta), e.g. ?since=0" },
        400,
      );
    }
    let from = Number(since);
    await this.stream(
      reply,
      context,
      format,
      'delta',
      async (reader, write) => {
        for (;;) {
          const page = await reader.changes(audienceId, from, PAGE);
          for (const row of page) await write(row);
          if (page.length < PAGE) return;
          from = page.at(-1)?.localSeq ?? from;
        }
      },
      audienceId,
    );
  }

  /** 404 for an audience that is not shared with this partner, whether or not it exists. */
  private shared(context: PartnerContext, audienceId: string): void {
    if (!context.shared.has(audienceId)) throw new HttpException({ error: `no audience ${audienceId}` }, 404);
  }

  /**
   * Streams rows read in one database snapshot; the cursor header is sent first, so it must be
   * known before the body: the read starts, yields the cursor, then writes with backpressure.
   */
  private async stream(
    reply: FastifyReply,
    context: PartnerContext,
    format: string | undefined,
    kind: 'snapshot' | 'delta',
    read: (reader: FeedReader, write: (row: FeedRow) => Promise<void>) => Promise<void>,
    audienceId: string,
  ): Promise<void> {
    const csv = format === 'csv';
    if (format !== undefined && format !== 'csv' && format !== 'ndjson') {
      throw new HttpException({ error: `format must be ndjson or csv, got ${format}` }, 400);
    }
    const partner = context.partner;
    const body = new PassThrough();
    /** What the pull log records once the stream ends (the console's "last pulls"). */
    const pulled = { rows: 0, cursor: 0, complete: false };
    let sending = false;
    let started!: (cursor: number) => void;
    let refused!: (error: unknown) => void;
    const ready = new Promise<number>((resolve, reject) => {
      started = resolve;
      refused = reject;
    });
    const done = this.feeds
      .atCursor(async (reader, cursor) => {
        const size = await reader.size(audienceId);
        if (!meetsKAnonymity(size, partner.minAudienceSize)) {
          throw new HttpException(
            {
              error: `the audience has fewer members than this partner's minimum of ${partner.minAudienceSize} (k-anonymity); feeds of it are refused until it grows`,
            },
            403,
          );
        }
        sending = true;
        pulled.cursor = cursor;
        started(cursor);
        const columns = CSV_COLUMNS[kind] as readonly (keyof PartnerRow)[];
        if (csv && !body.write(`${columns.join(',')}\n`)) await once(body, 'drain');
        await read(reader, async (row) => {
          const out = partnerRow(partner, row);
          const line = csv ? csvLine(out, columns) : `${JSON.stringify(out)}\n`;
          pulled.rows++;
          if (!body.write(line)) await once(body, 'drain');
        });
      })
      .then(
        () => {
          pulled.complete = true;
          body.end();
        },
        (error: unknown) => {
          if (!sending) {
            refused(error);
            return;
          }
          // After the headers went out, a failure can only cut the stream short.
          this.logger.error({ err: error, audienceId }, 'feed stream failed');
          body.destroy(error as Error);
        },
      );
    const cursor = await ready;
    void reply
      .header(CURSOR_HEADER, String(cursor))
      .type(csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
      .send(body);
    await done;
    await this.partners
      .recordPull({ partnerId: partner.id, audienceId, kind, ...pulled })
      .catch((error: unknown) => {
        this.logger.error({ err: error, audienceId }, 'could not record the feed pull');
      });
  }
}
