export * from './migrations.js';
export * from './prediction-models.table.js';
export * from './prediction.repository.js';
export * from './schema.js';
