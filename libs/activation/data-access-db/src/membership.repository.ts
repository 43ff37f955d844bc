import { checkout, withTransaction } from '@cdp/shared/util-db';
import { survivorsOf } from './merged-profiles.js';
import type pg from 'pg';

/** A profile as audience rules see it (activation's own copy, assembled from events). */
export interface ProfileFactsRow {
  profileId: string;
  userId: string | null;
  traits: Record<string, unknown>;
  features: Record<string, number | string | null>;
  segments: Record<string, string>;
  scores: Record<string, unknown>;
}

export interface TraitUpdate {
  profileId: string;
  userId: string | null;
  /** Merged over the stored traits, key by key (identify semantics). */
  traits: Record<string, unknown>;
}

export interface TrackedEvent {
  profileId: string;
  messageId: string;
  event: string;
  at: Date;
}

export interface FeatureUpdate {
  profileId: string;
  asOf: Date;
  features: Record<string, number | string | null>;
}

export interface SegmentUpdate {
  profileId: string;
  source: string;
  segmentId: string;
}

export interface ScoreUpdate {
  profileId: string;
  asOf: Date;
  scores: Record<string, unknown>;
}

export interface MembershipChangeInput {
  audienceId: string;
  profileId: string;
  change: 'entered' | 'exited';
}

export interface RecordedMembershipChange extends MembershipChangeInput {
  seq: number;
  at: Date;
}

export interface NewDelivery {
  key: string;
  campaignId: string;
  destinationId: string;
  channel: string;
  profileId: string;
  trigger: string;
  /** `pending` to send, `held_out` for the control group. */
  status: 'pending' | 'held_out';
}

const FACT_COLUMNS = `profile_id AS "profileId", user_id AS "userId", traits, features, segments, scores`;

/**
 * The writes of one membership step, all on one transaction: the facts that changed, the
 * memberships they move, the deliveries those moves trigger and the event announcing them commit
 * together or not at all.
 */
export class MembershipTx {
  constructor(readonly client: pg.PoolClient) {}

  /** Track events of `profileIds` named in `events` since `since`, oldest first. */
  async eventHistory(
    profileIds: readonly string[],
    events: readonly string[],
    since: Date,
  ): Promise<Map<string, Array<{ event: string; timestamp: number }>>> {
    const history = new Map<string, Array<{ event: string; timestamp: number }>>();
    if (profileIds.length === 0 || events.length === 0) return history;
    const result = await this.client.query<{ profileId: string; event: string; at: Date }>(
      `SELECT profile_id AS "profileId", event, at FROM activation.profile_events
       WHERE profile_id = ANY($1::uuid[]) AND event = ANY($2::text[]) AND at >= $3 ORDER BY at`,
      [profileIds, events, since],
    );
    for (const row of result.rows) {
      let list = history.get(row.profileId);
      if (!list) history.set(row.profileId, (list = []));
      list.push({ event: row.event, timestamp: row.at.getTime() });
    }
    return history;
  }

  /** profile id → the audiences (of `audienceIds`) it is in now. */
  async memberships(
    profileIds: readonly string[],
    audienceIds: readonly string[],
  ): Promise<Map<string, Set<string>>> {
    const members = new Map<string, Set<string>>();
    if (profileIds.length === 0 || audienceIds.length === 0) return members;
    const result = await this.client.query<{ audienceId: string; profileId: string }>(
      `SELECT audience_id AS "audienceId", profile_id AS "profileId" FROM activation.audience_members
       WHERE profile_id = ANY($1::uuid[]) AND audience_id = ANY($2::uuid[])`,
      [profileIds, audienceIds],
    );
    for (const row of result.rows) {
      let set = members.get(row.profileId);
      if (!set) members.set(row.profileId, (set = new Set()));
      set.add(row.audienceId);
    }
    return members;
  }

  /**
   * Applies entries and exits; a change that is already true (entered twice, say by a redelivered
   * message racing a recompute) is dropped, so only real moves are logged and returned.
   */
  async applyChanges(
    changes: readonly MembershipChangeInput[],
    at: Date,
  ): Promise<RecordedMembershipChange[]> {
    if (changes.length === 0) return [];
    const entered = changes.filter((c) => c.change === 'entered');
    const exited = changes.filter((c) => c.change === 'exited');
    const moved: MembershipChangeInput[] = [];
    if (entered.length > 0) {
      const result = await this.client.query<{ audienceId: string; profileId: string }>(
        `INSERT INTO activation.audience_members (audience_id, profile_id, entered_at)
         SELECT a, p, $3 FROM unnest($1::uuid[], $2::uuid[]) AS c(a, p)
         ON CONFLICT DO NOTHING
         RETURNING audience_id AS "audienceId", profile_id AS "profileId"`,
        [entered.map((c) => c.audienceId), entered.map((c) => c.profileId), at],
      );
      for (const row of result.rows) moved.push({ ...row, change: 'entered' });
    }
    if (exited.length > 0) {
      const result = await this.client.query<{ audienceId: string; profileId: string }>(
        `DELETE FROM activation.audience_members m USING unnest($1::uuid[], $2::uuid[]) AS c(a, p)
         WHERE m.audience_id = c.a AND m.profile_id = c.p
         RETURNING m.audience_id AS "audienceId", m.profile_id AS "profileId"`,
        [exited.map((c) => c.audienceId), exited.map((c) => c.profileId)],
      );
      for (const row of result.rows) moved.push({ ...row, change: 'exited' });
    }
    if (moved.length === 0) return [];
    const logged = await this.client.query<{
      seq: string;
      audienceId: string;
      profileId: string;
      change: 'entered' | 'exited';
    }>(
      `INSERT INTO activation.membership_changes (audience_id, profile_id, change, at)
       SELECT a, p, c, $4 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) WITH ORDINALITY AS x(a, p, c, n) ORDER BY n
       RETURNING seq, audience_id AS "audienceId", profile_id AS "profileId", change`,
      [moved.map((c) => c.audienceId), moved.map((c) => c.profileId), moved.map((c) => c.change), at],
    );
    return logged.rows.map((row) => ({ ...row, seq: Number(row.seq), at }));
  }

  /** Inserts deliveries; a key already there (the same trigger seen again) is skipped. */
  async enqueueDeliveries(rows: readonly NewDelivery[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.client.query(
      `INSERT INTO activation.deliveries (key, campaign_id, destination_id, channel, profile_id, trigger, status, next_attempt_at)
       SELECT k, c, d, ch, p, t, s, CASE WHEN s = 'pending' THEN now() END
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[]) AS r(k, c, d, ch, p, t, s)
       ON CONFLICT (key) DO NOTHING`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.campaignId),
        rows.map((r) => r.destinationId),
        rows.map((r) => r.channel),
        rows.map((r) => r.profileId),
        rows.map((r) => r.trigger),
        rows.map((r) => r.status),
      ],
    );
    return result.rowCount ?? 0;
  }
}

/** One membership step: given the profiles whose facts just changed (locked), move memberships. */
export type MembershipStep = (tx: MembershipTx, facts: ProfileFactsRow[]) => Promise<void>;

/** Profiles' facts and their audience memberships. */
export class MembershipRepository {
  constructor(private readonly pool: pg.Pool) {}

  /** Identify traits (merged key by key) and track events, then `step` on the touched profiles. */
  async applyTraitsAndEvents(
    traits: readonly TraitUpdate[],
    events: readonly TrackedEvent[],
    step: MembershipStep,
  ): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      // An identify resolved just before its profile merged goes to the survivor.
      const survivor = await survivorsOf(client, [...traits, ...events]);
      traits = traits.map((t) => ({ ...t, profileId: survivor(t.profileId) }));
      events = events.map((e) => ({ ...e, profileId: survivor(e.profileId) }));
      const ids = new Set<string>();
      for (const t of traits) ids.add(t.profileId);
      for (const e of events) ids.add(e.profileId);
      const sorted = [...ids].sort();
      // Every profile gets its row first, in id order, so concurrent batches lock in one order.
      await client.query(
        `INSERT INTO activation.profiles (profile_id) SELECT p FROM unnest($1::uuid[]) AS p ORDER BY p
         ON CONFLICT (profile_id) DO NOTHING`,
        [sorted],
      );
      const merged = mergeTraitUpdates(traits);
      if (merged.length > 0) {
        await client.query(
          `UPDATE activation.profiles p SET traits = p.traits || u.t, user_id = coalesce(u.uid, p.user_id), updated_at = now()
           FROM unnest($1::uuid[], $2::jsonb[], $3::text[]) AS u(id, t, uid) WHERE p.profile_id = u.id`,
          [
            merged.map((m) => m.profileId),
            merged.map((m) => JSON.stringify(m.traits)),
            merged.map((m) => m.userId),
          ],
        );
      }
      if (events.length > 0) {
        await client.query(
          `INSERT INTO activation.profile_events (profile_id, message_id, event, at)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) ON CONFLICT DO NOTHING`,
          [
            events.map((e) => e.profileId),
            events.map((e) => e.messageId),
            events.map((e) => e.event),
            events.map((e) => e.at),
          ],
        );
      }
      const facts = await client.query<ProfileFactsRow>(
        `SELECT ${FACT_COLUMNS} FROM activation.profiles WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE`,
        [sorted],
      );
      await step(new MembershipTx(client), facts.rows);
    });
  }

  /**
   * Feature vectors newer than (or as new as) the stored ones. An equal `asOf` is applied again so a
   * redelivered message re-runs its step: the first delivery may have committed nothing.
   */
  async applyFeatures(updates: readonly FeatureUpdate[], step: MembershipStep): Promise<void> {
    await this.applyLatest(
      'features',
      updates.map((u) => ({ ...u, value: u.features })),
      step,
    );
  }

  async applyScores(updates: readonly ScoreUpdate[], step: MembershipStep): Promise<void> {
    await this.applyLatest(
      'scores',
      updates.map((u) => ({ ...u, value: u.scores })),
      step,
    );
  }

  async applySegments(updates: readonly SegmentUpdate[], step: MembershipStep): Promise<void> {
    // The last change per (profile, source) wins, as published in order.
    const last = new Map<string, SegmentUpdate>();
    for (const u of updates) last.set(`${u.profileId}\u0000${u.source}`, u);
    const byProfile = new Map<string, Record<string, string>>();
    for (const u of last.values())
      byProfile.set(u.profileId, { ...byProfile.get(u.profileId), [u.source]: u.segmentId });
    const rows = [...byProfile.entries()];
    await this.upsertThen(
      `INSERT INTO activation.profiles (profile_id, segments)
       SELECT id, s FROM unnest($1::uuid[], $2::jsonb[]) AS u(id, s) ORDER BY id
       ON CONFLICT (profile_id) DO UPDATE SET segments = activation.profiles.segments || excluded.segments, updated_at = now()
       RETURNING ${FACT_COLUMNS}`,
      [rows.map(([id]) => id), rows.map(([, s]) => JSON.stringify(s))],
      step,
    );
  }

  /** Locks a page of profiles (in id order, after `afterId`) and runs `step` on them: a recompute. */
  async recomputePage(afterId: string | null, limit: number, step: MembershipStep): Promise<string | null> {
    return withTransaction(this.pool, async (client) => {
      const facts = await client.query<ProfileFactsRow>(
        `SELECT ${FACT_COLUMNS} FROM activation.profiles WHERE ($1::uuid IS NULL OR profile_id > $1::uuid)
         ORDER BY profile_id LIMIT $2 FOR UPDATE`,
        [afterId, limit],
      );
      if (facts.rows.length === 0) return null;
      await step(new MembershipTx(client), facts.rows);
      return facts.rows.length < limit ? null : (facts.rows.at(-1)?.profileId ?? null);
    });
  }

  /** A page of profiles without locking (estimates). */
  async profilesPage(afterId: string | null, limit: number): Promise<ProfileFactsRow[]> {
    const result = await this.pool.query<ProfileFactsRow>(
      `SELECT ${FACT_COLUMNS} FROM activation.profiles WHERE ($1::uuid IS NULL OR profile_id > $1::uuid)
       ORDER BY profile_id LIMIT $2`,
      [afterId, limit],
    );
    return result.rows;
  }

  /** Track events for estimates (no transaction needed). */
  async eventHistory(
    profileIds: readonly string[],
    events: readonly string[],
    since: Date,
  ): Promise<Map<string, Array<{ event: string; timestamp: number }>>> {
    const { client, release } = await checkout(this.pool);
    try {
      return await new MembershipTx(client).eventHistory(profileIds, events, since);
    } finally {
      release();
    }
  }

  async profileCount(): Promise<number> {
    const result = await this.pool.query<{ n: string }>('SELECT count(*) AS n FROM activation.profiles');
    return Number(result.rows[0]?.n ?? 0);
  }

  async facts(profileIds: readonly string[]): Promise<ProfileFactsRow[]> {
    const result = await this.pool.query<ProfileFactsRow>(
      `SELECT ${FACT_COLUMNS} FROM activation.profiles WHERE profile_id = ANY($1::uuid[])`,
      [profileIds],
    );
    return result.rows;
  }

  /**
   * Two profiles became one: the survivor takes the merged profile's traits where it has none of
   * its own, its events, push subscriptions and the stricter consent; the merged profile leaves every
   * audience. `step` then runs on the survivor.
   */
  async merge(
    survivorId: string,
    mergedId: string,
    step: MembershipStep,
    at: Date,
  ): Promise<RecordedMembershipChange[]> {
    return withTransaction(this.pool, async (client) => {
      const ids = [survivorId, mergedId].sort();
      await client.query(
        `INSERT INTO activation.profiles (profile_id) SELECT p FROM unnest($1::uuid[]) AS p ORDER BY p ON CONFLICT DO NOTHING`,
        [ids],
      );
      await client.query(
        'SELECT 1 FROM activation.profiles WHERE profile_id = ANY($1::uuid[]) ORDER BY profile_id FOR UPDATE',
        [ids],
      );
      await client.query(
        `UPDATE activation.profiles s SET traits = m.traits || s.traits, user_id = coalesce(s.user_id, m.user_id),
           features = CASE WHEN s.features_as_of IS NULL THEN m.features ELSE s.features END,
           features_as_of = coalesce(s.features_as_of, m.features_as_of),
           segments = m.segments || s.segments,
           scores = CASE WHEN s.scores_as_of IS NULL THEN m.scores ELSE s.scores END,
           scores_as_of = coalesce(s.scores_as_of, m.scores_as_of), updated_at = now()
         FROM activation.profiles m WHERE s.profile_id = $1 AND m.profile_id = $2`,
        [survivorId, mergedId],
      );
      await client.query(
        `INSERT INTO activation.profile_events (profile_id, message_id, event, at)
         SELECT $1, message_id, event, at FROM activation.profile_events WHERE profile_id = $2 ON CONFLICT DO NOTHING`,
        [survivorId, mergedId],
      );
      await client.query('DELETE FROM activation.profile_events WHERE profile_id = $1', [mergedId]);
      await client.query(`UPDATE activation.push_subscriptions SET profile_id = $1 WHERE profile_id = $2`, [
        survivorId,
        mergedId,
      ]);
      await client.query(
        `INSERT INTO activation.consents AS c (profile_id, opt_ins, unsubscribed, globally_suppressed)
         SELECT $1, opt_ins, unsubscribed, globally_suppressed FROM activation.consents WHERE profile_id = $2
         ON CONFLICT (profile_id) DO UPDATE SET
           -- A channel either profile declined stays declined: a refusal is never overridden.
           opt_ins = excluded.opt_ins || c.opt_ins || coalesce(
             (SELECT jsonb_object_agg(e.key, false) FROM jsonb_each(excluded.opt_ins || c.opt_ins) e
              WHERE excluded.opt_ins -> e.key = 'false'::jsonb OR c.opt_ins -> e.key = 'false'::jsonb),
             '{}'::jsonb),
           unsubscribed = excluded.unsubscribed || c.unsubscribed,
           globally_suppressed = c.globally_suppressed OR excluded.globally_suppressed, updated_at = now()`,
        [survivorId, mergedId],
      );
      await client.query('DELETE FROM activation.consents WHERE profile_id = $1', [mergedId]);
      const tx = new MembershipTx(client);
      const leaving = await client.query<{ audienceId: string }>(
        'SELECT audience_id AS "audienceId" FROM activation.audience_members WHERE profile_id = $1',
        [mergedId],
      );
      const exits = await tx.applyChanges(
        leaving.rows.map((r) => ({
          audienceId: r.audienceId,
          profileId: mergedId,
          change: 'exited' as const,
        })),
        at,
      );
      await client.query('DELETE FROM activation.profiles WHERE profile_id = $1', [mergedId]);
      // Late events of the merged profile (and of those merged into it before) go to the survivor.
      await client.query(
        `INSERT INTO activation.merged_profiles (profile_id, merged_into) VALUES ($1, $2)
         ON CONFLICT (profile_id) DO UPDATE SET merged_into = excluded.merged_into, merged_at = now()`,
        [mergedId, survivorId],
      );
      await client.query('UPDATE activation.merged_profiles SET merged_into = $1 WHERE merged_into = $2', [
        survivorId,
        mergedId,
      ]);
      const facts = await client.query<ProfileFactsRow>(
        `SELECT ${FACT_COLUMNS} FROM activation.profiles WHERE profile_id = $1`,
        [survivorId],
      );
      await step(tx, facts.rows);
      return exits;
    });
  }

  /** Identity split these profiles apart again: their own events are theirs from now on. */
  async clearRedirects(profileIds: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM activation.merged_profiles WHERE profile_id = ANY($1::uuid[])', [
      profileIds,
    ]);
  }

  /**
   * Erasure: everything activation holds on the profiles goes (facts, events, consent, push
   * subscriptions, deliveries and membership history). Their current memberships end with an exit
   * change, so feeds drop them; `beforeCommit` publishes those exits.
   */
  async erase(
    profileIds: readonly string[],
    at: Date,
    beforeCommit: (exits: RecordedMembershipChange[]) => Promise<void>,
  ): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM activation.membership_changes WHERE profile_id = ANY($1::uuid[])', [
        profileIds,
      ]);
      const members = await client.query<{ audienceId: string; profileId: string }>(
        `SELECT audience_id AS "audienceId", profile_id AS "profileId" FROM activation.audience_members
         WHERE profile_id = ANY($1::uuid[])`,
        [profileIds],
      );
      const exits = await new MembershipTx(client).applyChanges(
        members.rows.map((r) => ({ ...r, change: 'exited' as const })),
        at,
      );
      await client.query(
        `DELETE FROM activation.delivery_events WHERE delivery_id IN
           (SELECT id FROM activation.deliveries WHERE profile_id = ANY($1::uuid[]))`,
        [profileIds],
      );
      for (const table of ['deliveries', 'profile_events', 'consents', 'push_subscriptions', 'profiles']) {
        await client.query(`DELETE FROM activation.${table} WHERE profile_id = ANY($1::uuid[])`, [
          profileIds,
        ]);
      }
      await client.query(
        'DELETE FROM activation.merged_profiles WHERE profile_id = ANY($1::uuid[]) OR merged_into = ANY($1::uuid[])',
        [profileIds],
      );
      await beforeCommit(exits);
    });
  }

  /** A whole value (`features` or `scores`) replaced when its `asOf` is not older than the stored one. */
  private async applyLatest(
    column: 'features' | 'scores',
    updates: ReadonlyArray<{ profileId: string; asOf: Date; value: Record<string, unknown> }>,
    step: MembershipStep,
  ): Promise<void> {
    const latest = latestBy(updates, (u) => u.asOf.getTime());
    const asOf = `${column}_as_of`;
    await this.upsertThen(
      `INSERT INTO activation.profiles (profile_id, ${column}, ${asOf})
       SELECT id, v, a FROM unnest($1::uuid[], $2::jsonb[], $3::timestamptz[]) AS u(id, v, a) ORDER BY id
       ON CONFLICT (profile_id) DO UPDATE SET ${column} = excluded.${column}, ${asOf} = excluded.${asOf}, updated_at = now()
       WHERE activation.profiles.${asOf} IS NULL OR activation.profiles.${asOf} <= excluded.${asOf}
       RETURNING ${FACT_COLUMNS}`,
      [latest.map((u) => u.profileId), latest.map((u) => JSON.stringify(u.value)), latest.map((u) => u.asOf)],
      step,
    );
  }

  private async upsertThen(sql: string, params: unknown[], step: MembershipStep): Promise<void> {
    if ((params[0] as unknown[]).length === 0) return;
    await withTransaction(this.pool, async (client) => {
      const facts = await client.query<ProfileFactsRow>(sql, params);
      await step(new MembershipTx(client), facts.rows);
    });
  }
}

function latestBy<T extends { profileId: string }>(rows: readonly T[], at: (row: T) => number): T[] {
  const latest = new Map<string, T>();
  for (const row of rows) {
    const seen = latest.get(row.profileId);
    if (!seen || at(seen) <= at(row)) latest.set(row.profileId, row);
  }
  return [...latest.values()];
}

function mergeTraitUpdates(updates: readonly TraitUpdate[]): TraitUpdate[] {
  const merged = new Map<string, TraitUpdate>();
  for (const u of updates) {
    const seen = merged.get(u.profileId);
    merged.set(
      u.profileId,
      seen
        ? { profileId: u.profileId, userId: u.userId ?? seen.userId, traits: { ...seen.traits, ...u.traits } }
        : u,
    );
  }
  return [...merged.values()];
}
