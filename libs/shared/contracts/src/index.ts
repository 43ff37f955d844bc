export * from './errors.contracts.js';
export * from './messaging.contracts.js';
export * from './profile-groups.js';
export * from './job-status.contracts.js';
