import { defineRequest } from '@cdp/shared/contracts';
import { sourceRefSchema, sourceViewSchema } from './source-view.schemas.js';

/** One source by id or name; NOT_FOUND when there is none. */
export const SOURCE_GET = defineRequest('cdp.ingestion.cmd.source.get.v1', sourceRefSchema, sourceViewSchema);
