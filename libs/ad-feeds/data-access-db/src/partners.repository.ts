import { byIdOrName, withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';

export interface StoredPartner {
  id: string;
  name: string;
  platform: 'google' | 'meta' | 'uid2';
  deviceIds: 'raw' | 'sha256';
  minAudienceSize: number;
  dpEpsilon: number | null;
  ratePerSecond: number;
  memberSecret: string;
  createdAt: Date;
}

export interface StoredKey {
  id: string;
  partnerId: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export interface StoredPull {
  partnerId: string;
  audienceId: string;
  kind: 'snapshot' | 'delta';
  rows: number;
  cursor: number;
  complete: boolean;
  at: Date;
}

export interface StoredShare {
  partnerId: string;
  audienceId: string;
  iab: string[];
  createdAt: Date;
}

const PARTNER_COLUMNS = `id, name, platform, device_ids AS "deviceIds", min_audience_size AS "minAudienceSize",
  dp_epsilon AS "dpEpsilon", rate_per_second AS "ratePerSecond", member_secret AS "memberSecret", created_at AS "createdAt"`;
const KEY_COLUMNS = `id, partner_id AS "partnerId", prefix, created_at AS "createdAt", revoked_at AS "revokedAt"`;

/** Partners, their feed keys and what is shared with them. */
export class PartnersRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** undefined when the name is taken. */
  async create(
    input: Omit<StoredPartner, 'id' | 'createdAt'>,
    key: { hash: string; prefix: string },
  ): Promise<StoredPartner | undefined> {
    return withTransaction(this.pool, async (client) => {
      const created = await client.query<StoredPartner>(
        `INSERT INTO ad_feeds.partners (name, platform, device_ids, min_audience_size, dp_epsilon, rate_per_second, member_secret)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING RETURNING ${PARTNER_COLUMNS}`,
        [
          input.name,
          input.platform,
          input.deviceIds,
          input.minAudienceSize,
          input.dpEpsilon,
          input.ratePerSecond,
          input.memberSecret,
        ],
      );
      const partner = created.rows[0];
      if (partner) {
        await client.query(
          'INSERT INTO ad_feeds.partner_keys (partner_id, key_hash, prefix) VALUES ($1, $2, $3)',
          [partner.id, key.hash, key.prefix],
        );
      }
      return partner;
    });
  }

  async partner(ref: string): Promise<StoredPartner | undefined> {
    const result = await this.pool.query<StoredPartner>(
      `SELECT ${PARTNER_COLUMNS} FROM ad_feeds.partners WHERE ${byIdOrName(ref)}`,
      [ref],
    );
    return result.rows[0];
  }

  async partners(): Promise<StoredPartner[]> {
    return (
      await this.pool.query<StoredPartner>(`SELECT ${PARTNER_COLUMNS} FROM ad_feeds.partners ORDER BY name`)
    ).rows;
  }

  async keys(partnerId?: string): Promise<StoredKey[]> {
    const result = await this.pool.query<StoredKey>(
      `SELECT ${KEY_COLUMNS} FROM ad_feeds.partner_keys WHERE $1::uuid IS NULL OR partner_id = $1 ORDER BY created_at`,
      [partnerId ?? null],
    );
    return result.rows;
  }

  /** Keys that work now, with their hashes: the service keeps them in memory. */
  async liveKeys(): Promise<Array<{ hash: string; partnerId: string }>> {
    const result = await this.pool.query<{ hash: string; partnerId: string }>(
      `SELECT key_hash AS hash, partner_id AS "partnerId" FROM ad_feeds.partner_keys
       WHERE revoked_at IS NULL OR revoked_at > now()`,
    );
    return result.rows;
  }

  /** A new key; the partner's other live keys stop working after `graceMinutes`. */
  async rotate(
    partnerId: string,
    key: { hash: string; prefix: string },
    graceMinutes: number,
  ): Promise<void> {
    await this.pool.query(
      `WITH retired AS (
         UPDATE ad_feeds.partner_keys SET revoked_at = now() + make_interval(mins => $4)
         WHERE partner_id = $1 AND (revoked_at IS NULL OR revoked_at > now() + make_interval(mins => $4)))
       INSERT INTO ad_feeds.partner_keys (partner_id, key_hash, prefix) VALUES ($1, $2, $3)`,
      [partnerId, key.hash, key.prefix, graceMinutes],
    );
  }

  /** false when the partner has no such key. */
  async revoke(partnerId: string, keyId: string): Promise<boolean> {
    const result = await this.pool.query(
      `UPDATE ad_feeds.partner_keys SET revoked_at = now() WHERE id = $1 AND partner_id = $2
         AND (revoked_at IS NULL OR revoked_at > now())`,
      [keyId, partnerId],
    );
    return (result.rowCount ?? 0) === 1;
  }

  async share(partnerId: string, audienceId: string, iab: readonly string[]): Promise<void> {
    await this.pool.query(
      `INSERT INTO ad_feeds.shares (partner_id, audience_id, iab) VALUES ($1, $2, $3)
       ON CONFLICT (partner_id, audience_id) DO UPDATE SET iab = excluded.iab`,
      [partnerId, audienceId, JSON.stringify(iab)],
    );
  }

  async unshare(partnerId: string, audienceId: string): Promise<void> {
    await this.pool.query('DELETE FROM ad_feeds.shares WHERE partner_id = $1 AND audience_id = $2', [
      partnerId,
      audienceId,
    ]);
  }

  async shares(partnerId?: string): Promise<StoredShare[]> {
    const result = await this.pool.query<StoredShare>(
      `SELECT partner_id AS "partnerId", audience_id AS "audienceId", iab, created_at AS "createdAt" FROM ad_feeds.shares
       WHERE $1::uuid IS NULL OR partner_id = $1 ORDER BY created_at`,
      [partnerId ?? null],
    );
    return result.rows;
  }

  async recordPull(pull: Omit<StoredPull, 'at'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO ad_feeds.pulls (partner_id, audience_id, kind, rows, cursor, complete) VALUES ($1, $2, $3, $4, $5, $6)`,
      [pull.partnerId, pull.audienceId, pull.kind, pull.rows, pull.cursor, pull.complete],
    );
  }

  /** A partner's latest bulk pulls, newest first. */
  async lastPulls(partnerId: string, limit = 10): Promise<StoredPull[]> {
    const result = await this.pool.query<StoredPull>(
      `SELECT partner_id AS "partnerId", audience_id AS "audienceId", kind, rows, cursor::float8 AS cursor, complete, at
         FROM ad_feeds.pulls WHERE partner_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [partnerId, limit],
    );
    return result.rows;
  }
}
