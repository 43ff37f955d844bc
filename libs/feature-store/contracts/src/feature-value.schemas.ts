import { z } from 'zod';

/** A feature's value: a number, a category, or null when it has none (e.g. a mean of nothing). */
export const featureValueSchema = z.union([z.number(), z.string(), z.null()]);

/** Feature name → value. */
export const featureVectorSchema = z.record(z.string(), featureValueSchema);

export type FeatureVector = z.infer<typeof featureVectorSchema>;
