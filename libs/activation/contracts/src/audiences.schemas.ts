import { defineEvent, defineRequest, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';

const isoTime = z.iso.datetime({ offset: true });

export const audienceViewSchema = z.object({
  id: z.string().uuid(),
  name: z.string(),
  /** Lowercase snake_case of the name: the trait and property name Segment receives. */
  key: z.string(),
  description: z.string().nullable(),
  /** The rule as saved (see the audience rule language in the README). */
  rule: z.unknown(),
  /** The rule in words. */
  ruleText: z.string(),
  /** Bumped on every rule change; a change recomputes every membership. */
  ruleVersion: z.number().int(),
  size: z.number().int(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** When membership was last recomputed in full (null while the first computation runs). */
  computedAt: isoTime.nullable(),
});

export type AudienceView = z.infer<typeof audienceViewSchema>;

const audienceName = z.string().trim().min(1).max(100);

/** Validates the rule, estimates it, saves it and computes its members. */
export const AUDIENCE_CREATE = defineRequest(
  'cdp.activation.cmd.audience.create.v1',
  z.object({ name: audienceName, description: z.string().max(1000).optional(), rule: z.unknown() }).strict(),
  audienceViewSchema,
);

/** A new rule for an existing audience: every membership is recomputed. */
export const AUDIENCE_UPDATE = defineRequest(
  'cdp.activation.cmd.audience.update.v1',
  z.object({ audience: z.string().min(1), rule: z.unknown() }).strict(),
  audienceViewSchema,
);

/**
 * Deletes an audience: every member exits (logged and published like any exit, so feeds and
 * Segment remove them), then it is hidden; its history stays. CONFLICT while a campaign uses it.
 */
export const AUDIENCE_DELETE = defineRequest(
  'cdp.activation.cmd.audience.delete.v1',
  z.object({ audience: z.string().min(1) }).strict(),
  z.object({ audienceId: z.string().uuid(), name: z.string(), exited: z.number().int() }),
);

export const AUDIENCES_LIST = defineRequest(
  'cdp.activation.cmd.audiences.list.v1',
  z.object({}).strict(),
  z.object({ audiences: z.array(audienceViewSchema) }),
);

/** How many profiles a rule would hold now, without saving it. */
export const AUDIENCE_ESTIMATE = defineRequest(
  'cdp.activation.cmd.audience.estimate.v1',
  z.object({ rule: z.unknown() }).strict(),
  z.object({
    size: z.number().int(),
    /** Profiles the service knows. */
    profiles: z.number().int(),
    share: z.number(),
    ruleText: z.string(),
    ms: z.number(),
  }),
);

export const audienceMemberSchema = z.object({
  profileId: z.string().uuid(),
  enteredAt: isoTime,
});

/** Current members, oldest entry first, a page at a time (`after` = the last page's `next`). */
export const AUDIENCE_MEMBERS = defineRequest(
  'cdp.activation.cmd.audience.members.v1',
  z
    .object({
      audience: z.string().min(1),
      limit: z.number().int().min(1).max(10_000).default(100),
      after: z.string().optional(),
    })
    .strict(),
  z.object({
    audienceId: z.string().uuid(),
    size: z.number().int(),
    members: z.array(audienceMemberSchema),
    /** Cursor for the next page; null on the last. */
    next: z.string().nullable(),
  }),
);

/** A profile entered or left an audience. `seq` orders every change of every audience. */
export const membershipChangeSchema = z.object({
  seq: z.number().int(),
  audienceId: z.string().uuid(),
  profileId: z.string().uuid(),
  change: z.enum(['entered', 'exited']),
  at: isoTime,
});

export type MembershipChange = z.infer<typeof membershipChangeSchema>;

export const audienceMembershipChangedSchema = envelopeOf(membershipChangeSchema);

export type AudienceMembershipChanged = z.infer<typeof audienceMembershipChangedSchema>;

/** Published inside the transaction that records the changes (feeds, the RTB index, the console). */
export const AUDIENCE_MEMBERSHIP_CHANGED = defineEvent(
  'cdp.activation.evt.membership.changed.v1',
  audienceMembershipChangedSchema,
);

/**
 * The membership change log after `afterSeq`, oldest first: how a reader that missed events (or
 * started late) catches up. Erased profiles' history is gone; their exits remain.
 */
export const AUDIENCE_CHANGES = defineRequest(
  'cdp.activation.cmd.membership.changes.v1',
  z
    .object({
      afterSeq: z.number().int().min(0),
      limit: z.number().int().min(1).max(5_000).default(1_000),
    })
    .strict(),
  z.object({ changes: z.array(membershipChangeSchema), next: z.number().int().nullable() }),
);
