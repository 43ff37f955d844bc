import { byIdOrName, withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';
import { MembershipTx, type NewDelivery } from './membership.repository.js';

export interface StoredDestination {
  id: string;
  name: string;
  kind: string;
  config: Record<string, unknown>;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  createdAt: Date;
}

export interface StoredCampaign {
  id: string;
  name: string;
  audienceId: string;
  destinationId: string;
  channel: string;
  template: Record<string, unknown>;
  trigger: Record<string, unknown>;
  policy: Record<string, unknown>;
  status: 'active' | 'paused';
  createdAt: Date;
  lastRunAt: Date | null;
  nextRunAt: Date | null;
}

export interface StoredDelivery {
  id: number;
  key: string;
  campaignId: string;
  destinationId: string;
  channel: string;
  profileId: string;
  trigger: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerId: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  updatedAt: Date;
}

/** How a claimed delivery ended this time. */
export type DeliveryResult =
  | { status: 'sent'; providerId: string | null; detail?: string }
  | { status: 'pending'; nextAttemptAt: Date; error: string; countAttempt: boolean }
  | { status: 'failed' | 'dead' | 'bounced' | 'suppressed' | 'capped' | 'skipped'; error: string };

const DESTINATION_COLUMNS = `id, name, kind, config, enabled, disabled_reason AS "disabledReason",
  consecutive_failures AS "consecutiveFailures", created_at AS "createdAt"`;
const CAMPAIGN_COLUMNS = `id, name, audience_id AS "audienceId", destination_id AS "destinationId", channel, template, trigger,
  policy, status, created_at AS "createdAt", last_run_at AS "lastRunAt", next_run_at AS "nextRunAt"`;
const DELIVERY_COLUMNS = `id::int AS id, key, campaign_id AS "campaignId", destination_id AS "destinationId", channel,
  profile_id AS "profileId", trigger, status, attempts, last_error AS "lastError", provider_id AS "providerId",
  created_at AS "createdAt", next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt", updated_at AS "updatedAt"`;

/** Statuses a delivery moves through after the send; a later report never moves it back. */
const AFTER_SEND_RANK: Record<string, number> = { sent: 1, delivered: 2, opened: 3, clicked: 4, bounced: 5 };

/** Destinations, campaigns and the delivery queue. */
export class DeliveriesRepository {
  constructor(private readonly pool: pg.Pool) {}

  async createDestination(input: {
    name: string;
    kind: string;
    config: Record<string, unknown>;
  }): Promise<StoredDestination | undefined> {
    const result = await this.pool.query<StoredDestination>(
      `INSERT INTO activation.destinations (name, kind, config) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING
       RETURNING ${DESTINATION_COLUMNS}`,
      [input.name, input.kind, JSON.stringify(input.config)],
    );
    return result.rows[0];
  }

  async destination(ref: string): Promise<StoredDestination | undefined> {
    const result = await this.pool.query<StoredDestination>(
      `SELECT ${DESTINATION_COLUMNS} FROM activation.destinations WHERE ${byIdOrName(ref)}`,
      [ref],
    );
    return result.rows[0];
  }

  async destinations(): Promise<StoredDestination[]> {
    const result = await this.pool.query<StoredDestination>(
      `SELECT ${DESTINATION_COLUMNS} FROM activation.destinations ORDER BY name`,
    );
    return result.rows;
  }

  async setDestinationEnabled(id: string, enabled: boolean, reason: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE activation.destinations SET enabled = $2, disabled_reason = $3, consecutive_failures = 0 WHERE id = $1`,
      [id, enabled, reason],
    );
  }

  /** Counts a failed (true) or successful (false) delivery; returns the failures in a row. */
  async countFailure(destinationId: string, failed: boolean): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      `UPDATE activation.destinations SET consecutive_failures = CASE WHEN $2 THEN consecutive_failures + 1 ELSE 0 END
       WHERE id = $1 RETURNING consecutive_failures AS n`,
      [destinationId, failed],
    );
    return result.rows[0]?.n ?? 0;
  }

  async createCampaign(
    input: Omit<StoredCampaign, 'id' | 'createdAt' | 'lastRunAt' | 'status'>,
  ): Promise<StoredCampaign | undefined> {
    const result = await this.pool.query<StoredCampaign>(
      `INSERT INTO activation.campaigns (name, audience_id, destination_id, channel, template, trigger, policy, next_run_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (name) DO NOTHING RETURNING ${CAMPAIGN_COLUMNS}`,
      [
        input.name,
        input.audienceId,
        input.destinationId,
        input.channel,
        JSON.stringify(input.template),
        JSON.stringify(input.trigger),
        JSON.stringify(input.policy),
        input.nextRunAt,
      ],
    );
    return result.rows[0];
  }

  async campaign(ref: string): Promise<StoredCampaign | undefined> {
    const result = await this.pool.query<StoredCampaign>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM activation.campaigns WHERE ${byIdOrName(ref)}`,
      [ref],
    );
    return result.rows[0];
  }

  async campaigns(): Promise<StoredCampaign[]> {
    const result = await this.pool.query<StoredCampaign>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM activation.campaigns ORDER BY name`,
    );
    return result.rows;
  }

  async setCampaignStatus(id: string, status: 'active' | 'paused'): Promise<void> {
    await this.pool.query('UPDATE activation.campaigns SET status = $2 WHERE id = $1', [id, status]);
  }

  /**
   * Claims a scheduled run: moves `next_run_at` on only if it still is `due`, so of several replicas
   * one runs it.
   */
  async claimRun(campaignId: string, due: Date, next: Date | null): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE activation.campaigns SET last_run_at = now(), next_run_at = $3 WHERE id = $1 AND next_run_at = $2`,
      [campaignId, due, next],
    );
    return (result.rowCount ?? 0) === 1;
  }

  async markRun(campaignId: string): Promise<void> {
    await this.pool.query('UPDATE activation.campaigns SET last_run_at = now() WHERE id = $1', [campaignId]);
  }

  async enqueue(rows: readonly NewDelivery[]): Promise<number> {
    return withTransaction(this.pool, (client) => new MembershipTx(client).enqueueDeliveries(rows));
  }

  /**
   * Claims up to `limit` due deliveries of a destination for `leaseMs`: pending ones, and sending ones
   * whose worker's lease ran out (it died mid-send). Replicas skip each other's rows.
   */
  async claim(destinationId: string, limit: number, leaseMs: number): Promise<StoredDelivery[]> {
    const result = await this.pool.query<StoredDelivery>(
      `UPDATE activation.deliveries d SET status = 'sending', attempts = d.attempts + 1,
         locked_until = now() + make_interval(secs => $3::double precision / 1000), updated_at = now()
       WHERE d.id IN (
         SELECT id FROM activation.deliveries
         WHERE destination_id = $1 AND status IN ('pending', 'sending') AND next_attempt_at <= now()
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING ${DELIVERY_COLUMNS}`,
      [destinationId, limit, leaseMs],
    );
    return result.rows.sort((a, b) => a.id - b.id);
  }

  /** Records how a claimed delivery went and releases its claim. */
  async complete(id: number, result: DeliveryResult): Promise<void> {
    if (result.status === 'sent') {
      await this.pool.query(
        `UPDATE activation.deliveries SET status = 'sent', provider_id = $2, sent_at = now(), last_error = NULL,
           locked_until = NULL, next_attempt_at = NULL, updated_at = now() WHERE id = $1`,
        [id, result.providerId],
      );
    } else if (result.status === 'pending') {
      await this.pool.query(
        `UPDATE activation.deliveries SET status = 'pending', next_attempt_at = $2, last_error = $3, locked_until = NULL,
           attempts = attempts - CASE WHEN $4 THEN 0 ELSE 1 END, updated_at = now() WHERE id = $1`,
        [id, result.nextAttemptAt, result.error, result.countAttempt],
      );
    } else {
      await this.pool.query(
        `UPDATE activation.deliveries SET status = $2, last_error = $3, locked_until = NULL, next_attempt_at = NULL,
           updated_at = now() WHERE id = $1`,
        [id, result.status, result.error],
      );
    }
  }

  /** Send times on a channel since `since`, per profile (frequency caps count every campaign). */
  async sentTimes(
    profileIds: readonly string[],
    channel: string,
    since: Date,
  ): Promise<Map<string, number[]>> {
    const result = await this.pool.query<{ profileId: string; sentAt: Date }>(
      `SELECT profile_id AS "profileId", sent_at AS "sentAt" FROM activation.deliveries
       WHERE profile_id = ANY($1::uuid[]) AND channel = $2 AND sent_at >= $3`,
      [profileIds, channel, since],
    );
    const times = new Map<string, number[]>();
    for (const row of result.rows)
      times.set(row.profileId, [...(times.get(row.profileId) ?? []), row.sentAt.getTime()]);
    return times;
  }

  async delivery(id: number): Promise<StoredDelivery | undefined> {
    const result = await this.pool.query<StoredDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM activation.deliveries WHERE id = $1`,
      [id],
    );
    return result.rows[0];
  }

  /**
   * A status report after the send (provider callback, open pixel, click). It is logged; the
   * delivery's status only moves forward (a late `delivered` does not undo `clicked`).
   */
  async recordEvent(
    ref: { deliveryId: number } | { providerId: string },
    status: 'delivered' | 'opened' | 'clicked' | 'bounced' | 'failed',
    detail: Record<string, unknown>,
  ): Promise<StoredDelivery | undefined> {
    return withTransaction(this.pool, async (client) => {
      const found = await client.query<StoredDelivery>(
        `SELECT ${DELIVERY_COLUMNS} FROM activation.deliveries WHERE ${'deliveryId' in ref ? 'id = $1' : 'provider_id = $1'} FOR UPDATE`,
        ['deliveryId' in ref ? ref.deliveryId : ref.providerId],
      );
      const delivery = found.rows[0];
      if (!delivery) return undefined;
      await client.query(
        'INSERT INTO activation.delivery_events (delivery_id, status, detail) VALUES ($1, $2, $3)',
        [delivery.id, status, JSON.stringify(detail)],
      );
      const next = status === 'failed' ? 'bounced' : status;
      if ((AFTER_SEND_RANK[next] ?? 0) > (AFTER_SEND_RANK[delivery.status] ?? 0)) {
        await client.query('UPDATE activation.deliveries SET status = $2, updated_at = now() WHERE id = $1', [
          delivery.id,
          next,
        ]);
        delivery.status = next;
      }
      return delivery;
    });
  }

  async list(filter: {
    campaignId?: string;
    destinationId?: string;
    profileId?: string;
    status?: string;
    limit: number;
  }): Promise<StoredDelivery[]> {
    const result = await this.pool.query<StoredDelivery>(
      `SELECT ${DELIVERY_COLUMNS} FROM activation.deliveries
       WHERE ($1::uuid IS NULL OR campaign_id = $1) AND ($2::uuid IS NULL OR destination_id = $2)
         AND ($3::uuid IS NULL OR profile_id = $3) AND ($4::text IS NULL OR status = $4)
       ORDER BY id DESC LIMIT $5`,
      [
        filter.campaignId ?? null,
        filter.destinationId ?? null,
        filter.profileId ?? null,
        filter.status ?? null,
        filter.limit,
      ],
    );
    return result.rows;
  }

  /** Deliveries by status, for a campaign, a destination or all. */
  async counts(
    filter: { campaignId?: string; destinationId?: string } = {},
  ): Promise<Record<string, number>> {
    const result = await this.pool.query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM activation.deliveries
       WHERE ($1::uuid IS NULL OR campaign_id = $1) AND ($2::uuid IS NULL OR destination_id = $2) GROUP BY status`,
      [filter.campaignId ?? null, filter.destinationId ?? null],
    );
    return Object.fromEntries(result.rows.map((r) => [r.status, r.n]));
  }

  /** Counts by campaign and status for every campaign at once. */
  async countsByCampaign(): Promise<Map<string, Record<string, number>>> {
    const result = await this.pool.query<{ campaignId: string; status: string; n: number }>(
      `SELECT campaign_id AS "campaignId", status, count(*)::int AS n FROM activation.deliveries GROUP BY campaign_id, status`,
    );
    const counts = new Map<string, Record<string, number>>();
    for (const r of result.rows) counts.set(r.campaignId, { ...counts.get(r.campaignId), [r.status]: r.n });
    return counts;
  }

  async countsByDestination(): Promise<Map<string, Record<string, number>>> {
    const result = await this.pool.query<{ destinationId: string; status: string; n: number }>(
      `SELECT destination_id AS "destinationId", status, count(*)::int AS n FROM activation.deliveries GROUP BY destination_id, status`,
    );
    const counts = new Map<string, Record<string, number>>();
    for (const r of result.rows)
      counts.set(r.destinationId, { ...counts.get(r.destinationId), [r.status]: r.n });
    return counts;
  }

  /** Dead letters (and failed sends) back to their queue with fresh attempts. */
  async replay(filter: {
    campaignId?: string;
    destinationId?: string;
    includeFailed: boolean;
  }): Promise<number> {
    const result = await this.pool.query(
      `UPDATE activation.deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL,
         updated_at = now()
       WHERE status = ANY($3::text[]) AND ($1::uuid IS NULL OR campaign_id = $1) AND ($2::uuid IS NULL OR destination_id = $2)`,
      [
        filter.campaignId ?? null,
        filter.destinationId ?? null,
        filter.includeFailed ? ['dead', 'failed'] : ['dead'],
      ],
    );
    return result.rowCount ?? 0;
  }

  /** Treatment (every delivery not held out) and holdout of a campaign, with when each was assigned. */
  async assignments(
    campaignId: string,
  ): Promise<Array<{ profileId: string; createdAt: Date; heldOut: boolean }>> {
    const result = await this.pool.query<{ profileId: string; createdAt: Date; heldOut: boolean }>(
      `SELECT profile_id AS "profileId", created_at AS "createdAt", status = 'held_out' AS "heldOut"
       FROM activation.deliveries WHERE campaign_id = $1`,
      [campaignId],
    );
    return result.rows;
  }

  /** Destinations with deliveries due (for the engine to wake their workers). */
  async destinationsWithWork(): Promise<string[]> {
    const result = await this.pool.query<{ destinationId: string }>(
      `SELECT DISTINCT destination_id AS "destinationId" FROM activation.deliveries
       WHERE status IN ('pending', 'sending') AND next_attempt_at <= now()`,
    );
    return result.rows.map((r) => r.destinationId);
  }
}
