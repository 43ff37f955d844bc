export * from './feeds.repository.js';
export * from './memberships.table.js';
export * from './migrations.js';
export * from './partners.repository.js';
export * from './partners.table.js';
export * from './schema.js';
