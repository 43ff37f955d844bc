import {
  ARTICLE_CATEGORIES,
  buildCatalog,
  COUNTRIES,
  COUNTRY_WEIGHTS,
  DEVICE_MODELS,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  HOUR_WEIGHTS,
  LAST_NAMES,
  PLACEMENTS,
  PLANS,
  PLAN_WEIGHTS,
  PLATFORMS,
  PLATFORM_WEIGHTS,
  PRODUCT_CATEGORIES,
  PRODUCT_WORDS,
  REFERRERS,
  REFERRER_WEIGHTS,
  type Ad,
  type Catalog,
  type Platform,
  type Product,
} from './catalog.js';
import { hash128, Rng } from './rng.js';

/** Segment-spec shapes of what the generator emits (the subset of fields it fills). */
export interface SegmentContext {
  readonly device: { id: string; type: string; manufacturer: string; model: string };
  readonly os: { name: string; version: string };
  readonly userAgent: string;
  readonly ip: string;
  readonly locale: string;
  readonly library: { name: string; version: string };
  readonly app?: { name: string; version: string; build: string };
}

export type SegmentType = 'identify' | 'track' | 'page' | 'alias';

export interface SegmentEvent {
  type: SegmentType;
  /** track: the event name. */
  event?: string;
  /** page: the page name. */
  name?: string;
  messageId: string;
  anonymousId: string;
  userId?: string;
  /** alias: the anonymous id being linked to userId. */
  previousId?: string;
  timestamp: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  /** Shared by every event of one device: treat as read-only (it is frozen). */
  context: SegmentContext;
}

export interface GenerateOptions {
  seed: number | string;
  users: number;
  /** Length of the window in whole days. */
  days: number;
  /** Start of the window (UTC); every timestamp is in [start, start + days). */
  start: Date | string;
}

/**
 * A tracking bug of one device, putting identifiers on its events that identify nobody:
 * `null-user` sends `userId: "null"` whenever nobody is logged in (a template printing a null
 * user), `zero-anon` / `anonymous-anon` send `anonymousId: "0"` / `"anonymous"` on about half of
 * its events (an SDK that lost its id; `context.device.id` stays right).
 */
export type JunkKind = 'none' | 'null-user' | 'zero-anon' | 'anonymous-anon';

export interface SimulatedDevice {
  anonymousId: string;
  platform: Platform;
  /** Whether the user logs in on this device at some point of the window (if it lasts long enough). */
  logsIn: boolean;
  /**
   * Whether the user, without logging in here, gives their email once on this device (a newsletter
   * form): an `identify` with `traits.email` and no userId. Only people with an account, only on
   * devices where they never log in.
   */
  identifiesByEmail: boolean;
  junk: JunkKind;
  /** The other member of the household who uses this device too (both log in on it), if shared. */
  sharedWith?: number;
  context: SegmentContext;
}

export interface SimulatedUser {
  index: number;
  /** Users 2k and 2k+1 make household k; a few households share a device. */
  household: number;
  /** The account id, or null for people who never sign up. */
  userId: string | null;
  devices: readonly SimulatedDevice[];
  /** Probability that an ad impression is clicked, in [0.01, 0.10]. */
  ctr: number;
  /** Whether this person buys at all (a small share does). */
  buyer: boolean;
  /** A fresh, lazy, deterministic stream of this user's events, nondecreasing in time. */
  events(): Generator<SegmentEvent>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SITE = 'https://www.cdp-demo.news';
const LIBRARY = Object.freeze({ name: 'cdp-datagen', version: '0.1.0' });
const APP = Object.freeze({ name: 'CDPNews', version: '4.12.0', build: '4120' });
/**
 * Chance that the two people of a household share a device. With 1.84 devices per person on
 * average, 7.5% of pairs sharing one device makes about 2% of all devices shared.
 */
const HOUSEHOLD_SHARE_CHANCE = 0.075;
/** Chance that a person with an account gives their email on a device where they never log in. */
const EMAIL_ONLY_CHANCE = 0.35;
const JUNK_KINDS: readonly JunkKind[] = ['none', 'null-user', 'zero-anon', 'anonymous-anon'];
const JUNK_WEIGHTS = [92, 4, 2, 2];
/** On a device with a junk anonymousId bug, the share of its events that carry it. */
const JUNK_ANONYMOUS_SHARE = 0.5;

interface World {
  seed: string;
  idPrefix: string;
  startMs: number;
  endMs: number;
  days: number;
  catalog: Catalog;
}

interface Profile {
  index: number;
  userId: string | null;
  devices: SimulatedDevice[];
  deviceUsage: number[];
  /** Index in `devices` of the device shared with the other household member, or -1. */
  sharedDevice: number;
  ctr: number;
  buyer: boolean;
  traits: Record<string, unknown> | null;
  /** Relative weights of page kinds: reading vs shopping intent. */
  reader: number;
  shopper: number;
  articleCategories: string[];
  productCategories: string[];
  emailEngagement: number;
  pushEngagement: number;
}

function parseStart(start: Date | string): number {
  const ms = start instanceof Date ? start.getTime() : Date.parse(start);
  if (!Number.isFinite(ms)) throw new Error(`start: not a date: ${String(start)}`);
  return ms;
}

function validate(options: GenerateOptions): void {
  if (!Number.isInteger(options.users) || options.users < 0) throw new Error('users: a whole number ≥ 0');
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error('days: a whole number ≥ 1');
}

function makeWorld(options: GenerateOptions): World {
  validate(options);
  const seed = String(options.seed);
  const startMs = parseStart(options.start);
  return {
    seed,
    idPrefix: `dg${hash128(seed)[0].toString(16).padStart(8, '0')}`,
    startMs,
    endMs: startMs + options.days * DAY_MS,
    days: options.days,
    catalog: buildCatalog(seed),
  };
}

function makeDevice(rng: Rng, country: (typeof COUNTRIES)[number], primary: boolean): SimulatedDevice {
  const platform = rng.weighted(PLATFORMS, PLATFORM_WEIGHTS);
  const model = rng.pick(DEVICE_MODELS[platform]);
  const osVersion = rng.pick(model.osVersions);
  const anonymousId = rng.uuid();
  const isApp = platform === 'ios' || platform === 'android';
  const context: SegmentContext = Object.freeze({
    device: Object.freeze({
      id: isApp ? rng.uuid().toUpperCase() : anonymousId,
      type: model.type,
      manufacturer: model.manufacturer,
      model: model.model,
    }),
    os: Object.freeze({ name: model.os, version: osVersion }),
    userAgent: model.userAgent.replace('{v}', model.os === 'macOS' ? osVersion.replace('.', '_') : osVersion),
    ip: `${country.ipPrefix}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
    locale: country.locale,
    library: LIBRARY,
    ...(isApp ? { app: APP } : {}),
  });
  const logsIn = primary ? rng.chance(0.9) : rng.chance(0.55);
  const identifiesByEmail = rng.chance(EMAIL_ONLY_CHANCE);
  const junk = rng.weighted(JUNK_KINDS, JUNK_WEIGHTS);
  return { anonymousId, platform, logsIn, identifiesByEmail, junk, context };
}

function makeProfile(world: World, index: number, sharesADevice: boolean): Profile {
  const rng = Rng.of(world.seed, 'user', index);
  const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
  // Both people of a household sharing a device log in on it, so both have an account.
  const registered = rng.chance(0.65) || sharesADevice;
  const deviceCount = 1 + rng.weightedIndex([45, 33, 15, 7]);
  const devices: SimulatedDevice[] = [];
  const deviceUsage: number[] = [];
  for (let d = 0; d < deviceCount; d++) {
    const device = makeDevice(rng, country, d === 0);
    if (!registered) device.logsIn = false;
    device.identifiesByEmail &&= registered && !device.logsIn;
    devices.push(device);
    // The first device is the one used most, as for most people.
    deviceUsage.push(d === 0 ? 3 : rng.logNormal(1, 0.7));
  }
  const userId = registered ? `usr_${rng.hex(8)}_${index.toString(36)}` : null;
  let traits: Record<string, unknown> | null = null;
  if (registered) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    traits = {
      email: `${local}${index}@${rng.pick(EMAIL_DOMAINS)}`,
      firstName,
      lastName,
      name: `${firstName} ${lastName}`,
      plan: rng.weighted(PLANS, PLAN_WEIGHTS),
      country: country.code,
      age: rng.int(18, 75),
    };
  }
  const articleCategories = [
    rng.pick(ARTICLE_CATEGORIES),
    rng.pick(ARTICLE_CATEGORIES),
    rng.pick(ARTICLE_CATEGORIES),
  ];
  const productCategories = [rng.pick(PRODUCT_CATEGORIES), rng.pick(PRODUCT_CATEGORIES)];
  return {
    index,
    userId,
    devices,
    deviceUsage,
    sharedDevice: -1,
    // Log-uniform over [1%, 10%]: many low clickers, a few high ones.
    ctr: Math.exp(rng.uniform(Math.log(0.01), Math.log(0.1))),
    buyer: rng.chance(0.12),
    traits,
    reader: rng.uniform(0.2, 1),
    shopper: rng.next() ** 2,
    articleCategories,
    productCategories,
    emailEngagement: registered ? rng.next() ** 1.5 : 0,
    pushEngagement: rng.next(),
  };
}

/**
 * Household k is users 2k and 2k+1. In a few of them the two share one device (a family computer
 * or tablet): it is one of the first person's devices, and the second person uses it as one of
 * theirs (still 1–4 devices each); both log in on it, each with their own account. The first
 * person's side does not depend on whether the second exists, so user i is the same in any run
 * that contains it.
 */
function makeHousehold(world: World, k: number, users: number): Profile[] {
  const rng = Rng.of(world.seed, 'household', k);
  const shares = rng.chance(HOUSEHOLD_SHARE_CHANCE);
  const owner = makeProfile(world, 2 * k, shares);
  const members = [owner];
  const second = 2 * k + 1;
  if (second < users) members.push(makeProfile(world, second, shares));
  if (!shares) return members;
  // A family computer when there is one, else the device used most.
  const desktop = owner.devices.findIndex((device) => device.platform === 'web-desktop');
  const at = desktop >= 0 ? desktop : 0;
  const device = owner.devices[at] as SimulatedDevice;
  device.logsIn = true;
  device.identifiesByEmail = false;
  owner.sharedDevice = at;
  const guest = members[1];
  if (guest) {
    device.sharedWith = guest.index;
    const theirs: SimulatedDevice = { ...device, sharedWith: owner.index };
    const usage = rng.logNormal(1, 0.7);
    guest.sharedDevice = Math.min(guest.devices.length, 3);
    guest.devices[guest.sharedDevice] = theirs;
    guest.deviceUsage[guest.sharedDevice] = usage;
  }
  return members;
}

const enum Kind {
  Session,
  Email,
  Push,
}

interface Episode {
  at: number;
  kind: Kind;
  device: number;
}

interface Fields {
  event?: string;
  name?: string;
  previousId?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

const PAGE_KINDS = ['home', 'section', 'article', 'search', 'product', 'cart'] as const;
type PageKind = (typeof PAGE_KINDS)[number];

/** An event with what the generator knows about it (for the ground truth). */
interface Emitted {
  event: SegmentEvent;
  person: number;
  /** The device it really came from (its anonymousId may be junk). */
  device: SimulatedDevice;
  /** It names its person: their real userId, or their email in an identify. */
  known: boolean;
  /** It carries a junk identifier (`userId: "null"`, `anonymousId: "0"` or `"anonymous"`). */
  junk: boolean;
}

/** One user's simulation: plans the episodes, then emits their events lazily in time order. */
class UserSimulation {
  private readonly rng: Rng;
  private t: number;
  private seq = 0;
  private readonly loggedIn: boolean[];
  private accountAt = -1;
  private cart: Product[] = [];
  private orders = 0;
  /** Set by `base` for the event about to be yielded: read by `emitted`. */
  private last: { device: SimulatedDevice; known: boolean; junk: boolean } | undefined;

  constructor(
    private readonly world: World,
    private readonly p: Profile,
  ) {
    this.rng = Rng.of(world.seed, 'events', p.index);
    this.t = world.startMs;
    this.loggedIn = p.devices.map(() => false);
  }

  private get done(): boolean {
    return this.t >= this.world.endMs;
  }

  /** Moves the clock; false once it has left the window (the user's stream ends there). */
  private advance(ms: number): boolean {
    this.t += Math.max(0, Math.round(ms));
    return this.t < this.world.endMs;
  }

  /** Every event has the same keys in the same order (absent ones undefined, left out of the JSON). */
  private base(type: SegmentType, d: number, fields: Fields): SegmentEvent {
    const device = this.p.devices[d] as SimulatedDevice;
    const realUserId = this.loggedIn[d] ? (this.p.userId ?? undefined) : undefined;
    let userId = realUserId;
    let anonymousId = device.anonymousId;
    let junk = false;
    if (device.junk === 'null-user' && userId === undefined) {
      userId = 'null';
      junk = true;
    } else if (
      device.junk !== 'none' &&
      device.junk !== 'null-user' &&
      this.rng.chance(JUNK_ANONYMOUS_SHARE)
    ) {
      anonymousId = device.junk === 'zero-anon' ? '0' : 'anonymous';
      junk = true;
    }
    const known = realUserId !== undefined || (type === 'identify' && fields.traits?.['email'] !== undefined);
    this.last = { device, known, junk };
    return {
      type,
      event: fields.event,
      name: fields.name,
      messageId: `${this.world.idPrefix}-${this.p.index.toString(36)}-${(this.seq++).toString(36)}`,
      anonymousId,
      userId,
      previousId: fields.previousId,
      timestamp: new Date(this.t).toISOString(),
      properties: fields.properties,
      traits: fields.traits,
      context: device.context,
    };
  }

  private track(d: number, event: string, properties: Record<string, unknown>): SegmentEvent {
    return this.base('track', d, { event, properties });
  }

  private page(d: number, name: string, path: string, referrer: string, title: string): SegmentEvent {
    return this.base('page', d, { name, properties: { path, referrer, title, url: `${SITE}${path}` } });
  }

  private plan(): Episode[] {
    const { rng, p, world } = this;
    // Power-law activity: most people come by now and then, a few every day, many times a day.
    const perDay = Math.min(8, 0.1 * rng.pareto(1, 1.4));
    const sessions = Math.max(1, rng.poisson(perDay * world.days));
    const episodes: Episode[] = [];
    const when = (): number =>
      world.startMs +
      rng.int(0, world.days - 1) * DAY_MS +
      rng.weightedIndex(HOUR_WEIGHTS) * HOUR_MS +
      Math.floor(rng.next() * HOUR_MS);
    for (let s = 0; s < sessions; s++) {
      episodes.push({ at: when(), kind: Kind.Session, device: rng.weightedIndex(p.deviceUsage) });
    }
    // Both people of a sharing household use the shared device at least once.
    if (p.sharedDevice >= 0 && !episodes.some((e) => e.device === p.sharedDevice)) {
      (episodes[rng.int(0, episodes.length - 1)] as Episode).device = p.sharedDevice;
    }
    if (p.userId) {
      const emails = rng.poisson(world.days * 0.3 * p.emailEngagement);
      for (let e = 0; e < emails; e++) {
        episodes.push({ at: when(), kind: Kind.Email, device: rng.int(0, p.devices.length - 1) });
      }
    }
    p.devices.forEach((device, d) => {
      if (device.platform !== 'ios' && device.platform !== 'android') return;
      if (!rng.chance(0.6)) return; // push notifications not allowed
      const pushes = rng.poisson(world.days * 0.15 * p.pushEngagement);
      for (let e = 0; e < pushes; e++) episodes.push({ at: when(), kind: Kind.Push, device: d });
    });
    // Stable order on ties (sort is stable since ES2019), so the plan is deterministic.
    return episodes.sort((a, b) => a.at - b.at);
  }

  /** The events with what the generator knows about each. */
  *emitted(): Generator<Emitted> {
    for (const event of this.run()) {
      const { device, known, junk } = this.last as NonNullable<UserSimulation['last']>;
      yield { event, person: this.p.index, device, known, junk };
    }
  }

  *run(): Generator<SegmentEvent> {
    const episodes = this.plan();
    // On each device that logs in, the login happens in one of its sessions, often the first; so
    // does the email form on a device that identifies by email.
    const sessionsPerDevice = this.p.devices.map(() => 0);
    for (const e of episodes) if (e.kind === Kind.Session) sessionsPerDevice[e.device]!++;
    const loginAt = this.p.devices.map((device, d) => {
      const n = sessionsPerDevice[d]!;
      if (!device.logsIn || n === 0) return -1;
      return this.rng.chance(0.5) ? 0 : this.rng.int(0, n - 1);
    });
    const emailAt = this.p.devices.map((device, d) => {
      const n = sessionsPerDevice[d]!;
      return device.identifiesByEmail && n > 0 ? this.rng.int(0, n - 1) : -1;
    });
    const ordinal = this.p.devices.map(() => 0);
    for (const episode of episodes) {
      this.t = Math.max(this.t, episode.at);
      if (this.done) return;
      const d = episode.device;
      if (episode.kind === Kind.Session) {
        yield* this.session(d, ordinal[d]! === loginAt[d]!, ordinal[d]! === emailAt[d]!);
        ordinal[d]!++;
      } else if (episode.kind === Kind.Email) {
        yield* this.email(d);
      } else {
        yield* this.push(d);
      }
      if (this.done) return;
    }
  }

  private *login(d: number, referrer: string): Generator<SegmentEvent> {
    const { p } = this;
    yield this.page(d, 'Login', '/login', referrer, 'Sign in');
    if (!this.advance(this.rng.uniform(8_000, 40_000))) return;
    this.loggedIn[d] = true;
    if (this.accountAt < 0) this.accountAt = this.t;
    yield this.base('alias', d, { previousId: p.devices[d]!.anonymousId });
    if (!this.advance(this.rng.uniform(50, 400))) return;
    yield this.base('identify', d, {
      traits: { ...p.traits, email: this.typedEmail(), createdAt: new Date(this.accountAt).toISOString() },
    });
  }

  /**
   * The person's email as typed into a form: mostly as stored, sometimes capitalised, in capitals
   * or with stray spaces (identity resolution trims and lowercases emails).
   */
  private typedEmail(): string {
    const email = String(this.p.traits?.['email']);
    const r = this.rng.next();
    if (r < 0.55) return email;
    if (r < 0.75)
      return email.replace(/(^|[.@])([a-z])/g, (_, before: string, c: string) => before + c.toUpperCase());
    if (r < 0.85) return email.toUpperCase();
    const padded = `${' '.repeat(this.rng.int(0, 2))}${email}${' '.repeat(this.rng.int(1, 2))}`;
    return this.rng.chance(0.3) ? padded.toUpperCase() : padded;
  }

  private *session(d: number, logsInNow: boolean, givesEmailNow: boolean): Generator<SegmentEvent> {
    const { rng, p, world } = this;
    const { catalog } = world;
    const pages = Math.min(60, 1 + Math.floor(rng.logNormal(3.5, 0.9)));
    const loginPage = logsInNow ? rng.int(0, Math.min(2, pages - 1)) : -1;
    const emailPage = givesEmailNow ? rng.int(0, pages - 1) : -1;
    let referrer = rng.weighted(REFERRERS, REFERRER_WEIGHTS);
    const weights = [1, 1.5, 4 * p.reader, 0.2 + 1.2 * p.shopper, 0.2 + 3 * p.shopper, 0];
    for (let n = 0; n < pages; n++) {
      if (n === loginPage && !this.loggedIn[d]) {
        yield* this.login(d, referrer);
        if (this.done) return;
        referrer = `${SITE}/login`;
      }
      if (n === emailPage) {
        // A newsletter form: the email, not an account login.
        yield this.base('identify', d, { traits: { email: this.typedEmail() } });
        if (!this.advance(rng.uniform(1_000, 5_000))) return;
      }
      weights[5] = this.cart.length > 0 ? 0.6 : 0;
      const kind: PageKind = n === 0 && rng.chance(0.4) ? 'home' : rng.weighted(PAGE_KINDS, weights);
      let path: string;
      let adsMean = 0.3;
      if (kind === 'home') {
        path = '/';
        yield this.page(d, 'Home', path, referrer, 'Home');
        adsMean = 0.9;
      } else if (kind === 'section') {
        const category = this.articleCategory();
        path = `/${category}`;
        yield this.page(d, 'Section', path, referrer, category);
        adsMean = 0.8;
      } else if (kind === 'article') {
        const category = this.articleCategory();
        // Popularity is skewed: a few articles get most of the views.
        const number = Math.floor(catalog.articlesPerCategory * rng.next() ** 3);
        const articleId = `art_${category}_${number}`;
        path = `/${category}/${number}`;
        yield this.page(d, 'Article', path, referrer, `${category} story ${number}`);
        if (!this.advance(rng.uniform(300, 2_000))) return;
        const seconds = Math.min(1_800, Math.max(2, Math.round(rng.logNormal(40, 1))));
        yield this.track(d, 'Article Viewed', { articleId, category, seconds });
        if (!this.advance(seconds * 1000 * rng.uniform(0.2, 0.6))) return;
        adsMean = 1.3;
      } else if (kind === 'search') {
        const category = rng.pick(p.productCategories);
        const words = PRODUCT_WORDS[category as keyof typeof PRODUCT_WORDS];
        const query = rng.chance(0.3) ? `${rng.pick(words)} ${category}` : rng.pick(words);
        yield this.track(d, 'Products Searched', { query });
        if (!this.advance(rng.uniform(200, 900))) return;
        path = `/search?q=${encodeURIComponent(query)}`;
        yield this.page(d, 'Search Results', path, referrer, `Search: ${query}`);
      } else if (kind === 'product') {
        const product = this.product();
        path = `/products/${product.id}`;
        yield this.page(d, 'Product', path, referrer, product.name);
        if (rng.chance(p.buyer ? 0.35 : 0.08)) {
          if (!this.advance(rng.uniform(3_000, 60_000))) return;
          const quantity = rng.chance(0.85) ? 1 : rng.int(2, 3);
          this.cart.push({ ...product, price: product.price * quantity });
          yield this.track(d, 'Product Added', {
            cartId: `cart_${p.index.toString(36)}_${this.orders}`,
            productId: product.id,
            sku: product.sku,
            name: product.name,
            category: product.category,
            price: product.price,
            quantity,
          });
        }
      } else {
        path = '/cart';
        yield this.page(d, 'Cart', path, referrer, 'Your cart');
      }
      const impressions = rng.poisson(adsMean);
      for (let i = 0; i < impressions; i++) {
        if (!this.advance(rng.uniform(100, 3_000))) return;
        const ad = this.ad();
        const properties = { adId: ad.adId, campaignId: ad.campaignId, placement: rng.pick(PLACEMENTS) };
        yield this.track(d, 'Ad Impression', properties);
        if (rng.chance(p.ctr)) {
          if (!this.advance(rng.uniform(1_000, 20_000))) return;
          yield this.track(d, 'Ad Clicked', { ...properties });
        }
      }
      referrer = `${SITE}${path}`;
      if (!this.advance(2_000 + rng.exponential(25_000))) return;
    }
    if (this.cart.length > 0 && p.buyer && rng.chance(0.45)) {
      yield this.page(d, 'Checkout', '/checkout', referrer, 'Checkout');
      if (!this.advance(rng.uniform(20_000, 180_000))) return;
      const revenue = Math.round(this.cart.reduce((sum, item) => sum + item.price, 0) * 100) / 100;
      yield this.track(d, 'Order Completed', {
        orderId: `ord_${this.world.idPrefix.slice(2)}_${p.index.toString(36)}_${this.orders}`,
        revenue,
        currency: 'USD',
        products: this.cart.map((item) => ({
          productId: item.id,
          sku: item.sku,
          name: item.name,
          price: item.price,
        })),
      });
      this.cart = [];
      this.orders++;
    }
  }

  private *email(d: number): Generator<SegmentEvent> {
    // Only people with an account get mail.
    if (this.accountAt < 0) return;
    const { rng, world } = this;
    const campaign = rng.pick(world.catalog.emailCampaigns);
    const emailId = `eml_${this.p.index.toString(36)}_${this.seq.toString(36)}`;
    yield this.track(d, 'Email Opened', { campaignId: campaign.id, emailId, subject: campaign.subject });
    if (rng.chance(0.2)) {
      if (!this.advance(rng.uniform(3_000, 90_000))) return;
      yield this.track(d, 'Email Link Clicked', {
        campaignId: campaign.id,
        emailId,
        linkUrl: `${SITE}/${this.articleCategory()}?utm_source=email&utm_campaign=${campaign.id}`,
      });
    }
  }

  private *push(d: number): Generator<SegmentEvent> {
    // Push needs the app signed in on that device.
    if (!this.loggedIn[d]) return;
    const campaign = this.rng.pick(this.world.catalog.pushCampaigns);
    yield this.track(d, 'Push Opened', { campaignId: campaign.id, title: campaign.title });
  }

  private articleCategory(): string {
    return this.rng.chance(0.7) ? this.rng.pick(this.p.articleCategories) : this.rng.pick(ARTICLE_CATEGORIES);
  }

  private product(): Product {
    const { catalog } = this.world;
    const category = this.rng.chance(0.75)
      ? this.rng.pick(this.p.productCategories)
      : this.rng.pick(PRODUCT_CATEGORIES);
    return this.rng.pick(catalog.productsByCategory.get(category) ?? catalog.products);
  }

  private ad(): Ad {
    const { ads, adsByCategory } = this.world.catalog;
    // Half the time the ad server targets one of the person's product interests.
    if (this.rng.chance(0.5))
      return this.rng.pick(adsByCategory.get(this.rng.pick(this.p.productCategories)) ?? ads);
    return this.rng.pick(ads);
  }
}

/** An event with its ground truth for identity resolution. */
export interface LabelledEvent {
  event: SegmentEvent;
  /** Index of the person who really sent it. */
  person: number;
  /**
   * The profile a correct identity resolution puts it in, as a label. `person:<index>` when the
   * event names its person (their userId, or their email in an identify) or comes from a device
   * that some event of the run ties to a person, before or after this one; else
   * `device:<anonymousId>`: a device nobody ever identifies on is a profile of its own, as nothing
   * links it to its owner's other devices. On a shared device, events that name nobody belong to
   * the first person identified on it: they carry nothing that tells the two people apart, and
   * the device's anonymous history can go to one of them only.
   */
  truth: string;
  /** The real anonymousId of the device it came from (the event's own may be junk). */
  device: string;
  /** It came from a device two people of a household use. */
  sharedDevice: boolean;
  /** It carries a junk identifier: `userId: "null"`, `anonymousId: "0"` or `"anonymous"`. */
  junk: boolean;
}

/** Users 2k and 2k+1: a household whose members may share a device. */
export interface Household {
  index: number;
  members: SimulatedUser[];
  /** Whether the two members share a device (never for the last, lone user of an odd count). */
  sharesADevice: boolean;
  /** The members' events merged by timestamp (each member's order kept; ties: the first member first). */
  events(): Generator<SegmentEvent>;
  /** The same events in the same order with their ground truth (the household is held in memory). */
  labelledEvents(): Generator<LabelledEvent>;
}

/** Merges per-member streams by timestamp; with one stream, that stream. */
function* byTime(streams: Array<Generator<Emitted>>): Generator<Emitted> {
  const [only] = streams;
  if (streams.length === 1 && only) {
    yield* only;
    return;
  }
  const heads = streams.map((stream) => stream.next());
  for (;;) {
    let best: { at: number; value: Emitted } | undefined;
    heads.forEach((head, at) => {
      if (head.done) return;
      if (!best || head.value.event.timestamp < best.value.event.timestamp) best = { at, value: head.value };
    });
    if (!best) return;
    yield best.value;
    heads[best.at] = (streams[best.at] as Generator<Emitted>).next();
  }
}

function* labelled(emitted: Iterable<Emitted>): Generator<LabelledEvent> {
  const all = [...emitted];
  /** Device → the first person an event on it names. */
  const firstKnown = new Map<string, number>();
  for (const e of all) {
    if (e.known && !firstKnown.has(e.device.anonymousId)) firstKnown.set(e.device.anonymousId, e.person);
  }
  for (const e of all) {
    const device = e.device.anonymousId;
    const owner = e.known ? e.person : firstKnown.get(device);
    yield {
      event: e.event,
      person: e.person,
      truth: owner === undefined ? `device:${device}` : `person:${owner}`,
      device,
      sharedDevice: e.device.sharedWith !== undefined,
      junk: e.junk,
    };
  }
}

function simulatedUser(world: World, household: number, profile: Profile): SimulatedUser {
  return {
    index: profile.index,
    household,
    userId: profile.userId,
    devices: profile.devices,
    ctr: profile.ctr,
    buyer: profile.buyer,
    events: () => new UserSimulation(world, profile).run(),
  };
}

/**
 * The households of a seeded world, one at a time: users 2k and 2k+1 make household k. A user
 * depends only on (seed, its index, days, start), so the first users of a 1M run are the users of
 * a 1k run (and, for an even count, the first events too), and nothing is kept between
 * households: a run of any size streams in constant memory.
 */
export function* generateHouseholds(options: GenerateOptions): Generator<Household> {
  const world = makeWorld(options);
  for (let k = 0; 2 * k < options.users; k++) {
    const profiles = makeHousehold(world, k, options.users);
    const members = profiles.map((profile) => simulatedUser(world, k, profile));
    const emitted = () => byTime(profiles.map((profile) => new UserSimulation(world, profile).emitted()));
    yield {
      index: k,
      members,
      sharesADevice: profiles.length === 2 && profiles[0]?.sharedDevice !== -1,
      events: function* () {
        const [only] = members;
        if (members.length === 1 && only) yield* only.events();
        else for (const e of emitted()) yield e.event;
      },
      labelledEvents: () => labelled(emitted()),
    };
  }
}

/** The users of a seeded world, one at a time (see `generateHouseholds`). */
export function* generateUsers(options: GenerateOptions): Generator<SimulatedUser> {
  for (const household of generateHouseholds(options)) yield* household.members;
}

/**
 * Every event of every user, household after household: a user's events in time order, and the
 * two members of a household interleaved by time.
 */
export function* generateEvents(options: GenerateOptions): Generator<SegmentEvent> {
  for (const household of generateHouseholds(options)) yield* household.events();
}

/** `generateEvents` with the ground truth of each event (see `LabelledEvent`). */
export function* generateLabelledEvents(options: GenerateOptions): Generator<LabelledEvent> {
  for (const household of generateHouseholds(options)) yield* household.labelledEvents();
}
