// Segmentation maths on typed arrays: preprocessing, k-means and the quality metrics (issue #7).
export * from './matrix.js';
export * from './preprocess.js';
export * from './kmeans.js';
export * from './metrics.js';
