export * from './feature-definitions.table.js';
export * from './migrations.js';
export * from './schema.js';
