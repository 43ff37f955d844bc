import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  BUILT_IN_IDENTIFIER_TYPES,
  externalIdentifierType,
  identifierKey,
  isIdentifierType,
  splitIdentifierRef,
  type DroppedIdentifier,
  type Identifier,
  type IdentifierType,
} from './identifier-types.js';
import {
  blockedReason,
  DEFAULT_PROTECTION,
  isBlocked,
  sortByPriority,
  type ProtectionConfig,
} from './protection.js';

export * from './identifier-types.js';

/** What one event says about who sent it. */
export interface ExtractedIdentifiers {
  /** Kept identifiers, without duplicates, highest priority first. */
  identifiers: Identifier[];
  /** Identifiers the event carried that are blocked or malformed, each with its rule. */
  dropped: DroppedIdentifier[];
  /**
   * An alias call's `previousId` (trimmed, not blocked). It may be a user id or an anonymous id, so it
   * is not typed here: look it up as both (`aliasIdentifiers`).
   */
  aliasOf: string | undefined;
}

export type NormalizedIdentifier =
  { ok: true; identifier: Identifier } | { ok: false; dropped: DroppedIdentifier };

// Plausible, not RFC 5322: one @, no spaces, a dot in the domain. Enough to keep `n/a` or `x@y` out.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;
const EMAIL_MAX_LENGTH = 254;

function normalizeEmail(value: string): { value: string } | { reason: string } {
  const email = value.toLowerCase();
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email)) {
    return { reason: `not a plausible email address ${JSON.stringify(value)} (rule: email format)` };
  }
  return { value: email };
}

function normalizePhone(value: string, config: ProtectionConfig): { value: string } | { reason: string } {
  const international = value.startsWith('+');
  if (!international && !config.defaultPhoneCountry) {
    return {
      reason: `phone number ${JSON.stringify(value)} has no +<country code> and no defaultPhoneCountry is set (rule: phone E.164)`,
    };
  }
  const parsed = parsePhoneNumberFromString(value, international ? undefined : config.defaultPhoneCountry);
  // isValid, not isPossible: `+10000000000` has a possible length but is nobody's number.
  if (!parsed?.isValid()) {
    return { reason: `not a valid phone number ${JSON.stringify(value)} (rule: phone E.164)` };
  }
  return { value: parsed.number };
}

function normalizeByType(
  type: IdentifierType,
  value: string,
  config: ProtectionConfig,
): { value: string } | { reason: string } {
  if (type === 'email') return normalizeEmail(value);
  if (type === 'phone') return normalizePhone(value, config);
  return { value };
}

/**
 * One raw value as an identifier of `type`: numbers become strings, values are trimmed, emails
 * lowercased, phones E.164; blocked values (checked before and after normalising) are dropped with
 * their rule.
 */
export function normalizeIdentifier(
  type: IdentifierType,
  raw: unknown,
  config: ProtectionConfig,
): NormalizedIdentifier {
  if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
    return {
      ok: false,
      dropped: {
        identifier: { type, value: JSON.stringify(raw) ?? String(raw) },
        reason: `not a string or number (rule: value type)`,
      },
    };
  }
  const trimmed: Identifier = { type, value: String(raw).trim() };
  const rule = isBlocked(trimmed, config);
  if (rule !== undefined)
    return { ok: false, dropped: { identifier: trimmed, reason: blockedReason(trimmed, rule) } };
  const normalized = normalizeByType(type, trimmed.value, config);
  if ('reason' in normalized)
    return { ok: false, dropped: { identifier: trimmed, reason: normalized.reason } };
  const identifier: Identifier = { type, value: normalized.value };
  if (identifier.value !== trimmed.value) {
    const after = isBlocked(identifier, config);
    if (after !== undefined)
      return { ok: false, dropped: { identifier, reason: blockedReason(identifier, after) } };
  }
  return { ok: true, identifier };
}

const TYPE_HINT = `${BUILT_IN_IDENTIFIER_TYPES.join(', ')} or external:<name>`;

/**
 * `<type>:<value>` as an operator types it (`email:Ann@Example.com` → email `ann@example.com`), the
 * value normalised like an event's. Blocked values are not refused: looking one up simply finds nobody.
 */
export function parseIdentifierRef(ref: string, config: ProtectionConfig = DEFAULT_PROTECTION): Identifier {
  const text = ref.trim();
  const parts = splitIdentifierRef(text);
  if (!parts) throw new Error(`"${ref}" is not <type>:<value> (e.g. email:ann@example.com)`);
  if (!isIdentifierType(parts.type)) {
    throw new Error(`unknown identifier type "${parts.type}" in "${ref}": use ${TYPE_HINT}`);
  }
  const value = parts.value.trim();
  if (value === '') throw new Error(`"${ref}" has an empty value: use <type>:<value>`);
  const normalized = normalizeByType(parts.type, value, config);
  if ('reason' in normalized) throw new Error(`"${ref}": ${normalized.reason}`);
  return { type: parts.type, value: normalized.value };
}

function field(object: unknown, key: string): unknown {
  return typeof object === 'object' && object !== null && !Array.isArray(object)
    ? (object as Record<string, unknown>)[key]
    : undefined;
}

const APPLE = /\b(ios|ipados|tvos|iphone|ipad)\b/i;
const ANDROID = /\bandroid\b/i;

/**
 * IDFA on Apple devices, GAID on Android; `context.os.name` decides, then `context.device.type`
 * (Segment's mobile SDKs set both: `iOS`/`ios`, `Android`/`android`). Anything else stays generic.
 */
function advertisingIdType(context: unknown): IdentifierType {
  for (const hint of [field(field(context, 'os'), 'name'), field(field(context, 'device'), 'type')]) {
    if (typeof hint !== 'string') continue;
    if (APPLE.test(hint)) return 'idfa';
    if (ANDROID.test(hint)) return 'gaid';
  }
  return 'advertising_id';
}

/**
 * The identifiers of one event: userId, anonymousId, email and phone from `traits` and
 * `context.traits`, `context.device.id`, `context.device.advertisingId` (IDFA/GAID by platform) and
 * `context.externalIds[]` (`external:<type>`). A group call's top-level `traits` describe the group
 * (a company's email), not the person, so only its `context.traits` are read.
 */
export function extractIdentifiers(event: NormalizedEvent, config: ProtectionConfig): ExtractedIdentifiers {
  const candidates: { type: IdentifierType; raw: unknown }[] = [];
  const add = (type: IdentifierType, raw: unknown) => {
    // Absent (or a trait cleared with null): nothing was said, so nothing is dropped either.
    if (raw !== undefined && raw !== null) candidates.push({ type, raw });
  };
  const context: unknown = event.context;
  const device = field(context, 'device');
  const personTraits = [event.type === 'group' ? undefined : event.traits, field(context, 'traits')];

  add('user_id', event.userId);
  add('anonymous_id', event.anonymousId);
  for (const traits of personTraits) {
    add('email', field(traits, 'email'));
    add('phone', field(traits, 'phone'));
  }
  add('device_id', field(device, 'id'));
  add(advertisingIdType(context), field(device, 'advertisingId'));

  const dropped: DroppedIdentifier[] = [];
  const externalIds = field(context, 'externalIds');
  if (Array.isArray(externalIds)) {
    for (const external of externalIds) {
      const name = field(external, 'type');
      const id = field(external, 'id');
      if (typeof name !== 'string' || name.trim() === '') {
        dropped.push({
          identifier: { type: 'external:', value: String(id ?? '') },
          reason: `externalId without a type (rule: external id)`,
        });
        continue;
      }
      add(externalIdentifierType(name.trim()), id);
    }
  }

  const kept = new Map<string, Identifier>();
  const droppedKeys = new Set<string>();
  for (const { type, raw } of candidates) {
    const result = normalizeIdentifier(type, raw, config);
    if (result.ok) {
      kept.set(identifierKey(result.identifier), result.identifier);
    } else if (!droppedKeys.has(identifierKey(result.dropped.identifier))) {
      droppedKeys.add(identifierKey(result.dropped.identifier));
      dropped.push(result.dropped);
    }
  }

  let aliasOf: string | undefined;
  if (event.type === 'alias' && event.previousId !== undefined) {
    // Checked as an anonymous_id, the type a previousId usually is; the blocklist does not depend on the type.
    const previous = normalizeIdentifier('anonymous_id', event.previousId, config);
    if (previous.ok) aliasOf = previous.identifier.value;
    else dropped.push(previous.dropped);
  }

  return { identifiers: sortByPriority([...kept.values()], config), dropped, aliasOf };
}

/**
 * What an alias's previousId stands for: the user_id and/or anonymous_id of that value already in
 * the graph (`owners`: identifierKey → profileId); an unknown one is taken as an anonymous_id.
 */
export function aliasIdentifiers(aliasOf: string, owners: ReadonlyMap<string, string>): Identifier[] {
  const candidates: Identifier[] = [
    { type: 'user_id', value: aliasOf },
    { type: 'anonymous_id', value: aliasOf },
  ];
  const known = candidates.filter((identifier) => owners.has(identifierKey(identifier)));
  return known.length > 0 ? known : [{ type: 'anonymous_id', value: aliasOf }];
}
