import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  generateEvents,
  generateUsers,
  type GenerateOptions,
  type SegmentEvent,
  type SimulatedUser,
} from './generate.js';

const START = '2026-10-01T00:00:00.000Z';
const DAY_MS = 86_400_000;
const options = (seed: number | string, users = 1000, days = 30): GenerateOptions => ({
  seed,
  users,
  days,
  start: START,
});

function firstLines(opts: GenerateOptions, n: number): string[] {
  const lines: string[] = [];
  for (const event of generateEvents(opts)) {
    lines.push(JSON.stringify(event));
    if (lines.length === n) break;
  }
  return lines;
}

/** 1,000 users over 30 days, generated once for the checks that look at whole users. */
const population: { user: SimulatedUser; events: SegmentEvent[] }[] = [];
for (const user of generateUsers(options(7))) population.push({ user, events: [...user.events()] });
const allEvents = population.flatMap((u) => u.events);

describe('determinism', () => {
  it('gives byte-identical output for the same seed and options', () => {
    const a = firstLines(options(42), 5_000);
    const b = firstLines(options(42), 5_000);
    expect(a).toHaveLength(5_000);
    expect(b).toEqual(a);
  });

  it('gives different output for a different seed', () => {
    const a = firstLines(options(42), 5_000);
    const b = firstLines(options(43), 5_000);
    const same = a.filter((line, i) => line === b[i]).length;
    expect(same).toBe(0);
  });

  it('makes the same first users whatever the total, and the same events when a user is replayed', () => {
    const small = firstLines(options(42, 20), 1_000_000);
    const large = firstLines(options(42, 1000), small.length);
    expect(large).toEqual(small);
    const [user] = generateUsers(options(42, 1));
    expect(JSON.stringify([...user!.events()])).toBe(JSON.stringify([...user!.events()]));
  });
});

describe('Segment spec rules', () => {
  it('holds for every event: type, ids, messageId, track event name, alias ids, traits', () => {
    const types = new Set(['identify', 'track', 'page', 'alias']);
    // Collected rather than asserted one by one: 100k+ expect() calls are slow.
    const broken: string[] = [];
    const check = (ok: unknown, rule: string, event: SegmentEvent): void => {
      if (!ok && broken.length < 10) broken.push(`${rule}: ${JSON.stringify(event)}`);
    };
    for (const event of allEvents) {
      check(types.has(event.type), 'type', event);
      check(event.userId || event.anonymousId, 'userId or anonymousId', event);
      check(event.messageId && event.messageId.length <= 100, 'messageId', event);
      check(new Date(event.timestamp).toISOString() === event.timestamp, 'ISO timestamp', event);
      check(event.context.userAgent && /^\d+\.\d+\.\d+\.\d+$/.test(event.context.ip), 'context', event);
      check(event.context.locale && event.context.os.name && event.context.device.type, 'context', event);
      if (event.type === 'track') check(typeof event.event === 'string' && event.event, 'track event', event);
      if (event.type === 'page') check(event.name && event.properties?.['path'], 'page name/path', event);
      if (event.type === 'alias') check(event.previousId && event.userId, 'alias previousId+userId', event);
      if (event.type === 'identify') {
        check(
          event.userId && /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(String(event.traits?.['email'])),
          'identify',
          event,
        );
      }
    }
    expect(broken).toEqual([]);
  });

  it('never repeats a messageId (first 10,000 events of a run, and across the 1,000 users)', () => {
    const first = firstLines(options(42), 10_000).map((line) => (JSON.parse(line) as SegmentEvent).messageId);
    expect(new Set(first).size).toBe(10_000);
    expect(new Set(allEvents.map((e) => e.messageId)).size).toBe(allEvents.length);
  });

  it('emits every kind of behaviour the issue lists', () => {
    const names = new Set(allEvents.map((e) => (e.type === 'track' ? e.event : e.type)));
    for (const name of [
      'identify',
      'page',
      'alias',
      'Article Viewed',
      'Products Searched',
      'Ad Impression',
      'Ad Clicked',
      'Product Added',
      'Order Completed',
      'Email Opened',
      'Email Link Clicked',
      'Push Opened',
    ]) {
      expect(names.has(name), name).toBe(true);
    }
  });
});

describe('people, devices and time', () => {
  it('keeps each user inside the window with nondecreasing timestamps', () => {
    const start = Date.parse(START);
    for (const { events } of population) {
      let last = start;
      for (const event of events) {
        const t = Date.parse(event.timestamp);
        expect(t).toBeGreaterThanOrEqual(last);
        expect(t).toBeLessThan(start + 30 * DAY_MS);
        last = t;
      }
    }
  });

  it('gives everyone 1 to 4 devices and uses only those', () => {
    const counts = new Set<number>();
    for (const { user, events } of population) {
      expect(user.devices.length).toBeGreaterThanOrEqual(1);
      expect(user.devices.length).toBeLessThanOrEqual(4);
      counts.add(user.devices.length);
      const ids = new Set(user.devices.map((d) => d.anonymousId));
      for (const event of events) expect(ids.has(event.anonymousId)).toBe(true);
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
  });

  it('puts the userId on a device only from its login (alias) on, and on everything after it', () => {
    let loggedInDevices = 0;
    let anonymousEvents = 0;
    for (const { user, events } of population) {
      const loggedIn = new Set<string>();
      for (const event of events) {
        if (event.type === 'alias') {
          expect(event.previousId).toBe(event.anonymousId);
          expect(loggedIn.has(event.anonymousId)).toBe(false);
          loggedIn.add(event.anonymousId);
          loggedInDevices++;
        }
        if (loggedIn.has(event.anonymousId)) {
          expect(event.userId).toBe(user.userId);
        } else {
          expect(event.userId).toBeUndefined();
          anonymousEvents++;
        }
      }
      if (user.userId === null) expect(loggedIn.size).toBe(0);
    }
    expect(loggedInDevices).toBeGreaterThan(300);
    expect(anonymousEvents).toBeGreaterThan(allEvents.length * 0.1);
  });
});

describe('ads', () => {
  it('draws each CTR in [1%, 10%], clicks follow it, and a click always follows an impression of that ad', () => {
    let impressions = 0;
    let clicks = 0;
    let checked = 0;
    for (const { user, events } of population) {
      expect(user.ctr).toBeGreaterThanOrEqual(0.01);
      expect(user.ctr).toBeLessThanOrEqual(0.1);
      const shown = new Map<string, number>();
      let userImpressions = 0;
      let userClicks = 0;
      for (const event of events) {
        const adId = event.properties?.['adId'] as string;
        if (event.event === 'Ad Impression') {
          shown.set(adId, (shown.get(adId) ?? 0) + 1);
          userImpressions++;
        } else if (event.event === 'Ad Clicked') {
          expect(shown.get(adId) ?? 0).toBeGreaterThan(0);
          shown.set(adId, (shown.get(adId) as number) - 1);
          userClicks++;
        }
      }
      impressions += userImpressions;
      clicks += userClicks;
      if (userImpressions >= 150) {
        // Binomial sampling tolerance: 4 standard deviations around the user's own CTR.
        const observed = userClicks / userImpressions;
        const sigma = Math.sqrt((user.ctr * (1 - user.ctr)) / userImpressions);
        expect(Math.abs(observed - user.ctr)).toBeLessThan(4 * sigma);
        expect(observed).toBeGreaterThan(0.01 - 4 * sigma);
        expect(observed).toBeLessThan(0.1 + 4 * sigma);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
    expect(clicks).toBeLessThanOrEqual(impressions);
    expect(clicks / impressions).toBeGreaterThan(0.01);
    expect(clicks / impressions).toBeLessThan(0.1);
  });
});

describe('volume and shape', () => {
  it('1,000 users over 30 days make 60k to 250k events, with a heavy tail and few purchasers', () => {
    expect(allEvents.length).toBeGreaterThan(60_000);
    expect(allEvents.length).toBeLessThan(250_000);
    const perUser = population.map((u) => u.events.length).sort((a, b) => a - b);
    const median = perUser[500]!;
    // Power-law activity: the top 1% of users are far above the median one.
    expect(perUser[990]!).toBeGreaterThan(8 * median);
    const purchasers = population.filter((u) => u.events.some((e) => e.event === 'Order Completed')).length;
    expect(purchasers).toBeGreaterThan(10);
    expect(purchasers).toBeLessThan(150);
    for (const order of allEvents.filter((e) => e.event === 'Order Completed')) {
      const { revenue, products, currency, orderId } = order.properties as {
        revenue: number;
        products: { price: number }[];
        currency: string;
        orderId: string;
      };
      expect(orderId).toBeTruthy();
      expect(currency).toBe('USD');
      expect(products.length).toBeGreaterThan(0);
      expect(revenue).toBeCloseTo(
        products.reduce((sum, p) => sum + p.price, 0),
        1,
      );
    }
    const pagesPerSessionOk = allEvents.filter((e) => e.type === 'page').length / allEvents.length;
    expect(pagesPerSessionOk).toBeGreaterThan(0.2);
  });
});

describe('memory', () => {
  it('streams 50,000 users in flat memory (heap growth under 100 MB) when only counting', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let events = 0;
    let peak = 0;
    let users = 0;
    for (const user of generateUsers(options(11, 50_000))) {
      for (const _event of user.events()) events++;
      if (++users % 10_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
    }
    expect(users).toBe(50_000);
    expect(events).toBeGreaterThan(3_000_000);
    expect(peak).toBeLessThan(100 * 2 ** 20);
  }, 180_000);
});
