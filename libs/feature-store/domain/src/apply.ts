// Folding one event into a profile's day: the online store's only write, and the reference the
// offline SQL is checked against.
import type { FeatureEvent, Measure } from './definition.js';
import type { DayMeasures, MeasureState, Scalar } from './measure-state.js';
import { addCount, compareLast, insertSorted } from './state-ops.js';
import { dayOf, epochMs, isJsonNumber, matches, toMilli, valueAt, valueKey } from './values.js';

/** What a `last` measure keeps of a value: JSON scalars; missing, objects and arrays as null. */
export function scalarOf(v: unknown): Scalar {
  if (typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  if (isJsonNumber(v)) return v;
  return null;
}

/** The day's state under `key`, which must be of `kind` when present (else the stored data is corrupt). */
function stateOf<K extends MeasureState['kind']>(
  day: DayMeasures,
  key: string,
  kind: K,
): Extract<MeasureState, { kind: K }> | undefined {
  const state = Object.hasOwn(day, key) ? day[key] : undefined;
  if (state === undefined) return undefined;
  if (state.kind !== kind) throw new Error(`State ${key} is a ${state.kind} state, its measure a ${kind}`);
  return state as Extract<MeasureState, { kind: K }>;
}

function applyMeasure(day: DayMeasures, key: string, measure: Measure, event: FeatureEvent): void {
  switch (measure.kind) {
    case 'count': {
      const state = stateOf(day, key, 'count');
      if (state) state.n += 1;
      else day[key] = { kind: 'count', n: 1 };
      return;
    }
    case 'sum': {
      const v = valueAt(event, measure.value);
      // A matching event without a number still counts as 0, so the state exists as it does offline.
      const milli = isJsonNumber(v) ? toMilli(v) : 0;
      const state = stateOf(day, key, 'sum');
      if (state) state.milli += milli;
      else day[key] = { kind: 'sum', milli };
      return;
    }
    case 'min':
    case 'max': {
      const v = valueAt(event, measure.value);
      if (!isJsonNumber(v)) return;
      const milli = toMilli(v);
      const state = stateOf(day, key, measure.kind);
      if (!state) day[key] = { kind: measure.kind, milli };
      else state.milli = measure.kind === 'min' ? Math.min(state.milli, milli) : Math.max(state.milli, milli);
      return;
    }
    case 'distinct': {
      const k = valueKey(valueAt(event, measure.value));
      if (k === undefined) return;
      const state = stateOf(day, key, 'distinct');
      if (state) insertSorted(state.values, k);
      else day[key] = { kind: 'distinct', values: [k] };
      return;
    }
    case 'countBy': {
      const k = valueKey(valueAt(event, measure.value));
      if (k === undefined) return;
      const state = stateOf(day, key, 'countBy');
      if (state) addCount(state.counts, k, 1);
      else {
        const counts: Record<string, number> = {};
        addCount(counts, k, 1);
        day[key] = { kind: 'countBy', counts };
      }
      return;
    }
    case 'last': {
      // The last known value: an event without one (an identify that only sends an email) does
      // not erase the age an earlier one gave.
      const raw = valueAt(event, measure.value);
      if (raw === undefined) return;
      const pick = { at: epochMs(event.timestamp), id: event.messageId, value: scalarOf(raw) };
      const state = stateOf(day, key, 'last');
      if (!state || compareLast(pick, state) > 0) day[key] = { kind: 'last', ...pick };
      return;
    }
    case 'latest': {
      const at = epochMs(event.timestamp);
      const state = stateOf(day, key, 'latest');
      if (state) state.at = Math.max(state.at, at);
      else day[key] = { kind: 'latest', at };
      return;
    }
  }
}

/**
 * Folds an event into its day's states (mutating `day`), for every measure whose filter it matches.
 * The caller applies each event once (the store keeps a ledger of applied messageIds): applying it
 * again leaves last, latest, distinct, min and max as they were but counts it twice in count, sum
 * and countBy. The day must be the event's own UTC day (`dayOf(event.timestamp)`).
 */
export function applyEvent(
  day: DayMeasures,
  event: FeatureEvent,
  measures: ReadonlyMap<string, Measure>,
): void {
  for (const [key, measure] of measures) {
    if (matches(event, measure.filter)) applyMeasure(day, key, measure, event);
  }
}

/**
 * A profile's days from its events, as the store would hold them: each messageId applied once (the
 * first seen), events after `asOf` left out, days where no measure matched left out, days ascending.
 */
export function daysFromEvents(
  events: readonly FeatureEvent[],
  measures: ReadonlyMap<string, Measure>,
  asOf?: string,
): Map<string, DayMeasures> {
  const cutoff = asOf === undefined ? Infinity : epochMs(asOf);
  const applied = new Set<string>();
  const days = new Map<string, DayMeasures>();
  for (const event of events) {
    if (epochMs(event.timestamp) > cutoff || applied.has(event.messageId)) continue;
    applied.add(event.messageId);
    const day = dayOf(event.timestamp);
    const measuresOfDay = days.get(day) ?? {};
    applyEvent(measuresOfDay, event, measures);
    days.set(day, measuresOfDay);
  }
  const sorted = new Map<string, DayMeasures>();
  for (const day of [...days.keys()].sort()) {
    const measuresOfDay = days.get(day) as DayMeasures;
    if (Object.keys(measuresOfDay).length > 0) sorted.set(day, measuresOfDay);
  }
  return sorted;
}
