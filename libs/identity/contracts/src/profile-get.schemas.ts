import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierRefSchema, identifierSchema } from './identifier.schemas.js';

const isoTime = z.iso.datetime({ offset: true });

export const profileViewSchema = z.object({
  profileId: z.string().uuid(),
  identifiers: z.array(identifierSchema.extend({ firstSeen: isoTime })),
  /** Identify traits merged latest-wins by event timestamp. */
  traits: z.record(z.string(), z.unknown()),
  firstSeen: isoTime,
  lastSeen: isoTime,
  merges: z.array(
    z.object({
      mergeId: z.string().uuid(),
      mergedProfileId: z.string().uuid(),
      linkedBy: z.array(identifierSchema),
      eventMessageId: z.string(),
      at: isoTime,
      undone: z.boolean(),
    }),
  ),
});

export type ProfileView = z.infer<typeof profileViewSchema>;

/** The profile an identifier belongs to (`email:ann@example.com`), or NOT_FOUND. */
export const PROFILE_GET = defineRequest(
  'cdp.identity.cmd.profile.get.v1',
  z.object({ identifier: identifierRefSchema }),
  profileViewSchema,
);
