export * from './api-keys.table.js';
export * from './audit-log.table.js';
export * from './gateway.repository.js';
export * from './migrations.js';
export * from './schema.js';
export * from './users.table.js';
