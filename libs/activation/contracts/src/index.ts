export * from './activation.subjects.js';
