import type { GraphProfile } from '@cdp/identity/data-access-db';

/**
 * Owners of hot identifiers and the profiles they belong to, kept between batches so a busy
 * profile is read from PostgreSQL once, not per batch. Valid only while the graph's change token is
 * the one this process wrote last: any merge, unmerge or erasure elsewhere (another replica, an
 * operator) replaces the token, and the next batch starts from an empty cache.
 */
export class GraphCache {
  private owners = new Map<string, string>();
  private profiles = new Map<string, GraphProfile>();
  private token: string | null | undefined;

  constructor(private readonly maxIdentifiers = 500_000) {}

  /** Drops everything unless `current` is the token this cache was last written under. */
  validate(current: string | null): void {
    if (this.token === undefined || current !== this.token) this.clear();
  }

  clear(): void {
    this.owners = new Map();
    this.profiles = new Map();
    this.token = undefined;
  }

  owner(key: string): string | undefined {
    return this.owners.get(key);
  }

  /** A copy: resolution changes its profiles in place, and a batch that fails must leave no trace here. */
  profile(profileId: string): GraphProfile | undefined {
    const cached = this.profiles.get(profileId);
    return cached ? { ...cached, identifiers: [...cached.identifiers] } : undefined;
  }

  /** After a committed batch: what it read and wrote, under the token it set. */
  store(
    token: string,
    owners: ReadonlyMap<string, string>,
    profiles: Iterable<GraphProfile>,
    gone: Iterable<string>,
  ): void {
    for (const [key, profileId] of owners) this.owners.set(key, profileId);
    for (const profile of profiles) {
      this.profiles.set(profile.profileId, { ...profile, identifiers: [...profile.identifiers] });
    }
    for (const id of gone) this.profiles.delete(id);
    // Bounded: past the limit start over rather than track recency on the hot path.
    this.token = this.owners.size > this.maxIdentifiers ? undefined : token;
    if (this.token === undefined) this.clear();
  }

  get size(): number {
    return this.owners.size;
  }
}
