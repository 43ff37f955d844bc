export * from './audiences.table.js';
export * from './migrations.js';
export * from './schema.js';
