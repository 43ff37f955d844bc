import { gaussian, seededRandom } from '@cdp/shared/testing';

/**
 * Generated churn history for the prediction benchmark, with a KNOWN churn mechanism: each row is
 * one (profile, cut-off) with the behavioural features a feature store would serve at the cut-off,
 * and its label is drawn from a fixed logistic function of a few of them (`churnLogit`), so the
 * best possible model is known and a trained one can be judged against it.
 *
 * - Features come from a latent engagement per row, so they are correlated as real ones are
 *   (sessions, active days and clicks move together); several are missing (NaN) where a real store
 *   has no value: email opens without email consent, order recency without orders, weekend share
 *   without sessions.
 * - The mechanism uses days since last seen, 30-day sessions, 90-day orders and email opens, with
 *   an interaction (email engagement softens the effect of a long absence), plus a slow drift of
 *   the base rate over the cut-offs. The other features carry signal only through their
 *   correlation with these; the noise features carry none.
 * - Rows are ordered by cut-off, so the last quarter of the rows is a time-based validation set.
 * - No value is ever -1: ml-xgboost's binding reads -1 as missing.
 */

/** Names of the behavioural features, in column order; columns after these are noise. */
export const CHURN_FEATURES = [
  'days_since_last_seen',
  'sessions_7d',
  'sessions_30d',
  'sessions_90d',
  'active_days_30d',
  'clicks_30d',
  'email_opens_30d',
  'orders_90d',
  'order_recency_days',
  'order_frequency',
  'monetary_total',
  'weekend_share',
  'tenure_days',
] as const;

export interface ChurnDataOptions {
  /** Features per row, at least CHURN_FEATURES.length; the rest are noise (default 30). */
  readonly cols?: number;
  /** Number of distinct cut-offs the rows are spread over, in order (default 12). */
  readonly cutoffs?: number;
  /** The same seed gives the same rows and labels. */
  readonly seed: number;
}

export interface ChurnData {
  /** rows × cols, row-major; NaN is missing. */
  readonly x: Float32Array;
  /** 1: churned in the window after the row's cut-off. */
  readonly labels: Float32Array;
  /** The cut-off (0 … cutoffs − 1) of each row, non-decreasing. */
  readonly cutoffIndex: Int32Array;
  /** The true log-odds each label was drawn from: the best any model can do. */
  readonly logit: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly featureNames: string[];
}

export const CHURN_DEFAULTS = { cols: 30, cutoffs: 12 } as const;

/** Behavioural values of one row, before they are written as float32. */
interface Behaviour {
  daysSinceLastSeen: number;
  sessions30: number;
  orders90: number;
  /** NaN without email consent. */
  emailOpens: number;
}

/**
 * The mechanism: log-odds of churn. Long absence raises it (less so for profiles that open emails:
 * the interaction), sessions and orders lower it; `drift` in [0, 1] moves the base rate over time.
 */
export function churnLogit(b: Behaviour, drift: number): number {
  const absence = Math.log1p(b.daysSinceLastSeen);
  const opens = Number.isNaN(b.emailOpens) ? 0 : Math.log1p(b.emailOpens);
  return (
    -1.6 +
    0.4 * drift +
    1.7 * absence -
    1.1 * Math.log1p(b.sessions30) -
    1.2 * Math.log1p(b.orders90) -
    0.4 * absence * opens +
    0.6 * opens
  );
}

export function churnData(rows: number, options: ChurnDataOptions): ChurnData {
  const { cols = CHURN_DEFAULTS.cols, cutoffs = CHURN_DEFAULTS.cutoffs, seed } = options;
  const behavioural = CHURN_FEATURES.length;
  if (!Number.isInteger(rows) || rows < 0)
    throw new RangeError(`rows must be a whole number ≥ 0 (got ${rows})`);
  if (!Number.isInteger(cols) || cols < behavioural)
    throw new RangeError(`cols must be a whole number ≥ ${behavioural} (got ${cols})`);
  if (!Number.isInteger(cutoffs) || cutoffs < 1)
    throw new RangeError(`cutoffs must be a whole number ≥ 1 (got ${cutoffs})`);

  const random = seededRandom(seed);
  const normal = gaussian(random);
  /** A count around `mean` (log-normal spread, rounded stochastically): ≥ 0, cheap at any mean. */
  const count = (mean: number, spread = 0.35): number =>
    Math.floor(mean * Math.exp(spread * normal() - (spread * spread) / 2) + random());

  const x = new Float32Array(rows * cols);
  const labels = new Float32Array(rows);
  const cutoffIndex = new Int32Array(rows);
  const logit = new Float64Array(rows);
  for (let i = 0, at = 0; i < rows; i++, at += cols) {
    const cutoff = Math.min(cutoffs - 1, Math.floor((i * cutoffs) / rows));
    cutoffIndex[i] = cutoff;
    const drift = cutoffs > 1 ? cutoff / (cutoffs - 1) : 0;

    const engagement = normal();
    // Sessions per day.
    const rate = 0.35 * Math.exp(0.9 * engagement);
    const sessions7 = count(7 * rate);
    const sessions30 = sessions7 + count(23 * rate);
    const sessions90 = sessions30 + count(60 * rate);
    const activeDays30 = Math.min(30, Math.round(sessions30 * (0.45 + 0.35 * random())));
    const clicks30 = count(sessions30 * 4, 0.5);
    const daysSinceLastSeen = Math.min(
      365,
      Math.round(-Math.log(1 - random()) * (20 / (1 + 8 * rate)) * 10) / 10,
    );
    const emailOpens = random() < 0.18 ? NaN : count(2 * Math.exp(0.5 * engagement + 0.6 * normal()));
    const tenure = Math.round(30 + random() * 1_470);
    const orders90 = count(0.8 * rate * 3 * Math.exp(0.4 * normal()), 0.5);
    const frequency = orders90 + count((orders90 + 0.3) * (tenure / 90) * 0.5, 0.6);
    const recency = frequency === 0 ? NaN : Math.round(-Math.log(1 - random()) * (45 / (1 + orders90)));
    const monetary = frequency === 0 ? 0 : Math.round(frequency * 40 * Math.exp(0.6 * normal()) * 100) / 100;
    const weekendShare = sessions30 === 0 ? NaN : Math.min(1, Math.max(0, 0.29 + 0.12 * normal()));

    const values = [
      daysSinceLastSeen,
      sessions7,
      sessions30,
      sessions90,
      activeDays30,
      clicks30,
      emailOpens,
      orders90,
      recency,
      frequency,
      monetary,
      weekendShare,
      tenure,
    ];
    for (let c = 0; c < behavioural; c++) x[at + c] = values[c] as number;
    // Noise: uniform or log-normal, all ≥ 0, a few missing.
    for (let c = behavioural; c < cols; c++)
      x[at + c] = random() < 0.03 ? NaN : c % 2 === 0 ? random() * 100 : Math.exp(normal());

    const z = churnLogit({ daysSinceLastSeen, sessions30, orders90, emailOpens }, drift);
    logit[i] = z;
    labels[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  const featureNames = [
    ...CHURN_FEATURES,
    ...Array.from({ length: cols - behavioural }, (_, k) => `noise_${k}`),
  ];
  return { x, labels, cutoffIndex, logit, rows, cols, featureNames };
}
