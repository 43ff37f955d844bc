export * from './identifiers.js';
export * from './protection.js';
export * from './replay.js';
export * from './resolve.js';
export * from './traits.js';
