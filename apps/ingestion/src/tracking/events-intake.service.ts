import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RAW_EVENTS_RECEIVED, type NormalizedEvent } from '@cdp/ingestion/contracts';
import { RawEventStore, SourcesRepository, type AuthenticatedSource } from '@cdp/ingestion/data-access-db';
import { envelopeMsgId, normalizeRequest, writeKeyFromBody, type RequestKind } from '@cdp/ingestion/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { MessagingClient } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { invalidRequest, unauthorized } from '../http/ingestion-errors.js';
import { parsedBody, receivedBytes } from '../http/json-body.js';
import { SuppressionList } from '../privacy/suppression-list.service.js';

/** Where a request's write key may come from, in the order tried. */
export interface CredentialSources {
  /** Segment's tracking API also takes the key in the JSON body (analytics.js sends it there). */
  body?: boolean;
  /** `?writeKey=`: CDP webhook destinations that cannot send an Authorization header. */
  query?: boolean;
}

/**
 * The one way events get in, whatever the door (tracking API, webhook, import): authenticate the
 * source, validate and normalise the request, drop the events of erased people, and publish the
 * rest as one envelope. Resolves only once the bus has stored the envelope, so a 200 always means
 * "durably kept" (or, for an erased person's events, "dropped on purpose", as Segment does).
 */
@Injectable()
export class EventsIntake {
  constructor(
    private readonly sources: SourcesRepository,
    private readonly messaging: MessagingClient,
    private readonly store: RawEventStore,
    private readonly suppressions: SuppressionList,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The enabled source whose write key the request carries; 401 otherwise. */
  async authenticate(request: FastifyRequest, from: CredentialSources): Promise<AuthenticatedSource> {
    const writeKey =
      basicAuthUser(request.headers.authorization) ??
      (from.body ? writeKeyFromBody(request.body) : undefined) ??
      (from.query ? queryWriteKey(request.query) : undefined);
    if (!writeKey) {
      throw unauthorized(
        `no write key: send it as the HTTP Basic username (empty password)${from.body ? ' or as writeKey in the body' : ''}${from.query ? ' or as ?writeKey=' : ''}`,
      );
    }
    const source = await this.sources.findByWriteKey(writeKey);
    if (!source) throw unauthorized('unknown write key');
    if (!source.enabled) throw unauthorized(`source "${source.name}" is disabled`);
    return source;
  }

  /** The request's JSON, or 400 naming what is wrong with it. */
  jsonBody(request: FastifyRequest): unknown {
    const { jsonError } = parsedBody(request);
    if (jsonError) {
      throw invalidRequest([
        { index: null, field: '$', message: `the body is not valid JSON: ${jsonError}` },
      ]);
    }
    if (request.body === undefined) {
      throw invalidRequest([{ index: null, field: '$', message: 'the body is empty; send a JSON object' }]);
    }
    return request.body;
  }

  /** Validates a Segment request all-or-nothing and publishes its events; returns how many. */
  async accept(sourceId: string, kind: RequestKind, body: unknown, requestId: string): Promise<number> {
    const receivedAt = new Date();
    const result = normalizeRequest(kind, body, { receivedAt, bodyBytes: receivedBytes(body) });
    if (!result.ok) throw invalidRequest(result.errors);
    await this.publish(sourceId, result.events, requestId, receivedAt);
    return result.events.length;
  }

  /**
   * One envelope per request; its msgId makes a client's retry inside the window a no-op. Events
   * carrying a suppressed identifier are left out (checked in memory: see SuppressionList).
   */
  async publish(
    sourceId: string,
    all: NormalizedEvent[],
    requestId: string,
    receivedAt: Date,
  ): Promise<void> {
    const { kept: events, suppressed } = this.suppressions.split(all);
    if (events.length > 0) await this.send(sourceId, events, requestId, receivedAt);
    if (suppressed.length > 0) {
      // After the publish, so a request the client must retry is not counted twice. Only a
      // counter: failing to move it must not turn the kept events' 200 into an error.
      await this.store.countSuppressed(sourceId, suppressed).catch((error: unknown) => {
        this.logger.warn({ err: error, suppressed: suppressed.length }, 'could not count suppressed events');
      });
    }
  }

  private async send(
    sourceId: string,
    events: NormalizedEvent[],
    requestId: string,
    receivedAt: Date,
  ): Promise<void> {
    const ack = await this.messaging.publish(
      RAW_EVENTS_RECEIVED,
      { sourceId, requestId: requestId || randomUUID(), receivedAt: receivedAt.toISOString(), events },
      { msgId: envelopeMsgId(sourceId, events) },
    );
    // A client's retry the bus recognised never reaches the store's consumer: count it here.
    if (ack.duplicate) await this.store.countDuplicates(sourceId, events);
  }
}

/** The username of `Authorization: Basic base64(user:password)` (or of `base64(user)`). */
export function basicAuthUser(header: string | undefined): string | undefined {
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = colon === -1 ? decoded : decoded.slice(0, colon);
  return user === '' ? undefined : user;
}

function queryWriteKey(query: unknown): string | undefined {
  const value = (query as Record<string, unknown> | null)?.['writeKey'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
