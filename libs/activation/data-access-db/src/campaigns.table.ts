import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { activationSchema } from './schema.js';
import { audiences } from './audiences.table.js';

/** A configured provider account: an SMTP server, a Twilio account, a webhook URL, ... */
export const destinations = activationSchema.table('destinations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  kind: text('kind').notNull(),
  config: jsonb('config').$type<Record<string, unknown>>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  disabledReason: text('disabled_reason'),
  /** Deliveries in a row that ended failed or dead (webhooks are disabled past a limit). */
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Audience × destination × template, with its trigger and sending policy. */
export const campaigns = activationSchema.table('campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  audienceId: uuid('audience_id')
    .notNull()
    .references(() => audiences.id),
  destinationId: uuid('destination_id')
    .notNull()
    .references(() => destinations.id),
  channel: text('channel').notNull(),
  template: jsonb('template').$type<Record<string, unknown>>().notNull(),
  trigger: jsonb('trigger').$type<Record<string, unknown>>().notNull(),
  policy: jsonb('policy').$type<Record<string, unknown>>().notNull(),
  status: text('status').notNull().default('active'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
});

/**
 * One send (or decision not to send) of a campaign to a profile for one trigger. `key` is the
 * idempotency key: a trigger seen twice finds its delivery already there and sends nothing.
 */
export const deliveries = activationSchema.table(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    key: text('key').notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    destinationId: uuid('destination_id')
      .notNull()
      .references(() => destinations.id),
    channel: text('channel').notNull(),
    profileId: uuid('profile_id').notNull(),
    trigger: text('trigger').notNull(),
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    /** A worker's claim: another worker takes the delivery over only after this time. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    providerId: text('provider_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('deliveries_key_unique').on(t.key),
    index('deliveries_queue_idx')
      .on(t.destinationId, t.nextAttemptAt)
      .where(sql`status IN ('pending', 'sending')`),
    index('deliveries_campaign_idx').on(t.campaignId, t.status),
    index('deliveries_sent_idx')
      .on(t.profileId, t.channel, t.sentAt)
      .where(sql`sent_at IS NOT NULL`),
    index('deliveries_provider_idx')
      .on(t.providerId)
      .where(sql`provider_id IS NOT NULL`),
  ],
);

/** Status reports after the send: delivered, bounced, opened, clicked (from providers and links). */
export const deliveryEvents = activationSchema.table(
  'delivery_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: bigint('delivery_id', { mode: 'number' }).notNull(),
    status: text('status').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('delivery_events_delivery_idx').on(t.deliveryId)],
);
