import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import {
  SuppressedIdentifiersRepository,
  type Queryable,
  type SuppressionScreen,
} from '@cdp/ingestion/data-access-db';
import { carriesSuppressedIdentifier } from '@cdp/ingestion/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER } from '@cdp/shared/util-service';

/**
 * How often a replica picks up suppressions written by another one. The replica that handles a
 * `profile.deleted` applies it at once, and the raw store checks the table in every batch's
 * transaction, so this is only how long another replica's HTTP intake may still publish an erased
 * person's events to the bus (where the raw store drops them, but other consumers see them).
 */
export const SUPPRESSION_REFRESH_MS = 5_000;

/**
 * The suppressed identifier keys in memory, so the intake's check costs a few hashes per event
 * (nothing while nobody is suppressed) and no database round trip. Loaded at start, extended by
 * `seq` when this service erases someone, every SUPPRESSION_REFRESH_MS, and by the raw store's
 * batches whenever the table moved.
 */
@Injectable()
export class SuppressionList implements OnModuleInit, OnModuleDestroy {
  private readonly keys = new Set<string>();
  private seq = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: SuppressedIdentifiersRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!firstBootstrap(this)) return;
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not refresh the suppressed identifiers; will retry');
      });
    }, SUPPRESSION_REFRESH_MS).unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** How many identifier keys are suppressed (as far as this replica knows). */
  get size(): number {
    return this.keys.size;
  }

  /** Adds the suppressions stored since the last read (on `q`, e.g. inside a transaction). */
  async refresh(q?: Queryable): Promise<void> {
    const changes = await this.repository.since(this.seq, q);
    for (const key of changes.keyHashes) this.keys.add(key);
    // Concurrent refreshes may finish out of order: never move back.
    this.seq = Math.max(this.seq, changes.seq);
  }

  /** True when the event carries an identifier of an erased person. */
  suppresses(event: NormalizedEvent): boolean {
    return carriesSuppressedIdentifier(event, this.keys);
  }

  /** The events to keep and those to drop, in their order (`events` itself when none is dropped). */
  split(events: NormalizedEvent[]): { kept: NormalizedEvent[]; suppressed: NormalizedEvent[] } {
    if (this.keys.size === 0) return { kept: events, suppressed: [] };
    const kept: NormalizedEvent[] = [];
    const suppressed: NormalizedEvent[] = [];
    for (const event of events) (this.suppresses(event) ? suppressed : kept).push(event);
    return suppressed.length === 0 ? { kept: events, suppressed } : { kept, suppressed };
  }

  /**
   * For the raw store's appends: inside the batch's transaction (suppressions frozen by the lock),
   * catch up when the table moved (one index probe otherwise), then answer from memory.
   */
  readonly screen: SuppressionScreen = async (q) => {
    if ((await this.repository.latestSeq(q)) > this.seq) await this.refresh(q);
    return (event) => this.suppresses(event);
  };
}
