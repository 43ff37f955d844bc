import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { RequestKind } from '@cdp/ingestion/domain';
import { IngestionError } from '../http/ingestion-errors.js';
import { basicAuthUser, EventsIntake } from './events-intake.service.js';

const KINDS = new Set<RequestKind>([
  'identify',
  'track',
  'page',
  'screen',
  'group',
  'alias',
  'batch',
  'import',
]);

/**
 * Segment's HTTP tracking API: any Segment-compatible SDK works by pointing its host here.
 * 200 `{ "success": true }` only once every event of the request is stored on the bus.
 */
@Controller('v1')
export class TrackingController {
  constructor(private readonly intake: EventsIntake) {}

  @Post(':kind')
  @HttpCode(200)
  async receive(@Param('kind') kind: string, @Req() request: FastifyRequest): Promise<{ success: true }> {
    if (!KINDS.has(kind as RequestKind)) {
      throw new IngestionError(
        404,
        'UNSUPPORTED',
        `no tracking call "${kind}": use identify, track, page, screen, group, alias, batch or import`,
      );
    }
    // With Basic auth a bad key is the first thing to report; without it the key is in the body,
    // which has to parse before it can be read.
    const body = basicAuthUser(request.headers.authorization) ? undefined : this.intake.jsonBody(request);
    const source = await this.intake.authenticate(request, { body: true });
    await this.intake.accept(
      source.id,
      kind as RequestKind,
      body ?? this.intake.jsonBody(request),
      request.id,
    );
    return { success: true };
  }
}
