import type { DayMeasures } from '@cdp/feature-store/domain';
import { date, jsonb, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { featureStoreSchema } from './schema.js';

/** The online measures: one row per profile and UTC day it had a matching event on. */
export const daily = featureStoreSchema.table(
  'daily',
  {
    profileId: uuid('profile_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    /** Measure key → state (the domain's `DayMeasures`). */
    measures: jsonb('measures').$type<DayMeasures>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.day] })],
);
