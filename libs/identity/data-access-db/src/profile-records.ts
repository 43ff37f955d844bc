import type { GraphTransaction } from './identity-graph.js';
import type { StoredIdentifier } from './links.table.js';

export interface ProfileRecord {
  profileId: string;
  identifiers: Array<StoredIdentifier & { firstSeen: string }>;
  traits: Record<string, unknown>;
  firstSeen: string | null;
  lastSeen: string | null;
  createdAt: string;
  merges: Array<{
    mergeId: string;
    mergedProfileId: string;
    linkedBy: StoredIdentifier[];
    eventMessageId: string;
    at: string;
    undone: boolean;
  }>;
}

export interface LinkRecord {
  id: string;
  /** The earliest and latest event with this link. */
  at: string;
  lastAt: string;
  identifiers: StoredIdentifier[];
  traits: Record<string, unknown> | null;
}

/** Reads and rewrites whole profiles: lookup, unmerge and erasure (all inside a graph transaction). */
export class ProfileRecords {
  constructor(private readonly tx: GraphTransaction) {}

  async ownerOf(id: StoredIdentifier): Promise<string | undefined> {
    return (await this.tx.owners([id])).get(`${id.type}:${id.value}`);
  }

  async load(profileId: string): Promise<ProfileRecord | undefined> {
    const { client } = this.tx;
    const profile = await client.query<{
      id: string;
      created_at: Date;
      traits: Record<string, unknown>;
      first_seen: Date | null;
      last_seen: Date | null;
    }>(
      'SELECT id, created_at, traits, first_seen, last_seen FROM identity.profiles WHERE id = $1 AND merged_into IS NULL',
      [profileId],
    );
    const row = profile.rows[0];
    if (!row) return undefined;
    const ids = await client.query<{ type: string; value: string; first_seen: Date }>(
      'SELECT type, value, first_seen FROM identity.identifiers WHERE profile_id = $1 ORDER BY first_seen, type, value',
      [profileId],
    );
    const merges = await client.query<{
      id: string;
      merged_profile_id: string;
      linked_by: StoredIdentifier[];
      event_message_id: string;
      at: Date;
      undone_at: Date | null;
    }>(
      `SELECT id, merged_profile_id, linked_by, event_message_id, at, undone_at FROM identity.merges
       WHERE profile_id = $1 ORDER BY at, id`,
      [profileId],
    );
    return {
      profileId,
      createdAt: row.created_at.toISOString(),
      traits: row.traits,
      firstSeen: row.first_seen?.toISOString() ?? null,
      lastSeen: row.last_seen?.toISOString() ?? null,
      identifiers: ids.rows.map((r) => ({
        type: r.type,
        value: r.value,
        firstSeen: r.first_seen.toISOString(),
      })),
      merges: merges.rows.map((m) => ({
        mergeId: m.id,
        mergedProfileId: m.merged_profile_id,
        linkedBy: m.linked_by,
        eventMessageId: m.event_message_id,
        at: m.at.toISOString(),
        undone: m.undone_at !== null,
      })),
    };
  }

  async merge(mergeId: string): Promise<
    | {
        profileId: string;
        mergedProfileId: string;
        linkId: string;
        linkedBy: StoredIdentifier[];
        undone: boolean;
      }
    | undefined
  > {
    const result = await this.tx.client.query<{
      profile_id: string;
      merged_profile_id: string;
      link_id: string;
      linked_by: StoredIdentifier[];
      undone_at: Date | null;
    }>(
      'SELECT profile_id, merged_profile_id, link_id, linked_by, undone_at FROM identity.merges WHERE id = $1',
      [mergeId],
    );
    const row = result.rows[0];
    return row
      ? {
          profileId: row.profile_id,
          mergedProfileId: row.merged_profile_id,
          linkId: row.link_id,
          linkedBy: row.linked_by,
          undone: row.undone_at !== null,
        }
      : undefined;
  }

  async links(profileId: string): Promise<LinkRecord[]> {
    const result = await this.tx.client.query<{
      id: string;
      at: Date;
      last_at: Date;
      identifiers: StoredIdentifier[];
      traits: Record<string, unknown> | null;
    }>(
      'SELECT id, at, last_at, identifiers, traits FROM identity.links WHERE profile_id = $1 ORDER BY at, id',
      [profileId],
    );
    return result.rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      lastAt: r.last_at.toISOString(),
      identifiers: r.identifiers,
      traits: r.traits,
    }));
  }

  /**
   * Splits a profile into `groups`: the one naming `profileId` keeps it, each other becomes the
   * profile whose id it names (the one merged away, revived, or a new one). Identifiers and links move with
   * their group; the merge is marked undone. Traits restart from the groups' own identify history,
   * which the caller recomputes.
   */
  async split(
    profileId: string,
    mergeId: string,
    groups: ReadonlyArray<{ profileId: string; identifiers: StoredIdentifier[]; linkIds: string[] }>,
  ): Promise<void> {
    const { client } = this.tx;
    for (const group of groups.filter((g) => g.profileId !== profileId)) {
      await client.query(
        `INSERT INTO identity.profiles (id) VALUES ($1)
         ON CONFLICT (id) DO UPDATE SET merged_into = NULL, updated_at = now()`,
        [group.profileId],
      );
      await client.query(
        `UPDATE identity.identifiers i SET profile_id = $1
         FROM unnest($2::text[], $3::text[]) AS k(type, value)
         WHERE i.type = k.type AND i.value = k.value AND i.profile_id = $4`,
        [
          group.profileId,
          group.identifiers.map((i) => i.type),
          group.identifiers.map((i) => i.value),
          profileId,
        ],
      );
      await client.query('UPDATE identity.links SET profile_id = $1 WHERE id = ANY($2::uuid[])', [
        group.profileId,
        group.linkIds,
      ]);
    }
    await client.query('UPDATE identity.merges SET undone_at = now() WHERE id = $1', [mergeId]);
  }

  /**
   * Erases a profile and every profile merged into it: identifiers, links, merges, dropped
   * identifier decisions naming their values, and the profile rows. Returns what was erased.
   */
  async erase(profileId: string): Promise<{ mergedProfileIds: string[]; identifiers: StoredIdentifier[] }> {
    const { client } = this.tx;
    const merged = await client.query<{ id: string }>(
      'SELECT id FROM identity.profiles WHERE merged_into = $1',
      [profileId],
    );
    const all = [profileId, ...merged.rows.map((r) => r.id)];
    const ids = await client.query<StoredIdentifier>(
      'DELETE FROM identity.identifiers WHERE profile_id = ANY($1::uuid[]) RETURNING type, value',
      [all],
    );
    await client.query('DELETE FROM identity.links WHERE profile_id = ANY($1::uuid[])', [all]);
    await client.query(
      'DELETE FROM identity.merges WHERE profile_id = ANY($1::uuid[]) OR merged_profile_id = ANY($1::uuid[])',
      [all],
    );
    await client.query(
      `DELETE FROM identity.dropped_identifiers d USING unnest($1::text[], $2::text[]) AS k(type, value)
       WHERE d.type = k.type AND d.value = k.value`,
      [ids.rows.map((r) => r.type), ids.rows.map((r) => r.value)],
    );
    await client.query('DELETE FROM identity.dropped_identifiers WHERE profile_id = ANY($1::uuid[])', [all]);
    await client.query('DELETE FROM identity.profiles WHERE id = ANY($1::uuid[])', [all]);
    return { mergedProfileIds: merged.rows.map((r) => r.id), identifiers: ids.rows };
  }

  async suppress(hashes: readonly string[], auditId: string): Promise<void> {
    await this.tx.client.query(
      `INSERT INTO identity.suppressed_identifiers (key_hash, audit_id)
       SELECT h, $2 FROM unnest($1::text[]) AS h ON CONFLICT DO NOTHING`,
      [hashes, auditId],
    );
  }

  async audit(entry: {
    id: string;
    actor: string;
    reason?: string;
    identifierHash: string;
    profileId: string;
    identifiers: number;
  }): Promise<void> {
    await this.tx.client.query(
      `INSERT INTO identity.deletion_audit (id, actor, reason, identifier_hash, profile_id, identifiers)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.id, entry.actor, entry.reason ?? null, entry.identifierHash, entry.profileId, entry.identifiers],
    );
  }
}
