import { defineRequest } from '@cdp/shared/contracts';
import { z } from 'zod';
import { sourceViewSchema } from './source-view.schemas.js';

export const SOURCE_LIST = defineRequest(
  'cdp.ingestion.cmd.source.list.v1',
  z.object({}),
  z.object({ sources: z.array(sourceViewSchema) }),
);
