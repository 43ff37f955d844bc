export * from './gateway.subjects.js';
