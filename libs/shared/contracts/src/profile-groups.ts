/**
 * Resolved events travel in envelopes keyed by a group of profiles: the same profile always lands
 * in the same group, so on the bus (which keeps per-key order) a profile's events stay in order,
 * while a batch needs one message per group rather than one per profile.
 */
export const PROFILE_GROUPS = 64;

export function profileGroupKey(profileId: string): string {
  // FNV-1a over the id: stable across processes and releases.
  let hash = 0x811c9dc5;
  for (let i = 0; i < profileId.length; i++) {
    hash ^= profileId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `profiles-${hash % PROFILE_GROUPS}`;
}
