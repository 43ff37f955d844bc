import { seededRandom } from '@cdp/shared/testing';

export const DAY = 86_400_000;

/** How far back the generated history starts. */
export const HISTORY_DAYS = 56;

/** Email consent as each person's identify traits state it. */
export type EmailConsent = 'opted-in' | 'declined' | 'unstated';

/**
 * One generated person: a phone and a laptop, both first seen anonymously, then identified as the
 * same user. Loyal readers visit about daily up to today and read for minutes; leavers visit every
 * other day, skim, and stop for good between 15 and 45 days ago: a churn for the model to learn, in training
 * and validation cut-offs alike, and engagement for the segmentation to tell apart.
 */
export interface Person {
  readonly n: number;
  readonly loyal: boolean;
  readonly userId: string;
  readonly phone: string;
  readonly laptop: string;
  /** The phone's advertising id (IDFA), lowercase as a bidder sends it. */
  readonly ifa: string;
  readonly email: string;
  readonly firstName: string;
  readonly consent: EmailConsent;
  /** Visit times (ms), oldest first: each visit is one page view and one article read. */
  readonly visits: readonly number[];
}

/** The first visits of each device, sent before anyone is identified. */
export const ANONYMOUS_VISITS_PER_DEVICE = 2;

export function generatePeople(run: string, count: number, now: number, seed = 7): Person[] {
  const random = seededRandom(seed);
  const hex = (length: number): string =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const start = now - HISTORY_DAYS * DAY;
  return Array.from({ length: count }, (_, n) => {
    const loyal = n % 2 === 0;
    const end = loyal ? now - 3_600_000 : now - (15 + 30 * random()) * DAY;
    const rate = loyal ? 1 : 0.5;
    const visits: number[] = [];
    let at = start + random() * DAY;
    // Every device gets its anonymous visits whatever the draw.
    while (at < end || visits.length < 2 * ANONYMOUS_VISITS_PER_DEVICE + 1) {
      visits.push(Math.round(at));
      at += (-Math.log(1 - random()) / rate) * DAY;
    }
    const ifa = `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
    return {
      n,
      loyal,
      userId: `${run}-user-${n}`,
      phone: `${run}-phone-${n}`,
      laptop: `${run}-laptop-${n}`,
      ifa,
      email: `reader${n}.${run}@example.test`,
      firstName: `Reader${n}`,
      consent: (['opted-in', 'declined', 'unstated'] as const)[n % 3] as EmailConsent,
      visits,
    };
  });
}

/** What the events of `person` look like to the tracking API (analytics-node's parameters). */
export interface TrackedCall {
  kind: 'page' | 'track' | 'identify';
  params: Record<string, unknown>;
}

const phoneContext = (p: Person) => ({
  device: { advertisingId: p.ifa, adTrackingEnabled: true, type: 'ios' },
  os: { name: 'iOS' },
});

function visitCalls(p: Person, at: number, index: number, who: Record<string, unknown>, phone: boolean) {
  const context = phone ? phoneContext(p) : { device: { type: 'desktop' } };
  const timestamp = new Date(at);
  return [
    {
      kind: 'page' as const,
      params: { ...who, name: 'Article', properties: { path: `/a/${index % 5}` }, timestamp, context },
    },
    {
      kind: 'track' as const,
      params: {
        ...who,
        event: 'Article Viewed',
        properties: { seconds: p.loyal ? 150 + (index % 5) * 25 : 15 + (index % 4) * 10 },
        timestamp: new Date(at + 30_000),
        context,
      },
    },
  ];
}

/** Before anyone logs in: each person's first visits on the phone, then on the laptop. */
export function anonymousCalls(p: Person): TrackedCall[] {
  const k = ANONYMOUS_VISITS_PER_DEVICE;
  return p.visits
    .slice(0, 2 * k)
    .flatMap((at, i) =>
      i < k
        ? visitCalls(p, at, i, { anonymousId: p.phone }, true)
        : visitCalls(p, at, i, { anonymousId: p.laptop }, false),
    );
}

/** The logins on both devices (identify with traits and consent), then every later visit as the user. */
export function identifiedCalls(p: Person): TrackedCall[] {
  const k = ANONYMOUS_VISITS_PER_DEVICE;
  const loginAt = (p.visits[2 * k - 1] as number) + 60_000;
  const traits = traitsOf(p);
  const logins: TrackedCall[] = [
    {
      kind: 'identify',
      params: {
        userId: p.userId,
        anonymousId: p.phone,
        traits,
        timestamp: new Date(loginAt),
        context: phoneContext(p),
      },
    },
    {
      kind: 'identify',
      params: { userId: p.userId, anonymousId: p.laptop, traits, timestamp: new Date(loginAt + 1_000) },
    },
  ];
  const later = p.visits.slice(2 * k).flatMap((at, i) => {
    const phone = i % 2 === 0;
    return visitCalls(p, at, 2 * k + i, { userId: p.userId, anonymousId: phone ? p.phone : p.laptop }, phone);
  });
  return [...logins, ...later];
}

/** What each person's identify says about them: email, first name and, when stated, email consent. */
function traitsOf(p: Person): Record<string, unknown> {
  return {
    email: p.email,
    first_name: p.firstName,
    ...(p.consent === 'unstated' ? {} : { consent: { email: p.consent === 'opted-in' } }),
  };
}
