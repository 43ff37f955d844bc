import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';

export const featureInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  group: z.string(),
  type: z.enum(['number', 'category']),
  window: z.string(),
  version: z.number().int(),
});

export type FeatureInfo = z.infer<typeof featureInfoSchema>;

/** The catalog: every feature the store serves. */
export const FEATURES_LIST = defineRequest(
  'cdp.feature-store.cmd.features.list.v1',
  z.object({}),
  z.object({ features: z.array(featureInfoSchema) }),
);
