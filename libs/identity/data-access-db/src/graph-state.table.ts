import { integer, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { identitySchema } from './schema.js';

/**
 * One row: a token every change to the graph replaces. A resolver keeps its cache of owners and
 * profiles only while the token is the one it wrote last, so a merge, unmerge or erasure made
 * anywhere else empties it.
 */
export const graphState = identitySchema.table(
  'graph_state',
  {
    id: integer('id').notNull(),
    generation: uuid('generation').notNull(),
  },
  (t) => [primaryKey({ columns: [t.id] })],
);
