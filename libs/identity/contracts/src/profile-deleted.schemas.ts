import { defineEvent } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierSchema } from './identifier.schemas.js';

/**
 * A person asked to be forgotten. Every service erases what it keeps for `profileId` (and the
 * profiles merged into it), and ingestion drops later events carrying any of `identifiers`.
 */
export const profileDeletedSchema = z.object({
  profileId: z.string().uuid(),
  mergedProfileIds: z.array(z.string().uuid()),
  identifiers: z.array(identifierSchema),
  auditId: z.string().uuid(),
  deletedAt: z.iso.datetime({ offset: true }),
});

export type ProfileDeleted = z.infer<typeof profileDeletedSchema>;

export const PROFILE_DELETED = defineEvent('cdp.identity.evt.profile.deleted.v1', profileDeletedSchema);
