import { z } from 'zod';

/** What a feature's values are: numbers, or categories (strings). */
export const featureTypeSchema = z.enum(['number', 'category']);

export type FeatureType = z.infer<typeof featureTypeSchema>;

/** One feature's values down a column: all numbers or all categories, null where it has none. */
export const featureColumnSchema = z.union([z.array(z.number().nullable()), z.array(z.string().nullable())]);

export type FeatureColumn = z.infer<typeof featureColumnSchema>;
