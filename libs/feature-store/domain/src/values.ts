// How a measure reads an event: the value at a path, the filter, and the number and string forms
// every state is built from. The offline SQL mirrors each of these, so each is spelled out exactly.
import type { EventFilter, FeatureEvent, ValuePath } from './definition.js';

const DAY_MS = 86_400_000;
const SESSION_MS = 1_800_000;

/** The derived keys a `ValuePath` may name (see `ValuePath`). */
export const DERIVED_KEYS = Object.freeze([
  '@day',
  '@hourPart',
  '@weekpart',
  '@deviceClass',
  '@session',
] as const);

export type DerivedKey = (typeof DERIVED_KEYS)[number];

export function isDerivedKey(path: ValuePath): path is DerivedKey {
  return (DERIVED_KEYS as readonly string[]).includes(path);
}

// The last timestamp read and what it gave: an event's measures read its time many times over.
let lastTimestamp: string | undefined;
let lastMs = 0;
let lastDayOf: string | undefined;
let lastDay = '';

/** Epoch milliseconds of an ISO 8601 timestamp; throws on one that does not parse. */
export function epochMs(timestamp: string): number {
  if (timestamp === lastTimestamp) return lastMs;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new Error(`Not a timestamp: ${JSON.stringify(timestamp)}`);
  lastTimestamp = timestamp;
  lastMs = ms;
  return ms;
}

/** The UTC date (`YYYY-MM-DD`) of a timestamp, whatever offset it is written with. */
export function dayOf(timestamp: string): string {
  if (timestamp === lastDayOf) return lastDay;
  const day = new Date(epochMs(timestamp)).toISOString().slice(0, 10);
  lastDayOf = timestamp;
  lastDay = day;
  return day;
}

/** The UTC day `days` after (or before, when negative) a `YYYY-MM-DD` day. */
export function addDays(day: string, days: number): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00.000Z`) : NaN;
  // Date.parse rolls 2024-02-30 over to March: a day that does not read back is not a day.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day) {
    throw new Error(`Not a day: ${JSON.stringify(day)}`);
  }
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A number in thousandths, rounded half away from zero: sign(v) × floor(|v| × 1000 + 0.5) in IEEE
 * doubles, the same operations the SQL side runs, so both get the same integer. −0 (from tiny
 * negatives) becomes 0 so that states compare and serialize alike.
 */
export function toMilli(v: number): number {
  return Math.sign(v) * Math.floor(Math.abs(v) * 1000 + 0.5) + 0;
}

/** A JSON number: what `sum`, `min` and `max` read (anything else is not a number to them). */
export function isJsonNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * The string form a value takes in `distinct` and `countBy`: strings as they are, numbers as JSON
 * writes them; anything else (missing, null, booleans, objects) has none and is ignored.
 */
export function valueKey(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isJsonNumber(v)) return String(v);
  return undefined;
}

function hourPart(hour: number): string {
  if (hour < 6) return 'night';
  if (hour < 12) return 'morning';
  if (hour < 18) return 'afternoon';
  return 'evening';
}

/** Device classes by `context.device.type`, lower-cased first (`iOS` is `ios`), as the SQL side does. */
const DEVICE_CLASSES: Readonly<Record<string, string>> = Object.freeze({
  ios: 'mobile',
  android: 'mobile',
  mobile: 'mobile',
  ipad: 'tablet',
  tablet: 'tablet',
});

function deviceClass(event: FeatureEvent): string {
  const type = pathValue(event, ['context', 'device', 'type']);
  const key = typeof type === 'string' ? type.toLowerCase() : undefined;
  return (key !== undefined && Object.hasOwn(DEVICE_CLASSES, key) && DEVICE_CLASSES[key]) || 'desktop';
}

function session(event: FeatureEvent): string | undefined {
  // An empty id identifies nothing, so it falls through as if missing.
  const device = event.anonymousId || event.userId;
  if (!device) return undefined;
  return `${device}/${Math.floor(epochMs(event.timestamp) / SESSION_MS)}`;
}

function derived(event: FeatureEvent, key: DerivedKey): string | undefined {
  switch (key) {
    case '@day':
      return dayOf(event.timestamp);
    case '@hourPart':
      return hourPart(new Date(epochMs(event.timestamp)).getUTCHours());
    case '@weekpart': {
      const weekday = new Date(epochMs(event.timestamp)).getUTCDay();
      return weekday === 0 || weekday === 6 ? 'weekend' : 'weekday';
    }
    case '@deviceClass':
      return deviceClass(event);
    case '@session':
      return session(event);
  }
}

/** Own properties only, so a path such as `properties.constructor` reads nothing. */
function pathValue(root: unknown, segments: readonly string[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * The value a measure reads from an event: a dotted path into it (undefined when any step is
 * missing), or a derived key. An unknown `@` key is a definition bug and throws.
 */
export function valueAt(event: FeatureEvent, path: ValuePath): unknown {
  if (path.startsWith('@')) {
    if (!isDerivedKey(path)) throw new Error(`Unknown derived key ${JSON.stringify(path)}`);
    return derived(event, path);
  }
  return pathValue(event, path.split('.'));
}

/** Whether an event passes a filter: every list given must contain the event's field. */
export function matches(event: FeatureEvent, filter: EventFilter): boolean {
  if (filter.type && !filter.type.includes(event.type)) return false;
  if (filter.event && (event.event === undefined || !filter.event.includes(event.event))) return false;
  if (filter.name && (event.name === undefined || !filter.name.includes(event.name))) return false;
  return true;
}
