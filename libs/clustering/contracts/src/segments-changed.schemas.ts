import { defineEvent, envelopeOf } from '@cdp/shared/contracts';
import { z } from 'zod';

/** A profile (or imported row) moved to another segment, or got its first one. */
export const segmentChangeSchema = z.object({
  /** A profile id, or `<source>:<id>` for rows imported from a file. */
  subjectId: z.string().min(1),
  modelId: z.string().uuid(),
  /** Stable across retrains: a retrained segment that is the same group keeps its id. */
  segmentId: z.string().min(1),
  segmentName: z.string(),
  /** null: the subject had no segment in this segmentation before. */
  previousSegmentId: z.string().nullable(),
  at: z.iso.datetime({ offset: true }),
});

export type SegmentChange = z.infer<typeof segmentChangeSchema>;

export const segmentsChangedSchema = envelopeOf(segmentChangeSchema);

export type SegmentsChanged = z.infer<typeof segmentsChangedSchema>;

/** Published when assignments change: in real time from `features.updated`, and after a training. */
export const SEGMENTS_CHANGED = defineEvent('cdp.clustering.evt.segments.changed.v1', segmentsChangedSchema);
