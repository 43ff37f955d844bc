import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  fromGenericWebhook,
  fromRudderStackWebhook,
  fromSegmentWebhook,
  SEGMENT_SIGNATURE_HEADER,
  verifySegmentSignature,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  webhookReplayKey,
  type WebhookPayloadResult,
} from '@cdp/ingestion/domain';
import { SourcesRepository, WebhookReceiptsRepository } from '@cdp/ingestion/data-access-db';
import { IngestionError, invalidRequest, unauthorized } from '../http/ingestion-errors.js';
import { parsedBody } from '../http/json-body.js';
import { EventsIntake } from '../tracking/events-intake.service.js';

type Accepted = { success: true };

/**
 * Events forwarded by another CDP, and by anything that can sign a request. The source's write key
 * says who is sending (Basic auth or `?writeKey=`); Segment deliveries must also carry its
 * `X-Signature`, and generic ones are found by the source id in the URL and verified by signature alone.
 */
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly intake: EventsIntake,
    private readonly sources: SourcesRepository,
    private readonly receipts: WebhookReceiptsRepository,
  ) {}

  /** Segment's Webhooks destination: X-Signature is the hex HMAC-SHA1 of the body with the source's secret. */
  @Post('segment')
  @HttpCode(200)
  async segment(@Req() request: FastifyRequest): Promise<Accepted> {
    const source = await this.intake.authenticate(request, { query: true });
    if (!source.signingSecret) {
      throw unauthorized(`source "${source.name}" has no signing secret: create it with kind "webhook"`);
    }
    const header = request.headers[SEGMENT_SIGNATURE_HEADER];
    const check = verifySegmentSignature(
      source.signingSecret,
      parsedBody(request).rawBody,
      typeof header === 'string' ? header : undefined,
    );
    if (!check.ok) throw unauthorized(check.reason);
    await this.forward(source.id, fromSegmentWebhook(this.intake.jsonBody(request)), request.id);
    return { success: true };
  }

  /** RudderStack's Webhook destination: one event (or an array) per request, authenticated by write key. */
  @Post('rudderstack')
  @HttpCode(200)
  async rudderstack(@Req() request: FastifyRequest): Promise<Accepted> {
    const source = await this.intake.authenticate(request, { query: true });
    await this.forward(source.id, fromRudderStackWebhook(this.intake.jsonBody(request)), request.id);
    return { success: true };
  }

  /**
   * Any sender: `x-cdp-timestamp` (unix seconds) and `x-cdp-signature: v1=<hex HMAC-SHA256 of
   * "timestamp.body">`, within 300 s; the same delivery twice is refused (409).
   */
  @Post(':sourceId')
  @HttpCode(200)
  async generic(@Param('sourceId') sourceId: string, @Req() request: FastifyRequest): Promise<Accepted> {
    const source = await this.sources.findForWebhook(sourceId);
    if (!source) throw unauthorized(`no source ${sourceId}`);
    if (!source.enabled) throw unauthorized(`source "${source.name}" is disabled`);
    if (!source.signingSecret) {
      throw unauthorized(`source "${source.name}" has no signing secret: create it with kind "webhook"`);
    }
    const timestamp = header(request, WEBHOOK_TIMESTAMP_HEADER);
    const check = verifyWebhookSignature({
      secret: source.signingSecret,
      rawBody: parsedBody(request).rawBody,
      timestamp,
      signature: header(request, WEBHOOK_SIGNATURE_HEADER),
      now: new Date(),
    });
    if (!check.ok) throw unauthorized(check.reason);
    const body = fromGenericWebhook(this.intake.jsonBody(request));
    const replayKey = webhookReplayKey(timestamp ?? '', check.signature);
    if (!(await this.receipts.claim(source.id, replayKey, new Date()))) {
      throw new IngestionError(
        409,
        'CONFLICT',
        'this delivery was already received (same timestamp and signature)',
      );
    }
    try {
      await this.forward(source.id, body, request.id);
    } catch (error) {
      // Not kept: the sender's retry of this very delivery must not be taken for a replay.
      await this.receipts.release(source.id, replayKey).catch(() => undefined);
      throw error;
    }
    return { success: true };
  }

  private async forward(sourceId: string, payload: WebhookPayloadResult, requestId: string): Promise<void> {
    if (!payload.ok) throw invalidRequest(payload.errors);
    await this.intake.accept(sourceId, 'batch', payload.body, requestId);
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
