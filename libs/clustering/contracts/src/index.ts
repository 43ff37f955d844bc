export * from './clustering.subjects.js';
export * from './segment-entries.schemas.js';
export * from './segment-transitions.schemas.js';
export * from './segmentation-models.schemas.js';
export * from './segments-changed.schemas.js';
export * from './segments-train.schemas.js';
