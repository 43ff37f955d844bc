import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import webpush from 'web-push';
import {
  AUDIENCE_MEMBERSHIP_CHANGED,
  type AudienceView,
  type CampaignView,
  type DeliveryView,
  type MembershipChange,
} from '@cdp/activation/contracts';
import { inHoldout } from '@cdp/activation/domain';
import {
  startSegmentReceiver,
  startSmtpReceiver,
  startTwilioServer,
  startWebhookReceiver,
  startWebPushEndpoint,
  type SegmentReceiver,
  type SmtpReceiver,
  type TwilioServer,
  type WebhookReceiver,
  type WebPushEndpoint,
} from '@cdp/activation/testing';
import { SEGMENTS_CHANGED, SEGMENTS_MODEL_GET, type ModelDetail } from '@cdp/clustering/contracts';
import { PROFILE_MERGED, type ResolvedEvent } from '@cdp/identity/contracts';
import { SCORES_UPDATED, type ProfileScores } from '@cdp/prediction/contracts';
import { canConnectToNats, seededRandom, waitFor } from '@cdp/shared/testing';
import { answerRequests, consumeEvents, publishEvent, type Bus } from '@cdp/shared/util-messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishResolved, resolvedEvent, startStack, type Stack } from './stack.js';
import { cli, eraseAndWait, runCli } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const TWILIO = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-auth-token-e2e' };
const WEBHOOK_SECRET = 'whsec-e2e-0123456789abcdef';
const SEGMENT_KEY = 'segment-write-key-e2e';
const VAPID = webpush.generateVAPIDKeys();

let stack: Stack;
let env: Record<string, string>;
let bus: Bus;
let pool: pg.Pool;
let activationUrl: string;
let smtp: SmtpReceiver;
let twilio: TwilioServer;
let push: WebPushEndpoint;
let hooks: WebhookReceiver;
let flaky: WebhookReceiver;
let gone: WebhookReceiver;
let segment: SegmentReceiver;
const membership: MembershipChange[] = [];

const cdp = async <T>(args: string[]): Promise<T> => JSON.parse(await cli([...args, '--json'], env)) as T;

// Fixed ids, so a run's people are the same every time.
const random = seededRandom(91);
const uuid = (): string => {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

interface Person {
  profileId: string;
  n: number;
  email: string;
  phone: string;
  group: string;
  consent: boolean;
  churn: number;
  timezone?: string;
}

const person = (n: number, group: string, extra: Partial<Person> = {}): Person => ({
  profileId: uuid(),
  n,
  email: `person${n}@example.test`,
  phone: `+1415555${String(1000 + n).padStart(4, '0')}`,
  group,
  consent: true,
  churn: 0.8,
  ...extra,
});

/** 30 people: 24 at high churn risk (the audience), 3 of them without consent; 6 at low risk. */
const main = Array.from({ length: 30 }, (_, i) =>
  person(i, 'main', { consent: i % 10 !== 3, churn: i < 24 ? 0.8 : 0.2 }),
);
const members = main.filter((p) => p.churn >= 0.6);
const caps = Array.from({ length: 3 }, (_, i) => person(100 + i, 'caps'));
const kolkata = person(200, 'quiet', { timezone: 'Asia/Kolkata' });
const newYork = person(201, 'quiet', { timezone: 'America/New_York' });
const bouncer = person(300, 'bounce');

function identify(p: Person): ResolvedEvent {
  return resolvedEvent(p.profileId, {
    type: 'identify',
    userId: `user-${p.n}`,
    traits: {
      email: p.email,
      phone: p.phone,
      first_name: `Ann${p.n}`,
      group: p.group,
      ...(p.timezone ? { timezone: p.timezone } : {}),
      consent: { email: p.consent, sms: p.consent },
    },
  });
}

function track(p: Person, event: string): ResolvedEvent {
  return resolvedEvent(p.profileId, { type: 'track', userId: `user-${p.n}`, event });
}

function scores(p: Person, churn: number, asOf = new Date()): ProfileScores {
  return {
    profileId: p.profileId,
    asOf: asOf.toISOString(),
    intent: 0.1,
    traits: { churn_risk: churn, churn_risk_band: churn >= 0.6 ? 'high' : 'low' },
  };
}

async function deliveries(campaign: string): Promise<DeliveryView[]> {
  return (
    await cdp<{ deliveries: DeliveryView[] }>([
      'deliveries',
      'list',
      '--campaign',
      campaign,
      '--limit',
      '1000',
    ])
  ).deliveries;
}

/** An audience of everyone whose `traits.group` is `group`. */
async function groupAudience(name: string, group: string): Promise<void> {
  await cdp([
    'audiences',
    'create',
    name,
    '--rule',
    JSON.stringify({ field: 'traits.group', op: 'eq', value: group }),
  ]);
}

/** An email campaign on the `mail` destination. */
async function emailCampaign(
  name: string,
  audience: string,
  template: string,
  trigger: 'entry' | 'schedule',
  ...flags: string[]
): Promise<void> {
  await cdp([
    'campaigns',
    'create',
    name,
    '--audience',
    audience,
    '--destination',
    'mail',
    '--template',
    template,
    '--trigger',
    trigger,
    ...flags,
  ]);
}

/** A segmentation model as clustering describes it; only its source matters here. */
function segmentationModel(id: string): ModelDetail {
  return {
    id,
    version: 1,
    name: 'engagement tiers',
    source: 'features',
    algorithm: 'kmeans',
    naming: 'tiers',
    k: 5,
    active: true,
    rows: 100,
    features: ['intent.clicks_7d'],
    quality: {
      silhouette: 0.4,
      stability: 0.9,
      daviesBouldin: 0.8,
      weak: false,
      warnings: [],
      thresholds: { silhouette: 0.15, stability: 0.8 },
    },
    createdAt: new Date().toISOString(),
    dataFrom: null,
    dataTo: null,
    segments: [],
    kSelection: [],
    timings: {},
    projection: { points: [], segments: [], explainedVarianceRatio: [] },
    scatter: null,
    matchedFrom: {},
  };
}

const emailsTo = (address: string) => smtp.messages.filter((m) => m.envelopeTo.includes(address));

/** Local HH:MM in `timeZone`, `offsetMinutes` from now. */
function localClock(timeZone: string, offsetMinutes: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(Date.now() + offsetMinutes * 60_000));
}

describe.skipIf(natsMissing)('activation: audiences and campaigns to real protocol peers', () => {
  beforeAll(async () => {
    [smtp, twilio, push, hooks, flaky, gone, segment] = await Promise.all([
      startSmtpReceiver(),
      startTwilioServer(TWILIO),
      startWebPushEndpoint(),
      startWebhookReceiver({ secret: WEBHOOK_SECRET }),
      startWebhookReceiver({ secret: WEBHOOK_SECRET }),
      startWebhookReceiver({ secret: WEBHOOK_SECRET }),
      startSegmentReceiver({ writeKey: SEGMENT_KEY }),
    ]);
    stack = await startStack('activation', natsUrl, {
      activation: {
        ACTIVATION_POLL_MS: '100',
        ACTIVATION_RETRY_BASE_MS: '200',
        ACTIVATION_RETRY_MAX_MS: '1000',
        ACTIVATION_SCHEDULER_MS: '300',
      },
    });
    ({ env, bus, pool } = stack);
    activationUrl = stack.urls.activation as string;
    await consumeEvents(bus, AUDIENCE_MEMBERSHIP_CHANGED, { durable: 'e2e-membership' }, async (m) => {
      membership.push(...m.data.events);
    });

    await publishResolved(bus, [...main, ...caps].map(identify));
    await waitFor(
      async () =>
        Number((await pool.query('SELECT count(*) AS n FROM activation.profiles')).rows[0].n) === 33,
      20_000,
      'profiles stored',
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([smtp, twilio, push, hooks, flaky, gone, segment].map((s) => s?.close()));
  });

  let audience: AudienceView;
  const campaigns: Record<string, CampaignView> = {};

  it('validates a rule, naming the path that is wrong, and estimates a valid one', async () => {
    const bad = await runCli(
      [
        'audiences',
        'estimate',
        '--rule',
        '{"and":[{"field":"scores.churn_risk","op":"greater","value":0.6}]}',
      ],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/and\[0\]\.op/);

    const rule = JSON.stringify({ field: 'traits.group', op: 'eq', value: 'main' });
    const estimate = await cdp<{ size: number; profiles: number }>(['audiences', 'estimate', '--rule', rule]);
    expect(estimate).toMatchObject({ size: 30, profiles: 33 });
  });

  it('creates destinations for every channel and an audience with entry campaigns on each', async () => {
    const destinations: Array<[string, unknown]> = [
      [
        'mail',
        { kind: 'email', smtp: { host: '127.0.0.1', port: smtp.port }, from: 'Acme <news@acme.test>' },
      ],
      ['texts', { kind: 'sms', baseUrl: twilio.url, ...TWILIO, from: '+14155550000' }],
      [
        'browser-push',
        {
          kind: 'push',
          webPush: {
            vapidPublicKey: VAPID.publicKey,
            vapidPrivateKey: VAPID.privateKey,
            subject: 'mailto:ops@acme.test',
          },
        },
      ],
      ['crm-hook', { kind: 'webhook', url: hooks.url, secret: WEBHOOK_SECRET }],
      [
        'flaky-hook',
        {
          kind: 'webhook',
          url: flaky.url,
          secret: WEBHOOK_SECRET,
          maxAttempts: 2,
          disableAfterFailures: 1000,
        },
      ],
      ['gone-hook', { kind: 'webhook', url: gone.url, secret: WEBHOOK_SECRET }],
      ['segment', { kind: 'segment', writeKey: SEGMENT_KEY, host: segment.url }],
    ];
    for (const [name, config] of destinations) {
      const created = await cdp<{ config: Record<string, unknown> }>([
        'destinations',
        'create',
        name,
        '--config',
        JSON.stringify(config),
      ]);
      expect(JSON.stringify(created.config)).not.toMatch(
        new RegExp(`${TWILIO.authToken}|${WEBHOOK_SECRET}|${SEGMENT_KEY}`),
      );
    }

    audience = await cdp<AudienceView>([
      'audiences',
      'create',
      'High churn risk',
      '--rule',
      JSON.stringify({
        and: [
          { field: 'traits.group', op: 'eq', value: 'main' },
          { field: 'scores.churn_risk', op: 'gte', value: 0.6 },
        ],
      }),
    ]);
    expect(audience).toMatchObject({ key: 'high_churn_risk', size: 0 });

    const create = async (name: string, destination: string, template: unknown, extra: string[] = []) => {
      campaigns[name] = await cdp<CampaignView>([
        'campaigns',
        'create',
        name,
        '--audience',
        'High churn risk',
        '--destination',
        destination,
        '--template',
        JSON.stringify(template),
        '--trigger',
        'entry',
        ...extra,
      ]);
    };
    await create(
      'winback-email',
      'mail',
      {
        subject: 'We miss you, {{traits.first_name}}',
        text: 'Come back: https://acme.test/back',
        html: '<p>Hi {{traits.first_name}}, <a href="https://acme.test/back">come back</a></p>',
      },
      ['--holdout', '0.3', '--conversion-event', 'Order Completed'],
    );
    await create('winback-sms', 'texts', { body: 'Hi {{traits.first_name}}, 20% off today' });
    await create('winback-push', 'browser-push', {
      title: 'Hi {{traits.first_name}}',
      body: 'Your cart misses you',
      url: 'https://acme.test/cart',
    });
    await create('winback-hook', 'crm-hook', { event: 'churn.risk.entered' });
    await create('winback-flaky', 'flaky-hook', {});
    await create('winback-gone', 'gone-hook', {});
    await create('winback-segment', 'segment', {});
    const bad = await runCli(
      [
        'campaigns',
        'create',
        'x',
        '--audience',
        'High churn risk',
        '--destination',
        'texts',
        '--template',
        '{"subject":"no body"}',
        '--trigger',
        'entry',
      ],
      env,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/body/);
  }, 60_000);

  it('keeps membership from scores.updated and sends each channel to its real peer, once', async () => {
    // Five members subscribe to Web Push from their browsers.
    for (const p of members.slice(0, 5)) {
      const subscription = push.subscribe();
      const response = await fetch(`${activationUrl}/v1/push/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'webpush', profileId: p.profileId, subscription }),
      });
      expect(response.status).toBe(201);
    }
    twilio.failNext(2, 429, 0);
    hooks.respondWith(500, 3);
    // Two attempts for each of the 24 members, then it recovers.
    flaky.respondWith(503, 48);
    gone.respondWith(410, 1_000);

    await publishEvent(bus, SCORES_UPDATED, { events: main.map((p) => scores(p, p.churn)) });
    await waitFor(
      async () => membership.filter((m) => m.change === 'entered').length === 24,
      30_000,
      '24 entries',
    );
    const listed = await cdp<{ members: Array<{ profileId: string }> }>([
      'audiences',
      'members',
      'High churn risk',
      '--all',
    ]);
    expect(new Set(listed.members.map((m) => m.profileId))).toEqual(new Set(members.map((m) => m.profileId)));

    // Email: held-out members (as the domain's hash says) and those without consent get nothing.
    const emailId = campaigns['winback-email']?.id as string;
    const heldOut = members.filter((p) => inHoldout(emailId, p.profileId, 0.3));
    const expected = members.filter((p) => p.consent && !heldOut.includes(p));
    expect(heldOut.length).toBeGreaterThan(0);
    await smtp.waitFor(expected.length, 30_000);
    await waitFor(
      async () =>
        (await deliveries('winback-email')).every((d) => !['pending', 'sending'].includes(d.status)),
      20_000,
      'emails done',
    );
    const emailDeliveries = await deliveries('winback-email');
    expect(
      emailDeliveries
        .filter((d) => d.status === 'held_out')
        .map((d) => d.profileId)
        .sort(),
    ).toEqual(heldOut.map((p) => p.profileId).sort());
    expect(
      emailDeliveries
        .filter((d) => d.status === 'suppressed')
        .map((d) => d.profileId)
        .sort(),
    ).toEqual(
      members
        .filter((p) => !p.consent && !heldOut.includes(p))
        .map((p) => p.profileId)
        .sort(),
    );
    expect(smtp.messages.length).toBe(expected.length);
    for (const p of expected) {
      const [mail, ...more] = emailsTo(p.email);
      expect(more).toHaveLength(0);
      const delivery = emailDeliveries.find((d) => d.profileId === p.profileId);
      expect(mail?.subject).toBe(`We miss you, Ann${p.n}`);
      expect(mail?.messageId).toBe(`<${delivery?.key}@cdp.activation>`);
      expect(mail?.headers['list-unsubscribe']).toMatch(
        new RegExp(`^<${activationUrl}/v1/unsubscribe/\\d+\\.[\\w-]+>$`),
      );
      expect(mail?.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      expect(mail?.html).toContain(`/v1/t/click/`);
    }

    // SMS: Twilio's API got one request per consenting member (two 429s retried), and its signed
    // status callbacks marked them delivered.
    const smsExpected = members.filter((p) => p.consent);
    await waitFor(async () => twilio.messages.length === smsExpected.length, 30_000, 'sms sent');
    expect(new Set(twilio.messages.map((m) => m.to))).toEqual(new Set(smsExpected.map((p) => p.phone)));
    expect(twilio.messages.every((m) => m.body.startsWith('Hi Ann'))).toBe(true);
    await waitFor(
      async () =>
        (await deliveries('winback-sms')).filter((d) => d.status === 'delivered').length ===
        smsExpected.length,
      30_000,
      'sms delivered by callback',
    );
    expect(twilio.callbacks.every((c) => c.status === 204)).toBe(true);
    expect((await deliveries('winback-sms')).some((d) => d.attempts > 1)).toBe(true);

    // Web Push: payloads decrypt with each subscription's keys to the rendered notification.
    await waitFor(async () => push.received.length === 5, 30_000, 'pushes');
    expect(push.rejected).toEqual([]);
    const titles = push.received.map((r) => (JSON.parse(r.payload) as { title: string }).title).sort();
    expect(titles).toEqual(
      members
        .slice(0, 5)
        .map((p) => `Hi Ann${p.n}`)
        .sort(),
    );

    // Webhooks: every request verifies; three 500s were retried; one key per member.
    await waitFor(
      async () => hooks.received.filter((r) => r.status === 200).length === 24,
      30_000,
      'webhooks',
    );
    expect(hooks.received.every((r) => r.valid)).toBe(true);
    expect(new Set(hooks.received.filter((r) => r.status === 200).map((r) => r.idempotencyKey)).size).toBe(
      24,
    );
    expect((hooks.received[0]?.body as { type: string }).type).toBe('churn.risk.entered');

    // Segment: the audience as a trait and an Audience Entered track per member.
    await segment.waitFor(48, 30_000);
    const identifies = segment.events.filter((e) => e.type === 'identify');
    expect(identifies).toHaveLength(24);
    expect(
      identifies.every((e) => (e['traits'] as Record<string, unknown>)['high_churn_risk'] === true),
    ).toBe(true);
    expect(
      segment.events.filter((e) => e.type === 'track' && e['event'] === 'Audience Entered'),
    ).toHaveLength(24);
  }, 60_000);

  it('dead-letters after the last attempt, replays, and disables a webhook that answers 410', async () => {
    await waitFor(
      async () => (await deliveries('winback-flaky')).every((d) => d.status === 'dead'),
      30_000,
      'dead letters',
    );
    expect((await deliveries('winback-flaky'))[0]?.lastError).toMatch(/gave up after 2 attempts.*503/);
    const replayed = await cdp<{ replayed: number }>(['deliveries', 'replay', '--destination', 'flaky-hook']);
    expect(replayed.replayed).toBe(24);
    await waitFor(
      async () => (await deliveries('winback-flaky')).every((d) => d.status === 'sent'),
      30_000,
      'replayed',
    );

    const list = await cdp<{
      destinations: Array<{ name: string; enabled: boolean; disabledReason: string | null }>;
    }>(['destinations', 'list']);
    const disabled = list.destinations.find((d) => d.name === 'gone-hook');
    expect(disabled).toMatchObject({ enabled: false });
    expect(disabled?.disabledReason).toMatch(/410/);
    // Its queue waits for the destination to be enabled again; nothing is dropped.
    expect((await deliveries('winback-gone')).every((d) => d.status === 'pending')).toBe(true);
    gone.recover();
    await cdp(['destinations', 'enable', 'gone-hook']);
    await waitFor(
      async () => (await deliveries('winback-gone')).every((d) => d.status === 'sent'),
      30_000,
      'resumed',
    );
    expect(new Set(gone.received.filter((r) => r.status === 200).map((r) => r.idempotencyKey)).size).toBe(24);
  }, 60_000);

  it('sends nothing twice when the same scores are redelivered', async () => {
    const before = {
      emails: smtp.messages.length,
      sms: twilio.messages.length,
      hooks: hooks.received.length,
    };
    await publishEvent(bus, SCORES_UPDATED, { events: main.map((p) => scores(p, p.churn)) });
    await new Promise((r) => setTimeout(r, 2_000));
    expect({
      emails: smtp.messages.length,
      sms: twilio.messages.length,
      hooks: hooks.received.length,
    }).toEqual(before);
  });

  it('unsubscribes in one click (RFC 8058) and never emails that person again', async () => {
    const sent = members.filter((p) => emailsTo(p.email).length === 1);
    const leaving = sent[0] as Person;
    const link = /^<(.+)>$/.exec(
      emailsTo(leaving.email)[0]?.headers['list-unsubscribe'] ?? '',
    )?.[1] as string;
    const page = await fetch(link);
    expect(await page.text()).toContain('<form method="post">');
    const click = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(click.status).toBe(200);
    const forged = await fetch(link.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'), { method: 'POST' });
    expect(forged.status).toBe(404);
    const consent = await cdp<{ unsubscribed: Record<string, string> }>([
      'consent',
      'get',
      leaving.profileId,
    ]);
    expect(Object.keys(consent.unsubscribed)).toEqual(['email']);

    const before = smtp.messages.length;
    const run = await cdp<{ queued: number }>(['campaigns', 'run', 'winback-email']);
    await waitFor(async () => smtp.messages.length === before + sent.length - 1, 30_000, 'second run');
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.messages.length).toBe(before + sent.length - 1);
    expect(emailsTo(leaving.email)).toHaveLength(1);
    expect(run.queued).toBe(
      members.length -
        members.filter((p) => inHoldout(campaigns['winback-email']?.id as string, p.profileId, 0.3)).length,
    );
    const suppressed = (await deliveries('winback-email')).filter(
      (d) => d.profileId === leaving.profileId && d.status === 'suppressed',
    );
    expect(suppressed[0]?.lastError).toMatch(/unsubscribed from email/);
  }, 60_000);

  it('records opens and clicks from the links in the email', async () => {
    const p = members.find((m) => emailsTo(m.email).length > 0) as Person;
    const html = emailsTo(p.email)[0]?.html ?? '';
    const pixel = /<img src="([^"]+)"/.exec(html)?.[1] as string;
    const click = /href="([^"]*\/v1\/t\/click\/[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') as string;
    const image = await fetch(pixel);
    expect(image.headers.get('content-type')).toBe('image/gif');
    const id = /\/v1\/t\/open\/(\d+)\./.exec(pixel)?.[1];
    const delivery = async () => (await deliveries('winback-email')).find((d) => d.id === id);
    expect((await delivery())?.status).toBe('opened');
    const redirect = await fetch(click, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('https://acme.test/back');
    expect((await delivery())?.status).toBe('clicked');
    // A later open does not move a click back.
    await fetch(pixel);
    expect((await delivery())?.status).toBe('clicked');
  });

  it('marks a hard bounce, and suppresses the address from then on', async () => {
    smtp.rejectRecipients.add(bouncer.email);
    await groupAudience('Bounce group', 'bounce');
    await emailCampaign(
      'bounce-test',
      'Bounce group',
      JSON.stringify({ subject: 'Hi', text: 'Hello' }),
      'entry',
    );
    await publishResolved(bus, [identify(bouncer)]);
    await waitFor(async () => (await deliveries('bounce-test'))[0]?.status === 'bounced', 20_000, 'bounced');
    expect((await deliveries('bounce-test'))[0]?.lastError).toMatch(/550/);
    await cdp(['campaigns', 'run', 'bounce-test']);
    await waitFor(
      async () => (await deliveries('bounce-test')).some((d) => d.status === 'suppressed'),
      20_000,
      'suppressed',
    );
    expect((await deliveries('bounce-test')).find((d) => d.status === 'suppressed')?.lastError).toMatch(
      /suppression list/,
    );
  }, 60_000);

  it('reports uplift of treatment over holdout from conversions', async () => {
    const emailId = campaigns['winback-email']?.id as string;
    const treated = members.filter((p) => !inHoldout(emailId, p.profileId, 0.3));
    const held = members.filter((p) => inHoldout(emailId, p.profileId, 0.3));
    const converters = [...treated.slice(0, Math.ceil(treated.length / 2)), ...held.slice(0, 1)];
    await publishResolved(
      bus,
      converters.map((p) => track(p, 'Order Completed')),
    );
    await waitFor(
      async () =>
        Number(
          (
            await pool.query(
              `SELECT count(*) AS n FROM activation.profile_events WHERE event = 'Order Completed'`,
            )
          ).rows[0].n,
        ) === converters.length,
      20_000,
      'conversions stored',
    );
    const report = await cdp<{
      treatment: { size: number; converted: number };
      holdout: { size: number; converted: number };
      uplift: number;
      interval: [number, number];
    }>(['campaigns', 'report', 'winback-email']);
    // Two runs: every member has two assignments (entry and the manual run).
    expect(report.treatment).toMatchObject({
      size: 2 * treated.length,
      converted: 2 * Math.ceil(treated.length / 2),
    });
    expect(report.holdout).toMatchObject({ size: 2 * held.length, converted: 2 });
    expect(report.uplift).toBeCloseTo(Math.ceil(treated.length / 2) / treated.length - 1 / held.length, 10);
    expect(report.interval[0]).toBeLessThan(report.uplift);
    expect(report.interval[1]).toBeGreaterThan(report.uplift);
  });

  it('tells Segment about an exit when a score falls', async () => {
    const leaver = members[1] as Person;
    await publishEvent(bus, SCORES_UPDATED, { events: [scores(leaver, 0.1)] });
    await waitFor(
      async () => segment.events.some((e) => e.type === 'track' && e['event'] === 'Audience Exited'),
      20_000,
      'exit tracked',
    );
    const identify = segment.events
      .filter((e) => e.type === 'identify' && e['userId'] === `user-${leaver.n}`)
      .at(-1);
    expect((identify?.['traits'] as Record<string, unknown>)['high_churn_risk']).toBe(false);
    expect(membership.filter((m) => m.profileId === leaver.profileId).map((m) => m.change)).toEqual([
      'entered',
      'exited',
    ]);
  });

  it('caps sends per recipient per day across runs', async () => {
    await groupAudience('Caps group', 'caps');
    await emailCampaign(
      'daily-digest',
      'Caps group',
      JSON.stringify({ subject: 'Digest', text: 'Today' }),
      'schedule',
      '--cap-day',
      '1',
    );
    await cdp(['campaigns', 'run', 'daily-digest']);
    await waitFor(async () => caps.every((p) => emailsTo(p.email).length === 1), 20_000, 'first digest');
    await cdp(['campaigns', 'run', 'daily-digest']);
    await waitFor(
      async () => (await deliveries('daily-digest')).filter((d) => d.status === 'capped').length === 3,
      20_000,
      'capped',
    );
    expect(caps.map((p) => emailsTo(p.email).length)).toEqual([1, 1, 1]);
    expect((await deliveries('daily-digest')).find((d) => d.status === 'capped')?.lastError).toMatch(/day/i);
  }, 60_000);

  it('recomputes every membership when a rule changes', async () => {
    const updated = await cdp<AudienceView>([
      'audiences',
      'update',
      'Caps group',
      '--rule',
      JSON.stringify({ field: 'traits.group', op: 'in', values: ['caps', 'bounce'] }),
    ]);
    expect(updated).toMatchObject({ size: 4, ruleVersion: 2 });
    expect(updated.computedAt).not.toBeNull();
    await waitFor(
      async () => membership.some((m) => m.profileId === bouncer.profileId && m.audienceId === updated.id),
      10_000,
      'entry published',
    );
  });

  it('deletes an audience: its members exit on the bus, it is gone, its name is free; not while a campaign uses it', async () => {
    const rule = JSON.stringify({ field: 'traits.group', op: 'in', values: ['caps', 'bounce'] });
    const doomed = await cdp<AudienceView>(['audiences', 'create', 'Doomed', '--rule', rule]);
    expect(doomed.size).toBe(4);
    const exitsBefore = membership.filter((m) => m.audienceId === doomed.id && m.change === 'exited').length;

    const deleted = await cdp<{ audienceId: string; name: string; exited: number }>([
      'audiences',
      'delete',
      'Doomed',
    ]);
    expect(deleted).toEqual({ audienceId: doomed.id, name: 'Doomed', exited: 4 });
    await waitFor(
      () =>
        membership.filter((m) => m.audienceId === doomed.id && m.change === 'exited').length ===
        exitsBefore + 4,
      10_000,
      'four exits published',
    );
    const { audiences } = await cdp<{ audiences: AudienceView[] }>(['audiences', 'list']);
    expect(audiences.map((a) => a.id)).not.toContain(doomed.id);
    const gone = await runCli(['audiences', 'members', doomed.id], env);
    expect(gone.code).not.toBe(0);
    expect(gone.stderr).toMatch(/no audience/);
    // The name is free again, and the new audience is a new one.
    const again = await cdp<AudienceView>(['audiences', 'create', 'Doomed', '--rule', rule]);
    expect(again.id).not.toBe(doomed.id);
    expect(again.size).toBe(4);
    await cdp(['audiences', 'delete', again.id]);

    const inUse = await runCli(['audiences', 'delete', 'Caps group'], env);
    expect(inUse.code).not.toBe(0);
    expect(inUse.stderr).toMatch(/audience 'Caps group' is used by campaign\(s\) '.+'/);
    const still = await cdp<{ audiences: AudienceView[] }>(['audiences', 'list']);
    expect(still.audiences.find((a) => a.name === 'Caps group')?.size).toBe(4);
  });

  it('runs a scheduled campaign on its own, once per slot', async () => {
    const startAt = new Date(Date.now() + 1_000).toISOString();
    await cdp([
      'campaigns',
      'create',
      'weekly-news',
      '--audience',
      'Caps group',
      '--destination',
      'crm-hook',
      '--trigger',
      'schedule',
      '--every-minutes',
      '10080',
      '--start-at',
      startAt,
    ]);
    // The four members of the updated group, once.
    await waitFor(async () => (await deliveries('weekly-news')).length === 4, 20_000, 'scheduled run');
    const runs = await deliveries('weekly-news');
    expect(new Set(runs.map((d) => d.trigger))).toEqual(new Set([`schedule:${startAt}`]));
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await deliveries('weekly-news')).toHaveLength(4);
    const listed = await cdp<{ campaigns: CampaignView[] }>(['campaigns', 'list']);
    expect(listed.campaigns.find((c) => c.name === 'weekly-news')?.nextRunAt).toBe(
      new Date(Date.parse(startAt) + 10_080 * 60_000).toISOString(),
    );
  }, 60_000);

  it("holds a send during the recipient's quiet hours, in their time zone", async () => {
    const window = `${localClock('Asia/Kolkata', -60)}-${localClock('Asia/Kolkata', 120)}`;
    await groupAudience('Quiet group', 'quiet');
    await emailCampaign(
      'night-owl',
      'Quiet group',
      JSON.stringify({ subject: 'Late', text: 'Hello' }),
      'entry',
      '--quiet-hours',
      window,
    );
    await publishResolved(bus, [kolkata, newYork].map(identify));
    await waitFor(async () => emailsTo(newYork.email).length === 1, 20_000, 'New York gets it now');
    await waitFor(
      async () =>
        (await deliveries('night-owl')).some(
          (d) => d.profileId === kolkata.profileId && /quiet hours/.test(d.lastError ?? ''),
        ),
      20_000,
      'Kolkata held',
    );
    const held = (await deliveries('night-owl')).find((d) => d.profileId === kolkata.profileId);
    expect(held?.status).toBe('pending');
    expect(emailsTo(kolkata.email)).toHaveLength(0);
    // Held until the window's end, about two hours from now on Kolkata's clock.
    const until = new Date(held?.nextAttemptAt ?? 0).getTime() - Date.now();
    expect(until).toBeGreaterThan(110 * 60_000);
    expect(until).toBeLessThan(121 * 60_000);
  }, 60_000);

  it('keeps segment membership from segments.changed, asking clustering for the source', async () => {
    // A stand-in for clustering's model lookup: which source the model segments.
    const modelId = randomUUID();
    let asked = 0;
    await answerRequests(bus, SEGMENTS_MODEL_GET, 'clustering', async (request): Promise<ModelDetail> => {
      asked += 1;
      return segmentationModel(request.modelId ?? modelId);
    });
    const tier = await cdp<AudienceView>([
      'audiences',
      'create',
      'Highly engaged',
      '--rule',
      JSON.stringify({ field: 'segments.features', op: 'eq', value: 'tier-4' }),
    ]);
    const change = (p: Person, segmentId: string, previous: string | null) => ({
      subjectId: p.profileId,
      modelId,
      segmentId,
      segmentName: segmentId,
      previousSegmentId: previous,
      at: new Date().toISOString(),
    });
    const [a, b] = [main[25] as Person, main[26] as Person];
    await publishEvent(bus, SEGMENTS_CHANGED, {
      // An imported row's subject is not a profile: ignored.
      events: [
        change(a, 'tier-4', null),
        change(b, 'tier-2', null),
        { ...change(a, 'tier-4', null), subjectId: 'ads-csv:17' },
      ],
    });
    await waitFor(
      async () => membership.some((m) => m.audienceId === tier.id && m.profileId === a.profileId),
      20_000,
      'a entered',
    );
    await publishEvent(bus, SEGMENTS_CHANGED, {
      events: [change(a, 'tier-3', 'tier-4'), change(b, 'tier-4', 'tier-2')],
    });
    await waitFor(
      async () =>
        membership.some(
          (m) => m.audienceId === tier.id && m.profileId === a.profileId && m.change === 'exited',
        ),
      20_000,
      'a exited',
    );
    const listed = await cdp<{ members: Array<{ profileId: string }> }>([
      'audiences',
      'members',
      'Highly engaged',
    ]);
    expect(listed.members.map((m) => m.profileId)).toEqual([b.profileId]);
    expect(asked).toBe(1);
  });

  it('moves state to the survivor of a merge, and the merged profile leaves its audiences', async () => {
    const [survivor, merged] = [main[27] as Person, members[5] as Person];
    const audienceId = audience.id;
    await publishEvent(bus, PROFILE_MERGED, {
      mergeId: randomUUID(),
      profileId: survivor.profileId,
      mergedProfileId: merged.profileId,
      linkedBy: [{ type: 'email', value: merged.email }],
      sourceId: 'e2e',
      eventMessageId: randomUUID(),
      at: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        membership.some(
          (m) => m.profileId === merged.profileId && m.change === 'exited' && m.audienceId === audienceId,
        ),
      20_000,
      'merged profile left',
    );
    // The survivor had a low score of its own: it keeps it, so it does not enter.
    const facts = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM activation.profiles WHERE profile_id = $1',
      [merged.profileId],
    );
    expect(Number(facts.rows[0]?.n)).toBe(0);
    expect(membership.some((m) => m.profileId === survivor.profileId && m.audienceId === audienceId)).toBe(
      false,
    );
  });

  it('erases everything activation holds on a deleted profile', async () => {
    const erased = members[2] as Person;
    await eraseAndWait(
      bus,
      pool,
      erased.profileId,
      `SELECT (SELECT count(*) FROM activation.profiles WHERE profile_id = $1)
            + (SELECT count(*) FROM activation.deliveries WHERE profile_id = $1)
            + (SELECT count(*) FROM activation.audience_members WHERE profile_id = $1) AS n`,
    );
    await waitFor(
      async () => membership.some((m) => m.profileId === erased.profileId && m.change === 'exited'),
      10_000,
      'exit published',
    );
  });
});
