import { describe, expect, it } from 'vitest';
import { FEATURE_CATALOG, validateCatalog } from './catalog.js';
import type { FeatureDefinition, FeatureEvent } from './definition.js';
import { measuresOf } from './measure-key.js';
import { featuresFromEvents } from './read.js';

const valid: FeatureDefinition = {
  name: 'intent.clicks_7d',
  description: 'Page views',
  group: 'intent',
  type: 'number',
  window: '7d',
  version: 1,
  compute: { op: 'value', measure: { kind: 'count', filter: { type: ['page'] } } },
};

describe('validateCatalog', () => {
  it('accepts well-formed definitions', () => {
    expect(() =>
      validateCatalog([valid, { ...valid, name: 'intent.clicks_30d', window: '30d' }]),
    ).not.toThrow();
  });

  it('throws naming a duplicate', () => {
    expect(() => validateCatalog([valid, { ...valid }])).toThrow(/intent\.clicks_7d.*twice/);
  });

  it('throws naming a name off the pattern', () => {
    for (const name of [
      'intent.Clicks_7d',
      'clicks_7d',
      'intent.clicks-7d',
      'intent.clicks__7d',
      'intent._clicks_7d',
    ]) {
      expect(() => validateCatalog([{ ...valid, name }])).toThrow(name);
    }
  });

  it('throws when the name does not carry its group or its window', () => {
    expect(() => validateCatalog([{ ...valid, name: 'ads.clicks_7d' }])).toThrow(/ads\.clicks_7d.*group/);
    expect(() => validateCatalog([{ ...valid, name: 'intent.clicks_30d' }])).toThrow(/_7d/);
    expect(() => validateCatalog([{ ...valid, name: 'intent.clicks' }])).toThrow(/intent\.clicks"/);
    expect(() => validateCatalog([{ ...valid, name: 'intent.clicks', window: 'lifetime' }])).toThrow(
      /_lifetime/,
    );
  });

  it('lets lifetime traits go without a window suffix, and only them', () => {
    const trait: FeatureDefinition = {
      ...valid,
      name: 'traits.gender',
      group: 'traits',
      type: 'category',
      window: 'lifetime',
      compute: {
        op: 'category',
        last: { kind: 'last', filter: { type: ['identify'] }, value: 'traits.gender' },
      },
    };
    expect(() => validateCatalog([trait])).not.toThrow();
    expect(() => validateCatalog([{ ...trait, window: '30d' }])).toThrow(/traits\.gender/);
  });

  it('throws on a compute reading the wrong kind of measure, or a bad type, key or threshold', () => {
    const pageCount = { kind: 'count', filter: { type: ['page'] } } as const;
    expect(() =>
      validateCatalog([{ ...valid, type: 'category', compute: { op: 'top', countBy: pageCount } }]),
    ).toThrow(/countBy/);
    expect(() => validateCatalog([{ ...valid, type: 'category' }])).toThrow(/type category/);
    expect(() =>
      validateCatalog([
        {
          ...valid,
          compute: { op: 'value', measure: { kind: 'distinct', filter: {}, value: '@hour' } },
        },
      ]),
    ).toThrow(/@hour/);
    const orders = { kind: 'count', filter: {} } as const;
    const revenue = { kind: 'sum', filter: {}, value: 'properties.revenue' } as const;
    expect(() =>
      validateCatalog([
        {
          ...valid,
          compute: {
            op: 'rfm',
            part: 'recency',
            latest: { kind: 'latest', filter: {} },
            orders,
            revenue,
            thresholds: [1, 5, 3, 9],
          },
        },
      ]),
    ).toThrow(/ascending/);
    expect(() => validateCatalog([{ ...valid, version: 0 }])).toThrow(/version/);
  });
});

describe('FEATURE_CATALOG', () => {
  it('is a catalog of unique, valid names, between 60 and 90 of them', () => {
    expect(() => validateCatalog(FEATURE_CATALOG)).not.toThrow();
    expect(FEATURE_CATALOG.length).toBeGreaterThanOrEqual(60);
    expect(FEATURE_CATALOG.length).toBeLessThanOrEqual(90);
    const groups = new Set(FEATURE_CATALOG.map((d) => d.group));
    expect([...groups].sort()).toEqual(['ads', 'commerce', 'engagement', 'intent', 'traits']);
  });

  it('reads the generator events only through names it emits', () => {
    const emitted = new Set([
      'Article Viewed',
      'Products Searched',
      'Product Added',
      'Ad Impression',
      'Ad Clicked',
      'Order Completed',
      'Email Opened',
      'Email Link Clicked',
      'Push Opened',
    ]);
    for (const measure of measuresOf(FEATURE_CATALOG).values()) {
      for (const name of measure.filter.event ?? []) expect(emitted).toContain(name);
    }
  });
});

describe('FEATURE_CATALOG over a realistic profile', () => {
  const asOf = '2024-05-10T20:00:00.000Z';
  let seq = 0;
  const ios = { device: { type: 'ios' } };
  const mac = { device: { type: 'macos' } };
  const base = (timestamp: string, context: Record<string, unknown>) => ({
    messageId: `dg-${(seq++).toString(36).padStart(4, '0')}`,
    anonymousId: context === ios ? 'anon-phone' : 'anon-mac',
    userId: 'usr_1',
    timestamp,
    context,
  });
  const track = (
    timestamp: string,
    event: string,
    properties: Record<string, unknown>,
    context = mac,
  ): FeatureEvent => ({
    ...base(timestamp, context),
    type: 'track',
    event,
    properties,
  });
  const page = (timestamp: string, name: string, path: string, context = mac): FeatureEvent => ({
    ...base(timestamp, context),
    type: 'page',
    name,
    properties: { path, referrer: '', title: name, url: `https://example.com${path}` },
  });
  const ad = { adId: 'ad_1', campaignId: 'cmp_1', placement: 'sidebar' };

  const events: FeatureEvent[] = [
    {
      ...base('2024-03-01T09:00:00.000Z', mac),
      type: 'identify',
      traits: {
        email: 'ann@example.com',
        age: 31,
        gender: 'female',
        income: 72_000,
        locationType: 'urban',
        interests: 'cycling',
        plan: 'pro',
        country: 'NO',
      },
    },
    track('2024-03-01T09:05:00.000Z', 'Order Completed', {
      orderId: 'o1',
      revenue: 120.5,
      currency: 'USD',
      products: [],
    }),
    // Saturday morning on the laptop.
    page('2024-05-04T08:00:00.000Z', 'Home', '/'),
    page('2024-05-04T08:01:00.000Z', 'Article', '/sport/3'),
    track('2024-05-04T08:01:30.000Z', 'Article Viewed', {
      articleId: 'art_sport_3',
      category: 'sport',
      seconds: 40,
    }),
    track('2024-05-04T08:02:00.000Z', 'Ad Impression', ad),
    track('2024-05-04T08:02:05.000Z', 'Ad Clicked', ad),
    // Wednesday evening on the phone.
    track('2024-05-08T19:00:00.000Z', 'Products Searched', { query: 'bike helmet' }, ios),
    page('2024-05-08T19:00:01.000Z', 'Search Results', '/search?q=bike%20helmet', ios),
    page('2024-05-08T19:01:00.000Z', 'Product', '/products/p1', ios),
    track(
      '2024-05-08T19:02:00.000Z',
      'Product Added',
      {
        productId: 'p1',
        sku: 'SKU-1',
        name: 'Helmet',
        category: 'sports',
        price: 59.99,
        quantity: 1,
        cartId: 'c1',
      },
      ios,
    ),
    track(
      '2024-05-08T19:03:00.000Z',
      'Product Added',
      {
        productId: 'p2',
        sku: 'SKU-2',
        name: 'Lamp',
        category: 'outdoor',
        price: 20,
        quantity: 1,
        cartId: 'c1',
      },
      ios,
    ),
    track('2024-05-08T19:04:00.000Z', 'Ad Impression', ad, ios),
    page('2024-05-08T19:05:00.000Z', 'Cart', '/cart', ios),
    page('2024-05-08T19:06:00.000Z', 'Checkout', '/checkout', ios),
    track(
      '2024-05-08T19:08:00.000Z',
      'Order Completed',
      {
        orderId: 'o2',
        revenue: 79.99,
        currency: 'USD',
        products: [{ productId: 'p1' }, { productId: 'p2' }],
      },
      ios,
    ),
    track('2024-05-09T07:00:00.000Z', 'Email Opened', { campaignId: 'e1', emailId: 'm1', subject: 'Hi' }),
    track('2024-05-09T07:01:00.000Z', 'Email Link Clicked', {
      campaignId: 'e1',
      emailId: 'm1',
      linkUrl: 'x',
    }),
    track('2024-05-10T12:00:00.000Z', 'Push Opened', { campaignId: 'p1', title: 'Sale' }, ios),
    // After the read: never counted.
    page('2024-05-10T20:00:00.001Z', 'Home', '/'),
  ];

  const features = featuresFromEvents(events, asOf, FEATURE_CATALOG);

  it('gives every feature a number, a string or null', () => {
    expect(Object.keys(features).sort()).toEqual(FEATURE_CATALOG.map((d) => d.name).sort());
    for (const definition of FEATURE_CATALOG) {
      const value = features[definition.name];
      if (definition.type === 'category') expect(value === null || typeof value === 'string').toBe(true);
      else expect(value === null || typeof value === 'number').toBe(true);
      if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
    }
  });

  it('reads intent, ads and commerce as the events say', () => {
    expect(features).toMatchObject({
      'intent.clicks_1d': 0,
      'intent.clicks_7d': 6,
      'intent.distinct_pages_7d': 6,
      'intent.searches_7d': 1,
      'intent.article_views_7d': 1,
      'intent.avg_article_seconds_7d': 40,
      'intent.seconds_per_click_7d': 40 / 6,
      'ads.impressions_7d': 2,
      'ads.clicks_7d': 1,
      'ads.ctr_7d': 2 / 52,
      'ads.conversion_rate_30d': 2 / 21,
      'ads.click_sessions_7d': 1,
      'commerce.orders_30d': 1,
      'commerce.orders_lifetime': 2,
      'commerce.revenue_lifetime': 200.49,
      'commerce.avg_order_value_lifetime': 200.49 / 2,
      'commerce.days_since_last_purchase_lifetime': 2,
      'commerce.rfm_recency_lifetime': 5,
      'commerce.rfm_frequency_lifetime': 2,
      'commerce.rfm_monetary_lifetime': 3,
      'commerce.distinct_products_30d': 2,
      'commerce.distinct_categories_30d': 2,
      'commerce.top_category_30d': 'outdoor',
    });
  });

  it('reads engagement and traits as the events say', () => {
    expect(features).toMatchObject({
      'engagement.sessions_7d': 4,
      'engagement.active_days_7d': 4,
      'engagement.email_opens_30d': 1,
      'engagement.email_click_rate_30d': 1,
      'engagement.push_opens_7d': 1,
      'engagement.days_since_last_seen_lifetime': 0,
      'traits.age_range': '25-34',
      'traits.gender': 'female',
      'traits.income_level': 'middle',
      'traits.location_type': 'urban',
      'traits.interests': 'cycling',
      'traits.plan': 'pro',
      'traits.country': 'NO',
    });
    // 17 activity events in the last 30 days (the identify is not activity): 5 on a Saturday.
    expect(features['engagement.weekend_share_30d']).toBe(5 / 17);
    expect(features['engagement.mobile_share_30d']).toBe(10 / 17);
    expect(features['engagement.tablet_share_30d']).toBe(0);
    expect(features['engagement.desktop_share_30d']).toBe(7 / 17);
    expect(features['engagement.morning_share_30d']).toBe(7 / 17);
    expect(features['engagement.afternoon_share_30d']).toBe(1 / 17);
    expect(features['engagement.evening_share_30d']).toBe(9 / 17);
    expect(features['engagement.night_share_30d']).toBe(0);
  });
});
