export * from './migrations.js';
export * from './profiles.table.js';
export * from './schema.js';
