/**
 * What the demo loads and how its progress reads: names, sizes, rules and the parsing of the
 * tools' output. Pure, so it is tested without a platform (demo-plan.spec.ts).
 */

/** The names the demo gives what it creates; finding them is how a later start knows it ran. */
export const DEMO_SOURCE = 'demo';
export const DEMO_ADS_SOURCE = 'ads-csv';
export const DEMO_PARTNER = 'demo-google';
export const ENGAGED_READERS = 'Engaged readers';
export const CHURN_RISK = 'Churn risk';
export const DEMO_DESTINATION = 'demo-mailbox';
export const DEMO_CAMPAIGN = 'Weekly picks (demo)';

export interface DemoSize {
  /** datagen users (people; identity makes more profiles of their anonymous devices). */
  users: number;
  /** Days of history, ending at the start of the day the demo source was created. */
  days: number;
  seed: string;
}

/**
 * 400 people over 60 days: ~106,000 events and ~550 profiles (people and their devices before a
 * login). On 2 cores the whole demo takes 1–2 minutes, and 60 days give the churn model 12
 * cut-offs (see churnTraining): ~2,800 training rows, validation AUC ≈ 0.75.
 */
export const DEFAULT_DEMO_SIZE: DemoSize = { users: 400, days: 60, seed: '42' };

/**
 * Churn over a 14-day horizon with a cut-off every 3 days. The service's defaults (30 days, every
 * 7) leave a 60-day history no training cut-off whose label window closes before validation starts.
 */
export function churnTraining(days: number) {
  return {
    target: 'churn' as const,
    horizonDays: 14,
    everyDays: 3,
    historyDays: days,
    promote: 'auto' as const,
  };
}

export const DEMO_STEPS = [
  'events',
  'ads-csv segments',
  'features',
  'behaviour segments',
  'recent events',
  'churn model',
  'audiences',
  'ad partner',
  'campaign',
] as const;

export type DemoStep = (typeof DEMO_STEPS)[number];

/** `3/7 features`: the step's place in the run. */
export function stepLabel(step: DemoStep): string {
  return `${DEMO_STEPS.indexOf(step) + 1}/${DEMO_STEPS.length} ${step}`;
}

const DAY_MS = 86_400_000;

/**
 * datagen's `--start`: `days` whole UTC days before the day the demo source was created, so the
 * history ends where the demo began and a resumed load (on another day) sends the same events.
 */
export function historyStart(sourceCreatedAt: string, days: number): string {
  const created = Date.parse(sourceCreatedAt);
  const midnight = Math.floor(created / DAY_MS) * DAY_MS;
  return new Date(midnight - days * DAY_MS).toISOString();
}

/**
 * The history's last days arrive after the behaviour segmentation is trained on the rest, as a
 * live platform's newest events do: profiles whose last week changes their tier move segment, so
 * the console's transitions have real moves to show.
 */
export const RECENT_DAYS = 7;

/** Where the older history ends and the recent events begin (`RECENT_DAYS` before its end). */
export function recentCutoff(historyStartIso: string, days: number, recentDays = RECENT_DAYS): number {
  return Date.parse(historyStartIso) + Math.max(0, days - recentDays) * DAY_MS;
}

/** Which wave an event of datagen's stream belongs to, by its timestamp. */
export function waveOf(timestamp: unknown, cutoffMs: number): 'history' | 'recent' {
  const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  return Number.isFinite(at) && at >= cutoffMs ? 'recent' : 'history';
}

export interface TierSegment {
  id: string;
  name: string;
  /** 0 = least engaged; null for personas. */
  rank: number | null;
  size: number;
}

/**
 * The segments of the upper half of the engagement tiers (at least the top one): who counts as
 * engaged in a behaviour segmentation of any k.
 */
export function engagedSegments(segments: readonly TierSegment[]): TierSegment[] {
  const ranked = segments.filter((s) => s.rank !== null).sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0));
  return ranked.slice(0, Math.max(1, Math.floor(ranked.length / 2)));
}

/** "Engaged readers": reads articles and sits in an upper engagement tier of the behaviour model. */
export function engagedReadersRule(segmentIds: readonly string[]) {
  return {
    and: [
      { field: 'features.intent.article_views_30d', op: 'gte', value: 2 },
      { field: 'segments.features', op: 'in', values: [...segmentIds] },
    ],
  };
}

/** "Churn risk": the churn model's high band (probability ≥ 0.6, PREDICTION_BAND_HIGH). */
export const CHURN_RISK_RULE = { field: 'scores.churn_risk', op: 'gte', value: 0.6 };

/** The demo campaign's email: Mustache over the recipient's traits and features. */
export const DEMO_EMAIL_TEMPLATE = {
  subject: '{{traits.firstName}}, your reading picks this week',
  text: [
    'Hi {{traits.firstName}},',
    '',
    'You read {{features.intent_article_views_30d}} articles in the last 30 days. Here are five more',
    'we think you will like: https://www.cdp-demo.news/picks',
    '',
    'Unsubscribe: {{links.unsubscribe}}',
  ].join('\n'),
};

/** Deliveries by status (DELIVERIES_LIST, CAMPAIGN_REPORT) that reached the mail server. */
export function sentDeliveries(counts: Readonly<Record<string, number>>): number {
  return ['sent', 'delivered', 'opened', 'clicked', 'bounced'].reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/** Deliveries still queued or being sent (or waiting to retry). */
export function deliveriesInFlight(counts: Readonly<Record<string, number>>): number {
  return (counts['pending'] ?? 0) + (counts['sending'] ?? 0);
}

/** Profiles counted in SEGMENT_TRANSITIONS' rows. */
export function transitionCount(transitions: ReadonlyArray<{ count: number }>): number {
  return transitions.reduce((n, t) => n + t.count, 0);
}

/** 12,345 */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}
