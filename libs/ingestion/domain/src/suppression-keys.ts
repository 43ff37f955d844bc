import { hash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';

/**
 * Suppression of erased people at ingestion. Identity publishes the identifiers of an erased
 * person (`type`, `value`); ingestion keeps only SHA-256 of `type:value` and drops any later
 * event carrying one of them. Both sides go through `canonicalIdentifier`, so an identifier and
 * the same identifier written differently in an event (email case, phone formatting, spaces)
 * give the same key.
 */

/** One way of recognising a person, as identity publishes it (`email`, `ann@example.com`). */
export interface Identifier {
  type: string;
  value: string;
}

/**
 * Every character `String.prototype.trim` removes. The erasure query trims with the same set in
 * SQL (`btrim(x, chars)`), so its pre-filter never misses a value the key rules would match.
 */
export const TRIMMED_CHARACTERS =
  '\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

/**
 * Identity tells IDFA, GAID and other advertising ids apart by the device's platform; the value
 * alone names the device, so ingestion keys all three as one type and need not guess the platform.
 */
const ADVERTISING_ID_TYPES = new Set(['idfa', 'gaid', 'advertising_id']);
const EXTERNAL_PREFIX = 'external:';

/**
 * The form an identifier is compared in, or undefined when nothing is left of it:
 * - `user_id`, `anonymous_id`: trimmed, case kept (ids are case-sensitive);
 * - `email`: trimmed and lowercased;
 * - `phone`: E.164 when it parses with its `+<country code>`, else `+`/digits only (numbers without
 *   a country code cannot be placed: identity drops them unless configured with a default country);
 * - `device_id`, advertising ids (`idfa`, `gaid`, `advertising_id` → `advertising_id`): trimmed and
 *   lowercased (hex ids are the same device in either case);
 * - `external:<name>`: the type lowercased, the value trimmed.
 */
export function canonicalIdentifier(type: string, value: string): Identifier | undefined {
  const t = type.trim().toLowerCase();
  const v = value.trim();
  if (v === '') return undefined;
  switch (t) {
    case 'email':
      return { type: t, value: v.toLowerCase() };
    case 'phone': {
      const phone = canonicalPhone(v);
      return phone ? { type: t, value: phone } : undefined;
    }
    case 'device_id':
      return { type: t, value: v.toLowerCase() };
    default:
      if (ADVERTISING_ID_TYPES.has(t)) return { type: 'advertising_id', value: v.toLowerCase() };
      if (t.startsWith(EXTERNAL_PREFIX)) {
        return { type: `${EXTERNAL_PREFIX}${t.slice(EXTERNAL_PREFIX.length).trim()}`, value: v };
      }
      return { type: t, value: v };
  }
}

/** SHA-256 (hex) of the canonical `type:value`; undefined for an empty value. */
export function suppressionKey(type: string, value: string): string | undefined {
  const canonical = canonicalIdentifier(type, value);
  return canonical ? keyOf(canonical) : undefined;
}

function keyOf(identifier: Identifier): string {
  return hash('sha256', `${identifier.type}:${identifier.value}`, 'hex');
}

/**
 * The identifiers an event carries, canonical and without repeats: `userId`, `anonymousId`,
 * `previousId` (an alias's old id, user or anonymous), email and phone in `traits` or
 * `context.traits`, `context.device.id` and `.advertisingId`, and `context.externalIds[]`.
 */
export function eventIdentifiers(event: NormalizedEvent): Identifier[] {
  const found = new Map<string, Identifier>();
  visitIdentifiers(event, (identifier) => {
    found.set(`${identifier.type}:${identifier.value}`, identifier);
    return false;
  });
  return [...found.values()];
}

/** The suppression keys of every identifier the event carries (see `eventIdentifiers`). */
export function suppressionKeys(event: NormalizedEvent): string[] {
  return eventIdentifiers(event).map(keyOf);
}

/**
 * True when the event carries an identifier whose key is in `keys`. On the ingestion hot path:
 * no work at all while nobody is suppressed, and it stops at the first match.
 */
export function carriesSuppressedIdentifier(event: NormalizedEvent, keys: ReadonlySet<string>): boolean {
  if (keys.size === 0) return false;
  return visitIdentifiers(event, (identifier) => keys.has(keyOf(identifier)));
}

/** Calls `visit` with each identifier of the event (repeats possible) until it returns true. */
function visitIdentifiers(event: NormalizedEvent, visit: (identifier: Identifier) => boolean): boolean {
  const seen = (type: string, value: unknown): boolean => {
    if (typeof value !== 'string' && !(type === 'phone' && typeof value === 'number')) return false;
    const canonical = canonicalIdentifier(type, String(value));
    return canonical !== undefined && visit(canonical);
  };
  if (seen('user_id', event.userId) || seen('anonymous_id', event.anonymousId)) return true;
  if (seen('user_id', event.previousId) || seen('anonymous_id', event.previousId)) return true;
  const context = objectOr(event.context);
  for (const traits of [objectOr(event.traits), objectOr(context['traits'])]) {
    if (seen('email', traits['email']) || seen('phone', traits['phone'])) return true;
  }
  const device = objectOr(context['device']);
  if (seen('device_id', device['id']) || seen('advertising_id', device['advertisingId'])) return true;
  const externalIds = context['externalIds'];
  if (Array.isArray(externalIds)) {
    for (const item of externalIds) {
      const external = objectOr(item);
      const name = external['type'];
      const id = external['id'];
      if (typeof name !== 'string' || name.trim() === '') continue;
      if ((typeof id === 'string' || typeof id === 'number') && seen(externalType(name), String(id))) {
        return true;
      }
    }
  }
  return false;
}

/** An identifier to suppress: its type as published (not personal) and the key of its value. */
export interface SuppressionEntry {
  identifierType: string;
  keyHash: string;
}

/** The suppressions for an erased person's identifiers, one per key. */
export function suppressionEntries(identifiers: readonly Identifier[]): SuppressionEntry[] {
  const byKey = new Map<string, SuppressionEntry>();
  for (const identifier of identifiers) {
    const keyHash = suppressionKey(identifier.type, identifier.value);
    if (keyHash && !byKey.has(keyHash)) byKey.set(keyHash, { identifierType: identifier.type, keyHash });
  }
  return [...byKey.values()];
}

/**
 * What the erasure query looks for in the raw store: a cheap SQL pre-filter over the stored
 * columns and payload, always a superset of the events `carriesSuppressedIdentifier` matches, which
 * then decides event by event. Values are canonical; `phoneDigits` are national numbers (digits
 * only), matched as a substring of a stored phone's digits whatever its formatting.
 */
export interface ErasureCriteria {
  /** user_id and anonymous_id values (matched against userId, anonymousId and previousId). */
  ids: string[];
  emails: string[];
  phoneDigits: string[];
  deviceIds: string[];
  advertisingIds: string[];
  /** Values of `external:*` identifiers (matched against `context.externalIds[].id`). */
  externalIds: string[];
  /** The keys of all of them, for the event-by-event decision. */
  keys: string[];
  /** `TRIMMED_CHARACTERS`, for SQL's `btrim`. */
  trimmed: string;
}

export function erasureCriteria(identifiers: readonly Identifier[]): ErasureCriteria {
  const ids = new Set<string>();
  const emails = new Set<string>();
  const phoneDigits = new Set<string>();
  const deviceIds = new Set<string>();
  const advertisingIds = new Set<string>();
  const externalIds = new Set<string>();
  const keys = new Set<string>();
  for (const raw of identifiers) {
    const identifier = canonicalIdentifier(raw.type, raw.value);
    if (!identifier) continue;
    keys.add(keyOf(identifier));
    const { type, value } = identifier;
    if (type === 'user_id' || type === 'anonymous_id') ids.add(value);
    else if (type === 'email') emails.add(value);
    else if (type === 'phone') {
      const digits = nationalDigits(value);
      if (digits) phoneDigits.add(digits);
    } else if (type === 'device_id') deviceIds.add(value);
    else if (type === 'advertising_id') advertisingIds.add(value);
    else if (type.startsWith(EXTERNAL_PREFIX)) externalIds.add(value);
  }
  return {
    ids: [...ids],
    emails: [...emails],
    phoneDigits: [...phoneDigits],
    deviceIds: [...deviceIds],
    advertisingIds: [...advertisingIds],
    externalIds: [...externalIds],
    keys: [...keys],
    trimmed: TRIMMED_CHARACTERS,
  };
}

/**
 * `external:<name>` for `context.externalIds[].type`, with `%` and `:` percent-encoded the way
 * identity encodes them (a type never holds a second `:`).
 */
export function externalType(name: string): string {
  return `${EXTERNAL_PREFIX}${name.trim().replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

function canonicalPhone(value: string): string | undefined {
  // Without a default country only `+<country code>` numbers parse; identity's own default
  // country (if it has one) is not known here.
  const parsed = parsePhoneNumberFromString(value);
  if (parsed) return parsed.number;
  const digits = value.replace(/\D/g, '');
  if (digits === '') return undefined;
  return value.startsWith('+') ? `+${digits}` : digits;
}

/** The national number of a canonical phone (what any way of writing it contains), digits only. */
function nationalDigits(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone);
  const digits = parsed ? parsed.nationalNumber : phone.replace(/\D/g, '');
  return digits === '' ? undefined : digits;
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
