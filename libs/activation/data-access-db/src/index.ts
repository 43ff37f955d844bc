export * from './audiences.repository.js';
export * from './deliveries.repository.js';
export * from './membership.repository.js';
export * from './audiences.table.js';
export * from './campaigns.table.js';
export * from './migrations.js';
export * from './profiles.table.js';
export * from './schema.js';
