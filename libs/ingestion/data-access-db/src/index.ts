export * from './migrations.js';
export * from './schema.js';
export * from './sources.table.js';
