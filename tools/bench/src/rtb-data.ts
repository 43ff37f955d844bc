import { randomBytes } from 'node:crypto';

/** Audiences the bench's memberships spread over (all shared with the bench partner). */
export const RTB_AUDIENCES = 50;
/** Memberships per profile average this; a profile has from 3 to 7. */
export const MEMBERSHIPS_PER_PROFILE = 5;
/** Every 5th audience is also reported as an IAB Audience Taxonomy 1.1 id (segtax 4). */
export const IAB_EVERY = 5;

/** Steps coprime to RTB_AUDIENCES: start + k·step (k < 7) are distinct audiences. */
const STEPS = [1, 3, 7, 9, 11, 13, 17, 19, 21, 23, 27, 29, 31, 33, 37, 39, 41, 43, 47, 49];

/** A 32-bit integer hash (lowbias32): profiles spread evenly over audiences without a table. */
function hash32(n: number): number {
  let x = n >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function hex12(n: number): string {
  return n.toString(16).padStart(12, '0');
}

/** A run's UUID prefix (version 4, variant 8): ids of one run never meet another run's. */
function uuidPrefix(): string {
  const h = randomBytes(9).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-8${h.slice(15, 18)}`;
}

/**
 * The bench's profiles, their identifiers and memberships, as pure functions of the profile's
 * number: nothing per profile is kept in memory, the loader streams rows, and any sampled profile's
 * expected segments can be computed again. Ids ascend with the number, so COPY appends to the
 * primary keys' indexes instead of splitting pages all over them.
 */
export class RtbData {
  private readonly profilePrefix = uuidPrefix();
  private readonly maidPrefix = uuidPrefix();
  private readonly audiencePrefix = uuidPrefix();
  readonly memberships: number;

  constructor(readonly profiles: number) {
    if (profiles % 2 !== 0) throw new Error('profiles must be even (memberships come in pairs)');
    this.memberships = profiles * MEMBERSHIPS_PER_PROFILE;
  }

  profileId(i: number): string {
    return `${this.profilePrefix}-${hex12(i)}`;
  }

  userId(i: number): string {
    return `bench-user-${String(i).padStart(8, '0')}`;
  }

  /** Lowercase, as devices send IDFA/AAID in bid requests after normalisation. */
  maid(i: number): string {
    return `${this.maidPrefix}-${hex12(i)}`;
  }

  audienceId(a: number): string {
    return `${this.audiencePrefix}-${hex12(a)}`;
  }

  audienceName(a: number): string {
    return `Bench audience ${String(a).padStart(2, '0')}`;
  }

  audienceKey(a: number): string {
    return `bench_audience_${String(a).padStart(2, '0')}`;
  }

  /** IAB ids an audience is shared as (real Audience Taxonomy 1.1 ids, which the service checks). */
  iab(a: number): string[] {
    return a % IAB_EVERY === 0 ? [String(3 + a)] : [];
  }

  /**
   * Profile i's audiences: 3 to 7 of them, profiles i and i + profiles/2 holding 10 between them, so
   * the total is exactly `memberships` while a profile's rows still cross round row counts (where a
   * paged reader cuts pages).
   */
  audiencesOf(i: number): number[] {
    const half = this.profiles / 2;
    const d = (hash32(i < half ? i : i - half) % 5) - 2;
    const count = MEMBERSHIPS_PER_PROFILE + (i < half ? d : -d);
    const h = hash32(i + 0x9e3779b9);
    const start = h % RTB_AUDIENCES;
    const step = STEPS[(h >>> 8) % STEPS.length] as number;
    const audiences: number[] = [];
    for (let k = 0; k < count; k++) audiences.push((start + k * step) % RTB_AUDIENCES);
    return audiences.sort((x, y) => x - y);
  }

  /** Profiles of each audience, ascending: memberships COPY in primary-key order. */
  membersByAudience(): Int32Array[] {
    const counts = new Int32Array(RTB_AUDIENCES);
    for (let i = 0; i < this.profiles; i++)
      for (const a of this.audiencesOf(i)) counts[a] = (counts[a] ?? 0) + 1;
    const members = Array.from({ length: RTB_AUDIENCES }, (_, a) => new Int32Array(counts[a] ?? 0));
    const filled = new Int32Array(RTB_AUDIENCES);
    for (let i = 0; i < this.profiles; i++)
      for (const a of this.audiencesOf(i)) {
        const at = filled[a] ?? 0;
        (members[a] as Int32Array)[at] = i;
        filled[a] = at + 1;
      }
    return members;
  }

  /** `ad_feeds.memberships` rows (audience_id, profile_id, member, seq) of some audiences. */
  *membershipRows(
    members: readonly Int32Array[],
    audiences: readonly number[],
  ): Generator<[string, string, boolean, number]> {
    for (const a of audiences) {
      const audienceId = this.audienceId(a);
      for (const i of members[a] ?? [])
        yield [audienceId, this.profileId(i), true, a * this.profiles + i + 1];
    }
  }

  /** `ad_feeds.identifiers` rows (profile_id, kind, value): a maid and a user id per profile in [from, to). */
  *identifierRows(from: number, to: number): Generator<[string, string, string]> {
    for (let i = from; i < to; i++) {
      const profileId = this.profileId(i);
      yield [profileId, 'maid', this.maid(i)];
      yield [profileId, 'user_id', this.userId(i)];
    }
  }
}
