import { boolean, index, jsonb, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { activationSchema } from './schema.js';

/**
 * What activation knows of each profile, assembled from the events it consumes: identify traits,
 * the feature vector, current segments and scores. Audience rules are evaluated against this row.
 */
export const profiles = activationSchema.table('profiles', {
  profileId: uuid('profile_id').primaryKey(),
  userId: text('user_id'),
  traits: jsonb('traits').$type<Record<string, unknown>>().notNull().default({}),
  features: jsonb('features').$type<Record<string, unknown>>().notNull().default({}),
  featuresAsOf: timestamp('features_as_of', { withTimezone: true }),
  /** Segmentation source → segment id. */
  segments: jsonb('segments').$type<Record<string, string>>().notNull().default({}),
  scores: jsonb('scores').$type<Record<string, unknown>>().notNull().default({}),
  scoresAsOf: timestamp('scores_as_of', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Track events for "did X at least n times in d days" rules and conversions; one row per message. */
export const profileEvents = activationSchema.table(
  'profile_events',
  {
    profileId: uuid('profile_id').notNull(),
    messageId: text('message_id').notNull(),
    event: text('event').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.messageId] }),
    index('profile_events_event_idx').on(t.profileId, t.event, t.at),
    index('profile_events_at_idx').on(t.at),
  ],
);

/** Consent per profile, in the shape the consent policy reads. */
export const consents = activationSchema.table('consents', {
  profileId: uuid('profile_id').primaryKey(),
  optIns: jsonb('opt_ins').$type<Record<string, boolean>>().notNull().default({}),
  /** Channel → ISO time of the unsubscribe. */
  unsubscribed: jsonb('unsubscribed').$type<Record<string, string>>().notNull().default({}),
  globallySuppressed: boolean('globally_suppressed').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Profiles merged into another, and which: identity's resolved events and its `profile.merged`
 * travel on different subjects, so an identify resolved to a profile just before it merged can
 * arrive after the merge. Its traits (an email, a consent) then go to the survivor, not to a row
 * nobody reads. Cleared when identity unmerges the profile or it is erased.
 */
export const mergedProfiles = activationSchema.table('merged_profiles', {
  profileId: uuid('profile_id').primaryKey(),
  mergedInto: uuid('merged_into').notNull(),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Addresses nothing is sent to on a channel: hard bounces and complaints. */
export const suppressedAddresses = activationSchema.table(
  'suppressed_addresses',
  {
    channel: text('channel').notNull(),
    address: text('address').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.address] })],
);

/** A browser's Web Push subscription or an app's FCM token. */
export const pushSubscriptions = activationSchema.table(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    profileId: uuid('profile_id').notNull(),
    kind: text('kind').$type<'webpush' | 'fcm'>().notNull(),
    /** The Web Push endpoint URL or the FCM registration token. */
    address: text('address').notNull(),
    keys: jsonb('keys').$type<{ p256dh: string; auth: string } | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
  },
  (t) => [
    unique('push_subscriptions_address_unique').on(t.kind, t.address),
    index('push_subscriptions_profile_idx').on(t.profileId),
  ],
);
