import { bigserial, index, integer, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { activationSchema } from './schema.js';

/** A named set of people defined by a rule over traits, features, segments, scores and events. */
export const audiences = activationSchema.table('audiences', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  // The rule tree; its schema belongs to the audience rule language, not to storage.
  definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  key: text('key').notNull().default(''),
  description: text('description'),
  ruleVersion: integer('rule_version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  computedAt: timestamp('computed_at', { withTimezone: true }),
  /** Deleted: hidden from lists, lookups and evaluation; the row stays for the change log's history. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});

/** Who is in an audience now, since when. Leaving deletes the row; the change log keeps history. */
export const audienceMembers = activationSchema.table(
  'audience_members',
  {
    audienceId: uuid('audience_id')
      .notNull()
      .references(() => audiences.id, { onDelete: 'cascade' }),
    profileId: uuid('profile_id').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.audienceId, t.profileId] }),
    index('audience_members_entered_idx').on(t.audienceId, t.enteredAt, t.profileId),
    index('audience_members_profile_idx').on(t.profileId),
  ],
);

/** Every entry and exit in order (`seq`): history, and the cursor of delta feeds. */
export const membershipChanges = activationSchema.table(
  'membership_changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    audienceId: uuid('audience_id')
      .notNull()
      .references(() => audiences.id, { onDelete: 'cascade' }),
    profileId: uuid('profile_id').notNull(),
    change: text('change').$type<'entered' | 'exited'>().notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('membership_changes_audience_idx').on(t.audienceId, t.seq),
    index('membership_changes_profile_idx').on(t.profileId),
  ],
);

export type AudienceRow = typeof audiences.$inferSelect;
export type NewAudienceRow = typeof audiences.$inferInsert;
