export * from './api-route.js';
export * from './openapi.js';
