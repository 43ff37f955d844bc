export type { NormalizedEvent, SegmentCallType } from '@cdp/ingestion/contracts';
export * from './envelope-msg-id.js';
export * from './import-rows.js';
export * from './normalize-request.js';
export * from './segment.limits.js';
export * from './segment.schemas.js';
export * from './suppression-keys.js';
export * from './webhook-payloads.js';
export * from './webhook-signatures.js';
