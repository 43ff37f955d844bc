// From measures to feature values: the one reading both the online store and the offline backfill
// go through, so equal measures give equal features.
import { daysFromEvents } from './apply.js';
import { addDayInto, cloneDay } from './combine.js';
import {
  WINDOW_DAYS,
  type Compute,
  type FeatureDefinition,
  type FeatureEvent,
  type FeatureValue,
  type FeatureWindow,
  type Measure,
} from './definition.js';
import { measureKey, measuresOf } from './measure-key.js';
import type { DayMeasures, MeasureState, ProfileDays } from './measure-state.js';
import { addDays, dayOf, epochMs } from './values.js';

const DAY_MS = 86_400_000;

/**
 * The measures of the window ending with `asOfDay`: days in (asOfDay − windowDays, asOfDay], so a
 * 7-day window is the day read and the 6 before it; null = every day up to asOfDay.
 */
export function windowMeasures(days: ProfileDays, asOfDay: string, windowDays: number | null): DayMeasures {
  return windowsMeasures(days, asOfDay, [windowDays]).get(windowDays) as DayMeasures;
}

/**
 * The measures of several windows ending with `asOfDay` (as `windowMeasures`), folded once: each
 * day is added to a running total, from the newest back, and a window's measures are a copy of the
 * total when its oldest day has been added. Combining is commutative and associative, so this
 * equals folding each window on its own.
 */
export function windowsMeasures(
  days: ProfileDays,
  asOfDay: string,
  windows: ReadonlyArray<number | null>,
): Map<number | null, DayMeasures> {
  addDays(asOfDay, 0); // rejects a malformed asOfDay
  // Shortest first, every day (null) last; each window's first day before it (exclusive).
  const ordered = [...new Set(windows)].sort((a, b) => (a === null ? 1 : b === null ? -1 : a - b));
  const starts = ordered.map((w) => (w === null ? null : addDays(asOfDay, -w)));
  // `YYYY-MM-DD` strings order as the days they name: newest first, none after asOfDay.
  const newestFirst = [...days.keys()]
    .filter((day) => day <= asOfDay)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  const result = new Map<number | null, DayMeasures>();
  const total: DayMeasures = {};
  let next = 0;
  for (const [i, window] of ordered.entries()) {
    const start = starts[i];
    for (; next < newestFirst.length; next++) {
      const day = newestFirst[next] as string;
      if (start !== null && start !== undefined && day <= start) break;
      addDayInto(total, days.get(day) as DayMeasures);
    }
    // The last (widest) window takes the running total itself.
    result.set(window, i === ordered.length - 1 ? total : cloneDay(total));
  }
  return result;
}

// Hashing a measure per feature per profile adds up; definitions are long-lived objects.
const keys = new WeakMap<Measure, string>();

/** The window's state of a measure, checked to be of the measure's kind; undefined when nothing matched. */
function stateOf(measures: DayMeasures, measure: Measure): MeasureState | undefined {
  let key = keys.get(measure);
  if (key === undefined) {
    key = measureKey(measure);
    keys.set(measure, key);
  }
  const state = Object.hasOwn(measures, key) ? measures[key] : undefined;
  if (state && state.kind !== measure.kind) {
    throw new Error(`State ${key} is a ${state.kind} state, its measure a ${measure.kind}`);
  }
  return state;
}

/**
 * A measure read on its own: count, distinct size and the sum of countBy's counts are 0 when nothing
 * matched; sum is 0 too (in units); min, max, last and latest (epoch ms) are null.
 */
function measureValue(measures: DayMeasures, measure: Measure): FeatureValue {
  const state = stateOf(measures, measure);
  switch (measure.kind) {
    case 'count':
      return state?.kind === 'count' ? state.n : 0;
    case 'sum':
      return state?.kind === 'sum' ? state.milli / 1000 : 0;
    case 'min':
    case 'max':
      return state?.kind === 'min' || state?.kind === 'max' ? state.milli / 1000 : null;
    case 'distinct':
      return state?.kind === 'distinct' ? state.values.length : 0;
    case 'countBy':
      return state?.kind === 'countBy' ? total(state.counts) : 0;
    case 'last':
      return state?.kind === 'last'
        ? typeof state.value === 'boolean'
          ? String(state.value)
          : state.value
        : null;
    case 'latest':
      return state?.kind === 'latest' ? state.at : null;
  }
}

/** A measure's value when it is a number, else null. */
function amount(measures: DayMeasures, measure: Measure): number | null {
  const value = measureValue(measures, measure);
  return typeof value === 'number' ? value : null;
}

function total(counts: Record<string, number>): number {
  let sum = 0;
  for (const n of Object.values(counts)) sum += n;
  return sum;
}

function countsOf(measures: DayMeasures, measure: Measure): Record<string, number> {
  const state = stateOf(measures, measure);
  if (state === undefined) return {};
  if (state.kind !== 'countBy') throw new Error(`Expected a countBy measure, got ${measure.kind}`);
  return state.counts;
}

/** Epoch ms of the latest matching event, from a `latest` (or `last`) measure. */
function latestAt(measures: DayMeasures, measure: Measure): number | null {
  const state = stateOf(measures, measure);
  if (state === undefined) return null;
  if (state.kind !== 'latest' && state.kind !== 'last') {
    throw new Error(`Expected a latest measure, got ${measure.kind}`);
  }
  return state.at;
}

/** Whole days since `at`, never negative (an event later than the read counts as today). */
function daysSince(asOfMs: number, at: number): number {
  return Math.max(0, Math.floor((asOfMs - at) / DAY_MS));
}

function bucket(
  value: number,
  buckets: ReadonlyArray<readonly [number, string]>,
  above?: string,
): string | null {
  for (const [bound, label] of buckets) if (value < bound) return label;
  return above ?? null;
}

function rfmScore(compute: Extract<Compute, { op: 'rfm' }>, measures: DayMeasures, asOfMs: number): number {
  const orders = amount(measures, compute.orders) ?? 0;
  // Someone who never ordered is the lowest customer on every part.
  if (orders <= 0) return 1;
  const { thresholds } = compute;
  const reached = (value: number) => thresholds.filter((threshold) => value >= threshold).length;
  switch (compute.part) {
    case 'recency': {
      const at = latestAt(measures, compute.latest);
      if (at === null) return 1;
      const days = daysSince(asOfMs, at);
      // Within the first threshold scores 5; past the last one scores 1.
      return 5 - thresholds.filter((threshold) => days > threshold).length;
    }
    case 'frequency':
      return 1 + reached(orders);
    case 'monetary':
      return 1 + reached(amount(measures, compute.revenue) ?? 0);
  }
}

/** One compute over a window's measures, read at `asOfMs`. */
export function computeFeature(compute: Compute, measures: DayMeasures, asOfMs: number): FeatureValue {
  switch (compute.op) {
    case 'value':
      return measureValue(measures, compute.measure);
    case 'ratio': {
      const numerator = amount(measures, compute.numerator);
      const denominator = amount(measures, compute.denominator);
      if (numerator === null || denominator === null) return null;
      const divisor = denominator + (compute.priorWeight ?? 0);
      return divisor === 0 ? null : (numerator + (compute.prior ?? 0)) / divisor;
    }
    case 'mean': {
      const sum = amount(measures, compute.sum);
      const count = amount(measures, compute.count);
      return sum === null || count === null || count === 0 ? null : sum / count;
    }
    case 'recencyDays': {
      const at = latestAt(measures, compute.latest);
      return at === null ? null : daysSince(asOfMs, at);
    }
    case 'top': {
      let best: string | null = null;
      let bestCount = 0;
      for (const [key, n] of Object.entries(countsOf(measures, compute.countBy))) {
        if (n > bestCount || (n === bestCount && best !== null && key < best)) {
          best = key;
          bestCount = n;
        }
      }
      return best;
    }
    case 'share': {
      const counts = countsOf(measures, compute.countBy);
      const all = total(counts);
      if (all === 0) return null;
      return (Object.hasOwn(counts, compute.key) ? (counts[compute.key] ?? 0) : 0) / all;
    }
    case 'category': {
      const state = stateOf(measures, compute.last);
      if (state === undefined) return null;
      if (state.kind !== 'last') throw new Error(`Expected a last measure, got ${compute.last.kind}`);
      const { value } = state;
      if (typeof value === 'number') {
        return compute.buckets ? bucket(value, compute.buckets, compute.above) : String(value);
      }
      if (typeof value === 'boolean') return String(value);
      return value;
    }
    case 'rfm':
      return rfmScore(compute, measures, asOfMs);
  }
}

function windowDaysOf(window: FeatureWindow): number | null {
  if (!Object.hasOwn(WINDOW_DAYS, window)) throw new Error(`Unknown window ${JSON.stringify(window)}`);
  return WINDOW_DAYS[window];
}

/**
 * Feature values read at `asOf`: each definition over its window ending with asOf's UTC day. A day
 * is read whole, so the online store, read mid-day, includes that day's events so far.
 */
export function readFeatures(
  days: ProfileDays,
  asOf: string,
  definitions: readonly FeatureDefinition[],
): Record<string, FeatureValue> {
  const asOfDay = dayOf(asOf);
  const asOfMs = epochMs(asOf);
  const windows = windowsMeasures(
    days,
    asOfDay,
    definitions.map((d) => windowDaysOf(d.window)),
  );
  const values: Record<string, FeatureValue> = {};
  for (const definition of definitions) {
    const measures = windows.get(windowDaysOf(definition.window)) as DayMeasures;
    values[definition.name] = computeFeature(definition.compute, measures, asOfMs);
  }
  return values;
}

/**
 * The reference point-in-time evaluation: the features a profile with these events had at `asOf`,
 * counting only events at or before it (each messageId once).
 */
export function featuresFromEvents(
  events: readonly FeatureEvent[],
  asOf: string,
  definitions: readonly FeatureDefinition[],
): Record<string, FeatureValue> {
  return readFeatures(daysFromEvents(events, measuresOf(definitions), asOf), asOf, definitions);
}
