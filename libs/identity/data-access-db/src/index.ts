export * from './migrations.js';
export * from './schema.js';
export * from './identifiers.table.js';
export * from './links.table.js';
export * from './privacy.table.js';
export * from './profiles.table.js';
export * from './identity-graph.js';
export * from './profile-records.js';
