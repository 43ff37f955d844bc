// Small operations shared by applying events and combining states (not part of the lib's API).
import type { MeasureState, Scalar } from './measure-state.js';

type LastPick = { at: number; id: string; value: Scalar };

/**
 * Orders `last` picks: epoch ms, then messageId (code-unit order), then the value's JSON, so that
 * even two picks of one (at, id) with different values combine the same in either order.
 */
export function compareLast(a: LastPick, b: LastPick): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const av = JSON.stringify(a.value);
  const bv = JSON.stringify(b.value);
  return av === bv ? 0 : av < bv ? -1 : 1;
}

/**
 * Adds to one key's count. New keys are defined as own data properties: plain assignment of a
 * `__proto__` key would set the object's prototype instead of counting it.
 */
export function addCount(counts: Record<string, number>, key: string, n: number): void {
  if (Object.hasOwn(counts, key)) counts[key] = (counts[key] ?? 0) + n;
  else Object.defineProperty(counts, key, { value: n, enumerable: true, writable: true, configurable: true });
}

/** Inserts into an ascending array without repeats (code-unit order, as the SQL side's `COLLATE "C"`). */
export function insertSorted(values: string[], value: string): void {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  if (values[low] !== value) values.splice(low, 0, value);
}

/** The union of two ascending arrays without repeats, ascending. */
export function unionSorted(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x < y)) {
      out.push(x as string);
      i++;
    } else if (x === undefined || y < x) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
      j++;
    }
  }
  return out;
}

/** A copy sharing nothing mutable with the original. */
export function cloneState(state: MeasureState): MeasureState {
  switch (state.kind) {
    case 'distinct':
      return { kind: 'distinct', values: [...state.values] };
    case 'countBy': {
      const counts: Record<string, number> = {};
      for (const [key, n] of Object.entries(state.counts)) addCount(counts, key, n);
      return { kind: 'countBy', counts };
    }
    default:
      return { ...state };
  }
}
