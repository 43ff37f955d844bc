export * from './models-train.schemas.js';
export * from './models.schemas.js';
export * from './prediction.subjects.js';
export * from './scores.schemas.js';
