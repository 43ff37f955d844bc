import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierSchema } from './identifier.schemas.js';

/** Splits a wrong merge by replaying the profile's links without the merging one. */
export const PROFILE_UNMERGE = defineRequest(
  'cdp.identity.cmd.profile.unmerge.v1',
  z.object({ profileId: z.string().uuid(), mergeId: z.string().uuid() }),
  z.object({
    profiles: z.array(z.object({ profileId: z.string().uuid(), identifiers: z.array(identifierSchema) })),
  }),
);
