import { Rng } from './rng.js';

/** Static vocabularies and the seeded catalog (articles, products, ads) every user draws from. */

export const FIRST_NAMES = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'Lucas',
  'Mia',
  'Leo',
  'Sofia',
  'Mateo',
  'Chloe',
  'Hugo',
  'Aisha',
  'Yuki',
  'Hana',
  'Ravi',
  'Priya',
  'Omar',
  'Fatima',
  'Jonas',
  'Lea',
  'Marta',
  'Pedro',
  'Ana',
  'Chen',
  'Wei',
  'Ines',
  'Tom',
  'Sara',
  'Ben',
  'Nora',
  'Elias',
  'Zoe',
  'Daniel',
  'Laura',
  'Kenji',
] as const;

export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Garcia',
  'Martin',
  'Müller',
  'Schmidt',
  'Dubois',
  'Rossi',
  'Silva',
  'Santos',
  'Kowalski',
  'Nowak',
  'Tanaka',
  'Sato',
  'Kim',
  'Lee',
  'Patel',
  'Singh',
  'Khan',
  'Nguyen',
  'Brown',
  'Jones',
  'Moreau',
  'Bernard',
  'Ferrari',
  'Lopez',
  'Hansen',
  'Jensen',
  'Novak',
  'Wong',
  'Ali',
] as const;

export const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'proton.me', 'gmx.de'];

export interface Country {
  code: string;
  locale: string;
  weight: number;
  /** First octet range for made-up public IPv4 addresses. */
  ipPrefix: number;
}

export const COUNTRIES: readonly Country[] = [
  { code: 'US', locale: 'en-US', weight: 30, ipPrefix: 73 },
  { code: 'GB', locale: 'en-GB', weight: 10, ipPrefix: 81 },
  { code: 'DE', locale: 'de-DE', weight: 10, ipPrefix: 87 },
  { code: 'FR', locale: 'fr-FR', weight: 9, ipPrefix: 90 },
  { code: 'ES', locale: 'es-ES', weight: 6, ipPrefix: 83 },
  { code: 'IT', locale: 'it-IT', weight: 6, ipPrefix: 79 },
  { code: 'BR', locale: 'pt-BR', weight: 7, ipPrefix: 177 },
  { code: 'IN', locale: 'en-IN', weight: 8, ipPrefix: 117 },
  { code: 'JP', locale: 'ja-JP', weight: 5, ipPrefix: 126 },
  { code: 'CA', locale: 'en-CA', weight: 5, ipPrefix: 99 },
  { code: 'PL', locale: 'pl-PL', weight: 4, ipPrefix: 83 },
];
export const COUNTRY_WEIGHTS = COUNTRIES.map((c) => c.weight);

export const PLANS = ['free', 'basic', 'pro', 'enterprise'] as const;
export const PLAN_WEIGHTS = [60, 22, 14, 4];

export type Platform = 'web-desktop' | 'web-mobile' | 'ios' | 'android';
export const PLATFORMS: readonly Platform[] = ['web-desktop', 'web-mobile', 'ios', 'android'];
export const PLATFORM_WEIGHTS = [40, 25, 17, 18];

export interface DeviceModel {
  type: 'desktop' | 'mobile' | 'tablet';
  manufacturer: string;
  model: string;
  os: string;
  osVersions: readonly string[];
  /** Browser user agent, or the app's; `{v}` is the OS version. */
  userAgent: string;
}

export const DEVICE_MODELS: Record<Platform, readonly DeviceModel[]> = {
  'web-desktop': [
    {
      type: 'desktop',
      manufacturer: 'Apple',
      model: 'Macintosh',
      os: 'macOS',
      osVersions: ['14.6', '15.1', '15.3'],
      userAgent:
        'Mozilla/5.0 (Macintosh; Intel Mac OS X {v}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    },
    {
      type: 'desktop',
      manufacturer: 'Dell',
      model: 'PC',
      os: 'Windows',
      osVersions: ['10', '11'],
      userAgent:
        'Mozilla/5.0 (Windows NT {v}.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    },
    {
      type: 'desktop',
      manufacturer: 'Lenovo',
      model: 'PC',
      os: 'Linux',
      osVersions: ['6.8', '6.11'],
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
    },
  ],
  'web-mobile': [
    {
      type: 'mobile',
      manufacturer: 'Apple',
      model: 'iPhone',
      os: 'iOS',
      osVersions: ['17.6', '18.1', '18.2'],
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS {v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
    },
    {
      type: 'mobile',
      manufacturer: 'Samsung',
      model: 'SM-S921B',
      os: 'Android',
      osVersions: ['14', '15'],
      userAgent:
        'Mozilla/5.0 (Linux; Android {v}; SM-S921B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    },
  ],
  ios: [
    {
      type: 'mobile',
      manufacturer: 'Apple',
      model: 'iPhone15,3',
      os: 'iOS',
      osVersions: ['17.6', '18.1', '18.2'],
      userAgent: 'CDPNews/4.12.0 (iPhone; iOS {v}; Scale/3.00)',
    },
    {
      type: 'tablet',
      manufacturer: 'Apple',
      model: 'iPad13,18',
      os: 'iPadOS',
      osVersions: ['17.6', '18.1'],
      userAgent: 'CDPNews/4.12.0 (iPad; iPadOS {v}; Scale/2.00)',
    },
  ],
  android: [
    {
      type: 'mobile',
      manufacturer: 'Google',
      model: 'Pixel 8',
      os: 'Android',
      osVersions: ['14', '15'],
      userAgent: 'CDPNews/4.12.0 (Linux; Android {v}; Pixel 8)',
    },
    {
      type: 'mobile',
      manufacturer: 'Xiaomi',
      model: 'Redmi Note 13',
      os: 'Android',
      osVersions: ['13', '14'],
      userAgent: 'CDPNews/4.12.0 (Linux; Android {v}; Redmi Note 13)',
    },
  ],
};

export const ARTICLE_CATEGORIES = [
  'news',
  'sports',
  'tech',
  'finance',
  'travel',
  'food',
  'health',
  'entertainment',
  'science',
  'autos',
] as const;

export const PRODUCT_CATEGORIES = [
  'electronics',
  'books',
  'home',
  'fashion',
  'beauty',
  'sports',
  'toys',
  'grocery',
] as const;

export const PRODUCT_WORDS: Record<(typeof PRODUCT_CATEGORIES)[number], readonly string[]> = {
  electronics: ['headphones', 'charger', 'smartwatch', 'speaker', 'keyboard', 'monitor', 'webcam', 'tablet'],
  books: ['novel', 'cookbook', 'biography', 'travel guide', 'comic', 'atlas', 'poetry', 'thriller'],
  home: ['lamp', 'kettle', 'blanket', 'vase', 'pillow', 'coffee maker', 'rug', 'toaster'],
  fashion: ['sneakers', 'jacket', 'scarf', 'jeans', 'dress', 'hoodie', 'boots', 'sunglasses'],
  beauty: ['serum', 'shampoo', 'perfume', 'lipstick', 'sunscreen', 'moisturizer', 'razor', 'mascara'],
  sports: ['yoga mat', 'running shoes', 'dumbbells', 'bike helmet', 'water bottle', 'tent', 'racket', 'ball'],
  toys: ['puzzle', 'board game', 'lego set', 'plush', 'drone', 'kite', 'doll', 'train set'],
  grocery: ['coffee beans', 'olive oil', 'tea', 'chocolate', 'pasta', 'honey', 'granola', 'spices'],
};
const ADJECTIVES = ['classic', 'pro', 'eco', 'mini', 'deluxe', 'smart', 'urban', 'premium', 'essential'];

export const PLACEMENTS = ['banner_top', 'sidebar', 'in_feed', 'in_article', 'interstitial'] as const;

export const REFERRERS = [
  '',
  'https://www.google.com/',
  'https://www.bing.com/',
  'https://www.facebook.com/',
  'https://t.co/',
  'https://www.reddit.com/',
  'https://news.ycombinator.com/',
  'https://duckduckgo.com/',
];
export const REFERRER_WEIGHTS = [35, 30, 4, 10, 5, 6, 3, 3];

export const HOUR_WEIGHTS = [
  1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.2, 2.5, 3.5, 3.6, 3.4, 3.4, 3.8, 3.6, 3.3, 3.3, 3.5, 3.9, 4.4, 4.9, 5, 4.4,
  3.2, 1.9,
];

export interface Product {
  id: string;
  sku: string;
  name: string;
  category: string;
  price: number;
}

export interface Ad {
  adId: string;
  campaignId: string;
  /** Campaign targets a product category, so clicks say something about intent. */
  category: string;
}

export interface Catalog {
  products: readonly Product[];
  productsByCategory: ReadonlyMap<string, readonly Product[]>;
  ads: readonly Ad[];
  adsByCategory: ReadonlyMap<string, readonly Ad[]>;
  emailCampaigns: readonly { id: string; subject: string }[];
  pushCampaigns: readonly { id: string; title: string }[];
  articlesPerCategory: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The catalog is part of the seeded world: the same seed gives the same products and ads. */
export function buildCatalog(seed: string): Catalog {
  const rng = Rng.of(seed, 'catalog');
  const products: Product[] = [];
  const productsByCategory = new Map<string, Product[]>();
  for (const category of PRODUCT_CATEGORIES) {
    const list: Product[] = [];
    for (let i = 0; i < 40; i++) {
      const n = products.length;
      const product: Product = {
        id: `prd_${n.toString().padStart(4, '0')}`,
        sku: `${category.slice(0, 3).toUpperCase()}-${rng.hex(6).toUpperCase()}`,
        name: `${rng.pick(ADJECTIVES)} ${rng.pick(PRODUCT_WORDS[category])}`,
        category,
        // Log-normal prices: most things cost tens, a few cost hundreds.
        price: round2(Math.min(2500, Math.max(1.99, rng.logNormal(29, 0.9)))),
      };
      products.push(product);
      list.push(product);
    }
    productsByCategory.set(category, list);
  }
  const ads: Ad[] = [];
  for (let c = 0; c < 24; c++) {
    const campaignId = `cmp_${c.toString().padStart(3, '0')}`;
    const category = rng.pick(PRODUCT_CATEGORIES);
    const count = rng.int(2, 5);
    for (let a = 0; a < count; a++) ads.push({ adId: `ad_${c}_${a}_${rng.hex(4)}`, campaignId, category });
  }
  const subjects = [
    'Your weekly digest',
    'Deals picked for you',
    'Breaking: top stories',
    'We miss you',
    'New arrivals',
  ];
  const emailCampaigns = Array.from({ length: 12 }, (_, i) => ({
    id: `em_${i.toString().padStart(3, '0')}`,
    subject: subjects[i % subjects.length] as string,
  }));
  const titles = [
    'Breaking news',
    'Price drop on your cart',
    'Your daily briefing',
    'Live: the match starts now',
  ];
  const pushCampaigns = Array.from({ length: 8 }, (_, i) => ({
    id: `psh_${i.toString().padStart(3, '0')}`,
    title: titles[i % titles.length] as string,
  }));
  const adsByCategory = new Map<string, Ad[]>();
  for (const ad of ads) adsByCategory.set(ad.category, [...(adsByCategory.get(ad.category) ?? []), ad]);
  return {
    products,
    productsByCategory,
    ads,
    adsByCategory,
    emailCampaigns,
    pushCampaigns,
    articlesPerCategory: 400,
  };
}
