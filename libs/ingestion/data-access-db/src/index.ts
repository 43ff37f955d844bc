export * from './migrations.js';
export * from './schema.js';
export * from './sources.table.js';
export * from './raw-events.table.js';
export * from './webhook-receipts.table.js';
export * from './sources.repository.js';
export * from './raw-event-store.js';
export * from './webhook-receipts.repository.js';
