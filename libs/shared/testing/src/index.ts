export * from './test-database.js';
export * from './nats.js';
export * from './wait-for.js';
export * from './capture-logs.js';
export * from './random.js';
