export * from './prediction.subjects.js';
