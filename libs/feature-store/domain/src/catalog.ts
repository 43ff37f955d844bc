/**
 * The first feature catalog, on the events the data generator (tools/datagen) emits. Choices the
 * events forced, so a reader knows what each number means:
 * - A "click" is a page view (any `page` event); distinct pages are distinct `properties.path`.
 * - Activity (sessions, active days, time of day, weekend, device) counts `track`, `page` and
 *   `screen` events: what a person does, not `identify`/`alias`/`group` bookkeeping.
 * - Sessions are `@session` slots: 30 minutes of one device. Session duration cannot be had
 *   independently of event order, so the catalog gives events per session and pages per session.
 * - Average time per click = Σ `Article Viewed.seconds` ÷ page views (only articles report time).
 *   Article seconds missing from an event count as 0 in the mean, as `sum` counts them.
 * - Ad interaction time is not in the events (no dwell time on ads); the catalog measures ad
 *   interaction as sessions with an ad click and ad clicks per session instead.
 * - CTR = (clicks + 1) / (impressions + 50): a prior of 2% worth 50 impressions. Conversion rate =
 *   (orders + 1) / (ad clicks + 20), prior 5% worth 20 clicks: orders per ad click, not attributed
 *   to ads (an order without an ad click counts too), so it can exceed 1.
 * - No event carries a brand: the catalog has distinct products (`Product Added.productId`) instead.
 * - No "email sent" or "push received" event exists, so no open rates: email click rate is link
 *   clicks ÷ opens; push has open counts only.
 * - RFM runs over the lifetime. Recency scores 5 within 7 days of the last order, then 4 (≤ 30),
 *   3 (≤ 90), 2 (≤ 180), 1; frequency 1 + how many of 2, 3, 5, 8 orders are reached; monetary
 *   1 + how many of 50, 200, 500, 1500 revenue are reached. No order at all scores 1 on every part.
 * - Traits are the `last` value of each trait over `identify` events. Note that `last` keeps a
 *   missing value as null: an identify without `age` after one with it reads as no age.
 * - Age and numeric income are bucketed; string income, gender, location type, plan, country and
 *   interests (when a string; a list reads as null) are taken as they are.
 */
import type {
  Compute,
  EventFilter,
  FeatureDefinition,
  FeatureGroup,
  FeatureWindow,
  Measure,
} from './definition.js';
import { WINDOW_DAYS } from './definition.js';
import { measuresOfCompute } from './measure-key.js';
import { isDerivedKey } from './values.js';

// Filters

const track = (...event: string[]): EventFilter => ({ type: ['track'], event });
const PAGES: EventFilter = { type: ['page'] };
const ACTIVITY: EventFilter = { type: ['track', 'page', 'screen'] };
const IDENTIFY: EventFilter = { type: ['identify'] };
const ARTICLES = track('Article Viewed');
const SEARCHES = track('Products Searched');
const CART_ADDS = track('Product Added');
const IMPRESSIONS = track('Ad Impression');
const AD_CLICKS = track('Ad Clicked');
const ORDERS = track('Order Completed');
const EMAIL_OPENS = track('Email Opened');
const EMAIL_CLICKS = track('Email Link Clicked');
const PUSH_OPENS = track('Push Opened');

// Measures

const count = (filter: EventFilter): Measure => ({ kind: 'count', filter });
const sum = (filter: EventFilter, value: string): Measure => ({ kind: 'sum', filter, value });
const distinct = (filter: EventFilter, value: string): Measure => ({ kind: 'distinct', filter, value });
const countBy = (filter: EventFilter, value: string): Measure => ({ kind: 'countBy', filter, value });
const last = (filter: EventFilter, value: string): Measure => ({ kind: 'last', filter, value });
const latest = (filter: EventFilter): Measure => ({ kind: 'latest', filter });

const PAGE_VIEWS = count(PAGES);
const SESSIONS = distinct(ACTIVITY, '@session');
const ORDER_COUNT = count(ORDERS);
const REVENUE = sum(ORDERS, 'properties.revenue');
const LAST_ORDER = latest(ORDERS);
const ARTICLE_SECONDS = sum(ARTICLES, 'properties.seconds');

// Definitions

interface Spec {
  /** The name without its window suffix: `<group>.<what>`. */
  base: string;
  description: string;
  type?: FeatureDefinition['type'];
  compute: Compute;
}

/** One definition per window, named `<base>_<window>`. */
function windowed(windows: readonly FeatureWindow[], spec: Spec): FeatureDefinition[] {
  return windows.map((window) => ({
    name: `${spec.base}_${window}`,
    description: `${spec.description} (${window === 'lifetime' ? 'lifetime' : `last ${window}`})`,
    group: spec.base.slice(0, spec.base.indexOf('.')) as FeatureGroup,
    type: spec.type ?? 'number',
    window,
    version: 1,
    compute: spec.compute,
  }));
}

/** A lifetime trait, named without a window suffix. */
function trait(name: string, description: string, compute: Compute): FeatureDefinition {
  return {
    name: `traits.${name}`,
    description,
    group: 'traits',
    type: 'category',
    window: 'lifetime',
    version: 1,
    compute,
  };
}

/** The trait's last value, as it is. */
const asGiven = (path: string): Compute => ({ op: 'category', last: last(IDENTIFY, path) });

const share = (measure: Measure, key: string): Compute => ({ op: 'share', countBy: measure, key });

const HOUR_PARTS = countBy(ACTIVITY, '@hourPart');
const DEVICE_CLASSES = countBy(ACTIVITY, '@deviceClass');

const rfm = (
  part: 'recency' | 'frequency' | 'monetary',
  thresholds: readonly [number, number, number, number],
): Compute => ({ op: 'rfm', part, latest: LAST_ORDER, orders: ORDER_COUNT, revenue: REVENUE, thresholds });

const CATALOG: FeatureDefinition[] = [
  // intent
  ...windowed(['1d', '7d', '30d', '90d'], {
    base: 'intent.clicks',
    description: 'Page views',
    compute: { op: 'value', measure: PAGE_VIEWS },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'intent.distinct_pages',
    description: 'Distinct page paths viewed',
    compute: { op: 'value', measure: distinct(PAGES, 'properties.path') },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'intent.searches',
    description: 'Product searches',
    compute: { op: 'value', measure: count(SEARCHES) },
  }),
  ...windowed(['7d', '30d'], {
    base: 'intent.distinct_search_queries',
    description: 'Distinct product search queries',
    compute: { op: 'value', measure: distinct(SEARCHES, 'properties.query') },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'intent.article_views',
    description: 'Articles read',
    compute: { op: 'value', measure: count(ARTICLES) },
  }),
  ...windowed(['7d', '30d'], {
    base: 'intent.avg_article_seconds',
    description: 'Mean seconds spent on an article',
    compute: { op: 'mean', sum: ARTICLE_SECONDS, count: count(ARTICLES) },
  }),
  ...windowed(['7d', '30d'], {
    base: 'intent.seconds_per_click',
    description: 'Seconds on articles per page view',
    compute: { op: 'mean', sum: ARTICLE_SECONDS, count: PAGE_VIEWS },
  }),

  // ads
  ...windowed(['1d', '7d', '30d'], {
    base: 'ads.impressions',
    description: 'Ad impressions',
    compute: { op: 'value', measure: count(IMPRESSIONS) },
  }),
  ...windowed(['1d', '7d', '30d'], {
    base: 'ads.clicks',
    description: 'Ad clicks',
    compute: { op: 'value', measure: count(AD_CLICKS) },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'ads.ctr',
    description: 'Ad click-through rate, smoothed towards 2% with the weight of 50 impressions',
    compute: {
      op: 'ratio',
      numerator: count(AD_CLICKS),
      denominator: count(IMPRESSIONS),
      prior: 1,
      priorWeight: 50,
    },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'ads.conversions',
    description: 'Orders completed',
    compute: { op: 'value', measure: ORDER_COUNT },
  }),
  ...windowed(['30d', '90d'], {
    base: 'ads.conversion_rate',
    description: 'Orders per ad click, smoothed towards 5% with the weight of 20 clicks',
    compute: {
      op: 'ratio',
      numerator: ORDER_COUNT,
      denominator: count(AD_CLICKS),
      prior: 1,
      priorWeight: 20,
    },
  }),
  ...windowed(['7d', '30d'], {
    base: 'ads.click_sessions',
    description: 'Sessions with an ad click',
    compute: { op: 'value', measure: distinct(AD_CLICKS, '@session') },
  }),
  ...windowed(['7d', '30d'], {
    base: 'ads.clicks_per_session',
    description: 'Ad clicks per session',
    compute: { op: 'ratio', numerator: count(AD_CLICKS), denominator: SESSIONS },
  }),

  // commerce
  ...windowed(['30d', '90d', 'lifetime'], {
    base: 'commerce.orders',
    description: 'Orders completed',
    compute: { op: 'value', measure: ORDER_COUNT },
  }),
  ...windowed(['30d', '90d', 'lifetime'], {
    base: 'commerce.revenue',
    description: 'Revenue of completed orders',
    compute: { op: 'value', measure: REVENUE },
  }),
  ...windowed(['90d', 'lifetime'], {
    base: 'commerce.avg_order_value',
    description: 'Mean revenue per order',
    compute: { op: 'mean', sum: REVENUE, count: ORDER_COUNT },
  }),
  ...windowed(['lifetime'], {
    base: 'commerce.rfm_recency',
    description: 'RFM recency score, 5 = ordered within a week',
    compute: rfm('recency', [7, 30, 90, 180]),
  }),
  ...windowed(['lifetime'], {
    base: 'commerce.rfm_frequency',
    description: 'RFM frequency score, 5 = 8 orders or more',
    compute: rfm('frequency', [2, 3, 5, 8]),
  }),
  ...windowed(['lifetime'], {
    base: 'commerce.rfm_monetary',
    description: 'RFM monetary score, 5 = 1500 or more in revenue',
    compute: rfm('monetary', [50, 200, 500, 1500]),
  }),
  ...windowed(['lifetime'], {
    base: 'commerce.days_since_last_purchase',
    description: 'Whole days since the last completed order',
    compute: { op: 'recencyDays', latest: LAST_ORDER },
  }),
  ...windowed(['7d', '30d'], {
    base: 'commerce.cart_adds',
    description: 'Products added to a cart',
    compute: { op: 'value', measure: count(CART_ADDS) },
  }),
  ...windowed(['30d', '90d'], {
    base: 'commerce.distinct_products',
    description: 'Distinct products added to a cart',
    compute: { op: 'value', measure: distinct(CART_ADDS, 'properties.productId') },
  }),
  ...windowed(['30d', '90d'], {
    base: 'commerce.distinct_categories',
    description: 'Distinct product categories added to a cart',
    compute: { op: 'value', measure: distinct(CART_ADDS, 'properties.category') },
  }),
  ...windowed(['30d', '90d'], {
    base: 'commerce.top_category',
    description: 'Product category added to a cart most often',
    type: 'category',
    compute: { op: 'top', countBy: countBy(CART_ADDS, 'properties.category') },
  }),

  // engagement
  ...windowed(['7d', '30d', '90d'], {
    base: 'engagement.sessions',
    description: 'Sessions (30-minute slots of one device with activity)',
    compute: { op: 'value', measure: SESSIONS },
  }),
  ...windowed(['7d', '30d'], {
    base: 'engagement.events_per_session',
    description: 'Events per session',
    compute: { op: 'ratio', numerator: count(ACTIVITY), denominator: SESSIONS },
  }),
  ...windowed(['7d', '30d'], {
    base: 'engagement.pages_per_session',
    description: 'Page views per session',
    compute: { op: 'ratio', numerator: PAGE_VIEWS, denominator: SESSIONS },
  }),
  ...windowed(['7d', '30d', '90d'], {
    base: 'engagement.active_days',
    description: 'Days with activity',
    compute: { op: 'value', measure: distinct(ACTIVITY, '@day') },
  }),
  ...windowed(['30d', '90d'], {
    base: 'engagement.weekend_share',
    description: 'Share of activity on Saturday or Sunday (UTC)',
    compute: share(countBy(ACTIVITY, '@weekpart'), 'weekend'),
  }),
  ...(['night', 'morning', 'afternoon', 'evening'] as const).flatMap((part) =>
    windowed(['30d'], {
      base: `engagement.${part}_share`,
      description: `Share of activity in the ${part} (UTC)`,
      compute: share(HOUR_PARTS, part),
    }),
  ),
  ...(['mobile', 'tablet', 'desktop'] as const).flatMap((deviceClass) =>
    windowed(['30d'], {
      base: `engagement.${deviceClass}_share`,
      description: `Share of activity on ${deviceClass} devices`,
      compute: share(DEVICE_CLASSES, deviceClass),
    }),
  ),
  ...windowed(['30d', '90d'], {
    base: 'engagement.email_opens',
    description: 'Emails opened',
    compute: { op: 'value', measure: count(EMAIL_OPENS) },
  }),
  ...windowed(['30d', '90d'], {
    base: 'engagement.email_click_rate',
    description: 'Email link clicks per email opened',
    compute: { op: 'ratio', numerator: count(EMAIL_CLICKS), denominator: count(EMAIL_OPENS) },
  }),
  ...windowed(['7d', '30d'], {
    base: 'engagement.push_opens',
    description: 'Push notifications opened',
    compute: { op: 'value', measure: count(PUSH_OPENS) },
  }),
  ...windowed(['lifetime'], {
    base: 'engagement.days_since_last_seen',
    description: 'Whole days since the last activity',
    compute: { op: 'recencyDays', latest: latest(ACTIVITY) },
  }),

  // traits
  trait('age_range', 'Age range from traits.age', {
    op: 'category',
    last: last(IDENTIFY, 'traits.age'),
    buckets: [
      [18, 'under_18'],
      [25, '18-24'],
      [35, '25-34'],
      [45, '35-44'],
      [55, '45-54'],
      [65, '55-64'],
    ],
    above: '65+',
  }),
  trait('gender', 'Gender as given in traits.gender', asGiven('traits.gender')),
  trait('location_type', 'Location type as given in traits.locationType', asGiven('traits.locationType')),
  trait('income_level', 'Income level: traits.income bucketed when a number, else as given', {
    op: 'category',
    last: last(IDENTIFY, 'traits.income'),
    buckets: [
      [25_000, 'low'],
      [50_000, 'lower_middle'],
      [100_000, 'middle'],
      [200_000, 'upper_middle'],
    ],
    above: 'high',
  }),
  trait('interests', 'Interests as given in traits.interests, when a string', asGiven('traits.interests')),
  trait('plan', 'Plan as given in traits.plan', asGiven('traits.plan')),
  trait('country', 'Country as given in traits.country', asGiven('traits.country')),
];

// Validation

const GROUPS: readonly FeatureGroup[] = ['intent', 'ads', 'commerce', 'engagement', 'traits'];
const NAME = /^([a-z]+)\.([a-z][a-z0-9]*(?:_[a-z0-9]+)*)$/;
const KIND_OF: Partial<Record<Compute['op'], Measure['kind'][]>> = {
  top: ['countBy'],
  share: ['countBy'],
  category: ['last'],
  recencyDays: ['latest', 'last'],
};

function ascending(values: readonly number[]): boolean {
  return values.every((v, i) => Number.isFinite(v) && (i === 0 || (values[i - 1] as number) < v));
}

/** What is wrong with one definition, or undefined. */
function problemOf(definition: FeatureDefinition): string | undefined {
  const { name, group, window, compute } = definition;
  const match = NAME.exec(name);
  if (!match) return 'name is not <group>.<snake_case>';
  if (!GROUPS.includes(group)) return `unknown group ${JSON.stringify(group)}`;
  if (match[1] !== group) return `name does not start with its group ${group}`;
  if (!Object.hasOwn(WINDOW_DAYS, window)) return `unknown window ${JSON.stringify(window)}`;
  const suffix = (Object.keys(WINDOW_DAYS) as FeatureWindow[]).find((w) => name.endsWith(`_${w}`));
  const traitWithoutSuffix = group === 'traits' && window === 'lifetime' && suffix === undefined;
  if (suffix !== window && !traitWithoutSuffix) return `name does not end with its window _${window}`;
  if (!Number.isInteger(definition.version) || definition.version < 1) {
    return 'version is not a whole number ≥ 1';
  }
  if (!definition.description.trim()) return 'no description';
  const measures = measuresOfCompute(compute);
  for (const measure of measures) {
    if ('value' in measure && measure.value.startsWith('@') && !isDerivedKey(measure.value)) {
      return `unknown derived key ${measure.value}`;
    }
  }
  const kinds = KIND_OF[compute.op];
  if (kinds && !measures.every((m) => kinds.includes(m.kind))) {
    return `${compute.op} needs a ${kinds.join(' or ')} measure`;
  }
  if (compute.op === 'mean' && compute.sum.kind !== 'sum') return 'mean needs a sum measure';
  if (compute.op === 'rfm') {
    if (
      compute.latest.kind !== 'latest' ||
      compute.orders.kind !== 'count' ||
      compute.revenue.kind !== 'sum'
    ) {
      return 'rfm needs latest, count and sum measures';
    }
    if (!ascending(compute.thresholds)) return 'rfm thresholds are not ascending';
  }
  if (compute.op === 'category' && compute.buckets && !ascending(compute.buckets.map(([bound]) => bound))) {
    return 'category buckets are not ascending';
  }
  const categorical = compute.op === 'top' || compute.op === 'category';
  // A last pick can be a number or a string, so either type fits it.
  const anyType = compute.op === 'value' && compute.measure.kind === 'last';
  if (!anyType && (definition.type === 'category') !== categorical) {
    return `type ${definition.type} does not fit ${compute.op}`;
  }
  return undefined;
}

/** Throws, naming the first bad definition, unless every definition is well formed and names are unique. */
export function validateCatalog(definitions: readonly FeatureDefinition[]): void {
  const names = new Set<string>();
  for (const definition of definitions) {
    if (names.has(definition.name)) {
      throw new Error(`Feature ${JSON.stringify(definition.name)} is defined twice`);
    }
    names.add(definition.name);
    const problem = problemOf(definition);
    if (problem) throw new Error(`Feature ${JSON.stringify(definition.name)}: ${problem}`);
  }
}

validateCatalog(CATALOG);

export const FEATURE_CATALOG: readonly FeatureDefinition[] = Object.freeze(CATALOG);
