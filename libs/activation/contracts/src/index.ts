export * from './activation.subjects.js';
export * from './audiences.schemas.js';
export * from './campaigns.schemas.js';
export * from './consent.schemas.js';
export * from './deliveries.schemas.js';
export * from './destinations.schemas.js';
