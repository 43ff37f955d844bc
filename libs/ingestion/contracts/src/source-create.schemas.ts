import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { SOURCE_KINDS, sourceViewSchema } from './source-view.schemas.js';

export const sourceCreateRequestSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'a source needs a name')
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, 'letters, digits, space, dot, dash and underscore only'),
  kind: z.enum(SOURCE_KINDS).default('http'),
});

/** The new source with its write key (and a webhook source's signing secret): shown this once. */
export const sourceCreateResponseSchema = sourceViewSchema.extend({
  writeKey: z.string(),
  signingSecret: z.string().nullable(),
});

export const SOURCE_CREATE = defineRequest(
  'cdp.ingestion.cmd.source.create.v1',
  sourceCreateRequestSchema,
  sourceCreateResponseSchema,
);
