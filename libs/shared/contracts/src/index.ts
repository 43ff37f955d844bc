export * from './errors.contracts.js';
export * from './messaging.contracts.js';
export * from './profile-groups.js';
