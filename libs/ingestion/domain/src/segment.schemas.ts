import { SEGMENT_CALL_TYPES, type SegmentCallType } from '@cdp/ingestion/contracts';
import { z } from 'zod';
import { MAX_MESSAGE_ID_LENGTH } from './segment.limits.js';

/**
 * Segment's tracking spec as the HTTP API accepts it: permissive on shape (unknown top-level
 * fields kept, `null` read as absent), strict on the rules that make an event usable.
 */

/** SDKs send numeric ids as numbers (`userId: 42`); everything downstream sees strings. */
function numberToString(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

const optionalId = (field: string) =>
  z
    .preprocess(numberToString, z.string({ error: `${field} must be a string or a number` }).nullish())
    .transform((value) => value || undefined);

const requiredId = (message: string) =>
  z.preprocess(numberToString, z.string({ error: message }).min(1, message));

const messageIdSchema = z
  .preprocess(
    numberToString,
    z
      .string({ error: 'messageId must be a string' })
      .max(MAX_MESSAGE_ID_LENGTH, `messageId is at most ${MAX_MESSAGE_ID_LENGTH} characters`)
      .nullish(),
  )
  .transform((value) => value || undefined);

const jsonObject = (field: string) =>
  z
    .record(z.string(), z.unknown(), { error: `${field} must be an object` })
    .nullish()
    .transform((value) => value ?? undefined);

const isoTimestamp = (field: string) =>
  z.iso
    .datetime({ offset: true, error: `${field} must be an ISO-8601 date-time` })
    .nullish()
    .transform((value) => value ?? undefined);

const optionalString = (field: string) =>
  z
    .string({ error: `${field} must be a string` })
    .nullish()
    .transform((value) => value ?? undefined);

/** Fields any call may carry; the per-call schemas tighten some of them. */
const callFields = {
  type: z.unknown().optional(),
  messageId: messageIdSchema,
  userId: optionalId('userId'),
  anonymousId: optionalId('anonymousId'),
  previousId: optionalId('previousId'),
  groupId: optionalId('groupId'),
  event: optionalString('event'),
  name: optionalString('name'),
  properties: jsonObject('properties'),
  traits: jsonObject('traits'),
  context: jsonObject('context'),
  integrations: jsonObject('integrations'),
  timestamp: isoTimestamp('timestamp'),
  originalTimestamp: isoTimestamp('originalTimestamp'),
  sentAt: isoTimestamp('sentAt'),
  writeKey: optionalString('writeKey'),
};

const callBase = z.looseObject(callFields);

/** What every call schema parses to. */
export type SegmentCall = z.output<typeof callBase>;

function hasId(value: unknown): boolean {
  return (typeof value === 'string' && value !== '') || typeof value === 'number';
}

/** Runs even when other fields are wrong, so one response lists every problem. */
const identified = <T extends z.ZodType<SegmentCall>>(schema: T) =>
  schema.refine((call) => hasId(call.userId) || hasId(call.anonymousId), {
    path: ['userId'],
    message: 'userId or anonymousId is required',
    when: () => true,
  });

export const identifySchema = identified(callBase);
export const trackSchema = identified(
  callBase.extend({
    event: z.string({ error: 'track needs event' }).min(1, 'track needs event'),
  }),
);
export const pageSchema = identified(callBase);
export const screenSchema = identified(callBase);
export const groupSchema = identified(callBase.extend({ groupId: requiredId('group needs groupId') }));
export const aliasSchema = callBase.extend({
  previousId: requiredId('alias needs previousId'),
  userId: requiredId('alias needs userId'),
});

export const SEGMENT_CALL_SCHEMAS: Record<SegmentCallType, z.ZodType<SegmentCall>> = {
  identify: identifySchema,
  track: trackSchema,
  page: pageSchema,
  screen: screenSchema,
  group: groupSchema,
  alias: aliasSchema,
};

/** A batch item must say which call it is; its other fields are checked by that call's schema. */
export const batchItemTypeSchema = z.enum(SEGMENT_CALL_TYPES, {
  error: `type must be one of ${SEGMENT_CALL_TYPES.join(', ')}`,
});

/** `POST /v1/batch` (and `/v1/import`): items are checked one by one, so each error has its index. */
export const batchSchema = z.looseObject({
  batch: z.array(z.unknown(), { error: 'batch must be an array of events' }),
  context: jsonObject('context'),
  integrations: jsonObject('integrations'),
  writeKey: optionalString('writeKey'),
  sentAt: isoTimestamp('sentAt'),
});

export type SegmentBatch = z.output<typeof batchSchema>;
