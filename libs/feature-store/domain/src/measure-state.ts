// What the store keeps per profile and UTC day: one state per measure, plain JSON (stored as jsonb
// in `feature_store.daily`, and produced the same way by the offline SQL). Every state combines
// with another of its kind exactly and in any order, which is what makes windows, merges of two
// profiles and late or redelivered events come out the same online and offline.

/** A JSON scalar kept by a `last` measure (objects and arrays are kept as null). */
export type Scalar = string | number | boolean | null;

export type MeasureState =
  | { kind: 'count'; n: number }
  /** Thousandths: sign(v) × floor(|v| × 1000 + 0.5) in IEEE doubles, summed as integers. */
  | { kind: 'sum'; milli: number }
  | { kind: 'min'; milli: number }
  | { kind: 'max'; milli: number }
  /** Sorted ascending (code-unit order), no repeats. */
  | { kind: 'distinct'; values: string[] }
  /** Keys in any order; values ≥ 1. */
  | { kind: 'countBy'; counts: Record<string, number> }
  /** The latest matching event: epoch ms, then messageId, decide. */
  | { kind: 'last'; at: number; id: string; value: Scalar }
  | { kind: 'latest'; at: number };

/** One profile's measures for one UTC day, by measure key (`measureKey`); no key → nothing matched. */
export type DayMeasures = Record<string, MeasureState>;

/** A profile's days, `YYYY-MM-DD` → measures. */
export type ProfileDays = ReadonlyMap<string, DayMeasures>;
