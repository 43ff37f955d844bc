import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '@cdp/shared/util-db';

export const adFeedsMigrations: MigrationSet = {
  folder: fileURLToPath(new URL('../migrations', import.meta.url)),
  schema: 'ad_feeds',
};
