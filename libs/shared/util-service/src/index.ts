export * from './bus-error.filter.js';
export * from './core.module.js';
export * from './run-standalone.js';
export * from './service-definition.js';
export * from './start-service.js';
export * from './tokens.js';
export * from './first-bootstrap.js';
