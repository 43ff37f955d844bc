export * from './api-keys.table.js';
export * from './migrations.js';
export * from './schema.js';
