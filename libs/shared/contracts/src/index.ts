export * from './errors.contracts.js';
export * from './messaging.contracts.js';
