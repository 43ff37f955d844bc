// Feature definitions as data. The online store (incremental, per UTC day) and the offline backfill
// (set-based SQL in the data-access lib) both compute the same *measures* from a definition, and one
// function (`readFeatures`) turns measures into feature values for both, so online == offline is
// a matter of equal measures, which are exact by construction: counts, integer sums, min/max,
// sets and "latest" picks do not depend on the order events arrive in.

/** The Segment call types a filter can select. */
export type EventType = 'identify' | 'track' | 'page' | 'screen' | 'group' | 'alias';

/** A feature's look-back: whole UTC days ending with the day read, or everything. */
export type FeatureWindow = '1d' | '7d' | '30d' | '90d' | 'lifetime';

export const WINDOW_DAYS: Readonly<Record<FeatureWindow, number | null>> = Object.freeze({
  '1d': 1,
  '7d': 7,
  '30d': 30,
  '90d': 90,
  lifetime: null,
});

/**
 * Where a measure reads a value from the event: a dotted path into the event (`properties.seconds`,
 * `context.device.type`, `traits.age`), or one of the derived keys:
 * - `@day`: the event's UTC date, `YYYY-MM-DD`;
 * - `@hourPart`: `night` (0–5 UTC), `morning` (6–11), `afternoon` (12–17), `evening` (18–23);
 * - `@weekpart`: `weekend` (Saturday, Sunday UTC) or `weekday`;
 * - `@deviceClass`: `mobile`, `tablet` or `desktop` from lower-cased `context.device.type` (ios/android/mobile →
 *   mobile, ipad/tablet → tablet, anything else or missing → desktop);
 * - `@session`: `<anonymousId or userId>/<floor(epoch ms / 30 min)>`: a 30-minute slot of one
 *   device, the order-independent session this store counts (see README).
 */
export type ValuePath = string;

/** Which events a measure reads: every condition given must hold. */
export interface EventFilter {
  type?: readonly EventType[];
  /** Track event names (`event`), exact. */
  event?: readonly string[];
  /** Page/screen names (`name`), exact. */
  name?: readonly string[];
}

/**
 * What the store keeps per profile and UTC day, identical online and offline:
 * - `count`: matching events;
 * - `sum`: Σ of the numeric value at `value`, in thousandths rounded half away from zero (an integer,
 *   so any order of addition gives the same sum); events whose value is not a JSON number count 0;
 * - `min` / `max`: of numeric values (thousandths, as `sum`); none → absent;
 * - `distinct`: the set of string forms of the value (numbers as JSON writes them); missing → ignored;
 * - `countBy`: matching events per string value (missing → not counted);
 * - `last`: the value of the latest matching event that has one (greatest timestamp, then greatest
 *   messageId): the last known value; an event without the value is skipped, a JSON null is kept;
 * - `latest`: the greatest timestamp (epoch ms) of a matching event.
 */
export type Measure =
  | { kind: 'count'; filter: EventFilter }
  | { kind: 'sum' | 'min' | 'max' | 'distinct' | 'countBy' | 'last'; filter: EventFilter; value: ValuePath }
  | { kind: 'latest'; filter: EventFilter };

/** How a feature's value comes from measures over its window. */
export type Compute =
  /** count, sum, min, max: a number (sums/min/max back in units); distinct: the set's size. */
  | { op: 'value'; measure: Measure }
  /** (numerator + prior) / (denominator + priorWeight): a smoothed rate; null when the divisor is 0. */
  | { op: 'ratio'; numerator: Measure; denominator: Measure; prior?: number; priorWeight?: number }
  /** A sum measure ÷ a count measure; null when the count is 0. */
  | { op: 'mean'; sum: Measure; count: Measure }
  /** Whole days from the latest matching event to the read time (floor); null when none. */
  | { op: 'recencyDays'; latest: Measure }
  /** The most frequent value of a countBy measure (ties: the smallest string); null when none. */
  | { op: 'top'; countBy: Measure }
  /** The share of one value in a countBy measure (0..1); null when it counted nothing. */
  | { op: 'share'; countBy: Measure; key: string }
  /**
   * The `last` measure's value as a category: numbers bucketed by `buckets` (`[upper bound, label]`
   * ascending, the first bound the value is below; above every bound: `above`), strings as they are.
   */
  | { op: 'category'; last: Measure; buckets?: ReadonlyArray<readonly [number, string]>; above?: string }
  /** RFM scores 1–5 from recency days, order count and revenue, each by fixed ascending thresholds. */
  | {
      op: 'rfm';
      part: 'recency' | 'frequency' | 'monetary';
      latest: Measure;
      orders: Measure;
      revenue: Measure;
      /** Four thresholds splitting the part's raw value into scores 1–5 (recency: fewer days scores higher). */
      thresholds: readonly [number, number, number, number];
    };

export type FeatureGroup = 'intent' | 'ads' | 'commerce' | 'engagement' | 'traits';

export interface FeatureDefinition {
  /** `<group>.<what>_<window>` (e.g. `intent.clicks_30d`): how every consumer asks for it. */
  name: string;
  description: string;
  group: FeatureGroup;
  type: 'number' | 'category';
  window: FeatureWindow;
  /** Raised when the meaning changes: a new version is backfilled before it is served. */
  version: number;
  compute: Compute;
}

export type FeatureValue = number | string | null;

/** The parts of a resolved event the store reads (a subset of the normalized Segment event). */
export interface FeatureEvent {
  messageId: string;
  type: EventType;
  event?: string;
  name?: string;
  userId?: string;
  anonymousId?: string;
  /** ISO 8601 with offset. */
  timestamp: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
}
