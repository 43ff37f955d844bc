// Prediction maths: labels as code (point-in-time), training sets, evaluation and scoring (issue #8).
export * from './evaluation.js';
export * from './labels.js';
export * from './metrics.js';
export * from './scoring.js';
export * from './training-set.js';
