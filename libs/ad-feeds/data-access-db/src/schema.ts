import { pgSchema } from 'drizzle-orm/pg-core';

/** The ad-feeds service's own Postgres schema; no other service reads it. */
export const adFeedsSchema = pgSchema('ad_feeds');
