import type { SegmentSummary } from './summaries.js';

/**
 * Segment names a marketer can read, computed from {@link SegmentSummary} (raw units). k-means
 * numbers its clusters arbitrarily and differently on every retrain, so nothing here reads the
 * segment index except to break exact ties deterministically.
 */

export interface EngagementFeature {
  readonly name: string;
  /** Default 1; negative for features where more means less engaged (days since last visit). */
  readonly weight?: number;
}

/**
 * Engagement score of each summary: Σ weight × (segment mean − overall mean) / overall std, i.e.
 * the weighted z-score of the segment's centroid. A feature with no spread overall, or with no
 * value in the segment, adds 0 (no evidence either way).
 */
export function engagementScores(
  summaries: readonly SegmentSummary[],
  overall: SegmentSummary,
  features: readonly EngagementFeature[],
): number[] {
  if (features.length === 0) throw new RangeError('engagement scores need at least one feature');
  for (const { name, weight = 1 } of features) {
    if (!Number.isFinite(weight))
      throw new RangeError(`feature '${name}': weight must be finite (got ${weight})`);
    if (!Object.hasOwn(overall.numbers, name))
      throw new RangeError(`feature '${name}' is not a number column of the summaries`);
  }
  return summaries.map((summary) => {
    let score = 0;
    for (const { name, weight = 1 } of features) {
      const all = overall.numbers[name];
      const own = Object.hasOwn(summary.numbers, name) ? summary.numbers[name] : undefined;
      if (all === undefined || own === undefined)
        throw new RangeError(`segment ${summary.segment} has no '${name}'`);
      const z = zScore(own.mean, all);
      if (z !== undefined) score += weight * z;
    }
    return score;
  });
}

/**
 * Tier names for k segments, least engaged first. Past 5 the extra tiers are numbered
 * 'Moderately Engaged 1..n' between 'Low Engagement' and 'Engaged', so 'Dormant' stays first,
 * 'Highly Engaged' last and every name is distinct.
 */
export function tierNames(k: number): string[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k})`);
  switch (k) {
    case 1:
      return ['All'];
    case 2:
      return ['Low Engagement', 'Highly Engaged'];
    case 3:
      return ['Low Engagement', 'Moderately Engaged', 'Highly Engaged'];
    case 4:
      return ['Low Engagement', 'Moderately Engaged', 'Engaged', 'Highly Engaged'];
    case 5:
      return ['Dormant', 'Low Engagement', 'Moderately Engaged', 'Engaged', 'Highly Engaged'];
    default: {
      const middle = Array.from({ length: k - 4 }, (_, i) => `Moderately Engaged ${i + 1}`);
      return ['Dormant', 'Low Engagement', ...middle, 'Engaged', 'Highly Engaged'];
    }
  }
}

export interface TierName {
  /** Index into the scores (the segment id when they come from all of summariseSegments' segments). */
  readonly segment: number;
  readonly name: string;
  /** 0 for the least engaged segment, k − 1 for the most: the index into {@link tierNames}. */
  readonly rank: number;
}

/** Names segments by tier in the order of their scores; equal scores rank by segment index. */
export function nameTiers(scores: readonly number[]): TierName[] {
  if (scores.length === 0) return [];
  scores.forEach((score, segment) => {
    if (Number.isNaN(score)) throw new RangeError(`segment ${segment} has no engagement score (NaN)`);
  });
  const order = scores.map((_, segment) => segment);
  order.sort((a, b) => (scores[a] as number) - (scores[b] as number) || a - b);
  const names = tierNames(scores.length);
  const result = new Array<TierName>(scores.length);
  order.forEach((segment, rank) => (result[segment] = { segment, name: names[rank] as string, rank }));
  return result;
}

export interface FeatureLabel {
  /** The column's name in the summaries. */
  readonly name: string;
  /** Number columns: the trait when the segment is above average, default 'high <name>'. */
  readonly high?: string;
  /** Number columns: the trait when below average, default 'low <name>'. */
  readonly low?: string;
  /** Category columns: the words before the value ('income' → 'income 80k–100k'); default the name. */
  readonly label?: string;
}

export interface PersonaOptions {
  readonly labels?: readonly FeatureLabel[];
  /** Most traits in a name, default 3. */
  readonly maxTraits?: number;
  /** Least |z| for a number to count as a trait, default 0.5. */
  readonly minEffect?: number;
  /** Least lift (segment share / overall share) for a category, default 1.5. */
  readonly minLift?: number;
  /** Least share of the segment holding a category, default 0.3. */
  readonly minShare?: number;
}

export interface PersonaTrait {
  readonly feature: string;
  readonly kind: 'number' | 'category';
  readonly text: string;
  /** Numbers: z = (segment mean − overall mean) / overall std. Categories: lift. */
  readonly effect: number;
}

export interface Persona {
  readonly segment: number;
  readonly name: string;
  readonly traits: PersonaTrait[];
}

export const TYPICAL_PROFILE = 'Typical profile';

/**
 * Describes each segment by what sets it apart from everyone: numbers whose mean is at least
 * `minEffect` overall stds away, categories over-represented by `minLift` and held by `minShare`
 * of the segment. At most one trait per column (the strongest), at most `maxTraits` in all.
 *
 * Numbers and categories are ranked on one scale, the z-score of the segment's mean of the
 * column: |z| for a number, and for a category the z of its 0/1 indicator column,
 * (p_segment − p_all) / √(p_all (1 − p_all)), the same statistic on the one-hot column the
 * k-means saw. Lift alone would rank a rare category held by a few rows above a strong number.
 *
 * A segment where nothing passes is 'Typical profile'; a name used by an earlier segment gets
 * ' (2)', ' (3)'… so every segment's name is distinct.
 */
export function describePersonas(
  summaries: readonly SegmentSummary[],
  overall: SegmentSummary,
  options: PersonaOptions = {},
): Persona[] {
  const { maxTraits = 3, minEffect = 0.5, minLift = 1.5, minShare = 0.3 } = options;
  if (!Number.isInteger(maxTraits) || maxTraits < 1)
    throw new RangeError(`maxTraits must be a whole number ≥ 1 (got ${maxTraits})`);
  for (const [option, value] of Object.entries({ minEffect, minLift, minShare }))
    if (!(value >= 0 && Number.isFinite(value)))
      throw new RangeError(`${option} must be a finite number ≥ 0 (got ${value})`);
  const labels = new Map((options.labels ?? []).map((label) => [label.name, label]));
  const taken = new Set<string>();
  return summaries.map((summary) => {
    const candidates: (PersonaTrait & { strength: number })[] = [];
    for (const [feature, all] of Object.entries(overall.numbers)) {
      const own = Object.hasOwn(summary.numbers, feature) ? summary.numbers[feature] : undefined;
      const z = own === undefined ? undefined : zScore(own.mean, all);
      if (z === undefined || !(Math.abs(z) >= minEffect) || z === 0) continue;
      const label = labels.get(feature);
      const words = feature.replaceAll('_', ' ');
      const text = z > 0 ? (label?.high ?? `high ${words}`) : (label?.low ?? `low ${words}`);
      candidates.push({ feature, kind: 'number', text, effect: z, strength: Math.abs(z) });
    }
    for (const [feature, all] of Object.entries(overall.categories)) {
      const own = Object.hasOwn(summary.categories, feature) ? summary.categories[feature] : undefined;
      if (own === undefined) continue;
      let best: (PersonaTrait & { strength: number }) | undefined;
      for (const [category, pAll] of Object.entries(all.shares)) {
        const pOwn = Object.hasOwn(own.shares, category) ? (own.shares[category] ?? 0) : 0;
        // A category every row holds cannot set a segment apart (and has no spread to divide by).
        if (!(pAll > 0 && pAll < 1) || pOwn < minShare || pOwn / pAll < minLift) continue;
        const strength = (pOwn - pAll) / Math.sqrt(pAll * (1 - pAll));
        if (best !== undefined && strength <= best.strength) continue;
        const column = labels.get(feature)?.label ?? feature.replaceAll('_', ' ').toLowerCase();
        best = {
          feature,
          kind: 'category',
          text: `${column} ${readableRanges(category)}`,
          effect: pOwn / pAll,
          strength,
        };
      }
      if (best !== undefined) candidates.push(best);
    }
    // Stable sort: equal strengths keep column order, numbers before categories.
    candidates.sort((a, b) => b.strength - a.strength);
    const traits = candidates
      .slice(0, maxTraits)
      .map(({ feature, kind, text, effect }) => ({ feature, kind, text, effect }));
    const base = traits.length === 0 ? TYPICAL_PROFILE : traits.map((trait) => trait.text).join(', ');
    let name = base;
    for (let copy = 2; taken.has(name); copy++) name = `${base} (${copy})`;
    taken.add(name);
    return { segment: summary.segment, name, traits };
  });
}

/** (mean − overall mean) / overall std, or undefined when either is unknown or there is no spread. */
function zScore(mean: number, all: { readonly mean: number; readonly std: number }): number | undefined {
  if (!(all.std > 0) || Number.isNaN(mean) || Number.isNaN(all.mean)) return undefined;
  return (mean - all.mean) / all.std;
}

/** '80k-100k' → '80k–100k', '18 - 24' → '18 – 24': an en dash for a range, hyphens elsewhere kept. */
function readableRanges(value: string): string {
  return value.replace(/(\d[a-z%+]*\s*)-(?=\s*[$€£]?\d)/gi, '$1–');
}
