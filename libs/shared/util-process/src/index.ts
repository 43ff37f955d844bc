export * from './platform-process.js';
export * from './ports.js';
