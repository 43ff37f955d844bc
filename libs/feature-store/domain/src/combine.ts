// Combining states: windows over days, merges of two profiles. Every combination is commutative and
// associative, so any grouping of the same days gives the same measures.
import type { DayMeasures, MeasureState } from './measure-state.js';
import { addCount, cloneState, compareLast, unionSorted } from './state-ops.js';

function kindMismatch(a: MeasureState, b: MeasureState): Error {
  return new Error(`Cannot combine a ${a.kind} state with a ${b.kind} state`);
}

/** Two states of one measure as one, in a new object; throws when their kinds differ. */
export function combineStates(a: MeasureState, b: MeasureState): MeasureState {
  const combined = cloneState(a);
  combineInto(combined, b);
  return combined;
}

/**
 * Adds `b` into `a` in place (`a` must be a state the caller owns, e.g. a clone); throws when their
 * kinds differ.
 */
export function combineInto(a: MeasureState, b: MeasureState): void {
  if (b.kind !== a.kind) throw kindMismatch(a, b);
  switch (a.kind) {
    case 'count':
      a.n += (b as typeof a).n;
      return;
    case 'sum':
      a.milli += (b as typeof a).milli;
      return;
    case 'min':
      a.milli = Math.min(a.milli, (b as typeof a).milli);
      return;
    case 'max':
      a.milli = Math.max(a.milli, (b as typeof a).milli);
      return;
    case 'distinct':
      a.values = unionSorted(a.values, (b as typeof a).values);
      return;
    case 'countBy':
      for (const [key, n] of Object.entries((b as typeof a).counts)) addCount(a.counts, key, n);
      return;
    case 'last':
      if (compareLast(b as typeof a, a) > 0) Object.assign(a, b);
      return;
    case 'latest':
      a.at = Math.max(a.at, (b as typeof a).at);
      return;
  }
}

/** A day's (or window's) measures sharing nothing mutable with the original. */
export function cloneDay(measures: DayMeasures): DayMeasures {
  const copy: DayMeasures = {};
  for (const [key, state] of Object.entries(measures)) copy[key] = cloneState(state);
  return copy;
}

/** Adds a day's measures into `total` in place (`total` the caller's own): a key in `day` only is copied. */
export function addDayInto(total: DayMeasures, day: DayMeasures): void {
  for (const [key, state] of Object.entries(day)) {
    const mine = Object.hasOwn(total, key) ? total[key] : undefined;
    if (mine) combineInto(mine, state);
    else total[key] = cloneState(state);
  }
}

/** Two days' (or windows') measures as one, in new objects: a key in one only is copied. */
export function combineDays(a: DayMeasures, b: DayMeasures): DayMeasures {
  const combined = cloneDay(a);
  addDayInto(combined, b);
  return combined;
}
