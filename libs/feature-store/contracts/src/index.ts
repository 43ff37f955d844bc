export * from './feature-store.subjects.js';
