// Combining states: windows over days, merges of two profiles. Every combination is commutative and
// associative, so any grouping of the same days gives the same measures.
import type { DayMeasures, MeasureState } from './measure-state.js';
import { addCount, cloneState, compareLast, unionSorted } from './state-ops.js';

function kindMismatch(a: MeasureState, b: MeasureState): Error {
  return new Error(`Cannot combine a ${a.kind} state with a ${b.kind} state`);
}

/** Two states of one measure as one, in a new object; throws when their kinds differ. */
export function combineStates(a: MeasureState, b: MeasureState): MeasureState {
  switch (a.kind) {
    case 'count':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'count', n: a.n + b.n };
    case 'sum':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'sum', milli: a.milli + b.milli };
    case 'min':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'min', milli: Math.min(a.milli, b.milli) };
    case 'max':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'max', milli: Math.max(a.milli, b.milli) };
    case 'distinct':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'distinct', values: unionSorted(a.values, b.values) };
    case 'countBy': {
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      const combined = cloneState(a) as Extract<MeasureState, { kind: 'countBy' }>;
      for (const [key, n] of Object.entries(b.counts)) addCount(combined.counts, key, n);
      return combined;
    }
    case 'last':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { ...(compareLast(a, b) >= 0 ? a : b) };
    case 'latest':
      if (b.kind !== a.kind) throw kindMismatch(a, b);
      return { kind: 'latest', at: Math.max(a.at, b.at) };
  }
}

/**
 * Adds `b` into `a` in place (`a` must be a state the caller owns, e.g. a clone): the value
 * `combineStates(a, b)` would return, without a new object for the kinds that fit in `a`.
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

/** Two days' (or windows') measures as one, in new objects: a key in one only is copied. */
export function combineDays(a: DayMeasures, b: DayMeasures): DayMeasures {
  const combined: DayMeasures = {};
  for (const [key, state] of Object.entries(a)) combined[key] = cloneState(state);
  for (const [key, state] of Object.entries(b)) {
    const mine = Object.hasOwn(combined, key) ? combined[key] : undefined;
    combined[key] = mine ? combineStates(mine, state) : cloneState(state);
  }
  return combined;
}
