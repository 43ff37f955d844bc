/** Real-time scoring helpers: risk bands, the features behind a score, and the intent score. */

export type RiskBand = 'low' | 'medium' | 'high';

export interface BandThresholds {
  /** From this score up: medium. */
  readonly medium: number;
  /** From this score up: high. */
  readonly high: number;
}

export const DEFAULT_BANDS: BandThresholds = Object.freeze({ medium: 0.3, high: 0.6 });

export function riskBand(score: number, thresholds: BandThresholds = DEFAULT_BANDS): RiskBand {
  if (score >= thresholds.high) return 'high';
  return score >= thresholds.medium ? 'medium' : 'low';
}

export interface Contribution {
  readonly feature: string;
  readonly contribution: number;
}

/**
 * The `n` features that moved a score most, by absolute contribution (log-odds), largest first.
 * `contributions` has one value per name and the bias last; zero contributions are left out.
 */
export function topContributions(
  contributions: ArrayLike<number>,
  names: readonly string[],
  n = 5,
): Contribution[] {
  const order: number[] = [];
  for (let f = 0; f < names.length; f++) if ((contributions[f] as number) !== 0) order.push(f);
  order.sort((a, b) => Math.abs(contributions[b] as number) - Math.abs(contributions[a] as number));
  return order.slice(0, n).map((f) => ({
    feature: names[f] as string,
    contribution: Math.round((contributions[f] as number) * 1e4) / 1e4,
  }));
}

/**
 * The intent score: how ready to buy a profile looks right now, from the shortest windows the
 * feature store keeps, so it moves with every page view, search, ad click and cart add of a
 * session. It is a stated logistic formula, not a trained model: "intent" has no label until an
 * order happens, and the engagement model already predicts conversion over weeks. Weights are on
 * log1p of the counts, so the tenth click adds less than the first.
 */
export const INTENT_WEIGHTS: ReadonlyArray<{ readonly feature: string; readonly weight: number }> = [
  { feature: 'intent.clicks_1d', weight: 0.5 },
  { feature: 'ads.clicks_1d', weight: 0.8 },
  { feature: 'intent.searches_7d', weight: 0.4 },
  { feature: 'commerce.cart_adds_7d', weight: 1.1 },
];

export const INTENT_BIAS = -3.5;

/** Intent 0..1 from a profile's features (missing counts as 0). */
export function intentScore(feature: (name: string) => number | null | undefined): number {
  let z = INTENT_BIAS;
  for (const { feature: name, weight } of INTENT_WEIGHTS) {
    const value = feature(name);
    if (typeof value === 'number' && value > 0) z += weight * Math.log1p(value);
  }
  return Math.round((1 / (1 + Math.exp(-z))) * 1e4) / 1e4;
}
