import { byIdOrName } from '@cdp/shared/util-db';
import type pg from 'pg';
import { survivorsOf } from './merged-profiles.js';

export interface StoredAudience {
  id: string;
  name: string;
  key: string;
  description: string | null;
  rule: Record<string, unknown>;
  ruleVersion: number;
  createdAt: Date;
  updatedAt: Date;
  computedAt: Date | null;
  size: number;
}

export interface StoredConsent {
  profileId: string;
  optIns: Record<string, boolean>;
  unsubscribed: Record<string, string>;
  globallySuppressed: boolean;
}

export interface StoredPushSubscription {
  id: string;
  profileId: string;
  kind: 'webpush' | 'fcm';
  address: string;
  keys: { p256dh: string; auth: string } | null;
}

const RULE_COLUMNS = `a.id, a.name, a.key, a.description, a.definition AS rule, a.rule_version AS "ruleVersion",
  a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.computed_at AS "computedAt"`;
const AUDIENCE_COLUMNS = `${RULE_COLUMNS},
  (SELECT count(*)::int FROM activation.audience_members m WHERE m.audience_id = a.id) AS size`;

/** Audiences, their members, consent and push subscriptions. */
export class AudiencesRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** undefined when the name is taken. */
  async create(input: {
    name: string;
    key: string;
    description: string | null;
    rule: Record<string, unknown>;
  }): Promise<StoredAudience | undefined> {
    const result = await this.pool.query<{ id: string }>(
      `INSERT INTO activation.audiences (name, key, description, definition) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING id`,
      [input.name, input.key, input.description, JSON.stringify(input.rule)],
    );
    const id = result.rows[0]?.id;
    return id === undefined ? undefined : this.get(id);
  }

  async updateRule(id: string, rule: Record<string, unknown>): Promise<StoredAudience | undefined> {
    await this.pool.query(
      `UPDATE activation.audiences SET definition = $2, rule_version = rule_version + 1, updated_at = now(), computed_at = NULL
       WHERE id = $1`,
      [id, JSON.stringify(rule)],
    );
    return this.get(id);
  }

  /**
   * Hides a deleted audience; its name is freed (suffixed with its id) so a new audience may take it.
   */
  async markDeleted(id: string): Promise<void> {
    await this.pool.query(
      `UPDATE activation.audiences SET deleted_at = now(), name = name || ' (deleted ' || left(id::text, 8) || ')'
        WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
  }

  async markComputed(id: string, ruleVersion: number): Promise<void> {
    await this.pool.query(
      'UPDATE activation.audiences SET computed_at = now() WHERE id = $1 AND rule_version = $2',
      [id, ruleVersion],
    );
  }

  /** By id or by name. */
  async get(ref: string): Promise<StoredAudience | undefined> {
    const result = await this.pool.query<StoredAudience>(
      `SELECT ${AUDIENCE_COLUMNS} FROM activation.audiences a WHERE a.${byIdOrName(ref)} AND a.deleted_at IS NULL`,
      [ref],
    );
    return result.rows[0];
  }

  /** Every audience's rule, without counting members (the hot path's catalog reloads this often). */
  async rules(): Promise<Array<Omit<StoredAudience, 'size'>>> {
    const result = await this.pool.query<Omit<StoredAudience, 'size'>>(
      `SELECT ${RULE_COLUMNS} FROM activation.audiences a WHERE a.deleted_at IS NULL`,
    );
    return result.rows;
  }

  async list(): Promise<StoredAudience[]> {
    const result = await this.pool.query<StoredAudience>(
      `SELECT ${AUDIENCE_COLUMNS} FROM activation.audiences a WHERE a.deleted_at IS NULL ORDER BY a.name`,
    );
    return result.rows;
  }

  /** Current members by entry time, then id; `after` is the last row's `(enteredAt, profileId)`. */
  async members(
    audienceId: string,
    limit: number,
    after?: { enteredAt: Date; profileId: string },
  ): Promise<Array<{ profileId: string; enteredAt: Date }>> {
    const result = await this.pool.query<{ profileId: string; enteredAt: Date }>(
      `SELECT profile_id AS "profileId", entered_at AS "enteredAt" FROM activation.audience_members
       WHERE audience_id = $1 AND ($2::timestamptz IS NULL OR (entered_at, profile_id) > ($2::timestamptz, $3::uuid))
       ORDER BY entered_at, profile_id LIMIT $4`,
      [audienceId, after?.enteredAt ?? null, after?.profileId ?? null, limit],
    );
    return result.rows;
  }

  /** The change log after `afterSeq`, in order. */
  async changes(
    afterSeq: number,
    limit: number,
  ): Promise<
    Array<{ seq: number; audienceId: string; profileId: string; change: 'entered' | 'exited'; at: Date }>
  > {
    const result = await this.pool.query<{
      seq: string;
      audienceId: string;
      profileId: string;
      change: 'entered' | 'exited';
      at: Date;
    }>(
      `SELECT seq, audience_id AS "audienceId", profile_id AS "profileId", change, at FROM activation.membership_changes
       WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [afterSeq, limit],
    );
    return result.rows.map((r) => ({ ...r, seq: Number(r.seq) }));
  }

  /** Members of an audience after `afterId` in id order (for scheduled runs). */
  async memberIds(audienceId: string, afterId: string | null, limit: number): Promise<string[]> {
    const result = await this.pool.query<{ profileId: string }>(
      `SELECT profile_id AS "profileId" FROM activation.audience_members
       WHERE audience_id = $1 AND ($2::uuid IS NULL OR profile_id > $2::uuid) ORDER BY profile_id LIMIT $3`,
      [audienceId, afterId, limit],
    );
    return result.rows.map((r) => r.profileId);
  }

  async consents(profileIds: readonly string[]): Promise<Map<string, StoredConsent>> {
    const result = await this.pool.query<StoredConsent>(
      `SELECT profile_id AS "profileId", opt_ins AS "optIns", unsubscribed, globally_suppressed AS "globallySuppressed"
       FROM activation.consents WHERE profile_id = ANY($1::uuid[])`,
      [profileIds],
    );
    return new Map(result.rows.map((r) => [r.profileId, r]));
  }

  async consent(profileId: string): Promise<StoredConsent> {
    return (
      (await this.consents([profileId])).get(profileId) ?? {
        profileId,
        optIns: {},
        unsubscribed: {},
        globallySuppressed: false,
      }
    );
  }

  /**
   * Records a consent action. An opt-in clears the channel's unsubscribe (re-subscribing is the only
   * way back); an unsubscribe also records the opt-out.
   */
  async setConsent(
    profileId: string,
    action: 'opt_in' | 'opt_out' | 'unsubscribe' | 'suppress' | 'unsuppress',
    channel?: string,
  ): Promise<StoredConsent> {
    const now = new Date().toISOString();
    const optIns =
      channel && action !== 'suppress' && action !== 'unsuppress' ? { [channel]: action === 'opt_in' } : {};
    const unsubscribed = channel && action === 'unsubscribe' ? { [channel]: now } : {};
    const clear = action === 'opt_in' && channel ? channel : null;
    const suppressed = action === 'suppress' ? true : action === 'unsuppress' ? false : null;
    await this.pool.query(
      `INSERT INTO activation.consents AS c (profile_id, opt_ins, unsubscribed, globally_suppressed)
       VALUES ($1, $2, $3, coalesce($5, false))
       ON CONFLICT (profile_id) DO UPDATE SET
         opt_ins = c.opt_ins || excluded.opt_ins,
         unsubscribed = CASE WHEN $4::text IS NULL THEN c.unsubscribed || excluded.unsubscribed ELSE c.unsubscribed - $4::text END,
         globally_suppressed = coalesce($5, c.globally_suppressed), updated_at = now()`,
      [profileId, JSON.stringify(optIns), JSON.stringify(unsubscribed), clear, suppressed],
    );
    return this.consent(profileId);
  }

  /** Identify traits `consent.<channel>` as opt-ins, in one statement for a batch. */
  async recordOptIns(
    rows: ReadonlyArray<{ profileId: string; optIns: Record<string, boolean> }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    // A profile merged away records on its survivor (see mergedProfiles); one row per profile, the
    // later choice of a channel winning, as one statement may not update a row twice.
    const survivor = await survivorsOf(this.pool, rows);
    const byProfile = new Map<string, Record<string, boolean>>();
    for (const row of rows) {
      const id = survivor(row.profileId);
      byProfile.set(id, { ...byProfile.get(id), ...row.optIns });
    }
    await this.pool.query(
      `INSERT INTO activation.consents AS c (profile_id, opt_ins)
       SELECT p, o FROM unnest($1::uuid[], $2::jsonb[]) AS r(p, o) ORDER BY p
       ON CONFLICT (profile_id) DO UPDATE SET opt_ins = c.opt_ins || excluded.opt_ins, updated_at = now()`,
      [[...byProfile.keys()], [...byProfile.values()].map((o) => JSON.stringify(o))],
    );
  }

  async suppressAddress(channel: string, address: string, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO activation.suppressed_addresses (channel, address, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [channel, address.toLowerCase(), reason],
    );
  }

  /** The addresses of `addresses` suppressed on `channel`. */
  async suppressedAddresses(channel: string, addresses: readonly string[]): Promise<Set<string>> {
    if (addresses.length === 0) return new Set();
    const result = await this.pool.query<{ address: string }>(
      `SELECT address FROM activation.suppressed_addresses WHERE channel = $1 AND address = ANY($2::text[])`,
      [channel, addresses.map((a) => a.toLowerCase())],
    );
    return new Set(result.rows.map((r) => r.address));
  }

  async addPushSubscription(input: {
    profileId: string;
    kind: 'webpush' | 'fcm';
    address: string;
    keys: { p256dh: string; auth: string } | null;
  }): Promise<StoredPushSubscription> {
    const result = await this.pool.query<StoredPushSubscription>(
      `INSERT INTO activation.push_subscriptions (profile_id, kind, address, keys) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, address) DO UPDATE SET profile_id = excluded.profile_id, keys = excluded.keys,
         removed_at = NULL, removed_reason = NULL
       RETURNING id, profile_id AS "profileId", kind, address, keys`,
      [input.profileId, input.kind, input.address, input.keys === null ? null : JSON.stringify(input.keys)],
    );
    return result.rows[0] as StoredPushSubscription;
  }

  async pushSubscriptions(profileIds: readonly string[]): Promise<Map<string, StoredPushSubscription[]>> {
    const result = await this.pool.query<StoredPushSubscription>(
      `SELECT id, profile_id AS "profileId", kind, address, keys FROM activation.push_subscriptions
       WHERE profile_id = ANY($1::uuid[]) AND removed_at IS NULL ORDER BY created_at`,
      [profileIds],
    );
    const byProfile = new Map<string, StoredPushSubscription[]>();
    for (const row of result.rows)
      byProfile.set(row.profileId, [...(byProfile.get(row.profileId) ?? []), row]);
    return byProfile;
  }

  async removePushSubscriptions(ids: readonly string[], reason: string): Promise<void> {
    if (ids.length === 0) return;
    await this.pool.query(
      `UPDATE activation.push_subscriptions SET removed_at = now(), removed_reason = $2 WHERE id = ANY($1::uuid[])`,
      [ids, reason],
    );
  }

  /** Profiles that did `event` within `windowDays` after `since` (conversions). */
  async converted(
    profileSince: ReadonlyArray<{ profileId: string; since: Date }>,
    event: string,
    windowDays: number,
  ): Promise<Set<string>> {
    if (profileSince.length === 0) return new Set();
    const result = await this.pool.query<{ profileId: string }>(
      `SELECT DISTINCT s.p AS "profileId" FROM unnest($1::uuid[], $2::timestamptz[]) AS s(p, since)
       JOIN activation.profile_events e ON e.profile_id = s.p AND e.event = $3
         AND e.at > s.since AND e.at <= s.since + make_interval(days => $4)`,
      [profileSince.map((r) => r.profileId), profileSince.map((r) => r.since), event, windowDays],
    );
    return new Set(result.rows.map((r) => r.profileId));
  }

  /** Track events older than `before` go (event rules look back at most a year). */
  async pruneEvents(before: Date): Promise<number> {
    const result = await this.pool.query('DELETE FROM activation.profile_events WHERE at < $1', [before]);
    return result.rowCount ?? 0;
  }
}
