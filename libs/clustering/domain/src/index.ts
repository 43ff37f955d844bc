// Segmentation maths on typed arrays: preprocessing, k-means and the quality metrics (issue #7).
export * from './matrix.js';
export * from './preprocess.js';
export * from './kmeans.js';
export * from './metrics.js';
export * from './parallel.js';
export * from './quality.js';
export * from './segmentation.js';
export * from './gmm.js';
export * from './dbscan.js';
export * from './naming.js';
export * from './summaries.js';
export * from './pca.js';
export * from './table-columns.js';
