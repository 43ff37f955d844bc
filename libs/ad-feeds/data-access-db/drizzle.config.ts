import { defineConfig } from 'drizzle-kit';

// Run through tools/db/migrations.mjs (npm run db:generate / db:check), which sets DRIZZLE_OUT for the check.
export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/ad-feeds/data-access-db/src/*.table.ts',
  out: process.env['DRIZZLE_OUT'] ?? './libs/ad-feeds/data-access-db/migrations',
  schemaFilter: ['ad_feeds'],
});
