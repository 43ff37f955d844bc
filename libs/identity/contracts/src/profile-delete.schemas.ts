import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { identifierRefSchema } from './identifier.schemas.js';

/** Erases the person an identifier belongs to, everywhere, and suppresses their identifiers. */
export const PROFILE_DELETE = defineRequest(
  'cdp.identity.cmd.profile.delete.v1',
  z.object({ identifier: identifierRefSchema, actor: z.string().min(1), reason: z.string().optional() }),
  z.object({
    profileId: z.string().uuid(),
    auditId: z.string().uuid(),
    identifiers: z.number().int().nonnegative(),
  }),
);
