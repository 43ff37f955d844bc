export * from './health-registry.js';
export * from './health.controller.js';
export * from './health.module.js';
export * from './probe-ready.js';
