import type { ColumnSpec, EngagementFeature, FeatureLabel } from '@cdp/clustering/domain';

/** The source of the behaviour segmentation: profiles and their features from the feature store. */
export const FEATURES_SOURCE = 'features';

/**
 * The default behaviour segmentation over the feature store's catalog: what people click, read and
 * how often they come back over the last 30 days. Counts are log1p'd (a few heavy users would
 * otherwise get a segment of their own).
 */
export const BEHAVIOUR_FEATURES: readonly ColumnSpec[] = [
  { name: 'intent.clicks_30d', kind: 'number', log1p: true },
  { name: 'intent.article_views_30d', kind: 'number', log1p: true },
  { name: 'intent.avg_article_seconds_30d', kind: 'number', log1p: true },
  { name: 'intent.searches_30d', kind: 'number', log1p: true },
  { name: 'engagement.sessions_30d', kind: 'number', log1p: true },
  { name: 'engagement.active_days_30d', kind: 'number' },
  { name: 'engagement.weekend_share_30d', kind: 'number' },
];

/** Tiers are ordered by these: clicks and time on articles first, as the product started from. */
export const ENGAGEMENT_FEATURES: readonly EngagementFeature[] = [
  { name: 'intent.clicks_30d', weight: 1 },
  { name: 'intent.avg_article_seconds_30d', weight: 1 },
  { name: 'engagement.sessions_30d', weight: 0.5 },
  { name: 'engagement.active_days_30d', weight: 0.5 },
];

export const BEHAVIOUR_LABELS: readonly FeatureLabel[] = [
  { name: 'intent.clicks_30d', high: 'many clicks', low: 'few clicks' },
  { name: 'intent.article_views_30d', high: 'reads many articles', low: 'reads few articles' },
  { name: 'intent.avg_article_seconds_30d', high: 'long reads', low: 'short reads' },
  { name: 'intent.searches_30d', high: 'searches a lot', low: 'rarely searches' },
  { name: 'engagement.sessions_30d', high: 'many sessions', low: 'few sessions' },
  { name: 'engagement.active_days_30d', high: 'active most days', low: 'rarely active' },
  { name: 'engagement.weekend_share_30d', high: 'weekend-heavy', low: 'weekday-heavy' },
];

/** The longest window among feature names like `intent.clicks_30d`, in days (0 when none says). */
export function longestWindowDays(names: readonly string[]): number {
  let days = 0;
  for (const name of names) {
    const match = /_(\d+)d$/.exec(name);
    if (match) days = Math.max(days, Number(match[1]));
  }
  return days;
}
