/** A Segment event as far as the bodies care: any JSON object; its messageId is replaced. */
export type EventLike = { messageId?: string } & Record<string, unknown>;

/**
 * Bodies of `POST /v1/batch` requests cut from a pool of realistic events. Each body takes the
 * pool's next `batchSize` events and gives every one a messageId no other body has used, so the
 * raw store's `(source, messageId)` dedup keeps everything sent and the stored figure means what
 * it says. The events are serialised once; a body is string concatenation, cheap enough to make
 * one per request while the load runs.
 */
export class BatchBodies {
  /** Each event's JSON without its messageId and without the opening brace. */
  private readonly tails: string[];
  private sent = 0;
  /** Average bytes of one event as sent (with its messageId). */
  readonly bytesPerEvent: number;

  constructor(
    pool: readonly EventLike[],
    /** Makes the ids of this run unlike those of any other run against the same database. */
    private readonly runId: string,
    readonly batchSize = 100,
  ) {
    const usable = pool.length - (pool.length % batchSize);
    if (usable === 0) throw new Error(`a pool of ${pool.length} events has no batch of ${batchSize}`);
    this.tails = pool.slice(0, usable).map((event) => {
      const json = JSON.stringify({ ...event, messageId: undefined });
      if (json === '{}') throw new Error('an event with no fields besides its messageId');
      return json.slice(1);
    });
    const sample = this.next();
    this.sent = 0;
    this.bytesPerEvent = (sample.length - '{"batch":[]}'.length) / batchSize;
  }

  /** Distinct batches in the pool: bodies repeat their events (not their ids) after this many. */
  get distinct(): number {
    return this.tails.length / this.batchSize;
  }

  /** How many bodies were made so far. */
  get count(): number {
    return this.sent;
  }

  next(): string {
    const n = this.sent++;
    const offset = (n % this.distinct) * this.batchSize;
    const events = new Array<string>(this.batchSize);
    for (let j = 0; j < this.batchSize; j++) {
      events[j] = `{"messageId":"${this.runId}-${n}-${j}",${this.tails[offset + j] as string}`;
    }
    return `{"batch":[${events.join(',')}]}`;
  }
}
