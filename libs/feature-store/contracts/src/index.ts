export * from './feature-store.subjects.js';
export * from './feature-value.schemas.js';
export * from './features-get.schemas.js';
export * from './features-list.schemas.js';
export * from './features-updated.schemas.js';
export * from './features-backfill.schemas.js';
