import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { sourceRefSchema, sourceViewSchema } from './source-view.schemas.js';

/** A new write key, shown this once; the old key is refused from now on. */
export const SOURCE_ROTATE_KEY = defineRequest(
  'cdp.ingestion.cmd.source.rotate-key.v1',
  sourceRefSchema,
  sourceViewSchema.extend({ writeKey: z.string() }),
);
