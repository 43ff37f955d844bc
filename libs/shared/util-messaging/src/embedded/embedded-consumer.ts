import type { DbClient } from '@cdp/shared/util-db';
import type { BatchHandler, DeliveredMessage, MessageHandler, Subscription } from '../bus.js';
import { backoffDelay, describeError, PermanentError, type ResolvedConsumerOptions } from '../errors.js';
import type { LockKeys } from './embedded-schema.js';

/** What a consumer needs from its bus. */
export interface ConsumerContext {
  client: DbClient;
  /** The quoted schema name. */
  schema: string;
  /** The unquoted schema name (prepared statement names). */
  schemaName: string;
  keys: LockKeys;
  /** This bus instance's id: the owner of the rows it locks. */
  owner: number;
  /** Whether the liveness lock of `owner` is held: fetching waits while it is not. */
  alive(): boolean;
  ackWaitMs: number;
  pollIntervalMs: number;
  warn(message: string, error: unknown): void;
}

export type ConsumerMode =
  { kind: 'single'; handler: MessageHandler } | { kind: 'batch'; handler: BatchHandler };

interface Row {
  seq: string;
  subject: string;
  msg_id: string | null;
  key: string | null;
  headers: Record<string, string> | null;
  data: unknown;
  deliveries: number;
}

/** A claimed row: `deliveries` is the count its lock was taken with (it guards naks). */
interface Claim {
  seq: number;
  deliveries: number;
  message: DeliveredMessage;
}

/** Turns NATS subject wildcards (`*` one token, `>` the rest) into an anchored regex, or null. */
export function subjectPattern(subject: string): string | null {
  const tokens = subject.split('.');
  if (!tokens.some((t) => t === '*' || t === '>')) return null;
  const parts = tokens.map((token, i) => {
    if (token === '*') return '[^.]+';
    if (token === '>') {
      if (i !== tokens.length - 1) throw new Error(`'>' must be the last token of ${subject}`);
      return '.+';
    }
    return token.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
  });
  return `^${parts.join('\\.')}$`;
}

/** Resolves one waiter (or the next one) when notified; a wait also ends after its timeout. */
class Signal {
  private pending = false;
  private waiter: (() => void) | undefined;

  notify(): void {
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter();
    } else {
      this.pending = true;
    }
  }

  wait(timeoutMs: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve();
      }, timeoutMs);
      this.waiter = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

const ACK_CHUNK = 5_000;

/**
 * One durable consumer of the embedded log in this process: a fetch loop that claims work in
 * batches (one round trip, see the `fetch` SQL function), handlers run per key in order
 * (different keys concurrently), acks coalesced into batched deletes, failures retried with
 * backoff or dead-lettered.
 */
export class EmbeddedConsumer implements Subscription {
  private readonly inFlight = new Map<number, Claim>();
  private readonly running = new Set<Promise<void>>();
  private readonly settling = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly signal = new Signal();
  private ackQueue: Claim[] = [];
  /** Claims dispatched whose handler has not finished. */
  private active = 0;
  private ackFlush: Promise<void> | undefined;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly pattern: string | null;
  private readonly matcher: RegExp | null;
  private readonly claimCap: number;

  constructor(
    private readonly ctx: ConsumerContext,
    private readonly consumerId: number,
    private readonly options: ResolvedConsumerOptions,
    private readonly mode: ConsumerMode,
    private readonly onStopped: () => void,
  ) {
    this.pattern = subjectPattern(options.subject);
    this.matcher = this.pattern === null ? null : new RegExp(this.pattern);
    this.claimCap = Math.max(options.batchSize * 4, Math.min(options.maxAckPending, 2_000));
  }

  start(): void {
    this.loopDone = this.loop();
  }

  /** New messages on `subject` were published (NOTIFY), or the bus regained its connection. */
  wake(subject?: string): void {
    const matches = this.matcher ? this.matcher.test(subject ?? '') : subject === this.options.subject;
    if (subject === undefined || matches) {
      this.signal.notify();
    }
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.signal.notify();
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      await this.loopDone;
      while (this.running.size > 0) await Promise.allSettled([...this.running]);
      while (this.ackFlush || this.settling.size > 0) {
        await this.ackFlush;
        await Promise.allSettled([...this.settling]);
      }
      this.onStopped();
    })();
    return this.stopped;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      // Handlers run at most a batch at a time (a service's database pool is not flooded); the
      // next batch is fetched once half of it is free. Unacked messages stay <= maxAckPending.
      const free = this.options.batchSize - this.active;
      const limit = Math.min(free, this.options.maxAckPending - this.inFlight.size);
      const worthIt = this.active === 0 || free >= Math.ceil(this.options.batchSize / 2);
      if (limit <= 0 || !worthIt || !this.ctx.alive()) {
        await this.signal.wait(this.ctx.pollIntervalMs);
        continue;
      }
      let rows: Row[];
      try {
        rows = await this.fetch(limit);
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1) this.ctx.warn(`fetch for ${this.options.durable} failed`, error);
        await this.signal.wait(Math.min(5_000, this.ctx.pollIntervalMs * 2 ** Math.min(failures, 5)));
        continue;
      }
      const claims: Claim[] = [];
      for (const row of rows) {
        // A seq still in flight here comes back when its visibility timeout passed: it is
        // delivered again, as JetStream would after AckWait (the first run's ack still counts).
        const claim = { seq: Number(row.seq), deliveries: row.deliveries, message: toMessage(row) };
        this.inFlight.set(claim.seq, claim);
        claims.push(claim);
      }
      claims.sort((a, b) => a.seq - b.seq);
      if (this.stopping) {
        this.track(this.settling, this.release(claims));
        break;
      }
      if (claims.length > 0) this.dispatch(claims);
      if (rows.length < limit) await this.signal.wait(this.ctx.pollIntervalMs);
    }
  }

  private async fetch(limit: number): Promise<Row[]> {
    const result = await this.ctx.client.pool.query<Row>({
      name: `cdp_bus_fetch_${this.ctx.schemaName}`,
      text: `SELECT seq, subject, msg_id, key, headers, data, deliveries
               FROM ${this.ctx.schema}.fetch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      values: [
        this.consumerId,
        this.options.subject,
        this.pattern,
        limit,
        this.claimCap,
        this.ctx.owner,
        this.ctx.ackWaitMs,
        this.ctx.keys.consumers,
        this.options.maxDeliver,
        this.options.durable,
      ],
    });
    return result.rows;
  }

  private track(set: Set<Promise<void>>, work: Promise<void>): void {
    set.add(work);
    void work.finally(() => set.delete(work));
  }

  private run(claims: Claim[], work: (claims: Claim[]) => Promise<void>): void {
    this.active += claims.length;
    this.track(
      this.running,
      work(claims).finally(() => {
        this.active -= claims.length;
        if (this.active === 0 || this.active <= this.options.batchSize / 2) this.signal.notify();
      }),
    );
  }

  private dispatch(claims: Claim[]): void {
    const mode = this.mode;
    if (mode.kind === 'batch') {
      this.run(claims, (batch) => this.runBatch(mode.handler, batch));
      return;
    }
    // One key's messages in order, one after the other; different keys (and keyless ones) at once.
    const byKey = new Map<string, Claim[]>();
    for (const claim of claims) {
      const key = claim.message.key;
      if (key === undefined) {
        this.run([claim], (group) => this.runInOrder(mode.handler, group));
        continue;
      }
      const group = byKey.get(key);
      if (group) group.push(claim);
      else byKey.set(key, [claim]);
    }
    for (const group of byKey.values()) this.run(group, (g) => this.runInOrder(mode.handler, g));
  }

  private async runInOrder(handler: MessageHandler, group: Claim[]): Promise<void> {
    for (let i = 0; i < group.length; i++) {
      const claim = group[i] as Claim;
      if (this.stopping) {
        // Not started: back to the log for the next consumer (the ones before it keep the key).
        await this.release(group.slice(i));
        return;
      }
      try {
        await handler(claim.message);
        this.ack([claim]);
      } catch (error) {
        const retried = await this.fail([claim], error);
        if (retried) {
          // The key waits for this one's retry: the rest go back, behind it.
          await this.release(group.slice(i + 1));
          return;
        }
      }
    }
  }

  private async runBatch(handler: BatchHandler, claims: Claim[]): Promise<void> {
    try {
      await handler(claims.map((c) => c.message));
      this.ack(claims);
      return;
    } catch (error) {
      const failedBefore = claims.some((c) => c.deliveries > 1);
      if (claims.length === 1 || !(error instanceof PermanentError || failedBefore)) {
        await this.fail(claims, error);
        return;
      }
    }
    // A permanent failure, or a batch that failed before: find the message(s) that cannot
    // succeed, one at a time, so the rest are neither retried nor dead-lettered with them (a first
    // failure, a deadlock or a restart, retries the batch whole). A key whose message is retried
    // waits.
    const waiting = new Set<string>();
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i] as Claim;
      const key = claim.message.key;
      if (this.stopping || (key !== undefined && waiting.has(key))) {
        await this.release([claim]);
        continue;
      }
      try {
        await handler([claim.message]);
        this.ack([claim]);
      } catch (error) {
        if ((await this.fail([claim], error)) && key !== undefined) waiting.add(key);
      }
    }
  }

  private ack(claims: Claim[]): void {
    this.ackQueue.push(...claims);
    this.ackFlush ??= this.flushAcks().finally(() => {
      this.ackFlush = undefined;
    });
  }

  private async flushAcks(): Promise<void> {
    let failures = 0;
    while (this.ackQueue.length > 0) {
      const claims = this.ackQueue.splice(0, ACK_CHUNK);
      try {
        await this.ctx.client.pool.query({
          name: `cdp_bus_ack_${this.ctx.schemaName}`,
          text: `DELETE FROM ${this.ctx.schema}.pending WHERE consumer = $1 AND seq = ANY ($2::bigint[])`,
          values: [this.consumerId, claims.map((c) => c.seq)],
        });
        failures = 0;
        this.forget(claims);
      } catch (error) {
        failures++;
        if (failures === 1) this.ctx.warn(`ack for ${this.options.durable} failed`, error);
        if (this.stopping && failures >= 3) {
          // Given up: the messages come back after their visibility timeout (at least once).
          this.forget(claims);
          continue;
        }
        this.ackQueue = [...claims, ...this.ackQueue];
        await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** failures)));
      }
    }
  }

  private forget(claims: Claim[]): void {
    for (const claim of claims) {
      if (this.inFlight.get(claim.seq) === claim) this.inFlight.delete(claim.seq);
    }
    this.signal.notify();
  }

  /**
   * A handler failed: each message is retried after its backoff, or dead-lettered after
   * `maxDeliver` deliveries or at once for a PermanentError. Resolves whether any is retried.
   */
  private fail(claims: Claim[], error: unknown): Promise<boolean> {
    const permanent = error instanceof PermanentError;
    const reason = describeError(error);
    const retry = claims.filter((c) => !permanent && c.deliveries < this.options.maxDeliver);
    const dead = claims.filter((c) => permanent || c.deliveries >= this.options.maxDeliver);
    const owner = this.ctx.owner;
    const s = this.ctx.schema;
    const work = (async () => {
      try {
        if (retry.length > 0) {
          const delays = retry.map((c) => backoffDelay(this.options.backoffMs, c.deliveries));
          await this.ctx.client.pool.query(
            `UPDATE ${s}.pending p
                SET locked_until = now() + x.delay * interval '1 millisecond', owner = NULL
               FROM unnest($2::bigint[], $3::int[], $4::int[]) AS x(seq, deliveries, delay)
              WHERE p.consumer = $1 AND p.seq = x.seq AND p.deliveries = x.deliveries AND p.owner = $5`,
            [this.consumerId, retry.map((c) => c.seq), retry.map((c) => c.deliveries), delays, owner],
          );
          const soonest = Math.min(...delays);
          if (!this.stopping) {
            const timer = setTimeout(() => {
              this.timers.delete(timer);
              this.signal.notify();
            }, soonest + 5);
            this.timers.add(timer);
          }
        }
        if (dead.length > 0) {
          await this.ctx.client.pool.query(
            `WITH gone AS (
               DELETE FROM ${s}.pending p
                USING unnest($2::bigint[], $3::int[]) AS x(seq, deliveries)
                WHERE p.consumer = $1 AND p.seq = x.seq AND p.deliveries = x.deliveries AND p.owner = $4
               RETURNING p.seq, p.deliveries)
             INSERT INTO ${s}.dead_letters
               (consumer, durable, seq, subject, msg_id, key, headers, data, error, deliveries)
             SELECT $1, $5, m.seq, m.subject, m.msg_id, m.key, m.headers, m.data, $6, gone.deliveries
               FROM gone JOIN ${s}.messages m ON m.seq = gone.seq
              ORDER BY m.seq`,
            [
              this.consumerId,
              dead.map((c) => c.seq),
              dead.map((c) => c.deliveries),
              owner,
              this.options.durable,
              reason,
            ],
          );
        }
      } catch (settleError) {
        // The locks stay: the messages come back after their visibility timeout.
        this.ctx.warn(`settling a failed message of ${this.options.durable} failed`, settleError);
      } finally {
        this.forget(claims);
      }
    })();
    this.track(this.settling, work);
    return work.then(() => retry.length > 0);
  }

  /** Gives claimed messages that never reached a handler back, as if never delivered. */
  private release(claims: Claim[]): Promise<void> {
    if (claims.length === 0) return Promise.resolve();
    const work = (async () => {
      try {
        await this.ctx.client.pool.query(
          `UPDATE ${this.ctx.schema}.pending p
              SET locked_until = NULL, owner = NULL, deliveries = greatest(p.deliveries - 1, 0)
             FROM unnest($2::bigint[], $3::int[]) AS x(seq, deliveries)
            WHERE p.consumer = $1 AND p.seq = x.seq AND p.deliveries = x.deliveries AND p.owner = $4`,
          [this.consumerId, claims.map((c) => c.seq), claims.map((c) => c.deliveries), this.ctx.owner],
        );
      } catch (error) {
        this.ctx.warn(`releasing messages of ${this.options.durable} failed`, error);
      } finally {
        this.forget(claims);
      }
    })();
    this.track(this.settling, work);
    return work;
  }
}

function toMessage(row: Row): DeliveredMessage {
  const message: DeliveredMessage = {
    subject: row.subject,
    data: row.data,
    headers: row.headers ?? {},
    deliveryCount: row.deliveries,
    seq: Number(row.seq),
  };
  if (row.msg_id !== null) message.msgId = row.msg_id;
  if (row.key !== null) message.key = row.key;
  return message;
}
