import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  AUDIENCE_CHANGES,
  AUDIENCE_CREATE,
  AUDIENCE_ESTIMATE,
  AUDIENCE_MEMBERS,
  AUDIENCE_DELETE,
  AUDIENCE_UPDATE,
  AUDIENCES_LIST,
} from '@cdp/activation/contracts';
import { OnRequest } from '@cdp/shared/util-messaging';
import type { RequestOf as Req } from '@cdp/shared/contracts';
import { AudiencesService } from './audiences.service.js';

@Controller()
export class AudiencesController {
  constructor(private readonly audiences: AudiencesService) {}

  @OnRequest(AUDIENCE_CREATE)
  create(@Payload() request: Req<typeof AUDIENCE_CREATE>) {
    return this.audiences.create(request);
  }

  @OnRequest(AUDIENCE_UPDATE)
  update(@Payload() request: Req<typeof AUDIENCE_UPDATE>) {
    return this.audiences.update(request.audience, request.rule);
  }

  @OnRequest(AUDIENCE_DELETE)
  delete(@Payload() request: Req<typeof AUDIENCE_DELETE>) {
    return this.audiences.delete(request.audience);
  }

  @OnRequest(AUDIENCES_LIST)
  async list() {
    return { audiences: await this.audiences.list() };
  }

  @OnRequest(AUDIENCE_ESTIMATE)
  estimate(@Payload() request: Req<typeof AUDIENCE_ESTIMATE>) {
    return this.audiences.estimate(request.rule);
  }

  @OnRequest(AUDIENCE_CHANGES)
  changes(@Payload() request: Req<typeof AUDIENCE_CHANGES>) {
    return this.audiences.changes(request.afterSeq, request.limit);
  }

  @OnRequest(AUDIENCE_MEMBERS)
  members(@Payload() request: Req<typeof AUDIENCE_MEMBERS>) {
    return this.audiences.members(request.audience, request.limit, request.after);
  }
}
