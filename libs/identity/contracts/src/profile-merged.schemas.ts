import { defineEvent } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierSchema } from './identifier.schemas.js';

/** Two profiles became one: state kept for `mergedProfileId` moves to `profileId`. */
export const profileMergedSchema = z.object({
  mergeId: z.string().uuid(),
  /** The survivor. */
  profileId: z.string().uuid(),
  /** The profile merged into it; it no longer exists on its own. */
  mergedProfileId: z.string().uuid(),
  /** The event's identifiers that linked the two. */
  linkedBy: z.array(identifierSchema),
  sourceId: z.string(),
  eventMessageId: z.string(),
  at: z.iso.datetime({ offset: true }),
});

export type ProfileMerged = z.infer<typeof profileMergedSchema>;

export const PROFILE_MERGED = defineEvent('cdp.identity.evt.profile.merged.v1', profileMergedSchema);
