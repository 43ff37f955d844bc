import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

/**
 * How many subjects moved between the segments of a source (default `features`) within the last
 * `days` (default 30), from the assignment history: one row per (from, to) pair that happened, from
 * != to. `segments` names the active model's segments; like SEGMENT_SIZES, the history of earlier
 * versions counts too (a retrained segment that is the same group keeps its id).
 */
export const SEGMENT_TRANSITIONS = defineRequest(
  'cdp.clustering.cmd.segment.transitions.v1',
  z.object({
    source: z.string().min(1).optional(),
    days: z.number().int().min(1).max(366).optional(),
  }),
  z.object({
    modelId: z.string().uuid(),
    segments: z.array(z.object({ id: z.string(), name: z.string() })),
    transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
  }),
);

export type SegmentTransitionsResponse = z.infer<(typeof SEGMENT_TRANSITIONS)['response']>;
