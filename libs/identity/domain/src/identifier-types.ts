/** The identifier types the platform knows, plus one `external:<name>` per `context.externalIds[].type`. */
export const BUILT_IN_IDENTIFIER_TYPES = [
  'user_id',
  'email',
  'phone',
  'idfa',
  'gaid',
  'advertising_id',
  'device_id',
  'anonymous_id',
] as const;

export type BuiltInIdentifierType = (typeof BUILT_IN_IDENTIFIER_TYPES)[number];

export type IdentifierType = BuiltInIdentifierType | `external:${string}`;

/** One way of recognising a person, its value already normalised (see `normalizeIdentifierValue`). */
export interface Identifier {
  type: IdentifierType;
  value: string;
}

/** An identifier an event carried but that was not kept, with the rule that dropped it. */
export interface DroppedIdentifier {
  identifier: Identifier;
  reason: string;
}

export const EXTERNAL_PREFIX = 'external:';

const BUILT_IN = new Set<string>(BUILT_IN_IDENTIFIER_TYPES);

/**
 * Whether `type` names an identifier type. An external name never contains `:` (see
 * `externalIdentifierType`), which is what keeps `identifierKey` unambiguous.
 */
export function isIdentifierType(type: string): type is IdentifierType {
  if (BUILT_IN.has(type)) return true;
  if (!type.startsWith(EXTERNAL_PREFIX)) return false;
  const name = type.slice(EXTERNAL_PREFIX.length);
  return name.length > 0 && !name.includes(':');
}

/**
 * The identifier type of an external id's `type` (`hubspot_id` → `external:hubspot_id`). `%` and `:`
 * are percent-encoded so the name never contains the separator of `identifierKey`.
 */
export function externalIdentifierType(name: string): IdentifierType {
  return `${EXTERNAL_PREFIX}${name.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}

/**
 * `type:value`. Unambiguous because a type never contains `:` except the one after `external`, so
 * the value starts after the first `:` (the second one for external types) even when it holds `:`.
 */
export function identifierKey(identifier: Identifier): string {
  return `${identifier.type}:${identifier.value}`;
}

/** Splits `<type>:<value>` the way `identifierKey` joins it; undefined when there is no `:` to split at. */
export function splitIdentifierRef(ref: string): { type: string; value: string } | undefined {
  const from = ref.startsWith(EXTERNAL_PREFIX) ? EXTERNAL_PREFIX.length : 0;
  const colon = ref.indexOf(':', from);
  if (colon < 0) return undefined;
  return { type: ref.slice(0, colon), value: ref.slice(colon + 1) };
}
