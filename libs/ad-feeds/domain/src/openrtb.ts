// The OpenRTB 2.6 objects the real-time segment lookup reads and writes (issue #10). An exchange or
// SSP sends either a whole BidRequest or just its `user` and `device`; we answer with `user.data[]`
// entries. Schemas are loose: unknown fields pass through untouched, since exchanges add their own.

import type { Data, Segment } from 'iab-openrtb/v26';
import { z } from 'zod';

const ext = z.record(z.string(), z.unknown()).optional();
const flag = z.union([z.literal(0), z.literal(1)]).optional();

export const uidSchema = z.looseObject({
  id: z.string(),
  atype: z.number().int().optional(),
  ext,
});

export const eidSchema = z.looseObject({
  source: z.string(),
  uids: z.array(uidSchema),
  inserter: z.string().optional(),
  matcher: z.string().optional(),
  mm: z.number().int().optional(),
  ext,
});

export const segmentSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  value: z.string().optional(),
  ext,
});

export const dataSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().optional(),
  segment: z.array(segmentSchema).optional(),
  cids: z.array(z.string()).optional(),
  ext,
});

export const userSchema = z.looseObject({
  id: z.string().optional(),
  buyeruid: z.string().optional(),
  eids: z.array(eidSchema).optional(),
  data: z.array(dataSchema).optional(),
  ext,
});

export const deviceSchema = z.looseObject({
  ifa: z.string().optional(),
  os: z.string().optional(),
  lmt: flag,
  dnt: flag,
  ext,
});

export const bidRequestSchema = z.looseObject({
  id: z.string().min(1),
  imp: z.array(z.looseObject({ id: z.string() })).min(1),
  user: userSchema.optional(),
  device: deviceSchema.optional(),
});

/** Only the parts a lookup needs, for callers that do not forward the whole BidRequest. */
export const userDeviceSchema = z.looseObject({
  user: userSchema.optional(),
  device: deviceSchema.optional(),
});

export const lookupRequestSchema = z.union([bidRequestSchema, userDeviceSchema]);
/** The same schema under the name the RTB controller imports. */
export const openRtbLookupSchema = lookupRequestSchema;

export type OpenRtbUser = z.infer<typeof userSchema>;
export type OpenRtbDevice = z.infer<typeof deviceSchema>;
export type OpenRtbData = z.infer<typeof dataSchema>;
export type OpenRtbSegment = z.infer<typeof segmentSchema>;
export type LookupRequest = z.infer<typeof lookupRequestSchema>;

/** Segment taxonomy id of the IAB Audience Taxonomy 1.1 (AdCOM "segtax" list). */
export const IAB_AUDIENCE_TAXONOMY_1_1_SEGTAX = 4;

export type LookupKey =
  | { kind: 'buyeruid'; id: string }
  | { kind: 'user_id'; id: string }
  | { kind: 'ifa'; id: string }
  | { kind: 'eid'; id: string; source: string; atype?: number };

const ZERO_IFA = /^[0-]+$/;

/**
 * The identifiers to try, most specific first: `user.buyeruid` (our own id, set by cookie sync), then
 * `user.id`, then `device.ifa` (lowercased; skipped when the device limits ad tracking or sends the
 * all-zero id), then every `user.eids[].uids[].id` in request order, tagged with its source. Empty and
 * repeated ids are dropped.
 */
export function lookupKeys(request: LookupRequest): LookupKey[] {
  const keys: LookupKey[] = [];
  const seen = new Set<string>();
  const push = (key: LookupKey): void => {
    if (key.id === '') return;
    const seenAs = key.kind === 'eid' ? `eid:${key.source}:${key.id}` : `${key.kind}:${key.id}`;
    if (seen.has(seenAs)) return;
    seen.add(seenAs);
    keys.push(key);
  };

  const { user, device } = request;
  if (user?.buyeruid !== undefined) push({ kind: 'buyeruid', id: user.buyeruid.trim() });
  if (user?.id !== undefined) push({ kind: 'user_id', id: user.id.trim() });
  const ifa = device?.ifa?.trim().toLowerCase();
  if (ifa && device?.lmt !== 1 && !ZERO_IFA.test(ifa)) push({ kind: 'ifa', id: ifa });
  for (const eid of user?.eids ?? []) {
    for (const uid of eid.uids) {
      const key: LookupKey = { kind: 'eid', id: uid.id.trim(), source: eid.source };
      if (uid.atype !== undefined) key.atype = uid.atype;
      push(key);
    }
  }
  return keys;
}

export interface SegmentRef {
  id: string;
  name?: string;
}

export interface UserDataInput {
  /**
   * Us, as the data provider: `Data.id` and `Data.name`. A string is taken as `Data.name`, where
   * Prebid and most SSPs expect the provider's domain.
   */
  provider: string | { id?: string; name?: string };
  /** Our own audiences the user is in. */
  segments: readonly SegmentRef[];
  /** The IAB Audience Taxonomy 1.1 nodes those audiences are mapped to. */
  iab: readonly SegmentRef[];
  /** Our own taxonomy's segtax id (vendor-specific taxonomies use 500 and up). */
  ownSegtax: number;
}

function toSegments(refs: readonly SegmentRef[]): Segment[] {
  const seen = new Set<string>();
  const segments: Segment[] = [];
  for (const ref of refs) {
    if (seen.has(ref.id)) continue;
    seen.add(ref.id);
    segments.push(ref.name === undefined ? { id: ref.id } : { id: ref.id, name: ref.name });
  }
  return segments;
}

/**
 * The `user.data[]` entries for a lookup answer: one with our segments (`ext.segtax` = ownSegtax) and,
 * when any of them are mapped, one with IAB Audience Taxonomy 1.1 ids (`ext.segtax` = 4). An entry
 * with no segments is left out, so an unknown user gets `[]`.
 */
export function userData({ provider: given, segments, iab, ownSegtax }: UserDataInput): Data[] {
  const provider = typeof given === 'string' ? { name: given } : given;
  const entry = (refs: readonly SegmentRef[], segtax: number): Data => ({
    ...(provider.id !== undefined && { id: provider.id }),
    ...(provider.name !== undefined && { name: provider.name }),
    segment: toSegments(refs),
    ext: { segtax },
  });
  const data: Data[] = [];
  if (segments.length > 0) data.push(entry(segments, ownSegtax));
  if (iab.length > 0) data.push(entry(iab, IAB_AUDIENCE_TAXONOMY_1_1_SEGTAX));
  return data;
}
