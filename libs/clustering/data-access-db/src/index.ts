export * from './migrations.js';
export * from './schema.js';
export * from './segmentation-models.table.js';
export * from './segmentation.repository.js';
