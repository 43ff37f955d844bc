import { describe, expect, it } from 'vitest';
import { SegmentIndex } from './segment-index.js';

describe('SegmentIndex', () => {
  it('answers a lookup by profile id and by alias', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_a');
    index.enter('p1', 'aud_b');
    index.alias('ifa:abc', 'p1');
    expect(index.lookup('p1')).toEqual(['aud_a', 'aud_b']);
    expect(index.lookup('ifa:abc')).toEqual(['aud_a', 'aud_b']);
    expect(index.lookup('ifa:unknown')).toBeUndefined();
  });

  it('is idempotent: entering twice is entering once', () => {
    const index = new SegmentIndex();
    expect(index.enter('p1', 'aud_a')).toBe(true);
    expect(index.enter('p1', 'aud_a')).toBe(false);
    expect(index.lookup('p1')).toEqual(['aud_a']);
    expect(index.stats()).toEqual({ profiles: 1, keys: 1, memberships: 1, audiences: 1 });
  });

  it('exits an audience, and exiting again changes nothing', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_a');
    index.enter('p1', 'aud_b');
    expect(index.exit('p1', 'aud_a')).toBe(true);
    expect(index.exit('p1', 'aud_a')).toBe(false);
    expect(index.exit('p2', 'aud_a')).toBe(false);
    expect(index.exit('p1', 'aud_never')).toBe(false);
    expect(index.lookup('p1')).toEqual(['aud_b']);
    expect(index.stats().memberships).toBe(1);
  });

  it('keeps a known profile with no audiences answerable as []', () => {
    const index = new SegmentIndex();
    index.alias('em:hash', 'p1');
    expect(index.lookup('em:hash')).toEqual([]);
    index.enter('p1', 'aud_a');
    index.exit('p1', 'aud_a');
    expect(index.lookup('p1')).toEqual([]);
  });

  it('numbers audiences densely, in first-seen order', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_z');
    index.enter('p2', 'aud_y');
    index.enter('p3', 'aud_z');
    expect(index.audienceNumber('aud_z')).toBe(0);
    expect(index.audienceNumber('aud_y')).toBe(1);
    expect(index.audienceNumber('aud_x')).toBeUndefined();
  });

  it('moves a key that is aliased to another profile', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_a');
    index.enter('p2', 'aud_b');
    expect(index.alias('ifa:shared', 'p1')).toBe(true);
    expect(index.alias('ifa:shared', 'p1')).toBe(false);
    expect(index.alias('ifa:shared', 'p2')).toBe(true);
    expect(index.lookup('ifa:shared')).toEqual(['aud_b']);
    // p1's key list no longer holds it: removing p1 must not drop p2's key.
    index.removeProfile('p1');
    expect(index.lookup('ifa:shared')).toEqual(['aud_b']);
  });

  it('removes a profile with its keys and memberships, and reuses the slot', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_a');
    index.alias('ifa:1', 'p1');
    index.alias('em:1', 'p1');
    index.enter('p2', 'aud_b');
    expect(index.removeProfile('p1')).toBe(true);
    expect(index.removeProfile('p1')).toBe(false);
    expect(index.lookup('p1')).toBeUndefined();
    expect(index.lookup('ifa:1')).toBeUndefined();
    expect(index.lookup('em:1')).toBeUndefined();
    expect(index.stats()).toEqual({ profiles: 1, keys: 1, memberships: 1, audiences: 2 });

    index.enter('p3', 'aud_c');
    expect(index.lookup('p3')).toEqual(['aud_c']);
    expect(index.lookup('p2')).toEqual(['aud_b']);
  });

  it('merges profiles: union of memberships, the merged keys and id resolve to the survivor', () => {
    const index = new SegmentIndex();
    index.enter('survivor', 'aud_a');
    index.enter('survivor', 'aud_b');
    index.enter('merged', 'aud_b');
    index.enter('merged', 'aud_c');
    index.alias('ifa:merged-device', 'merged');
    expect(index.mergeProfiles('survivor', 'merged')).toBe(true);

    expect(index.lookup('survivor')).toEqual(['aud_a', 'aud_b', 'aud_c']);
    expect(index.lookup('merged')).toEqual(['aud_a', 'aud_b', 'aud_c']);
    expect(index.lookup('ifa:merged-device')).toEqual(['aud_a', 'aud_b', 'aud_c']);
    expect(index.stats()).toEqual({ profiles: 1, keys: 3, memberships: 3, audiences: 3 });

    // The survivor now owns the merged keys: removing it drops them all.
    index.removeProfile('survivor');
    expect(index.lookup('ifa:merged-device')).toBeUndefined();
    expect(index.stats()).toEqual({ profiles: 0, keys: 0, memberships: 0, audiences: 3 });
  });

  it('merging an unknown or identical profile changes nothing', () => {
    const index = new SegmentIndex();
    index.enter('p1', 'aud_a');
    expect(index.mergeProfiles('p1', 'nobody')).toBe(false);
    expect(index.mergeProfiles('p1', 'p1')).toBe(false);
    expect(index.stats()).toEqual({ profiles: 1, keys: 1, memberships: 1, audiences: 1 });
  });

  it('merges into a survivor it has not seen yet', () => {
    const index = new SegmentIndex();
    index.enter('merged', 'aud_a');
    expect(index.mergeProfiles('new-survivor', 'merged')).toBe(true);
    expect(index.lookup('new-survivor')).toEqual(['aud_a']);
    expect(index.stats()).toEqual({ profiles: 1, keys: 2, memberships: 1, audiences: 1 });
  });

  it('keeps memberships sorted whatever the entry order', () => {
    const index = new SegmentIndex();
    for (const id of ['a0', 'a1', 'a2', 'a3', 'a4']) index.enter('seed', id);
    for (const id of ['a4', 'a1', 'a3', 'a0', 'a2']) index.enter('p', id);
    expect(index.lookup('p')).toEqual(['a0', 'a1', 'a2', 'a3', 'a4']);
  });

  it('agrees with a plain Map/Set model through random enters, exits, aliases, removals and merges', () => {
    // mulberry32, seeded, so a failure reproduces.
    let seed = 12345;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) >>> 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (n: number): number => Math.floor(random() * n);

    const index = new SegmentIndex();
    const members = new Map<string, Set<string>>(); // profile → audiences
    const owner = new Map<string, string>(); // key → profile
    const ensure = (profile: string): Set<string> => {
      let set = members.get(profile);
      if (!set) {
        set = new Set();
        members.set(profile, set);
        owner.set(profile, profile);
      }
      return set;
    };

    for (let step = 0; step < 20_000; step++) {
      const profile = `p${pick(60)}`;
      const audience = `a${pick(40)}`;
      const op = pick(100);
      if (op < 50) {
        const set = ensure(profile);
        expect(index.enter(profile, audience)).toBe(!set.has(audience));
        set.add(audience);
      } else if (op < 75) {
        const set = members.get(profile);
        const had = set?.has(audience) ?? false;
        expect(index.exit(profile, audience)).toBe(had);
        set?.delete(audience);
      } else if (op < 88) {
        const key = `k${pick(80)}`;
        ensure(profile);
        expect(index.alias(key, profile)).toBe(owner.get(key) !== profile);
        owner.set(key, profile);
      } else if (op < 94) {
        const existed = members.delete(profile);
        expect(index.removeProfile(profile)).toBe(existed);
        for (const [key, of] of owner) if (of === profile) owner.delete(key);
      } else {
        const merged = `p${pick(60)}`;
        const mergedSet = members.get(merged);
        const merges = merged !== profile && mergedSet !== undefined;
        expect(index.mergeProfiles(profile, merged)).toBe(merges);
        if (merges) {
          const set = ensure(profile);
          for (const a of mergedSet) set.add(a);
          members.delete(merged);
          for (const [key, of] of owner) if (of === merged) owner.set(key, profile);
        }
      }
    }

    let memberships = 0;
    for (const set of members.values()) memberships += set.size;
    const audiencesSeen = index.stats().audiences;
    expect(index.stats()).toEqual({
      profiles: members.size,
      keys: owner.size,
      memberships,
      audiences: audiencesSeen,
    });
    for (const [key, profile] of owner) {
      expect(index.lookup(key)?.slice().sort()).toEqual([...(members.get(profile) ?? [])].sort());
    }
    for (let k = 0; k < 80; k++) if (!owner.has(`k${k}`)) expect(index.lookup(`k${k}`)).toBeUndefined();
  });

  it('keeps long-lived profiles intact while churn makes the pool compact itself', () => {
    const index = new SegmentIndex();
    for (let j = 0; j < 30; j += 3) index.enter('keeper', `a${j}`);
    index.alias('ifa:keeper', 'keeper');
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 60; i++) {
        for (let j = 0; j < 20; j++) index.enter(`p${i}`, `a${j}`);
        if (round % 2 === 1) index.removeProfile(`p${i}`);
      }
    }
    expect(index.lookup('ifa:keeper')).toEqual([
      'a0',
      'a3',
      'a6',
      'a9',
      'a12',
      'a15',
      'a18',
      'a21',
      'a24',
      'a27',
    ]);
    expect(index.stats()).toEqual({ profiles: 1, keys: 2, memberships: 10, audiences: 23 });
  });

  it('loads 200k profiles × 5 memberships and answers lookups', () => {
    const index = new SegmentIndex();
    const profiles = 200_000;
    const audiences = 100;
    for (let i = 0; i < profiles; i++) {
      const profileId = `p${i}`;
      // j·13 mod 100 is distinct for j < 5, so each profile is in five different audiences.
      for (let j = 0; j < 5; j++) index.enter(profileId, `aud_${(i + j * 13) % audiences}`);
      index.alias(`ifa:${i}`, profileId);
    }
    expect(index.stats()).toEqual({
      profiles,
      keys: profiles * 2,
      memberships: profiles * 5,
      audiences,
    });
    for (const i of [0, 1, 99_999, 123_456, profiles - 1]) {
      const expected = [0, 1, 2, 3, 4].map((j) => `aud_${(i + j * 13) % audiences}`);
      expect(index.lookup(`ifa:${i}`)?.slice().sort()).toEqual(expected.slice().sort());
      expect(index.lookup(`p${i}`)).toEqual(index.lookup(`ifa:${i}`));
    }
    expect(index.lookup(`ifa:${profiles}`)).toBeUndefined();
  });
});
