import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

/** Subjects per SEGMENT_ENTRIES request. */
export const SEGMENT_ENTRIES_MAX_SUBJECTS = 5_000;

/**
 * When subjects entered a segment of a given name (e.g. the "Highly Engaged" tier) within
 * (from, to], from the assignment history of every model of the source: the prediction service's
 * engagement label. Names are matched as they are now (a renamed segment answers to its new name).
 */
export const SEGMENT_ENTRIES = defineRequest(
  'cdp.clustering.cmd.segment.entries.v1',
  z
    .object({
      source: z.string().min(1).optional(),
      segmentName: z.string().min(1),
      subjectIds: z.array(z.string().min(1)).min(1).max(SEGMENT_ENTRIES_MAX_SUBJECTS),
      from: z.iso.datetime({ offset: true }),
      to: z.iso.datetime({ offset: true }),
    })
    .strict(),
  z.object({
    entries: z.array(z.object({ subjectId: z.string(), at: z.iso.datetime({ offset: true }) })),
  }),
);
