/** Every subject the ingestion service owns starts with this (`cdp.<scope>.<evt|cmd>.<entity>.<verb>.v<N>`). */
export const INGESTION_SUBJECT_PREFIX = 'cdp.ingestion';
