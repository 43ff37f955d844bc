import { defineRequest } from '@cdp/shared/contracts';
import { sourceRefSchema, sourceViewSchema } from './source-view.schemas.js';

/** Its write key and webhooks are refused from now on (401); stored events stay. */
export const SOURCE_DISABLE = defineRequest(
  'cdp.ingestion.cmd.source.disable.v1',
  sourceRefSchema,
  sourceViewSchema,
);
