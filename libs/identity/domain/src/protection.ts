import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import {
  BUILT_IN_IDENTIFIER_TYPES,
  EXTERNAL_PREFIX,
  isIdentifierType,
  type Identifier,
  type IdentifierType,
} from './identifier-types.js';

/**
 * Merge protection, in the spirit of Segment Unify's identity resolution settings: values that never
 * identify anyone, how many values of a type one profile may hold, and which identifiers count most.
 */
export interface ProtectionConfig {
  /** A value matching one of these is never used (tested against the whole normalised value). */
  blockedPatterns: RegExp[];
  /** A value equal to one of these, ignoring case, is never used. */
  blockedValues: string[];
  /**
   * Most distinct values of a type one profile may hold, by type (`external:*` for every external
   * type without a limit of its own); `default` for the rest.
   */
  limits: Partial<Record<string, number>> & { default: number };
  /** Types, highest first; `external:*` stands for every external type not listed by name. Unlisted types come last. */
  priority: string[];
  /** Country of phone numbers written without `+<country code>`; without it such numbers are dropped. */
  defaultPhoneCountry?: CountryCode;
}

/** The wildcard of `priority` and `limits` for every `external:<name>` type. */
export const EXTERNAL_WILDCARD = 'external:*';

function deepFreeze(config: ProtectionConfig): ProtectionConfig {
  Object.freeze(config.blockedPatterns);
  Object.freeze(config.blockedValues);
  Object.freeze(config.limits);
  Object.freeze(config.priority);
  return Object.freeze(config);
}

/**
 * The defaults of issue 5, exactly: nothing is added to the blocklist because every extra value
 * (`unknown`, `none`, ...) is somebody's real user id somewhere, and operators can add them.
 * `^[0-]*$` covers `0`, all-zero advertising ids (`00000000-0000-0000-0000-000000000000`, what iOS
 * sends when tracking is refused) and the empty value.
 */
export const DEFAULT_PROTECTION: ProtectionConfig = deepFreeze({
  blockedPatterns: [/^[0-]*$/],
  blockedValues: ['-1', 'null', 'undefined', 'anonymous', ''],
  limits: { user_id: 1, email: 5, default: 5 },
  priority: [
    'user_id',
    'email',
    'phone',
    EXTERNAL_WILDCARD,
    'idfa',
    'gaid',
    'advertising_id',
    'device_id',
    'anonymous_id',
  ],
});

// Derived lookups, computed once per config object (configs are built once at boot).
interface Lookups {
  blockedValues: Map<string, string>;
  rank: Map<string, number>;
}
const lookups = new WeakMap<ProtectionConfig, Lookups>();

function lookupsOf(config: ProtectionConfig): Lookups {
  let found = lookups.get(config);
  if (!found) {
    found = {
      blockedValues: new Map(config.blockedValues.map((value) => [value.toLowerCase(), value])),
      rank: new Map(config.priority.map((type, index) => [type, index])),
    };
    lookups.set(config, found);
  }
  return found;
}

/**
 * The rule that blocks this identifier's value (`null`, `""`, `/^[0-]*$/`), or undefined when it may
 * be used. Blocked values are compared ignoring case, so `NULL` is blocked by `null`.
 */
export function isBlocked(identifier: Identifier, config: ProtectionConfig): string | undefined {
  const value = identifier.value;
  const listed = lookupsOf(config).blockedValues.get(value.toLowerCase());
  if (listed !== undefined) return listed === '' ? '""' : listed;
  // `search` ignores `lastIndex`, so a pattern given with the `g` flag still answers the same every time.
  const pattern = config.blockedPatterns.find((p) => value.search(p) !== -1);
  return pattern ? String(pattern) : undefined;
}

/** The human-readable reason for a blocked identifier, naming the rule. */
export function blockedReason(identifier: Identifier, rule: string): string {
  return `blocked value ${JSON.stringify(identifier.value)} (rule: ${rule})`;
}

function isExternal(type: string): boolean {
  return type.startsWith(EXTERNAL_PREFIX);
}

/** How many distinct values of `type` one profile may hold. */
export function limitOf(type: IdentifierType, config: ProtectionConfig): number {
  const own = config.limits[type];
  if (own !== undefined) return own;
  const wildcard = isExternal(type) ? config.limits[EXTERNAL_WILDCARD] : undefined;
  return wildcard ?? config.limits.default;
}

/** 0 for the highest-priority type; every unlisted type shares the rank after the listed ones. */
export function priorityRank(type: IdentifierType, config: ProtectionConfig): number {
  const { rank } = lookupsOf(config);
  const own = rank.get(type);
  if (own !== undefined) return own;
  const wildcard = isExternal(type) ? rank.get(EXTERNAL_WILDCARD) : undefined;
  return wildcard ?? config.priority.length;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest priority first; equal ranks by type then value (code-unit order, not locale), so the order is total. */
export function compareIdentifiers(a: Identifier, b: Identifier, config: ProtectionConfig): number {
  return (
    priorityRank(a.type, config) - priorityRank(b.type, config) ||
    compareStrings(a.type, b.type) ||
    compareStrings(a.value, b.value)
  );
}

/** A sorted copy, highest priority first. */
export function sortByPriority(identifiers: readonly Identifier[], config: ProtectionConfig): Identifier[] {
  return [...identifiers].sort((a, b) => compareIdentifiers(a, b, config));
}

const TYPE_HINT = `${BUILT_IN_IDENTIFIER_TYPES.join(', ')}, external:<name> or ${EXTERNAL_WILDCARD}`;

function isConfigType(type: string): boolean {
  return type === EXTERNAL_WILDCARD || isIdentifierType(type);
}

const patternSchema = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `not a valid regular expression ${JSON.stringify(source)}: ${(error as Error).message}`,
    });
  }
});

/**
 * The JSON form (environment variable or file). Every field is optional and falls back to
 * DEFAULT_PROTECTION; `limits` is merged over the default limits, the lists replace the defaults
 * (so a default can be removed). Patterns are strings, matched ignoring case like blocked values.
 */
export const protectionConfigSchema = z.strictObject({
  blockedPatterns: z.array(patternSchema).optional(),
  blockedValues: z.array(z.string()).optional(),
  limits: z
    .record(z.string(), z.int().min(0))
    .superRefine((limits, ctx) => {
      for (const type of Object.keys(limits)) {
        if (type !== 'default' && !isConfigType(type)) {
          ctx.addIssue({
            code: 'custom',
            path: [type],
            message: `unknown identifier type ${JSON.stringify(type)} (use ${TYPE_HINT}, or default)`,
          });
        }
      }
    })
    .optional(),
  priority: z
    .array(z.string())
    .superRefine((types, ctx) => {
      const seen = new Set<string>();
      types.forEach((type, index) => {
        if (!isConfigType(type)) {
          ctx.addIssue({
            code: 'custom',
            path: [index],
            message: `unknown identifier type ${JSON.stringify(type)} (use ${TYPE_HINT})`,
          });
        } else if (seen.has(type)) {
          ctx.addIssue({ code: 'custom', path: [index], message: `${type} is listed twice` });
        }
        seen.add(type);
      });
    })
    .optional(),
  defaultPhoneCountry: z
    .custom<CountryCode>((code) => typeof code === 'string' && isSupportedCountry(code), {
      message: 'not a supported ISO 3166-1 alpha-2 country code (e.g. US, DE)',
    })
    .optional(),
});

/** Parses the JSON form (a JSON string or an already parsed value); throws an error naming each wrong field. */
export function parseProtectionConfig(json: unknown): ProtectionConfig {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new Error(`identity protection config is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = protectionConfigSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(`invalid identity protection config:\n${z.prettifyError(parsed.error)}`);
  }
  const config = parsed.data;
  const limits: ProtectionConfig['limits'] = { ...DEFAULT_PROTECTION.limits };
  for (const [type, limit] of Object.entries(config.limits ?? {})) limits[type] = limit;
  return deepFreeze({
    blockedPatterns: config.blockedPatterns
      ? config.blockedPatterns.map((source) => new RegExp(source, 'i'))
      : [...DEFAULT_PROTECTION.blockedPatterns],
    blockedValues: config.blockedValues ?? [...DEFAULT_PROTECTION.blockedValues],
    limits,
    priority: config.priority ?? [...DEFAULT_PROTECTION.priority],
    ...(config.defaultPhoneCountry ? { defaultPhoneCountry: config.defaultPhoneCountry } : {}),
  });
}
