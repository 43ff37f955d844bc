import { timestamp, uuid } from 'drizzle-orm/pg-core';
import { featureStoreSchema } from './schema.js';

/**
 * Profiles merged away, and the profile they live on in: an event resolved to one of them before
 * the merge but delivered after it is applied to the survivor, not to a profile that is gone.
 */
export const mergedProfiles = featureStoreSchema.table('merged_profiles', {
  profileId: uuid('profile_id').primaryKey(),
  mergedInto: uuid('merged_into').notNull(),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
});
