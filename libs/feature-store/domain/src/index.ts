export * from './definition.js';
export * from './measure-state.js';
export * from './measure-key.js';
export * from './values.js';
export * from './apply.js';
export * from './combine.js';
export * from './read.js';
export * from './catalog.js';
