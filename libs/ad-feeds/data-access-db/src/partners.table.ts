import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  primaryKey,
  real,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { adFeedsSchema } from './schema.js';

/** An ad platform that pulls our audiences, with its identifier rules and privacy floor. */
export const partners = adFeedsSchema.table('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  platform: text('platform').notNull(),
  deviceIds: text('device_ids').notNull().default('raw'),
  minAudienceSize: integer('min_audience_size').notNull().default(100),
  dpEpsilon: real('dp_epsilon'),
  ratePerSecond: integer('rate_per_second').notNull().default(100),
  /** Keys the partner's pseudonymous member ids (HMAC); never leaves the service. */
  memberSecret: text('member_secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Feed keys, stored as SHA-256 (they are 256 random bits: no slow hash needed). */
export const partnerKeys = adFeedsSchema.table(
  'partner_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('partner_keys_partner_idx').on(t.partnerId)],
);

/** Which audiences a partner may read, and the IAB ids each is reported as. */
export const shares = adFeedsSchema.table(
  'shares',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    audienceId: uuid('audience_id').notNull(),
    iab: jsonb('iab').$type<string[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.audienceId] })],
);

/** Every bulk feed a partner pulled: which audience, snapshot or delta, how many rows, at what cursor. */
export const pulls = adFeedsSchema.table(
  'pulls',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    audienceId: uuid('audience_id').notNull(),
    kind: text('kind').notNull(),
    rows: integer('rows').notNull(),
    cursor: bigint('cursor', { mode: 'number' }).notNull(),
    /** false when the stream broke off before its end. */
    complete: boolean('complete').notNull().default(true),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pulls_partner_at_idx').on(t.partnerId, t.at)],
);
