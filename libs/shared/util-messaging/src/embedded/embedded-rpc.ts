import { randomUUID } from 'node:crypto';
import type { DbClient } from '@cdp/shared/util-db';
import type { RequestOptions } from '../bus.js';
import { BusError, describeError } from '../errors.js';
import {
  answer,
  DEFAULT_REQUEST_TIMEOUT_MS,
  noRespondersError,
  notJson,
  timeoutError,
  type Responder,
} from './embedded-replies.js';
import type { LockKeys } from './embedded-schema.js';

/**
 * Request/reply between processes through the log (the CLI asking the platform's services):
 *
 * - every `respond` subscription has a row in `rpc_responders`, kept alive by its bus's heartbeat
 *   (which pushes `expires_at` 3.5 beats ahead) and deleted when it stops; it is live while its
 *   bus holds its liveness lock (the server drops that lock the moment the process dies) and it
 *   has not expired (a process that hangs, or lost the database, stops beating);
 * - a request (`rpc_call`, one round trip) picks one live responder per queue group at random,
 *   stores the request in `rpc_calls` and NOTIFYs that responder's bus on its own channel; no live
 *   responder means NO_RESPONDERS at once;
 * - the responder's bus claims the row (`claimed = false → true`, so it is answered once), runs
 *   the handler, stores the reply and NOTIFYs the requester's bus, which takes the reply and
 *   deletes the rows. Payloads and replies travel in the table, so their size is not bound by
 *   NOTIFY's 8000 bytes;
 * - a requester that gives up (timeout) deletes its rows; rows of requesters that died are
 *   swept once well past their deadline.
 *
 * Each bus LISTENs on `<schema>_rpc_<owner>`: 'c<row id>' is a request for it, 'r<call id>' a
 * reply to one of its requests.
 */

/** What the request/reply part needs from its bus. */
export interface RpcContext {
  client: DbClient;
  /** The quoted schema name. */
  schema: string;
  /** The unquoted schema name (prepared statement names, channels). */
  schemaName: string;
  keys: LockKeys;
  /** The bus's owner id (its liveness lock); known once the bus has started. */
  owner(): number;
  /** How often the bus's responders beat; one that missed 3.5 beats counts as gone. */
  heartbeatMs: number;
  warn(message: string, error: unknown): void;
}

interface Registration {
  id: string;
  subject: string;
  queue: string;
  responder: Responder;
  /** Whether the heartbeat keeps its row (false once it is stopping). */
  beating: boolean;
}

interface PendingCall {
  subject: string;
  timer: NodeJS.Timeout;
  resolve(reply: unknown): void;
  reject(error: BusError): void;
}

interface ClaimedRow {
  id: string;
  responder: string;
  headers: Record<string, string> | null;
  payload: unknown;
}

/** Rows of requesters that died are kept this long past their deadline, then swept. */
const CALL_RETENTION_MS = 60_000;

/** The NOTIFY channel prefix of a schema: `<prefix><owner>` is one bus's channel. */
export function rpcChannelPrefix(schemaName: string): string {
  return `${schemaName.slice(0, 40)}_rpc_`;
}

export class EmbeddedRpc {
  private readonly registrations = new Map<string, Registration>();
  private readonly pending = new Map<string, PendingCall>();
  private readonly prefix: string;
  private readonly expiryMs: number;
  private readonly claimQueue = new Set<string>();
  private claiming: Promise<void> | undefined;
  private readonly replyQueue = new Set<string>();
  private fetchingReplies: Promise<void> | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private heartbeating: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly ctx: RpcContext) {
    this.prefix = rpcChannelPrefix(ctx.schemaName);
    this.expiryMs = Math.round(ctx.heartbeatMs * 3.5);
  }

  /** This bus's channel (valid once the owner id is chosen). */
  channel(): string {
    return `${this.prefix}${this.ctx.owner()}`;
  }

  start(): void {
    this.scheduleHeartbeat();
  }

  // --- responders ------------------------------------------------------------------------

  /** Makes `responder` reachable from other processes. */
  async register(subject: string, queue: string, responder: Responder): Promise<Registration> {
    const result = await this.ctx.client.pool
      .query<{ id: string }>(
        `INSERT INTO ${this.ctx.schema}.rpc_responders (instance, subject, queue, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4 / 1000.0)) RETURNING id::text AS id`,
        [this.ctx.owner(), subject, queue, this.expiryMs],
      )
      .catch((error: unknown) => {
        throw new BusError('UNAVAILABLE', `respond on ${subject} failed: ${describeError(error)}`, {
          subject,
        });
      });
    const id = result.rows[0]?.id;
    if (id === undefined) throw new BusError('INTERNAL', `respond on ${subject}: no responder row`);
    const registration: Registration = { id, subject, queue, responder, beating: true };
    this.registrations.set(id, registration);
    return registration;
  }

  /**
   * Stops requests from reaching the registration and answers the ones already sent to it: its
   * row goes first (after any request picking it has been stored), then whatever was sent to it
   * is claimed and answered.
   */
  async unregister(registration: Registration): Promise<void> {
    try {
      // A heartbeat under way would put the row back.
      registration.beating = false;
      await this.heartbeating;
      await this.ctx.client.pool.query(`DELETE FROM ${this.ctx.schema}.rpc_responders WHERE id = $1`, [
        registration.id,
      ]);
      await this.claim(
        `c.responder = $1::bigint AND NOT c.claimed AND c.deadline > now()`,
        [registration.id],
        `cdp_bus_rpc_drain_${this.ctx.schemaName}`,
      );
      await this.claiming;
    } catch (error) {
      // The row stays until its heartbeat is stale; requests sent to it meanwhile time out.
      this.ctx.warn(`stopping the responder on ${registration.subject} failed`, error);
    } finally {
      await registration.responder.drained();
      this.registrations.delete(registration.id);
    }
  }

  /** A NOTIFY on this bus's channel. */
  notified(payload: string): void {
    if (this.closed) return;
    const id = payload.slice(1);
    if (payload.startsWith('c') && /^\d+$/.test(id)) {
      this.claimQueue.add(id);
      this.claiming ??= this.flushClaims().finally(() => {
        this.claiming = undefined;
      });
    } else if (payload.startsWith('r') && this.pending.has(id)) {
      this.replyQueue.add(id);
      this.fetchingReplies ??= this.flushReplies().finally(() => {
        this.fetchingReplies = undefined;
      });
    }
  }

  /** The LISTEN connection is back: catch up on the requests and replies missed meanwhile. */
  resumed(): void {
    if (this.closed) return;
    void this.beat();
    if (this.registrations.size > 0) {
      void this.claim(
        `c.responder = ANY ($1::bigint[]) AND NOT c.claimed AND c.deadline > now()`,
        [[...this.registrations.keys()]],
        `cdp_bus_rpc_resume_${this.ctx.schemaName}`,
      ).catch((error: unknown) => this.ctx.warn('claiming requests after a reconnect failed', error));
    }
    for (const id of this.pending.keys()) this.notified(`r${id}`);
  }

  private async flushClaims(): Promise<void> {
    // Notifications that arrived together are claimed in one round trip.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.claimQueue.size > 0 && !this.closed) {
      const ids = [...this.claimQueue];
      this.claimQueue.clear();
      try {
        await this.claim(
          `c.id = ANY ($1::bigint[]) AND c.responder = ANY ($2::bigint[]) AND NOT c.claimed
             AND c.deadline > now()`,
          [ids, [...this.registrations.keys()]],
          `cdp_bus_rpc_claim_${this.ctx.schemaName}`,
        );
      } catch (error) {
        // Unclaimed, they time out at the requester.
        this.ctx.warn('claiming requests failed', error);
      }
    }
  }

  /** Claims the requests matching `where` and runs their handlers (without waiting for them). */
  private async claim(where: string, values: unknown[], name: string): Promise<void> {
    const result = await this.ctx.client.pool.query<ClaimedRow>({
      name,
      text: `UPDATE ${this.ctx.schema}.rpc_calls c SET claimed = true
              WHERE ${where}
             RETURNING c.id::text AS id, c.responder::text AS responder, c.headers, c.payload`,
      values,
    });
    for (const row of result.rows) {
      const registration = this.registrations.get(row.responder);
      if (registration) registration.responder.track(this.handle(registration, row));
    }
  }

  private async handle(registration: Registration, row: ClaimedRow): Promise<void> {
    const reply = await answer(registration.responder.handler, row.payload, row.headers ?? {});
    try {
      await this.ctx.client.pool.query({
        name: `cdp_bus_rpc_reply_${this.ctx.schemaName}`,
        text: `WITH done AS (
                 UPDATE ${this.ctx.schema}.rpc_calls c SET reply = $2::json, replied = true
                  WHERE c.id = $1 AND NOT c.replied
                 RETURNING c.requester, c.call_id)
               SELECT pg_notify($3 || done.requester, 'r' || done.call_id) FROM done`,
        values: [row.id, reply, this.prefix],
      });
    } catch (error) {
      this.ctx.warn(`replying on ${registration.subject} failed`, error);
    }
  }

  private scheduleHeartbeat(): void {
    if (this.closed) return;
    this.heartbeatTimer = setTimeout(() => {
      void this.beat().finally(() => this.scheduleHeartbeat());
    }, this.ctx.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  /** Refreshes (or puts back, after a sweep took them) this bus's responder rows. */
  private beat(): Promise<void> {
    if (this.registrations.size === 0 || this.closed) return Promise.resolve();
    const previous = this.heartbeating;
    const work = (async () => {
      await previous;
      const registrations = [...this.registrations.values()].filter((r) => r.beating);
      if (registrations.length === 0) return;
      try {
        await this.ctx.client.pool.query({
          name: `cdp_bus_rpc_beat_${this.ctx.schemaName}`,
          text: `INSERT INTO ${this.ctx.schema}.rpc_responders AS r (id, instance, subject, queue, expires_at)
                 SELECT u.id, $2, u.subject, u.queue, now() + make_interval(secs => $5 / 1000.0)
                   FROM unnest($1::bigint[], $3::text[], $4::text[]) AS u(id, subject, queue)
                 ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
          values: [
            registrations.map((r) => r.id),
            this.ctx.owner(),
            registrations.map((r) => r.subject),
            registrations.map((r) => r.queue),
            this.expiryMs,
          ],
        });
      } catch (error) {
        if (!this.closed) this.ctx.warn('the responders heartbeat failed', error);
      }
    })();
    const current = work.finally(() => {
      if (this.heartbeating === current) this.heartbeating = undefined;
    });
    this.heartbeating = current;
    return current;
  }

  // --- requests --------------------------------------------------------------------------

  request(subject: string, data: unknown, options: RequestOptions = {}): Promise<unknown> {
    const { timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, headers = {} } = options;
    let payload: string;
    let headerText: string;
    try {
      payload = JSON.stringify(data) ?? 'null';
      headerText = JSON.stringify(headers);
    } catch (error) {
      return Promise.reject(notJson(subject, error));
    }
    const callId = randomUUID();
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.settle(callId)) {
          reject(timeoutError(subject, timeoutMs));
          this.forget(callId);
        }
      }, timeoutMs);
      this.pending.set(callId, { subject, timer, resolve, reject });
      this.ctx.client.pool
        .query<{ groups: number }>({
          name: `cdp_bus_rpc_call_${this.ctx.schemaName}`,
          text: `SELECT ${this.ctx.schema}.rpc_call($1, $2, $3, $4, $5, $6, $7, $8) AS groups`,
          values: [
            callId,
            subject,
            headerText,
            payload,
            Math.max(1, Math.ceil(timeoutMs)),
            this.ctx.owner(),
            this.ctx.keys.ns,
            this.prefix,
          ],
        })
        .then(
          (result) => {
            const groups = result.rows[0]?.groups ?? 0;
            if (!this.pending.has(callId)) {
              // Timed out (or the bus closed) while the request was being stored.
              if (groups > 0) this.forget(callId);
            } else if (groups === 0 && this.settle(callId)) {
              reject(noRespondersError(subject));
            }
          },
          (error: unknown) => {
            if (this.settle(callId)) {
              reject(
                new BusError('UNAVAILABLE', `request on ${subject} failed: ${describeError(error)}`, {
                  subject,
                }),
              );
            }
          },
        );
    });
  }

  /** Takes the replies of the calls in the queue (and deletes their rows). */
  private async flushReplies(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.replyQueue.size > 0) {
      const ids = [...this.replyQueue].filter((id) => this.pending.has(id));
      this.replyQueue.clear();
      if (ids.length === 0) continue;
      try {
        const result = await this.ctx.client.pool.query<{
          call_id: string;
          replied: boolean;
          reply: unknown;
        }>({
          name: `cdp_bus_rpc_replies_${this.ctx.schemaName}`,
          text: `DELETE FROM ${this.ctx.schema}.rpc_calls c
                  WHERE c.call_id = ANY ($1::uuid[])
                    AND EXISTS (SELECT 1 FROM ${this.ctx.schema}.rpc_calls d
                                 WHERE d.call_id = c.call_id AND d.replied)
                 RETURNING c.call_id::text AS call_id, c.replied, c.reply`,
          values: [ids],
        });
        for (const row of result.rows) {
          if (!row.replied) continue;
          const call = this.pending.get(row.call_id);
          if (call && this.settle(row.call_id)) call.resolve(row.reply);
        }
      } catch (error) {
        // The calls time out.
        this.ctx.warn('taking replies failed', error);
      }
    }
  }

  /** Ends a pending call: false when it had ended already. */
  private settle(callId: string): boolean {
    const call = this.pending.get(callId);
    if (!call) return false;
    clearTimeout(call.timer);
    this.pending.delete(callId);
    return true;
  }

  /** Deletes a call that will not be answered, so no responder picks it up late. */
  private forget(callId: string): void {
    this.ctx.client.pool
      .query(`DELETE FROM ${this.ctx.schema}.rpc_calls WHERE call_id = $1`, [callId])
      .catch(() => undefined);
  }

  // --- upkeep ----------------------------------------------------------------------------

  /** Deletes responders whose bus is gone or silent and calls nobody will take any more. */
  async sweep(): Promise<void> {
    await this.ctx.client.pool.query(
      `DELETE FROM ${this.ctx.schema}.rpc_responders r
        WHERE r.expires_at < now()
           OR r.instance::bigint <> ALL (ARRAY(
                SELECT l.objid::bigint FROM pg_locks l
                 WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
                   AND l.classid::bigint = $1
                   AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))`,
      [this.ctx.keys.ns],
    );
    await this.ctx.client.pool.query(
      `DELETE FROM ${this.ctx.schema}.rpc_calls
        WHERE deadline < now() - make_interval(secs => $1 / 1000.0)`,
      [CALL_RETENTION_MS],
    );
  }

  /** After the responders stopped: requests still waiting fail, the heartbeat ends. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.heartbeatTimer);
    await this.heartbeating;
    for (const [callId, call] of [...this.pending]) {
      if (!this.settle(callId)) continue;
      call.reject(new BusError('UNAVAILABLE', `the bus closed before the reply on ${call.subject}`));
      this.forget(callId);
    }
    await this.claiming;
    await this.fetchingReplies;
  }
}
