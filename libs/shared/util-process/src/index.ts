export * from './platform-process.js';
export * from './ports.js';
export * from './runtime-file.js';
