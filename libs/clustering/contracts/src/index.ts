export * from './clustering.subjects.js';
