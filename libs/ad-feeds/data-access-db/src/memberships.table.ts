import { bigint, bigserial, boolean, index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { adFeedsSchema } from './schema.js';

/** Activation's audiences as last listed: names for feeds and bid responses. */
export const audiences = adFeedsSchema.table('audiences', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  key: text('key').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The membership changes that moved a member in or out, in the order they were applied here
 * (`localSeq`, assigned under one lock, so it is commit order). A delta feed is this log after a
 * cursor: replayed on the snapshot taken at that cursor it gives the current members. `seq` is
 * activation's, for deduplication and catch-up.
 */
export const changes = adFeedsSchema.table(
  'changes',
  {
    localSeq: bigserial('local_seq', { mode: 'number' }).primaryKey(),
    seq: bigint('seq', { mode: 'number' }).notNull().unique(),
    audienceId: uuid('audience_id').notNull(),
    profileId: uuid('profile_id').notNull(),
    change: text('change').$type<'entered' | 'exited'>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('changes_audience_idx').on(t.audienceId, t.localSeq),
    index('changes_profile_idx').on(t.profileId),
  ],
);

/** Each (audience, profile)'s state after the newest change applied (a late older change is ignored). */
export const memberships = adFeedsSchema.table(
  'memberships',
  {
    audienceId: uuid('audience_id').notNull(),
    profileId: uuid('profile_id').notNull(),
    member: boolean('member').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.audienceId, t.profileId] }),
    index('memberships_profile_idx').on(t.profileId, t.audienceId),
  ],
);

/**
 * Identifiers partners match on: email and phone as given (each platform normalises its own way),
 * mobile advertising ids, user ids. `seq` moves on every insert or move, so each replica's index
 * follows by polling.
 */
export const identifiers = adFeedsSchema.table(
  'identifiers',
  {
    profileId: uuid('profile_id').notNull(),
    kind: text('kind').$type<'email' | 'phone' | 'maid' | 'user_id'>().notNull(),
    value: text('value').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.kind, t.value] }),
    index('identifiers_seq_idx').on(t.seq),
    index('identifiers_value_idx').on(t.kind, t.value),
  ],
);

/** Profiles erased or merged away, in order: replicas drop them from their index. */
export const removals = adFeedsSchema.table('removals', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  profileId: uuid('profile_id').notNull(),
  /** The survivor of a merge; null for an erasure. */
  intoProfileId: uuid('into_profile_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
});
