import { randomInt } from 'node:crypto';
import { createDbClient, pingDatabase, type DbClient } from '@cdp/shared/util-db';
import { createLogger, redactUrl, type Logger } from '@cdp/shared/util-logging';
import {
  HEADERS,
  type BatchHandler,
  type Bus,
  type ConsumerLag,
  type ConsumerOptions,
  type DeadLetter,
  type MessageHandler,
  type PublishAck,
  type PublishOptions,
  type ReplyHandler,
  type RequestOptions,
  type Subscription,
  toJsonText,
} from '../bus.js';
import type { EmbeddedBusConfig } from '../create-bus.js';
import { BusError, describeError, resolveConsumerOptions } from '../errors.js';
import {
  EmbeddedConsumer,
  subjectPattern,
  type ConsumerContext,
  type ConsumerMode,
} from './embedded-consumer.js';
import { addLocalResponder, removeLocalResponder, requestLocal, Responder } from './embedded-replies.js';
import { EmbeddedRpc } from './embedded-rpc.js';
import { ensureSchema, lockKeys, quoteIdent, type LockKeys } from './embedded-schema.js';

/**
 * Settings of the embedded transport beyond EmbeddedBusConfig; tests and tools tune them.
 */
export interface EmbeddedBusTuning {
  /**
   * Visibility timeout: a delivered message not acked within it is delivered again (JetStream's
   * AckWait). Default 30 s. The messages of a process that died come back much sooner: each
   * bus holds a session advisory lock, and rows locked by a bus whose lock is gone are released
   * by the sweep (every `sweepIntervalMs`).
   */
  ackWaitMs?: number;
  /** How often dead processes' messages are released. Default 2 s. */
  sweepIntervalMs?: number;
  /**
   * Messages every consumer has handled (acked or dead-lettered) are deleted once older than
   * this. Default 7 days; `Infinity` keeps them.
   */
  retentionMs?: number;
  /**
   * How often a bus with responders tells the log they are alive. Requests from other processes
   * stop going to a responder whose bus missed ~3 beats (its process hangs, or lost the database);
   * one whose process died gets none from the moment the server notices (its liveness lock).
   * Default 2 s.
   */
  responderHeartbeatMs?: number;
  /** Connections of the bus's pool (plus one for LISTEN). Default 4. */
  poolMax?: number;
  /** Where warnings go (failed fetches, lost connection). Default a pino logger of `name`. */
  logger?: Pick<Logger, 'warn' | 'info'>;
}

const PUBLISH_BATCH = 1_000;
const PUBLISH_BATCH_BYTES = 4 * 1024 * 1024;
const RETENTION_SWEEP_EVERY = 30;
const RPC_SWEEP_EVERY = 5;

interface Outgoing {
  subject: string;
  msgId: string | null;
  key: string | null;
  headers: string;
  data: string;
  size: number;
  resolve(ack: PublishAck): void;
  reject(error: unknown): void;
}

interface DeadLetterRow {
  id: string;
  durable: string;
  subject: string;
  error: string;
  deliveries: number;
  failed_at: Date;
  data: unknown;
  headers: Record<string, string> | null;
}

function connect(client: DbClient) {
  return client.pool.connect();
}
type PoolConnection = Awaited<ReturnType<typeof connect>>;

/**
 * Which log a bus is on, for request/reply: the server and database (not the credentials or
 * options, so services of one process with different users still reach each other) and schema.
 */
function logScope(url: string, schema: string): string {
  try {
    const parsed = new URL(url);
    const local = ['localhost', '127.0.0.1', '[::1]', '::1', ''].includes(parsed.hostname);
    return `${local ? 'localhost' : parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}#${schema}`;
  } catch {
    return `${url}#${schema}`;
  }
}

/** Opens the embedded transport: the log in PostgreSQL (see embedded-schema.ts). */
export async function createEmbeddedBus(config: EmbeddedBusConfig & EmbeddedBusTuning): Promise<Bus> {
  const bus = new EmbeddedBus(config);
  await bus.start();
  return bus;
}

class EmbeddedBus implements Bus {
  readonly kind = 'embedded' as const;
  private readonly schemaName: string;
  private readonly schema: string;
  private readonly keys: LockKeys;
  private readonly channel: string;
  private readonly scope: string;
  /** This instance's id in the liveness lock; chosen at start. */
  private owner = 0;
  private readonly client: DbClient;
  private readonly listenClient: DbClient;
  private readonly logger: Pick<Logger, 'warn' | 'info'>;
  private readonly duplicateWindowMs: number;
  private readonly pollIntervalMs: number;
  private readonly ackWaitMs: number;
  private readonly sweepIntervalMs: number;
  private readonly retentionMs: number;

  private readonly consumers = new Set<EmbeddedConsumer>();
  private readonly responders = new Set<Subscription>();
  private readonly rpc: EmbeddedRpc;
  private outgoing: Outgoing[] = [];
  private publishing: Promise<void> | undefined;
  private connection: PoolConnection | undefined;
  private alive = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnecting: Promise<void> | undefined;
  private reconnectFailures = 0;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeps = 0;
  private closing: Promise<void> | undefined;

  constructor(private readonly config: EmbeddedBusConfig & EmbeddedBusTuning) {
    this.schemaName = config.schema ?? 'cdp_bus';
    this.schema = quoteIdent(this.schemaName);
    this.keys = lockKeys(this.schemaName);
    this.channel = `${this.schemaName.slice(0, 50)}_bus`;
    this.scope = logScope(config.databaseUrl, this.schemaName);
    this.duplicateWindowMs = config.duplicateWindowMs ?? 120_000;
    this.pollIntervalMs = config.pollIntervalMs ?? 250;
    this.ackWaitMs = config.ackWaitMs ?? 30_000;
    this.sweepIntervalMs = config.sweepIntervalMs ?? 2_000;
    this.retentionMs = config.retentionMs ?? 7 * 24 * 3_600_000;
    this.logger = config.logger ?? createLogger({ service: config.name, level: 'info' });
    this.client = createDbClient({
      url: config.databaseUrl,
      max: config.poolMax ?? 4,
      applicationName: `cdp-bus-${config.name}`,
    });
    this.listenClient = createDbClient({
      url: config.databaseUrl,
      max: 1,
      applicationName: `cdp-bus-${config.name}-listen`,
    });
    this.rpc = new EmbeddedRpc({
      client: this.client,
      schema: this.schema,
      schemaName: this.schemaName,
      keys: this.keys,
      owner: () => this.owner,
      heartbeatMs: config.responderHeartbeatMs ?? 2_000,
      warn: (message, error) => this.logger.warn({ err: describeError(error) }, `embedded bus: ${message}`),
    });
  }

  async start(): Promise<void> {
    try {
      await ensureSchema(this.client, this.schemaName, this.keys);
      await this.listen();
    } catch (error) {
      await this.shutdownConnections();
      throw new BusError(
        'UNAVAILABLE',
        `embedded bus: cannot open the log in ${redactUrl(this.config.databaseUrl)}: ${describeError(error)}`,
      );
    }
    this.scheduleSweep(0);
    this.rpc.start();
  }

  // --- publish ---------------------------------------------------------------------------

  publish(subject: string, data: unknown, options: PublishOptions = {}): Promise<PublishAck> {
    if (this.closing) {
      return Promise.reject(
        new BusError('PUBLISH_FAILED', `publish to ${subject} failed: the bus is closed`),
      );
    }
    let text: string;
    let headers: string;
    try {
      text = toJsonText(data);
      headers = JSON.stringify({
        ...options.headers,
        ...(options.key !== undefined ? { [HEADERS.key]: options.key } : {}),
      });
    } catch (error) {
      return Promise.reject(
        new BusError('PUBLISH_FAILED', `publish to ${subject} failed: ${describeError(error)}`),
      );
    }
    return new Promise<PublishAck>((resolve, reject) => {
      this.outgoing.push({
        subject,
        msgId: options.msgId ?? null,
        key: options.key ?? null,
        headers,
        data: text,
        size: text.length + headers.length + subject.length,
        resolve,
        reject,
      });
      this.schedulePublish();
    });
  }

  /**
   * Group commit: while one insert is in flight, the next publishes queue up and go together. A
   * publish that arrives after the flush loop saw an empty queue but before it finished starts the
   * next flush, so it is never left waiting.
   */
  private schedulePublish(): void {
    this.publishing ??= this.flushOutgoing().finally(() => {
      this.publishing = undefined;
      if (this.outgoing.length > 0) this.schedulePublish();
    });
  }

  private async flushOutgoing(): Promise<void> {
    while (this.outgoing.length > 0) {
      let count = 0;
      let bytes = 0;
      while (count < this.outgoing.length && count < PUBLISH_BATCH && bytes < PUBLISH_BATCH_BYTES) {
        bytes += (this.outgoing[count] as Outgoing).size;
        count++;
      }
      await this.insert(this.outgoing.splice(0, count));
    }
  }

  private async insert(batch: Outgoing[]): Promise<void> {
    try {
      const result = await this.client.pool.query<{ seq: string; duplicate: boolean }>({
        name: `cdp_bus_publish_${this.schemaName}`,
        text: `SELECT seq, duplicate FROM ${this.schema}.publish($1, $2, $3, $4, $5, $6, $7, $8)`,
        values: [
          batch.map((m) => m.subject),
          batch.map((m) => m.msgId),
          batch.map((m) => m.key),
          batch.map((m) => m.headers),
          batch.map((m) => m.data),
          this.duplicateWindowMs,
          this.keys.ns,
          this.channel,
        ],
      });
      batch.forEach((m, i) => {
        const row = result.rows[i];
        if (row) m.resolve({ seq: Number(row.seq), duplicate: row.duplicate });
        else m.reject(new BusError('PUBLISH_FAILED', `publish to ${m.subject} failed: no ack from the log`));
      });
    } catch (error) {
      // A value the database refuses (class 22: data exception) fails only its own publish.
      const code = (error as { code?: unknown }).code;
      if (batch.length > 1 && typeof code === 'string' && code.startsWith('22')) {
        for (const m of batch) await this.insert([m]);
        return;
      }
      for (const m of batch) {
        m.reject(new BusError('PUBLISH_FAILED', `publish to ${m.subject} failed: ${describeError(error)}`));
      }
    }
  }

  // --- consume ---------------------------------------------------------------------------

  consume(options: ConsumerOptions, handler: MessageHandler): Promise<Subscription> {
    return this.subscribe(options, { kind: 'single', handler });
  }

  consumeBatch(options: ConsumerOptions, handler: BatchHandler): Promise<Subscription> {
    return this.subscribe(options, { kind: 'batch', handler });
  }

  private async subscribe(options: ConsumerOptions, mode: ConsumerMode): Promise<Subscription> {
    if (this.closing) throw new BusError('UNAVAILABLE', 'the bus is closed');
    const resolved = resolveConsumerOptions(options);
    subjectPattern(resolved.subject); // validates the wildcards
    const found = await this.client.pool
      .query<{ id: number }>(
        `INSERT INTO ${this.schema}.consumers (durable, subject) VALUES ($1, $2)
         ON CONFLICT (durable, subject) DO UPDATE SET durable = EXCLUDED.durable
         RETURNING id`,
        [resolved.durable, resolved.subject],
      )
      .catch((error: unknown) => {
        throw new BusError(
          'UNAVAILABLE',
          `consume ${resolved.subject} as ${resolved.durable} failed: ${describeError(error)}`,
        );
      });
    const id = found.rows[0]?.id;
    if (id === undefined) throw new BusError('INTERNAL', `consume: no consumer row for ${resolved.durable}`);
    const consumer = new EmbeddedConsumer(this.consumerContext(), id, resolved, mode, () =>
      this.consumers.delete(consumer),
    );
    this.consumers.add(consumer);
    consumer.start();
    return consumer;
  }

  private consumerContext(): ConsumerContext {
    return {
      client: this.client,
      schema: this.schema,
      schemaName: this.schemaName,
      keys: this.keys,
      owner: this.owner,
      alive: () => this.alive,
      ackWaitMs: this.ackWaitMs,
      pollIntervalMs: this.pollIntervalMs,
      warn: (message, error) => this.logger.warn({ err: describeError(error) }, `embedded bus: ${message}`),
    };
  }

  // --- request/reply ---------------------------------------------------------------------

  /**
   * Responders are reachable in this process directly and from other processes through the log
   * (embedded-rpc.ts). A request goes to the responders in this process when there are any (a
   * queue group elsewhere then does not get it), and otherwise through the log.
   */
  async respond(subject: string, queue: string, handler: ReplyHandler): Promise<Subscription> {
    if (this.closing) throw new BusError('UNAVAILABLE', 'the bus is closed');
    const responder = new Responder(queue, handler);
    const registration = await this.rpc.register(subject, queue, responder);
    addLocalResponder(this.scope, subject, responder);
    let stopped: Promise<void> | undefined;
    const subscription: Subscription = {
      stop: () => {
        stopped ??= (async () => {
          responder.active = false;
          removeLocalResponder(this.scope, subject, responder);
          await this.rpc.unregister(registration);
          this.responders.delete(subscription);
        })();
        return stopped;
      },
    };
    this.responders.add(subscription);
    if (this.closing) {
      // close() began meanwhile and did not see this one.
      await subscription.stop();
      throw new BusError('UNAVAILABLE', 'the bus is closed');
    }
    return subscription;
  }

  async request(subject: string, data: unknown, options?: RequestOptions): Promise<unknown> {
    if (this.closing) throw new BusError('UNAVAILABLE', 'the bus is closed');
    return requestLocal(this.scope, subject, data, options) ?? this.rpc.request(subject, data, options);
  }

  // --- dead letters ----------------------------------------------------------------------

  readonly deadLetters = {
    list: async (limit = 1_000): Promise<DeadLetter[]> => {
      const result = await this.client.pool.query<DeadLetterRow>(
        `SELECT id::text AS id, durable, subject, error, deliveries, failed_at, data, headers
           FROM (SELECT * FROM ${this.schema}.dead_letters ORDER BY id DESC LIMIT $1) d
          ORDER BY d.id`,
        [Math.max(0, Math.floor(limit))],
      );
      return result.rows.map((row) => ({
        id: row.id,
        subject: row.subject,
        consumer: row.durable,
        error: row.error,
        deliveryCount: row.deliveries,
        failedAt: row.failed_at.toISOString(),
        data: row.data,
        headers: row.headers ?? {},
      }));
    },
    replay: async (id: string): Promise<void> => {
      if (!/^\d{1,18}$/.test(id)) throw new BusError('NOT_FOUND', `no dead letter ${id}`);
      const replayed = await this.replay(`ARRAY[$1::bigint]`, [id]);
      if (replayed === 0) throw new BusError('NOT_FOUND', `no dead letter ${id}`);
    },
    replayAll: async (): Promise<number> =>
      this.replay(`ARRAY(SELECT id FROM ${this.schema}.dead_letters ORDER BY id)`, []),
  };

  private async replay(ids: string, values: unknown[]): Promise<number> {
    const n = values.length + 1;
    const result = await this.client.pool.query<{ replayed: number }>(
      `SELECT ${this.schema}.replay(${ids}, $${n}, $${n + 1}) AS replayed`,
      [...values, this.keys.ns, this.channel],
    );
    return result.rows[0]?.replayed ?? 0;
  }

  // --- liveness, wake-ups, sweeps ----------------------------------------------------------

  /** Claimed and unacknowledged rows, plus stored messages not yet claimed (exact subjects only). */
  async consumerLag(): Promise<ConsumerLag[]> {
    const result = await this.client.pool.query<ConsumerLag>(
      `SELECT c.durable, c.subject,
              ((SELECT count(*) FROM ${this.schema}.pending p WHERE p.consumer = c.id)
               + (SELECT count(*) FROM ${this.schema}.messages m
                   WHERE m.subject = c.subject AND m.seq > c.claimed_to))::int AS pending
         FROM ${this.schema}.consumers c ORDER BY c.durable, c.subject`,
    );
    return result.rows;
  }

  async ping(): Promise<void> {
    try {
      await pingDatabase(this.client.pool);
    } catch (error) {
      throw new BusError('UNAVAILABLE', `embedded bus: ${describeError(error)}`);
    }
  }

  /**
   * The dedicated connection: LISTENs for new messages and holds this bus's liveness lock
   * (a session advisory lock on (ns, owner)), released by the server when the process dies.
   */
  private async listen(): Promise<void> {
    const connection = await connect(this.listenClient);
    const lost = (): void => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.alive = false;
      connection.release(true);
      this.scheduleReconnect();
    };
    connection.on('error', lost);
    connection.on('end', lost);
    try {
      await this.takeLivenessLock(connection);
      await connection.query(`LISTEN ${quoteIdent(this.channel)}; LISTEN ${quoteIdent(this.rpc.channel())}`);
    } catch (error) {
      connection.release(true);
      throw error;
    }
    if (this.closing) {
      connection.release(true);
      return;
    }
    const rpcChannel = this.rpc.channel();
    connection.on('notification', (message: { channel: string; payload?: string }) => {
      if (message.channel === rpcChannel) {
        this.rpc.notified(message.payload ?? '');
        return;
      }
      for (const consumer of this.consumers) consumer.wake(message.payload || undefined);
    });
    this.connection = connection;
    this.alive = true;
    // Whatever was published, requested or replied while we were not listening.
    for (const consumer of this.consumers) consumer.wake();
    this.rpc.resumed();
  }

  /**
   * At start, picks an owner id no live bus holds. On a reconnect, takes the same id again: if
   * our previous session still holds it (the server has not noticed that connection is gone),
   * that session is ended first.
   */
  private async takeLivenessLock(connection: PoolConnection): Promise<void> {
    const first = this.owner === 0;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (first) this.owner = randomInt(1_000, 2 ** 31 - 1);
      const locked = await connection.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [
        this.keys.ns,
        this.owner,
      ]);
      if (locked.rows[0]?.ok) return;
      if (!first) {
        await connection.query(
          `SELECT pg_terminate_backend(l.pid) FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
              AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.pid <> pg_backend_pid()
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
          [this.keys.ns, this.owner],
        );
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`cannot take the liveness lock of owner ${this.owner}`);
  }

  private scheduleReconnect(): void {
    if (this.closing || this.reconnectTimer) return;
    const delay = Math.min(5_000, 250 * 2 ** Math.min(this.reconnectFailures, 5));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closing) return;
      this.reconnecting = this.listen().then(
        () => {
          if (this.reconnectFailures > 0) this.logger.info('embedded bus: connection restored');
          this.reconnectFailures = 0;
        },
        (error: unknown) => {
          if (this.reconnectFailures++ === 0) {
            this.logger.warn({ err: describeError(error) }, 'embedded bus: connection lost, retrying');
          }
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  private scheduleSweep(delay: number): void {
    if (this.closing) return;
    this.sweepTimer = setTimeout(() => {
      void this.sweep().finally(() => this.scheduleSweep(this.sweepIntervalMs));
    }, delay);
    this.sweepTimer.unref();
  }

  /** Releases messages locked by buses whose process is gone; now and then, drops old messages. */
  private async sweep(): Promise<void> {
    try {
      const released = await this.client.pool.query(
        `UPDATE ${this.schema}.pending p SET locked_until = NULL, owner = NULL
           FROM (SELECT q.consumer, q.seq FROM ${this.schema}.pending q
                  WHERE q.locked_until IS NOT NULL AND q.owner IS NOT NULL
                    AND q.owner::bigint <> ALL (ARRAY(
                      SELECT l.objid::bigint FROM pg_locks l
                       WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
                         AND l.classid::bigint = $1
                         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))
                  FOR UPDATE SKIP LOCKED) dead
          WHERE p.consumer = dead.consumer AND p.seq = dead.seq`,
        [this.keys.ns],
      );
      if ((released.rowCount ?? 0) > 0) {
        for (const consumer of this.consumers) consumer.wake();
      }
      if (this.sweeps % RPC_SWEEP_EVERY === 0) await this.rpc.sweep();
      if (this.sweeps++ % RETENTION_SWEEP_EVERY === 0 && Number.isFinite(this.retentionMs)) {
        await this.client.pool.query(
          `WITH bound AS (
             SELECT least(
               (SELECT min(c.claimed_to) FROM ${this.schema}.consumers c),
               (SELECT min(x.seq) - 1 FROM ${this.schema}.consumers c
                  CROSS JOIN LATERAL (SELECT p.seq FROM ${this.schema}.pending p
                                       WHERE p.consumer = c.id ORDER BY p.seq LIMIT 1) x)) AS seq)
           DELETE FROM ${this.schema}.messages m
            WHERE m.seq IN (SELECT o.seq FROM ${this.schema}.messages o
                             WHERE o.seq <= (SELECT bound.seq FROM bound)
                               AND o.published_at < now() - $1 * interval '1 millisecond'
                             ORDER BY o.seq LIMIT 10000)
              AND NOT EXISTS (SELECT 1 FROM ${this.schema}.dead_letters d WHERE d.seq = m.seq)`,
          [this.retentionMs],
        );
      }
    } catch (error) {
      if (!this.closing) this.logger.warn({ err: describeError(error) }, 'embedded bus: sweep failed');
    }
  }

  // --- close -----------------------------------------------------------------------------

  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([
        ...[...this.consumers].map((c) => c.stop()),
        ...[...this.responders].map((r) => r.stop()),
      ]);
      await this.publishing;
      await this.rpc.close();
      await this.shutdownConnections();
    })();
    return this.closing;
  }

  private async shutdownConnections(): Promise<void> {
    clearTimeout(this.sweepTimer);
    clearTimeout(this.reconnectTimer);
    await this.reconnecting;
    this.alive = false;
    const connection = this.connection;
    this.connection = undefined;
    connection?.release(true);
    await Promise.allSettled([this.client.close(), this.listenClient.close()]);
  }
}
