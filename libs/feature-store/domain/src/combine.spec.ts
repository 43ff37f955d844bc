import { describe, expect, it } from 'vitest';
import { combineDays, combineStates } from './combine.js';
import type { DayMeasures, MeasureState } from './measure-state.js';

/** mulberry32: a small seeded generator, so a failure replays. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS = ['count', 'sum', 'min', 'max', 'distinct', 'countBy', 'last', 'latest'] as const;

function randomState(next: () => number, kind: MeasureState['kind']): MeasureState {
  const int = (n: number) => Math.floor(next() * n);
  // Few distinct values, so ties and overlaps happen often.
  const word = () => ['a', 'b', 'c', 'B', '10', '9'][int(6)] as string;
  switch (kind) {
    case 'count':
      return { kind, n: 1 + int(50) };
    case 'sum':
    case 'min':
    case 'max':
      return { kind, milli: int(2_000_001) - 1_000_000 };
    case 'distinct':
      return { kind, values: [...new Set(Array.from({ length: 1 + int(4) }, word))].sort() };
    case 'countBy': {
      const counts: Record<string, number> = {};
      for (let i = 0; i < 1 + int(4); i++) counts[word()] = 1 + int(9);
      return { kind, counts };
    }
    case 'last': {
      const values = ['x', 1, true, null] as const;
      return { kind, at: 1_714_521_600_000 + int(3) * 1000, id: word(), value: values[int(4)] ?? null };
    }
    case 'latest':
      return { kind, at: 1_714_521_600_000 + int(5) * 1000 };
  }
}

/** A day with a random subset of keys, each key always one kind. */
function randomDay(next: () => number): DayMeasures {
  const day: DayMeasures = {};
  KINDS.forEach((kind, i) => {
    if (next() < 0.7) day[`m${i}`] = randomState(next, kind);
  });
  return day;
}

/** Key order in countBy objects is free; compare them as sorted entries. */
function normalized(day: DayMeasures): unknown {
  return Object.fromEntries(
    Object.entries(day)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, state]) => [
        key,
        state.kind === 'countBy' ? { ...state, counts: Object.entries(state.counts).sort() } : state,
      ]),
  );
}

describe('combineStates', () => {
  it('adds counts and sums, takes the extremes, and unions sets in order', () => {
    expect(combineStates({ kind: 'count', n: 2 }, { kind: 'count', n: 3 })).toEqual({ kind: 'count', n: 5 });
    expect(combineStates({ kind: 'sum', milli: 1500 }, { kind: 'sum', milli: -500 })).toEqual({
      kind: 'sum',
      milli: 1000,
    });
    expect(combineStates({ kind: 'min', milli: 5 }, { kind: 'min', milli: -5 })).toEqual({
      kind: 'min',
      milli: -5,
    });
    expect(combineStates({ kind: 'max', milli: 5 }, { kind: 'max', milli: -5 })).toEqual({
      kind: 'max',
      milli: 5,
    });
    expect(
      combineStates(
        { kind: 'distinct', values: ['a', 'c', 'e'] },
        { kind: 'distinct', values: ['B', 'c', 'd'] },
      ),
    ).toEqual({ kind: 'distinct', values: ['B', 'a', 'c', 'd', 'e'] });
    expect(combineStates({ kind: 'latest', at: 10 }, { kind: 'latest', at: 7 })).toEqual({
      kind: 'latest',
      at: 10,
    });
  });

  it('adds countBy per key', () => {
    expect(
      combineStates({ kind: 'countBy', counts: { a: 1, b: 2 } }, { kind: 'countBy', counts: { b: 3, c: 1 } }),
    ).toEqual({ kind: 'countBy', counts: { a: 1, b: 5, c: 1 } });
  });

  it('last keeps the greater (at, id), in either order', () => {
    const early = { kind: 'last', at: 1, id: 'z', value: 'early' } as const;
    const lowId = { kind: 'last', at: 2, id: 'a', value: 'low' } as const;
    const highId = { kind: 'last', at: 2, id: 'b', value: 'high' } as const;
    expect(combineStates(early, lowId)).toEqual(lowId);
    expect(combineStates(lowId, early)).toEqual(lowId);
    expect(combineStates(lowId, highId)).toEqual(highId);
    expect(combineStates(highId, lowId)).toEqual(highId);
  });

  it('throws naming both kinds when they differ', () => {
    expect(() => combineStates({ kind: 'count', n: 1 }, { kind: 'sum', milli: 1 })).toThrow(/count.*sum/);
    expect(() =>
      combineStates({ kind: 'latest', at: 1 }, { kind: 'last', at: 1, id: 'a', value: null }),
    ).toThrow(/latest.*last/);
  });

  it('leaves its inputs untouched and shares nothing with them', () => {
    const a: MeasureState = { kind: 'countBy', counts: { a: 1 } };
    const b: MeasureState = { kind: 'countBy', counts: { a: 2 } };
    const combined = combineStates(a, b);
    expect(a).toEqual({ kind: 'countBy', counts: { a: 1 } });
    expect(b).toEqual({ kind: 'countBy', counts: { a: 2 } });
    if (combined.kind === 'countBy') combined.counts['a'] = 99;
    expect(a).toEqual({ kind: 'countBy', counts: { a: 1 } });
  });
});

describe('combineDays', () => {
  it('copies a key present in one day only and combines keys present in both', () => {
    const a: DayMeasures = { x: { kind: 'count', n: 1 }, y: { kind: 'distinct', values: ['a'] } };
    const b: DayMeasures = { x: { kind: 'count', n: 2 }, z: { kind: 'latest', at: 5 } };
    const combined = combineDays(a, b);
    expect(combined).toEqual({
      x: { kind: 'count', n: 3 },
      y: { kind: 'distinct', values: ['a'] },
      z: { kind: 'latest', at: 5 },
    });
    const y = combined['y'];
    if (y?.kind === 'distinct') y.values.push('b');
    expect(a['y']).toEqual({ kind: 'distinct', values: ['a'] });
  });

  it('is commutative and associative on random days', () => {
    const next = seeded(20240501);
    for (let round = 0; round < 500; round++) {
      const [a, b, c] = [randomDay(next), randomDay(next), randomDay(next)];
      const before = JSON.stringify([a, b, c]);
      expect(normalized(combineDays(a, b))).toEqual(normalized(combineDays(b, a)));
      expect(normalized(combineDays(combineDays(a, b), c))).toEqual(
        normalized(combineDays(a, combineDays(b, c))),
      );
      expect(JSON.stringify([a, b, c])).toBe(before);
    }
  });

  it('has the empty day as identity', () => {
    const next = seeded(7);
    for (let round = 0; round < 50; round++) {
      const a = randomDay(next);
      expect(combineDays(a, {})).toEqual(a);
      expect(combineDays({}, a)).toEqual(a);
    }
  });
});
