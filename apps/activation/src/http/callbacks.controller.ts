import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Headers,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import { smsDestinationSchema } from '@cdp/activation/contracts';
import { DeliveriesRepository } from '@cdp/activation/data-access-db';
import { verifyTwilioSignature } from '@cdp/activation/domain';
import type { FastifyRequest } from 'fastify';
import { DeliveryEngine } from '../delivery/delivery-engine.service.js';

/** Twilio's MessageStatus values, in our delivery statuses (queued/sending/sent add nothing). */
const TWILIO_STATUS: Record<string, 'delivered' | 'bounced' | 'failed' | undefined> = {
  delivered: 'delivered',
  undelivered: 'bounced',
  failed: 'failed',
};

/**
 * Provider status callbacks. Twilio signs each with `X-Twilio-Signature` over the URL it was
 * given and the form fields; a callback that does not verify is refused and changes nothing.
 */
@Controller('v1/callbacks')
export class CallbacksController {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly engine: DeliveryEngine,
  ) {}

  @Post('twilio/:destinationId')
  @HttpCode(204)
  async twilio(
    @Param('destinationId') destinationId: string,
    @Headers('x-twilio-signature') signature: string | undefined,
    @Body() body: Record<string, string> | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    const destination = /^[0-9a-f-]{36}$/i.test(destinationId)
      ? await this.deliveries.destination(destinationId)
      : undefined;
    const config = smsDestinationSchema.safeParse(destination?.config);
    if (!destination || !config.success) throw new NotFoundException(`no SMS destination ${destinationId}`);
    const params = body ?? {};
    const url = `${this.engine.publicUrl()}${request.url}`;
    if (!signature || !verifyTwilioSignature(config.data.authToken, url, params, signature)) {
      throw new ForbiddenException('X-Twilio-Signature does not verify for this URL and body');
    }
    const sid = params['MessageSid'];
    if (!sid) throw new BadRequestException('MessageSid is missing');
    const status = TWILIO_STATUS[params['MessageStatus'] ?? ''];
    if (!status) return;
    await this.deliveries.recordEvent({ providerId: sid }, status, {
      provider: 'twilio',
      messageStatus: params['MessageStatus'],
      errorCode: params['ErrorCode'] ?? null,
    });
  }
}
