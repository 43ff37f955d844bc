// The in-memory index the real-time segment lookup serves from (issue #10). Sized for 1M profiles and
// 5M memberships: each profile gets a dense slot; identifier keys map to slots in one Map; a slot's
// audiences are small integers kept sorted in one shared Uint32Array pool (a region per slot, grown by
// doubling, the pool compacted when more than half of it is dead), so a lookup is one Map get plus a
// short array walk and a profile costs no objects beyond its Map entries and key strings.
//
// Keys are opaque strings: the caller namespaces them (`ifa:…`, `em:…`, `uid2:…`) so ids from
// different spaces cannot collide. A profile's own id is always one of its keys.

export interface SegmentIndexStats {
  profiles: number;
  keys: number;
  memberships: number;
  audiences: number;
}

const INITIAL_SLOTS = 1024;
const INITIAL_POOL = 4096;
const FIRST_REGION = 4;

/** Extra keys of a slot (beyond its profile id): none, one, or several, without an array for one. */
type ExtraKeys = string | string[] | undefined;

function withKey(keys: ExtraKeys, key: string): ExtraKeys {
  if (keys === undefined) return key;
  return typeof keys === 'string' ? [keys, key] : [...keys, key];
}

function withoutKey(keys: ExtraKeys, key: string): ExtraKeys {
  if (keys === undefined || keys === key) return undefined;
  if (typeof keys === 'string') return keys;
  const rest = keys.filter((k) => k !== key);
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : rest;
}

function keyList(keys: ExtraKeys): readonly string[] {
  return keys === undefined ? [] : typeof keys === 'string' ? [keys] : keys;
}

function grownCopy(array: Uint32Array<ArrayBuffer>, minLength: number): Uint32Array<ArrayBuffer> {
  let length = array.length;
  while (length < minLength) length *= 2;
  const grown = new Uint32Array(length);
  grown.set(array);
  return grown;
}

export class SegmentIndex {
  private readonly slotByProfile = new Map<string, number>();
  private readonly slotByKey = new Map<string, number>();
  private extraKeys: ExtraKeys[] = [];
  private readonly freeSlots: number[] = [];
  private slotCount = 0;

  // Per slot: where its region of the pool starts, how many audiences it holds, how many fit.
  private offsets = new Uint32Array(INITIAL_SLOTS);
  private lengths = new Uint32Array(INITIAL_SLOTS);
  private capacities = new Uint32Array(INITIAL_SLOTS);
  private pool = new Uint32Array(INITIAL_POOL);
  private poolEnd = 0;
  private poolLive = 0;

  private readonly numberByAudience = new Map<string, number>();
  private readonly audienceIds: string[] = [];
  private membershipCount = 0;

  /** Puts a profile in an audience; false when it already was (entering twice is entering once). */
  enter(profileId: string, audienceId: string): boolean {
    const slot = this.slotFor(profileId);
    const number = this.numberFor(audienceId);
    const at = this.find(slot, number);
    if (at >= 0) return false;
    const length = this.lengths[slot] as number;
    if (length === this.capacities[slot]) this.reserve(slot, Math.max(FIRST_REGION, length * 2));
    const start = this.offsets[slot] as number;
    const insertAt = start + (-at - 1);
    this.pool.copyWithin(insertAt + 1, insertAt, start + length);
    this.pool[insertAt] = number;
    this.lengths[slot] = length + 1;
    this.membershipCount++;
    return true;
  }

  /** Takes a profile out of an audience; false when it was not in it. */
  exit(profileId: string, audienceId: string): boolean {
    const slot = this.slotByProfile.get(profileId);
    const number = this.numberByAudience.get(audienceId);
    if (slot === undefined || number === undefined) return false;
    const at = this.find(slot, number);
    if (at < 0) return false;
    const start = this.offsets[slot] as number;
    const length = this.lengths[slot] as number;
    this.pool.copyWithin(start + at, start + at + 1, start + length);
    this.lengths[slot] = length - 1;
    this.membershipCount--;
    return true;
  }

  /**
   * Makes `key` resolve to the profile (creating the profile if new). A key names one profile: aliasing
   * a key held by another profile moves it. False when the key already named this profile.
   */
  alias(key: string, profileId: string): boolean {
    return this.attachKey(key, this.slotFor(profileId));
  }

  /** Drops a profile, its memberships and all its keys; false when it was not indexed. */
  removeProfile(profileId: string): boolean {
    const slot = this.slotByProfile.get(profileId);
    if (slot === undefined) return false;
    for (const key of [profileId, ...keyList(this.extraKeys[slot])]) {
      if (this.slotByKey.get(key) === slot) this.slotByKey.delete(key);
    }
    this.membershipCount -= this.lengths[slot] as number;
    this.releaseSlot(slot, profileId);
    return true;
  }

  /**
   * Folds `merged` into `survivor`: the survivor gains the merged profile's memberships and keys
   * (including the merged profile's id, so lookups by it keep answering), and the merged profile is
   * gone. False when there was nothing to merge.
   */
  mergeProfiles(survivor: string, merged: string): boolean {
    if (survivor === merged) return false;
    const from = this.slotByProfile.get(merged);
    if (from === undefined) return false;
    const to = this.slotFor(survivor);

    const union = this.unionOf(to, from);
    this.membershipCount -= (this.lengths[to] as number) + (this.lengths[from] as number) - union.length;
    if (union.length > (this.capacities[to] as number)) this.reserve(to, union.length);
    this.pool.set(union, this.offsets[to] as number);
    this.lengths[to] = union.length;

    for (const key of [merged, ...keyList(this.extraKeys[from])]) {
      if (this.slotByKey.get(key) !== from) continue;
      this.slotByKey.set(key, to);
      this.extraKeys[to] = withKey(this.extraKeys[to], key);
    }
    this.releaseSlot(from, merged);
    return true;
  }

  /** The audience ids of the profile `key` resolves to, or undefined when no profile has that key. */
  lookup(key: string): string[] | undefined {
    const slot = this.slotByKey.get(key);
    if (slot === undefined) return undefined;
    const start = this.offsets[slot] as number;
    const length = this.lengths[slot] as number;
    const ids = new Array<string>(length);
    for (let i = 0; i < length; i++) ids[i] = this.audienceIds[this.pool[start + i] as number] as string;
    return ids;
  }

  /** The small integer an audience id is stored as, or undefined before anyone entered it. */
  audienceNumber(audienceId: string): number | undefined {
    return this.numberByAudience.get(audienceId);
  }

  stats(): SegmentIndexStats {
    return {
      profiles: this.slotByProfile.size,
      keys: this.slotByKey.size,
      memberships: this.membershipCount,
      audiences: this.audienceIds.length,
    };
  }

  private numberFor(audienceId: string): number {
    let number = this.numberByAudience.get(audienceId);
    if (number === undefined) {
      number = this.audienceIds.length;
      this.audienceIds.push(audienceId);
      this.numberByAudience.set(audienceId, number);
    }
    return number;
  }

  /** Position of `number` in the slot's sorted region, or `-(insertion point) - 1` when absent. */
  private find(slot: number, number: number): number {
    const start = this.offsets[slot] as number;
    let lo = 0;
    let hi = (this.lengths[slot] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.pool[start + mid] as number;
      if (at < number) lo = mid + 1;
      else if (at > number) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  private unionOf(a: number, b: number): Uint32Array {
    const aStart = this.offsets[a] as number;
    const aEnd = aStart + (this.lengths[a] as number);
    const bStart = this.offsets[b] as number;
    const bEnd = bStart + (this.lengths[b] as number);
    const out = new Uint32Array(aEnd - aStart + bEnd - bStart);
    let i = aStart;
    let j = bStart;
    let n = 0;
    while (i < aEnd || j < bEnd) {
      const x = i < aEnd ? (this.pool[i] as number) : Infinity;
      const y = j < bEnd ? (this.pool[j] as number) : Infinity;
      if (x <= y) {
        out[n++] = x;
        i++;
        if (x === y) j++;
      } else {
        out[n++] = y;
        j++;
      }
    }
    return out.subarray(0, n);
  }

  /** Moves the slot's audiences to a fresh region of `capacity` at the end of the pool. */
  private reserve(slot: number, capacity: number): void {
    const length = this.lengths[slot] as number;
    const oldCapacity = this.capacities[slot] as number;
    if (this.poolEnd - this.poolLive > this.poolLive && this.poolEnd > INITIAL_POOL) this.compact();
    if (this.poolEnd + capacity > this.pool.length) this.pool = grownCopy(this.pool, this.poolEnd + capacity);
    const start = this.offsets[slot] as number;
    this.pool.copyWithin(this.poolEnd, start, start + length);
    this.offsets[slot] = this.poolEnd;
    this.capacities[slot] = capacity;
    this.poolEnd += capacity;
    this.poolLive += capacity - oldCapacity;
  }

  /** Rewrites the pool with only live regions, in slot order. */
  private compact(): void {
    const pool = new Uint32Array(Math.max(INITIAL_POOL, this.poolLive * 2));
    let end = 0;
    for (let slot = 0; slot < this.slotCount; slot++) {
      const capacity = this.capacities[slot] as number;
      if (capacity === 0) continue;
      const start = this.offsets[slot] as number;
      pool.set(this.pool.subarray(start, start + (this.lengths[slot] as number)), end);
      this.offsets[slot] = end;
      end += capacity;
    }
    this.pool = pool;
    this.poolEnd = end;
  }

  private slotFor(profileId: string): number {
    const existing = this.slotByProfile.get(profileId);
    if (existing !== undefined) return existing;
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.slotCount++;
      if (slot >= this.offsets.length) {
        this.offsets = grownCopy(this.offsets, slot + 1);
        this.lengths = grownCopy(this.lengths, slot + 1);
        this.capacities = grownCopy(this.capacities, slot + 1);
      }
    }
    this.slotByProfile.set(profileId, slot);
    this.extraKeys[slot] = undefined;
    this.attachKey(profileId, slot);
    return slot;
  }

  private attachKey(key: string, slot: number): boolean {
    const previous = this.slotByKey.get(key);
    if (previous === slot) return false;
    if (previous !== undefined) this.extraKeys[previous] = withoutKey(this.extraKeys[previous], key);
    this.slotByKey.set(key, slot);
    // A slot's own profile id is implied; only other keys are stored with it.
    if (this.slotByProfile.get(key) !== slot) this.extraKeys[slot] = withKey(this.extraKeys[slot], key);
    return true;
  }

  private releaseSlot(slot: number, profileId: string): void {
    this.slotByProfile.delete(profileId);
    this.extraKeys[slot] = undefined;
    this.poolLive -= this.capacities[slot] as number;
    this.offsets[slot] = 0;
    this.lengths[slot] = 0;
    this.capacities[slot] = 0;
    this.freeSlots.push(slot);
  }
}
