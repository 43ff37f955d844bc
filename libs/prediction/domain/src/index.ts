// Prediction maths: labels as code (point-in-time) and evaluation metrics (issue #8).
export * from './labels.js';
export * from './metrics.js';
