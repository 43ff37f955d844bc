import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

const count = z.number().int().nonnegative();

/**
 * The identity graph in four numbers (the ops console's overview): live profiles (neither merged
 * away nor erased), identifiers, merges in force (not undone) and merges an operator undid.
 */
export const IDENTITY_STATS = defineRequest(
  'cdp.identity.cmd.stats.get.v1',
  z.object({}),
  z.object({ profiles: count, identifiers: count, merges: count, unmerges: count }),
);

export type IdentityStats = z.infer<(typeof IDENTITY_STATS)['response']>;
