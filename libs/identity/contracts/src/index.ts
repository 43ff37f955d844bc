export * from './identity.subjects.js';
