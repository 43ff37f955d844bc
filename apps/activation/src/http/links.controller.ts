import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { DeliveriesRepository, AudiencesRepository } from '@cdp/activation/data-access-db';
import type { FastifyReply } from 'fastify';
import { DeliveryEngine } from '../delivery/delivery-engine.service.js';

/** The smallest transparent GIF (43 bytes): the open pixel. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Links inside messages: the RFC 8058 one-click unsubscribe (POST, from the mail client, no page
 * and no confirmation), its page for people who click it (GET shows a button that POSTs), the open
 * pixel and the click redirect. Tokens are signed per delivery, so links cannot be forged.
 */
@Controller('v1')
export class LinksController {
  constructor(
    private readonly engine: DeliveryEngine,
    private readonly deliveries: DeliveriesRepository,
    private readonly audiences: AudiencesRepository,
  ) {}

  @Post('unsubscribe/:token')
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const delivery = await this.delivery(token);
    if (!delivery) {
      await reply.code(404).type('text/plain').send('This unsubscribe link is not valid.');
      return;
    }
    await this.audiences.setConsent(delivery.profileId, 'unsubscribe', delivery.channel);
    await reply
      .type('text/html; charset=utf-8')
      .send(page('You are unsubscribed', `You will get no more ${delivery.channel} from us.`));
  }

  @Get('unsubscribe/:token')
  async unsubscribePage(@Param('token') token: string, @Res() reply: FastifyReply): Promise<void> {
    const delivery = await this.delivery(token);
    if (!delivery) {
      await reply.code(404).type('text/plain').send('This unsubscribe link is not valid.');
      return;
    }
    // A GET never unsubscribes: link scanners in mail gateways follow every link.
    await reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'Unsubscribe',
          `<form method="post"><button type="submit">Unsubscribe from ${delivery.channel}</button></form>`,
        ),
      );
  }

  @Get('t/open/:file')
  async open(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const delivery = await this.delivery(file.replace(/\.gif$/, ''));
    if (delivery) await this.deliveries.recordEvent({ deliveryId: delivery.id }, 'opened', {});
    await reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
  }

  @Get('t/click/:token')
  async click(
    @Param('token') token: string,
    @Query('url') url: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const target = safeTarget(url);
    if (!target) {
      await reply.code(400).type('text/plain').send('The link has no valid http(s) url.');
      return;
    }
    const delivery = await this.delivery(token);
    if (delivery) await this.deliveries.recordEvent({ deliveryId: delivery.id }, 'clicked', { url: target });
    await reply.redirect(target, 302);
  }

  private async delivery(token: string) {
    const id = this.engine.links.verify(token);
    return id === undefined ? undefined : this.deliveries.delivery(id);
  }
}

function safeTarget(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;
}
