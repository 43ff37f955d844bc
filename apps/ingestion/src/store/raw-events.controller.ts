import { Controller, Inject } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  EVENTS_STATS,
  EVENTS_TIMELINE,
  RAW_EVENTS_RECEIVED,
  type EventsReceived,
  type EventsStats,
  type EventsTimelineRequest,
  type TimelineEvent,
} from '@cdp/ingestion/contracts';
import { RawEventStore, SourcesRepository } from '@cdp/ingestion/data-access-db';
import type { Logger } from '@cdp/shared/util-logging';
import { OnEventBatch, OnRequest, type TypedMessage } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { SuppressionList } from '../privacy/suppression-list.service.js';

/**
 * Writes what the tracking API accepted into the raw event store. A batch of envelopes is one
 * transaction, acked after it commits; a redelivered envelope stores nothing twice. Events of
 * erased people are dropped here too: an import publishes straight to the bus, and an intake
 * replica may not have heard of a suppression yet. Reads: the store's counters and a person's
 * timeline.
 */
@Controller()
export class RawEventsController {
  constructor(
    private readonly store: RawEventStore,
    private readonly sources: SourcesRepository,
    private readonly suppressions: SuppressionList,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // Up to 30 envelopes (~3,000 events) per transaction, fewer when fewer are waiting. A batch is
  // decoded, validated and serialised for PostgreSQL in one synchronous stretch on the event loop
  // the HTTP intake shares, so the largest batch sets the p99 of requests (it did at 50); with 20
  // the store fell behind the intake at 21k events/s (docs/benchmarks.md, ingest).
  @OnEventBatch(RAW_EVENTS_RECEIVED, { batchSize: 30, maxAckPending: 500 })
  async keep(@Payload() messages: Array<TypedMessage<EventsReceived>>): Promise<void> {
    const result = await this.store.append(
      messages.map((m) => m.data),
      { screen: this.suppressions.screen },
    );
    if (result.duplicates > 0 || result.suppressed > 0) {
      this.logger.debug({ ...result, envelopes: messages.length }, 'duplicate or suppressed events skipped');
    }
  }

  /**
   * A person's raw events, newest first. The identifier types are identity's names for the two
   * ids the store keeps in columns (what PROFILE_GET lists); identity trims them, as the SDKs send them.
   */
  @OnRequest(EVENTS_TIMELINE)
  async timeline(@Payload() request: EventsTimelineRequest): Promise<{ events: TimelineEvent[] }> {
    const valuesOf = (type: string): string[] => [
      ...new Set(request.identifiers.filter((i) => i.type === type).map((i) => i.value)),
    ];
    const rows = await this.store.timeline({
      userIds: valuesOf('user_id'),
      anonymousIds: valuesOf('anonymous_id'),
      limit: request.limit ?? 100,
      ...(request.before ? { before: new Date(request.before) } : {}),
    });
    return {
      events: rows.map((row) => ({
        messageId: row.messageId,
        sourceId: row.sourceId,
        type: row.type,
        event: row.event,
        timestamp: row.timestamp.toISOString(),
        properties: row.properties,
      })),
    };
  }

  @OnRequest(EVENTS_STATS)
  async stats(): Promise<EventsStats> {
    const [counts, sources] = await Promise.all([this.store.stats(), this.sources.list()]);
    const bySource = new Map(counts.map((c) => [c.sourceId, c]));
    let stored = 0;
    let duplicates = 0;
    let suppressed = 0;
    let last: Date | null = null;
    const rows = sources.map((source) => {
      const c = bySource.get(source.id);
      stored += c?.stored ?? 0;
      duplicates += c?.duplicates ?? 0;
      suppressed += c?.suppressed ?? 0;
      if (c?.lastReceivedAt && (!last || c.lastReceivedAt > last)) last = c.lastReceivedAt;
      return {
        sourceId: source.id,
        name: source.name,
        kind: source.kind,
        enabled: source.enabled,
        stored: c?.stored ?? 0,
        duplicates: c?.duplicates ?? 0,
        suppressed: c?.suppressed ?? 0,
        lastReceivedAt: c?.lastReceivedAt?.toISOString() ?? null,
        byType: c?.byType ?? {},
      };
    });
    return {
      sources: rows,
      totals: {
        stored,
        duplicates,
        suppressed,
        lastReceivedAt: (last as Date | null)?.toISOString() ?? null,
      },
    };
  }
}
