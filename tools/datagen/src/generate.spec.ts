import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  generateEvents,
  generateHouseholds,
  generateLabelledEvents,
  generateUsers,
  type GenerateOptions,
  type LabelledEvent,
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
const JUNK_ANONYMOUS_IDS = ['0', 'anonymous'];

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
        // Emails come as people type them: identity resolution trims and lowercases them.
        const email = String(event.traits?.['email']).trim().toLowerCase();
        check(/^[^@\s]+@[^@\s]+\.[a-z]+$/.test(email), 'identify email', event);
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
      const deviceIds = new Set(user.devices.map((d) => d.context.device.id));
      const anonymousIds = new Set([...user.devices.map((d) => d.anonymousId), ...JUNK_ANONYMOUS_IDS]);
      for (const event of events) {
        expect(deviceIds.has(event.context.device.id)).toBe(true);
        expect(anonymousIds.has(event.anonymousId)).toBe(true);
      }
    }
    expect([...counts].sort()).toEqual([1, 2, 3, 4]);
  });

  it('puts the userId on a device only from its login (alias) on, and on everything after it', () => {
    let loggedInDevices = 0;
    let anonymousEvents = 0;
    for (const { user, events } of population) {
      const byDeviceId = new Map(user.devices.map((d) => [d.context.device.id, d]));
      const loggedIn = new Set<string>();
      for (const event of events) {
        const device = byDeviceId.get(event.context.device.id);
        if (!device) throw new Error(`event ${event.messageId} from a device of somebody else`);
        if (event.type === 'alias') {
          expect(event.previousId).toBe(device.anonymousId);
          expect(loggedIn.has(device.anonymousId)).toBe(false);
          loggedIn.add(device.anonymousId);
          loggedInDevices++;
        }
        if (loggedIn.has(device.anonymousId)) {
          expect(event.userId).toBe(user.userId);
        } else {
          // A device with the `null-user` bug says "null" where others say nothing.
          expect(event.userId).toBe(device.junk === 'null-user' ? 'null' : undefined);
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

describe('identity resolution ground truth', () => {
  /** The same 1,000 users as households, with the truth of every event. */
  const labelled: LabelledEvent[] = [...generateLabelledEvents(options(7))];
  const households = [...generateHouseholds(options(7))];
  const isRealUserId = (userId: string | undefined): userId is string =>
    userId !== undefined && userId !== 'null';

  it('labels exactly the events generateEvents makes, in the same order', () => {
    const plain = [...generateEvents(options(7))];
    expect(labelled.length).toBe(plain.length);
    expect(labelled.length).toBe(allEvents.length);
    const differ = labelled.findIndex((l, i) => JSON.stringify(l.event) !== JSON.stringify(plain[i]));
    expect(differ).toBe(-1);
    for (const l of labelled) expect(l.truth).toMatch(/^(person:\d+|device:[0-9a-f-]{36})$/);
  });

  it('gives the same events and truth for the same seed', () => {
    const line = (l: LabelledEvent): string => `${JSON.stringify(l.event)}\t${l.truth}\t${l.person}`;
    const again = [...generateLabelledEvents(options(7, 200))].map(line);
    expect(again).toEqual(labelled.slice(0, again.length).map(line));
    const other = [...generateLabelledEvents(options(8, 200))].map(line);
    expect(other).not.toEqual(again);
  });

  it('shares about 2% of devices inside households, each seen with the userIds of both people', () => {
    let devices = 0;
    const shared = new Set<string>();
    for (const household of households) {
      const ids = new Set(household.members.flatMap((m) => m.devices.map((d) => d.anonymousId)));
      devices += ids.size;
      for (const member of household.members) {
        for (const device of member.devices)
          if (device.sharedWith !== undefined) shared.add(device.anonymousId);
      }
    }
    expect(shared.size / devices).toBeGreaterThan(0.01);
    expect(shared.size / devices).toBeLessThan(0.03);
    const userIds = new Map<string, Set<string>>();
    for (const { event, device, sharedDevice } of labelled) {
      if (!sharedDevice || !isRealUserId(event.userId)) continue;
      userIds.set(device, (userIds.get(device) ?? new Set()).add(event.userId));
    }
    const withTwo = [...userIds.values()].filter((ids) => ids.size === 2).length;
    expect([...userIds.values()].every((ids) => ids.size <= 2)).toBe(true);
    // Both log in on it unless the window ends first.
    expect(withTwo).toBeGreaterThanOrEqual(shared.size * 0.9);
  });

  it('puts junk identifiers on some events, and every such event keeps an identifier that works', () => {
    const junk = labelled.filter((l) => l.junk);
    expect(junk.some((l) => l.event.userId === 'null')).toBe(true);
    expect(junk.some((l) => l.event.anonymousId === '0')).toBe(true);
    expect(junk.some((l) => l.event.anonymousId === 'anonymous')).toBe(true);
    expect(junk.length / labelled.length).toBeGreaterThan(0.01);
    expect(junk.length / labelled.length).toBeLessThan(0.15);
    const deviceIds = new Map<string, Set<string>>();
    for (const { event, junk: flagged, device } of labelled) {
      const hasJunk = event.userId === 'null' || JUNK_ANONYMOUS_IDS.includes(event.anonymousId);
      expect(hasJunk).toBe(flagged);
      deviceIds.set(device, (deviceIds.get(device) ?? new Set()).add(event.context.device.id));
    }
    // A junk anonymousId still comes with the device's one context.device.id, which its other
    // events carry too: the event can be resolved.
    expect([...deviceIds.values()].every((ids) => ids.size === 1)).toBe(true);
  });

  it("writes emails in varying case and spacing, all of them the person's one address", () => {
    const emails = new Map<number, Set<string>>();
    let untidy = 0;
    let emailOnly = 0;
    for (const { event, person } of labelled) {
      const email = event.type === 'identify' ? event.traits?.['email'] : undefined;
      if (typeof email !== 'string') continue;
      if (email !== email.trim().toLowerCase()) untidy++;
      if (!isRealUserId(event.userId)) emailOnly++;
      emails.set(person, (emails.get(person) ?? new Set()).add(email.trim().toLowerCase()));
    }
    expect(untidy).toBeGreaterThan(100);
    expect(emailOnly).toBeGreaterThan(10);
    expect([...emails.values()].every((set) => set.size === 1)).toBe(true);
  });

  it('covers every event with a truth that follows from what the events say', () => {
    /** Device → the first person an event on it names (userId, or email in an identify). */
    const firstNamed = new Map<string, number>();
    const userIdOf = new Map(population.map(({ user }) => [user.userId, user.index]));
    const named = (l: LabelledEvent): number | undefined => {
      if (isRealUserId(l.event.userId)) return userIdOf.get(l.event.userId);
      return l.event.type === 'identify' && l.event.traits?.['email'] !== undefined ? l.person : undefined;
    };
    for (const l of labelled) {
      const who = named(l);
      if (who !== undefined && !firstNamed.has(l.device)) firstNamed.set(l.device, who);
    }
    const counts = { person: 0, device: 0, sharedToFirst: 0 };
    for (const l of labelled) {
      const who = named(l) ?? firstNamed.get(l.device);
      expect(l.truth).toBe(who === undefined ? `device:${l.device}` : `person:${who}`);
      if (who === undefined) counts.device++;
      else counts.person++;
      if (l.sharedDevice && named(l) === undefined && who !== l.person) counts.sharedToFirst++;
    }
    // Every kind occurs: devices nobody identifies on, people, and the other person's anonymous
    // visits to a shared device (counted as the first identified person's).
    expect(counts.person).toBeGreaterThan(counts.device);
    expect(counts.device).toBeGreaterThan(1_000);
    expect(counts.sharedToFirst).toBeGreaterThan(0);
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
