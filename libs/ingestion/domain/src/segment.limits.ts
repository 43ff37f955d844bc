/** Segment's tracking API limits, measured on the serialised JSON (UTF-8 bytes). */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;
export const MAX_BATCH_EVENTS = 2_500;
export const MAX_MESSAGE_ID_LENGTH = 100;
