import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  PARTNER_CREATE,
  PARTNER_KEYS,
  PARTNER_REPORT,
  PARTNER_SHARE,
  PARTNERS_LIST,
} from '@cdp/ad-feeds/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { RequestOf as Req } from '@cdp/shared/contracts';
import { PartnersService } from './partners.service.js';

@Controller()
export class PartnersController {
  constructor(private readonly partners: PartnersService) {}

  @OnRequest(PARTNER_CREATE)
  create(@Payload() request: Req<typeof PARTNER_CREATE>) {
    return this.partners.create(request);
  }

  @OnRequest(PARTNERS_LIST)
  async list() {
    return { partners: await this.partners.list() };
  }

  @OnRequest(PARTNER_SHARE)
  share(@Payload() request: Req<typeof PARTNER_SHARE>) {
    return this.partners.share(request);
  }

  @OnRequest(PARTNER_KEYS)
  keys(@Payload() request: Req<typeof PARTNER_KEYS>) {
    return this.partners.keys(request);
  }

  @OnRequest(PARTNER_REPORT)
  report(@Payload() request: Req<typeof PARTNER_REPORT>) {
    return this.partners.report(request.partner);
  }
}
