import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  SOURCE_CREATE,
  SOURCE_DISABLE,
  SOURCE_GET,
  SOURCE_LIST,
  SOURCE_ROTATE_KEY,
  type SourceViewPayload,
} from '@cdp/ingestion/contracts';
import { SourceNameTakenError, SourcesRepository, type SourceView } from '@cdp/ingestion/data-access-db';
import { BusError, OnRequest } from '@cdp/shared/util-messaging';
import type { z } from 'zod';

type Reply<C extends { response: z.ZodType }> = z.infer<C['response']>;

/** Sources over request/reply, for the CLI (`npm run cdp -- sources …`) and the gateway. */
@Controller()
export class SourcesController {
  constructor(private readonly sources: SourcesRepository) {}

  @OnRequest(SOURCE_CREATE)
  async create(
    @Payload() request: z.infer<typeof SOURCE_CREATE.request>,
  ): Promise<Reply<typeof SOURCE_CREATE>> {
    try {
      const created = await this.sources.create(request.name, request.kind);
      return { ...toPayload(created), writeKey: created.writeKey, signingSecret: created.signingSecret };
    } catch (error) {
      if (error instanceof SourceNameTakenError)
        throw new BusError('CONFLICT', error.message, { name: request.name });
      throw error;
    }
  }

  @OnRequest(SOURCE_LIST)
  async list(): Promise<Reply<typeof SOURCE_LIST>> {
    return { sources: (await this.sources.list()).map(toPayload) };
  }

  @OnRequest(SOURCE_GET)
  async get(@Payload() request: { source: string }): Promise<SourceViewPayload> {
    return toPayload(found(await this.sources.find(request.source), request.source));
  }

  @OnRequest(SOURCE_ROTATE_KEY)
  async rotateKey(@Payload() request: { source: string }): Promise<Reply<typeof SOURCE_ROTATE_KEY>> {
    const rotated = found(await this.sources.rotateKey(request.source), request.source);
    return { ...toPayload(rotated), writeKey: rotated.writeKey };
  }

  @OnRequest(SOURCE_DISABLE)
  async disable(@Payload() request: { source: string }): Promise<SourceViewPayload> {
    return toPayload(found(await this.sources.disable(request.source), request.source));
  }
}

function found<T>(value: T | undefined, ref: string): T {
  if (value === undefined)
    throw new BusError('NOT_FOUND', `no source with id or name "${ref}"`, { source: ref });
  return value;
}

function toPayload(source: SourceView): SourceViewPayload {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    enabled: source.enabled,
    writeKeyHint: source.writeKeyHint,
    createdAt: source.createdAt.toISOString(),
    keyRotatedAt: source.keyRotatedAt?.toISOString() ?? null,
    disabledAt: source.disabledAt?.toISOString() ?? null,
  };
}
