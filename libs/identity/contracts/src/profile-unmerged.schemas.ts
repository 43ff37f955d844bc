import { defineEvent } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierSchema } from './identifier.schemas.js';

/**
 * A wrong merge was split: `profileId` now holds only the first group of identifiers, and each
 * other group is a profile of its own. Consumers recompute what they keep for these profiles.
 */
export const profileUnmergedSchema = z.object({
  mergeId: z.string().uuid(),
  profileId: z.string().uuid(),
  profiles: z
    .array(z.object({ profileId: z.string().uuid(), identifiers: z.array(identifierSchema) }))
    .min(2),
  at: z.iso.datetime({ offset: true }),
});

export type ProfileUnmerged = z.infer<typeof profileUnmergedSchema>;

export const PROFILE_UNMERGED = defineEvent('cdp.identity.evt.profile.unmerged.v1', profileUnmergedSchema);
