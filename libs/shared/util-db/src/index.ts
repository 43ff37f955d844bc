export * from './client.js';
export * from './embedded-postgres.js';
export * from './migrations.js';
export * from './locate-postgres.js';
export * from './transaction.js';
export * from './copy.js';
export * from './refs.js';
