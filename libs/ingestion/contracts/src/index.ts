export * from './ingestion.subjects.js';
