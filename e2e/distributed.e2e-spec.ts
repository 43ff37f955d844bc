import { randomBytes } from 'node:crypto';
import { Analytics } from '@segment/analytics-node';
import type { Data } from 'iab-openrtb/v26';
import type { AudienceView, DeliveryView } from '@cdp/activation/contracts';
import { startSmtpReceiver, type SmtpReceiver } from '@cdp/activation/testing';
import type { PartnerView } from '@cdp/ad-feeds/contracts';
import type { ModelDetail } from '@cdp/clustering/contracts';
import type { PredictionModelDetail, ProfileScores } from '@cdp/prediction/contracts';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousCalls,
  generatePeople,
  HISTORY_DAYS,
  identifiedCalls,
  type Person,
  type TrackedCall,
} from './distributed/people.js';
import { startStack, type Stack } from './stack.js';
import { cli, createSource } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

// The bus dedups by message id across runs, and the identifiers are global: this run's own.
const RUN = randomBytes(3).toString('hex');
const NOW = Date.now();
const people = generatePeople(RUN, 48, NOW);
const loyal = people.filter((p) => p.loyal);
const pageViews = people.reduce((n, p) => n + p.visits.length, 0);

let stack: Stack;
let env: Record<string, string>;
let smtp: SmtpReceiver;
let writeKey: string;
/** Profile id of each person, once identity merged their devices. */
const profileOf = new Map<Person, string>();

const cdp = async <T>(args: string[]): Promise<T> => JSON.parse(await cli([...args, '--json'], env)) as T;

interface ProfileView {
  profileId: string;
  identifiers: Array<{ type: string; value: string }>;
  merges: Array<{ mergeId: string; mergedProfileId: string }>;
}

/** Sends `calls` through @segment/analytics-node to the ingestion service, as a product's server would. */
async function track(calls: readonly TrackedCall[]): Promise<void> {
  const analytics = new Analytics({
    writeKey,
    host: stack.urls.ingestion as string,
    flushAt: 100,
    flushInterval: 200,
    maxRetries: 10,
  });
  const failures: unknown[] = [];
  analytics.on('error', (error) => failures.push(error));
  for (const { kind, params } of calls) {
    if (kind === 'page') analytics.page(params as Parameters<Analytics['page']>[0]);
    else if (kind === 'track') analytics.track(params as Parameters<Analytics['track']>[0]);
    else analytics.identify(params as Parameters<Analytics['identify']>[0]);
  }
  await analytics.closeAndFlush({ timeout: 60_000 });
  expect(failures).toEqual([]);
}

async function count(sql: string): Promise<number> {
  return Number((await stack.pool.query<{ n: string }>(sql)).rows[0]?.n);
}

/** Profiles identity holds that were not merged into another. */
const liveProfiles = () => count('SELECT count(*) AS n FROM identity.profiles WHERE merged_into IS NULL');

/** `features export` of one feature as the CLI writes it: profile id → value. */
async function exported(feature: string): Promise<Map<string, number>> {
  const csv = await cli(['features', 'export', '--out', '-', '--names', feature], env);
  const [header, ...rows] = csv.trim().split('\n');
  expect(header).toBe(`profile_id,${feature}`);
  return new Map(rows.map((row) => [row.split(',')[0] as string, Number(row.split(',')[1])]));
}

async function members(audience: string): Promise<string[]> {
  const listed = await cdp<{ members: Array<{ profileId: string }> }>([
    'audiences',
    'members',
    audience,
    '--all',
  ]);
  return listed.members.map((m) => m.profileId).sort();
}

const idsOf = (group: readonly Person[]): string[] => group.map((p) => profileOf.get(p) as string).sort();

describe.skipIf(natsMissing)('distributed: seven services as their own processes, the whole path', () => {
  let feedsUrl: string;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    stack = await startStack('distributed', natsUrl, {
      ingestion: {},
      identity: {},
      'feature-store': { FEATURES_DEBOUNCE_MS: '100' },
      clustering: { SEGMENTS_RETRAIN_MINUTES: '0' },
      prediction: {},
      activation: {
        ACTIVATION_POLL_MS: '100',
        ACTIVATION_RETRY_BASE_MS: '200',
        ACTIVATION_RETRY_MAX_MS: '1000',
        ACTIVATION_SCHEDULER_MS: '300',
      },
      'ad-feeds': { AD_FEEDS_INDEX_POLL_MS: '100', AD_FEEDS_PARTNERS_REFRESH_MS: '500' },
    });
    env = stack.env;
    feedsUrl = stack.urls['ad-feeds'] as string;
    writeKey = await createSource(`web-${RUN}`, env);
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    await smtp?.close();
  }, 60_000);

  it('resolves each person’s phone and laptop, first seen anonymously, into one profile when they log in', async () => {
    const anonymous = people.flatMap(anonymousCalls);
    await track(anonymous);
    // Before any login every device is a person of its own.
    await waitFor(async () => (await liveProfiles()) === 2 * people.length, 60_000, 'anonymous profiles');
    await track(people.flatMap(identifiedCalls));
    await waitFor(async () => (await liveProfiles()) === people.length, 60_000, 'profiles merged');
    const stats = await cdp<{ sources: Array<{ name: string; stored: number }> }>(['events', 'stats']);
    const stored = stats.sources.find((source) => source.name === `web-${RUN}`)?.stored;
    expect(stored).toBe(anonymous.length + people.reduce((n, p) => n + identifiedCalls(p).length, 0));

    for (const p of people) {
      const profile = await cdp<ProfileView>(['profiles', 'get', `user_id:${p.userId}`]);
      profileOf.set(p, profile.profileId);
      if (p.n > 3) continue;
      // A few in full: every identifier of both devices on the one profile, one device merged in.
      expect(profile.identifiers.map((i) => `${i.type}:${i.value}`).sort()).toEqual(
        [
          `anonymous_id:${p.laptop}`,
          `anonymous_id:${p.phone}`,
          `email:${p.email}`,
          `idfa:${p.ifa}`,
          `user_id:${p.userId}`,
        ].sort(),
      );
      expect(profile.merges).toHaveLength(1);
      expect((await cdp<ProfileView>(['profiles', 'get', `anonymous_id:${p.laptop}`])).profileId).toBe(
        profile.profileId,
      );
    }
    expect(new Set(profileOf.values()).size).toBe(people.length);
  }, 150_000);

  it('counts each profile’s page views and articles across both devices in the feature store', async () => {
    // Everyone's page views counted, on the merged profiles only.
    await waitFor(
      async () => {
        const clicks = await exported('intent.clicks_90d');
        return clicks.size === people.length && [...clicks.values()].reduce((a, b) => a + b, 0) === pageViews;
      },
      90_000,
      'every page view counted',
      500,
    );
    const clicks = await exported('intent.clicks_90d');
    for (const p of people) expect(clicks.get(profileOf.get(p) as string)).toBe(p.visits.length);

    const someone = loyal[1] as Person;
    const got = await cdp<{ profileId: string; features: Record<string, number | string | null> }>([
      'features',
      'get',
      `anonymous_id:${someone.laptop}`,
    ]);
    expect(got.profileId).toBe(profileOf.get(someone));
    const within = (days: number) => someone.visits.filter((t) => t > NOW - days * 86_400_000).length;
    expect(got.features).toMatchObject({
      'intent.clicks_90d': someone.visits.length,
      'intent.article_views_90d': someone.visits.length,
    });
    // The 30-day window holds the visits of the last 30 days (give or take the boundary day).
    expect(Math.abs((got.features['intent.clicks_30d'] as number) - within(30))).toBeLessThanOrEqual(2);
  }, 120_000);

  let engaged: ModelDetail['segments'][number];
  /** The people clustering put in the engaged tier. */
  let engagedPeople: Person[] = [];

  it('trains a behaviour segmentation that puts every profile in an engagement tier', async () => {
    const model = await cdp<ModelDetail>([
      'segments',
      'train',
      '--k',
      '2',
      '--seed',
      '1',
      '--stability-runs',
      '0',
    ]);
    expect(model).toMatchObject({ source: 'features', naming: 'tiers', k: 2, version: 1, active: true });
    expect(model.rows).toBe(people.length);
    expect(model.segments.map((s) => s.name).sort()).toEqual(['Highly Engaged', 'Low Engagement']);
    engaged = model.segments.find((s) => s.name === 'Highly Engaged') as ModelDetail['segments'][number];
    expect(model.segments.reduce((n, s) => n + s.size, 0)).toBe(people.length);
    // Every profile is assigned (and told by segments.changed); the engaged tier holds its size.
    const assigned = async () =>
      (
        await stack.pool.query<{ subject_id: string; segment_id: string }>(
          'SELECT subject_id, segment_id FROM clustering.segment_assignments WHERE model_id = $1',
          [model.id],
        )
      ).rows;
    await waitFor(async () => (await assigned()).length === people.length, 30_000, 'every profile assigned');
    const segmentOf = new Map((await assigned()).map((r) => [r.subject_id, r.segment_id]));
    engagedPeople = people.filter((p) => segmentOf.get(profileOf.get(p) as string) === engaged.id);
    expect(engagedPeople.length).toBe(engaged.size);
    expect(engaged.size).toBeGreaterThan(0);
    expect(engaged.size).toBeLessThan(people.length);
    for (const p of [engagedPeople[0], people.find((q) => !engagedPeople.includes(q))] as Person[]) {
      const got = await cdp<{ current: Array<{ source: string; segmentId: string; segmentName: string }> }>([
        'segments',
        'get',
        profileOf.get(p) as string,
      ]);
      expect(got.current).toEqual([
        expect.objectContaining({
          source: 'features',
          segmentId: segmentOf.get(profileOf.get(p) as string),
          segmentName: engagedPeople.includes(p) ? 'Highly Engaged' : 'Low Engagement',
        }),
      ]);
    }
  }, 120_000);

  /** Each person's churn risk as `scores get` reads it. */
  const churnRisk = new Map<Person, number>();
  let churn: PredictionModelDetail & { promoted: boolean; scored: number | null };

  it('trains a churn model with a validation AUC above chance, and scores every profile', async () => {
    churn = await cdp([
      'models',
      'train',
      'churn',
      '--horizon-days',
      '14',
      '--every-days',
      '3',
      '--history-days',
      String(HISTORY_DAYS),
    ]);
    expect(churn).toMatchObject({ target: 'churn', version: 1, active: true, promoted: true });
    // The leavers make positives in training and validation cut-offs alike: a real AUC, not a coin.
    expect(churn.metrics.auc).toBeGreaterThan(0.6);
    expect(churn.metrics.auc).toBeLessThanOrEqual(1);
    expect(churn.trainRows).toBeGreaterThan(100);
    expect(churn.validationRows).toBeGreaterThan(30);
    expect(churn.classBalance.positives).toBeGreaterThan(0);
    // Promoted as the first model, it scored every profile.
    expect(churn.scored).toBe(people.length);
    // Everyone's stored score, and two read as an operator would.
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM prediction.profile_scores')) === people.length,
      30_000,
      'scores stored',
    );
    const stored = await stack.pool.query<{ profile_id: string; churn_risk: number }>(
      'SELECT profile_id, churn_risk FROM prediction.profile_scores',
    );
    const byProfile = new Map(stored.rows.map((r) => [r.profile_id, r.churn_risk]));
    for (const p of people) churnRisk.set(p, byProfile.get(profileOf.get(p) as string) as number);
    for (const p of people.slice(0, 2)) {
      const scores = await cdp<ProfileScores>(['scores', 'get', profileOf.get(p) as string]);
      expect(scores.churn?.modelId).toBe(churn.id);
      expect(scores.traits.churn_risk).toBe(scores.churn?.score);
      expect(scores.churn?.score).toBeCloseTo(churnRisk.get(p) as number, 5);
    }
    for (const risk of churnRisk.values()) expect(risk >= 0 && risk <= 1).toBe(true);
  }, 150_000);

  let readers: AudienceView;
  let atRisk: AudienceView;
  let threshold: number;
  let atRiskPeople: Person[] = [];

  it('builds audiences on the segment and on the churn score, with exactly the expected members', async () => {
    readers = await cdp<AudienceView>([
      'audiences',
      'create',
      'Highly engaged readers',
      '--rule',
      JSON.stringify({ field: 'segments.features', op: 'in', values: [engaged.id] }),
    ]);
    // The riskiest profiles by the model: a threshold in the widest gap among the top half of the
    // scores, so no score sits near it.
    const risks = [...churnRisk.values()].sort((x, y) => y - x);
    let gap = 0;
    for (let i = 1; i < risks.length / 2; i++)
      if (
        (risks[i - 1] as number) - (risks[i] as number) >
        (risks[gap] as number) - (risks[gap + 1] as number)
      )
        gap = i - 1;
    threshold = ((risks[gap] as number) + (risks[gap + 1] as number)) / 2;
    atRiskPeople = people.filter((p) => (churnRisk.get(p) as number) >= threshold);
    expect(atRiskPeople.length).toBeGreaterThan(0);
    atRisk = await cdp<AudienceView>([
      'audiences',
      'create',
      'Churn risk',
      '--rule',
      JSON.stringify({ field: 'scores.churn_risk', op: 'gte', value: threshold }),
    ]);
    // Activation learns segments and scores from their events: wait for the members, then compare.
    await waitFor(
      async () => (await members('Highly engaged readers')).length === engagedPeople.length,
      30_000,
      'readers',
      250,
    );
    expect(await members('Highly engaged readers')).toEqual(idsOf(engagedPeople));
    await waitFor(
      async () => (await members('Churn risk')).length === atRiskPeople.length,
      30_000,
      'churn risk',
      250,
    );
    expect(await members('Churn risk')).toEqual(idsOf(atRiskPeople));
    const listed = await cdp<{ audiences: AudienceView[] }>(['audiences', 'list']);
    expect(Object.fromEntries(listed.audiences.map((a) => [a.name, a.size]))).toEqual({
      'Highly engaged readers': engagedPeople.length,
      'Churn risk': atRiskPeople.length,
    });
  }, 90_000);

  it('emails the engaged readers who opted in, and nobody else, through a real SMTP server', async () => {
    await cdp([
      'destinations',
      'create',
      'mail',
      '--config',
      JSON.stringify({
        kind: 'email',
        smtp: { host: '127.0.0.1', port: smtp.port },
        from: 'News <news@cdp.test>',
      }),
    ]);
    await cdp([
      'campaigns',
      'create',
      'weekly-picks',
      '--audience',
      'Highly engaged readers',
      '--destination',
      'mail',
      '--template',
      JSON.stringify({
        subject: 'Picks for {{traits.first_name}}',
        text: 'Five more: https://news.test/picks',
      }),
      '--trigger',
      'schedule',
    ]);
    const optedIn = engagedPeople.filter((p) => p.consent === 'opted-in');
    expect(optedIn.length).toBeGreaterThan(0);
    const run = await cdp<{ queued: number; heldOut: number }>(['campaigns', 'run', 'weekly-picks']);
    expect(run).toMatchObject({ queued: engagedPeople.length, heldOut: 0 });

    let listed: { deliveries: DeliveryView[]; counts: Record<string, number> } = {
      deliveries: [],
      counts: {},
    };
    await waitFor(
      async () => {
        listed = await cdp(['deliveries', 'list', '--campaign', 'weekly-picks', '--limit', '1000']);
        return (
          listed.deliveries.length === engagedPeople.length &&
          (listed.counts['pending'] ?? 0) + (listed.counts['sending'] ?? 0) === 0
        );
      },
      60_000,
      'deliveries settled',
      250,
    );
    expect(
      listed.counts['sent'],
      JSON.stringify(listed.deliveries.filter((d) => d.profileId === profileOf.get(optedIn[0] as Person))),
    ).toBe(optedIn.length);
    await smtp.waitFor(optedIn.length, 30_000);
    expect(smtp.messages.flatMap((m) => m.envelopeTo).sort()).toEqual(optedIn.map((p) => p.email).sort());
    for (const p of optedIn)
      expect(smtp.messages.find((m) => m.envelopeTo.includes(p.email))?.subject).toBe(
        `Picks for ${p.firstName}`,
      );
    // Those who declined or never said are suppressed: email needs an opt-in.
    expect(
      listed.deliveries
        .filter((d) => d.status === 'suppressed')
        .map((d) => d.profileId)
        .sort(),
    ).toEqual(idsOf(engagedPeople.filter((p) => p.consent !== 'opted-in')));
  }, 120_000);

  it('answers an OpenRTB lookup for a known device or user with the audience of its segment', async () => {
    const created = await cdp<{ partner: PartnerView; key: string }>([
      'partners',
      'create',
      'dsp',
      '--platform',
      'google',
      '--min-size',
      '5',
    ]);
    await cdp(['partners', 'share', 'dsp', 'Highly engaged readers']);
    await cdp(['partners', 'share', 'dsp', 'Churn risk']);
    const lookup = async (body: unknown): Promise<{ status: number; data: Data[] }> => {
      const response = await fetch(`${feedsUrl}/openrtb/v1/segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${created.key}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const json = (await response.json()) as { user?: { data: Data[] } };
      return { status: response.status, data: json.user?.data ?? [] };
    };
    const segmentsOf = (data: Data[]) => data.flatMap((d) => d.segment ?? []);

    // A reader's phone, by the advertising id it sent before its owner ever logged in.
    const reader = engagedPeople.find((p) => !atRiskPeople.includes(p)) as Person;
    const bid = { id: `auction-${RUN}`, imp: [{ id: '1', banner: { w: 300, h: 250 } }] };
    await waitFor(
      async () =>
        segmentsOf((await lookup({ ...bid, device: { ifa: reader.ifa.toUpperCase() } })).data).length > 0,
      30_000,
      'the reader indexed',
      250,
    );
    const byDevice = await lookup({ ...bid, device: { ifa: reader.ifa.toUpperCase(), os: 'iOS' } });
    expect(byDevice.status).toBe(200);
    expect(byDevice.data).toEqual([
      expect.objectContaining({
        segment: [{ id: readers.id, name: 'Highly engaged readers' }],
        ext: { segtax: 600 },
      }),
    ]);
    // The riskiest by user id: the churn-risk audience (and the readers' if it is one).
    const risky = atRiskPeople[0] as Person;
    const byUser = async () =>
      segmentsOf((await lookup({ ...bid, user: { buyeruid: risky.userId } })).data).sort((x, y) =>
        String(x.id).localeCompare(String(y.id)),
      );
    await waitFor(async () => (await byUser()).length > 0, 30_000, 'the risky one indexed', 250);
    expect(await byUser()).toEqual(
      [
        { id: atRisk.id, name: 'Churn risk' },
        ...(engagedPeople.includes(risky) ? [{ id: readers.id, name: 'Highly engaged readers' }] : []),
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    // Someone in neither audience, and a user nobody knows: no data.
    const outsider = people.find((p) => !atRiskPeople.includes(p) && !engagedPeople.includes(p));
    if (outsider) expect((await lookup({ ...bid, user: { buyeruid: outsider.userId } })).data).toEqual([]);
    expect((await lookup({ ...bid, user: { id: `${RUN}-nobody` } })).data).toEqual([]);
  }, 90_000);
});
