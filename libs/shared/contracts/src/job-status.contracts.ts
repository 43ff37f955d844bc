import { z } from 'zod';

/**
 * The fields every long job's status shares (a training, a rescoring): services extend it with what
 * their job reports. Jobs answer at once with their id; a status request reports progress.
 */
export const jobStatusShape = {
  jobId: z.string().uuid(),
  state: z.enum(['running', 'done', 'failed']),
  /** What the job is doing now, e.g. `reading features`, `training`, `assigning`. */
  phase: z.string(),
  /** 0..1 over the whole job. */
  progress: z.number().min(0).max(1),
  startedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  /** The model the job made. */
  modelId: z.string().uuid().optional(),
  error: z.string().optional(),
};

/** A job's id, the answer of a request that starts one. */
export const jobStartedSchema = z.object({ jobId: z.string().uuid() });
