import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

/**
 * Recomputes the daily measures of every profile from the event history (set-based SQL), chunk by
 * chunk, as a job: for a new or changed definition (`features` names the ones to fill; default
 * all), or to prove online == offline (`verifyOnly`: compare, write nothing). Answers at once with
 * the job id; FEATURES_BACKFILL_STATUS reports progress.
 */
export const FEATURES_BACKFILL_START = defineRequest(
  'cdp.feature-store.cmd.backfill.start.v1',
  z.object({
    features: z.array(z.string().min(1)).min(1).optional(),
    verifyOnly: z.boolean().optional(),
  }),
  z.object({ jobId: z.string().uuid() }),
);

export const backfillStatusSchema = z.object({
  jobId: z.string().uuid(),
  state: z.enum(['running', 'done', 'failed']),
  verifyOnly: z.boolean(),
  profilesDone: z.number().int(),
  profilesTotal: z.number().int(),
  /** Events read so far. */
  events: z.number().int(),
  /** (profile, day) pairs whose online measures differed from the recompute (before any write). */
  mismatches: z.number().int(),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  error: z.string().optional(),
});

export type BackfillStatus = z.infer<typeof backfillStatusSchema>;

export const FEATURES_BACKFILL_STATUS = defineRequest(
  'cdp.feature-store.cmd.backfill.status.v1',
  z.object({ jobId: z.string().uuid() }),
  backfillStatusSchema,
);
