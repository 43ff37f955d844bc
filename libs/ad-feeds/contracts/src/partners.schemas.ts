import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

/** How a partner wants identifiers: each platform's own normalisation and hashing rules. */
export const partnerPlatformSchema = z.enum(['google', 'meta', 'uid2']);
export type PartnerPlatform = z.infer<typeof partnerPlatformSchema>;

export const partnerKeySchema = z.object({
  id: z.string().uuid(),
  /** The key's first characters, to tell keys apart; the key itself is shown once. */
  prefix: z.string(),
  createdAt: isoTime,
  /** When it stops working (a rotation's grace period); null: never revoked. */
  revokedAt: isoTime.nullable(),
});

export const partnerShareSchema = z.object({
  audienceId: z.string().uuid(),
  audienceName: z.string(),
  /** IAB Audience Taxonomy 1.1 ids the audience is reported as (segtax 4). */
  iab: z.array(z.string()),
  sharedAt: isoTime,
});

export const partnerViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  platform: partnerPlatformSchema,
  deviceIds: z.enum(['raw', 'sha256']),
  /** Smallest audience the partner may read (k-anonymity). */
  minAudienceSize: z.number().int(),
  /** Laplace noise on reported counts (null: exact counts). */
  dpEpsilon: z.number().nullable(),
  /** Requests per second per key. */
  ratePerSecond: z.number().int(),
  createdAt: isoTime,
  keys: z.array(partnerKeySchema),
  shares: z.array(partnerShareSchema),
  /** The latest bulk feeds it pulled, newest first (at most 10). */
  lastPulls: z.array(
    z.object({
      audienceId: z.string().uuid(),
      audienceName: z.string(),
      kind: z.enum(['snapshot', 'delta']),
      rows: z.number().int(),
      cursor: z.number().int(),
      /** false: the stream broke off before its end. */
      complete: z.boolean(),
      at: isoTime,
    }),
  ),
});

export type PartnerView = z.infer<typeof partnerViewSchema>;

export const PARTNER_CREATE = defineRequest(
  'cdp.ad-feeds.cmd.partner.create.v1',
  z
    .object({
      name: z.string().trim().min(1).max(100),
      platform: partnerPlatformSchema,
      deviceIds: z.enum(['raw', 'sha256']).default('raw'),
      minAudienceSize: z.number().int().min(1).max(1_000_000).default(100),
      dpEpsilon: z.number().positive().max(10).nullable().default(null),
      ratePerSecond: z.number().int().min(1).max(1_000_000).default(100),
    })
    .strict(),
  z.object({ partner: partnerViewSchema, key: z.string() }),
);

export const PARTNERS_LIST = defineRequest(
  'cdp.ad-feeds.cmd.partners.list.v1',
  z.object({}).strict(),
  z.object({ partners: z.array(partnerViewSchema) }),
);

/** Shares an audience (name or id, as activation knows it) with a partner, optionally mapped to IAB ids. */
export const PARTNER_SHARE = defineRequest(
  'cdp.ad-feeds.cmd.partner.share.v1',
  z
    .object({
      partner: z.string().min(1),
      audience: z.string().min(1),
      iab: z.array(z.string().regex(/^\d+$/, 'IAB Audience Taxonomy ids are numbers')).default([]),
      /** true: stop sharing. */
      remove: z.boolean().default(false),
    })
    .strict(),
  partnerViewSchema,
);

/** Lists a partner's keys, creates a new one (rotation: the old ones stop after `graceMinutes`), or revokes one. */
export const PARTNER_KEYS = defineRequest(
  'cdp.ad-feeds.cmd.partner.keys.v1',
  z
    .object({
      partner: z.string().min(1),
      action: z.enum(['list', 'rotate', 'revoke']).default('list'),
      keyId: z.string().uuid().optional(),
      graceMinutes: z.number().int().min(0).max(10_080).default(60),
    })
    .strict()
    .refine((r) => r.action !== 'revoke' || r.keyId !== undefined, {
      message: 'revoke needs keyId',
      path: ['keyId'],
    }),
  z.object({ keys: z.array(partnerKeySchema), key: z.string().nullable() }),
);

const reportedCountSchema = z.object({
  /** null below the partner's minimum audience size. */
  count: z.number().int().nullable(),
  floored: z.boolean(),
  noised: z.boolean(),
});

/** Sizes of the audiences shared with a partner and their pairwise overlaps, as the partner would see them. */
export const PARTNER_REPORT = defineRequest(
  'cdp.ad-feeds.cmd.partner.report.v1',
  z.object({ partner: z.string().min(1) }).strict(),
  z.object({
    partnerId: z.string().uuid(),
    minAudienceSize: z.number().int(),
    audiences: z.array(
      z.object({ audienceId: z.string().uuid(), name: z.string() }).extend(reportedCountSchema.shape),
    ),
    overlaps: z.array(
      z.object({ a: z.string().uuid(), b: z.string().uuid() }).extend(reportedCountSchema.shape),
    ),
  }),
);
