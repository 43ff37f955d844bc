// Prediction maths: cut-offs and splits, training sets with their labels (point-in-time), evaluation and scoring (issue #8).
export * from './evaluation.js';
export * from './cutoffs.js';
export * from './metrics.js';
export * from './scoring.js';
export * from './training-set.js';
