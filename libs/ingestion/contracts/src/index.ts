export * from './events-received.schemas.js';
export * from './ingestion.subjects.js';
