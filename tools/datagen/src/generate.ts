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

export interface SimulatedDevice {
  anonymousId: string;
  platform: Platform;
  /** Whether the user logs in on this device at some point of the window (if it lasts long enough). */
  logsIn: boolean;
  context: SegmentContext;
}

export interface SimulatedUser {
  index: number;
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
  return { anonymousId, platform, logsIn: primary ? rng.chance(0.9) : rng.chance(0.55), context };
}

function makeProfile(world: World, index: number): Profile {
  const rng = Rng.of(world.seed, 'user', index);
  const country = rng.weighted(COUNTRIES, COUNTRY_WEIGHTS);
  const registered = rng.chance(0.65);
  const deviceCount = 1 + rng.weightedIndex([45, 33, 15, 7]);
  const devices: SimulatedDevice[] = [];
  const deviceUsage: number[] = [];
  for (let d = 0; d < deviceCount; d++) {
    const device = makeDevice(rng, country, d === 0);
    if (!registered) device.logsIn = false;
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

/** One user's simulation: plans the episodes, then emits their events lazily in time order. */
class UserSimulation {
  private readonly rng: Rng;
  private t: number;
  private seq = 0;
  private readonly loggedIn: boolean[];
  private accountAt = -1;
  private cart: Product[] = [];
  private orders = 0;

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
    return {
      type,
      event: fields.event,
      name: fields.name,
      messageId: `${this.world.idPrefix}-${this.p.index.toString(36)}-${(this.seq++).toString(36)}`,
      anonymousId: device.anonymousId,
      userId: this.loggedIn[d] ? (this.p.userId ?? undefined) : undefined,
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

  *run(): Generator<SegmentEvent> {
    const episodes = this.plan();
    // On each device that logs in, the login happens in one of its sessions, often the first.
    const sessionsPerDevice = this.p.devices.map(() => 0);
    for (const e of episodes) if (e.kind === Kind.Session) sessionsPerDevice[e.device]!++;
    const loginAt = this.p.devices.map((device, d) => {
      const n = sessionsPerDevice[d]!;
      if (!device.logsIn || n === 0) return -1;
      return this.rng.chance(0.5) ? 0 : this.rng.int(0, n - 1);
    });
    const ordinal = this.p.devices.map(() => 0);
    for (const episode of episodes) {
      this.t = Math.max(this.t, episode.at);
      if (this.done) return;
      const d = episode.device;
      if (episode.kind === Kind.Session) {
        yield* this.session(d, ordinal[d]! === loginAt[d]!);
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
      traits: { ...p.traits, createdAt: new Date(this.accountAt).toISOString() },
    });
  }

  private *session(d: number, logsInNow: boolean): Generator<SegmentEvent> {
    const { rng, p, world } = this;
    const { catalog } = world;
    const pages = Math.min(60, 1 + Math.floor(rng.logNormal(3.5, 0.9)));
    const loginPage = logsInNow ? rng.int(0, Math.min(2, pages - 1)) : -1;
    let referrer = rng.weighted(REFERRERS, REFERRER_WEIGHTS);
    const weights = [1, 1.5, 4 * p.reader, 0.2 + 1.2 * p.shopper, 0.2 + 3 * p.shopper, 0];
    for (let n = 0; n < pages; n++) {
      if (n === loginPage && !this.loggedIn[d]) {
        yield* this.login(d, referrer);
        if (this.done) return;
        referrer = `${SITE}/login`;
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

/**
 * The users of a seeded world, one at a time. User i depends only on (seed, i, days, start), so the
 * first users of a 1M run are the users of a 1k run, and nothing is kept between users: a run of
 * any size streams in constant memory.
 */
export function* generateUsers(options: GenerateOptions): Generator<SimulatedUser> {
  const world = makeWorld(options);
  for (let index = 0; index < options.users; index++) {
    const profile = makeProfile(world, index);
    yield {
      index,
      userId: profile.userId,
      devices: profile.devices,
      ctr: profile.ctr,
      buyer: profile.buyer,
      events: () => new UserSimulation(world, profile).run(),
    };
  }
}

/** Every event of every user, user after user (each user's events in time order). */
export function* generateEvents(options: GenerateOptions): Generator<SegmentEvent> {
  for (const user of generateUsers(options)) yield* user.events();
}
