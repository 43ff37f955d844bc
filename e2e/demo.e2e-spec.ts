import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestContract } from '@cdp/shared/contracts';
import {
  canConnectToNats,
  createTestDatabase,
  deleteBusNamespace,
  waitFor,
  type TestDatabase,
} from '@cdp/shared/testing';
import { busConfigFor, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { spawnPlatform, type PlatformProcess } from '@cdp/shared/util-process';
import { EVENTS_STATS, SOURCE_LIST } from '@cdp/ingestion/contracts';
import { SEGMENT_TRANSITIONS, SEGMENTS_MODELS_LIST } from '@cdp/clustering/contracts';
import { MODELS_LIST } from '@cdp/prediction/contracts';
import {
  AUDIENCE_MEMBERS,
  AUDIENCES_LIST,
  CAMPAIGN_REPORT,
  CAMPAIGNS_LIST,
  DELIVERIES_LIST,
  DESTINATIONS_LIST,
} from '@cdp/activation/contracts';
import { PARTNERS_LIST } from '@cdp/ad-feeds/contracts';
import { CONSOLE_ADMIN, describeConsole } from './console.js';
import { ROOT } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
// JetStream when a server answers (as in CI), else the embedded transport in the suite's database.
const withNats = await canConnectToNats(natsUrl);

/** The ads CSV beside the repository (the demo's default), else the repository's own copy. */
const SHARED_CSV = join(ROOT, '../shared/data/user_profiles_for_ads.csv');
const REPO_CSV = join(ROOT, 'data/user_profiles_for_ads.csv');

/** A port nothing listens on now, for the demo mailbox (the default 2525 may be taken here). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Deliveries that reached the mail server, by status. */
const sentOf = (counts: Record<string, number>): number =>
  ['sent', 'delivered', 'opened', 'clicked', 'bounced'].reduce((n, s) => n + (counts[s] ?? 0), 0);

/** Waits for a `demo: ...` line matching `done` (or a failed step, which fails the test at once). */
async function demoLine(platform: PlatformProcess, done: RegExp, timeoutMs: number): Promise<string> {
  let line: string | undefined;
  await waitFor(
    () => {
      const lines = platform.output().split('\n');
      const failed = lines.find((l) => /^demo: .* failed: /.test(l));
      if (failed) throw new Error(`${failed}\n${platform.output()}`);
      if (platform.child.exitCode !== null) throw new Error(`the platform exited:\n${platform.output()}`);
      line = lines.find((l) => done.test(l));
      return line !== undefined;
    },
    timeoutMs,
    `a line ${done} from the platform`,
    500,
  );
  return line as string;
}

describe('npm start on an empty platform: the demo data set', () => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string> & { DATABASE_URL: string };
  let platform: PlatformProcess | undefined;
  let bus: Bus | undefined;
  const namespace = `e2e-demo-${randomBytes(3).toString('hex')}`;
  let smtpPort: number;
  let loaded: {
    events: number;
    features: number;
    ads: number;
    churn: number;
    audiences: number;
    deliveries: Record<string, number>;
  };

  const ask = <Req, Res>(contract: RequestContract<Req, Res>, payload: Req): Promise<Res> => {
    if (!bus) throw new Error('no bus yet');
    return sendRequest(bus, contract, payload, 30_000);
  };

  beforeAll(async () => {
    database = await createTestDatabase('e2e_demo');
    dataDir = mkdtempSync(join(tmpdir(), 'cdp-e2e-demo-'));
    chmodSync(dataDir, 0o755);
    smtpPort = await freePort();
    env = {
      CDP_DEMO_SMTP_PORT: String(smtpPort),
      DATABASE_URL: database.url,
      CDP_DEMO: 'true',
      GATEWAY_ADMIN_EMAIL: CONSOLE_ADMIN.email,
      GATEWAY_ADMIN_PASSWORD: CONSOLE_ADMIN.password,
      ...(withNats ? { NATS_URL: natsUrl, NATS_NAMESPACE: namespace } : { NATS_URL: '' }),
      ...(existsSync(SHARED_CSV) ? {} : { CDP_DEMO_ADS_CSV: REPO_CSV }),
    };
    bus = await createBus(busConfigFor('demo-e2e', env));
  });

  afterAll(async () => {
    await platform?.stop('SIGKILL');
    await bus?.close();
    await database?.drop();
    if (withNats) await deleteBusNamespace(natsUrl, namespace);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loads events, segmentations, a churn model, audiences, a partner and a campaign in the background of the first start', async () => {
    platform = await spawnPlatform({ root: ROOT, dataDir, env });
    await platform.waitReady(120_000);
    const ready = await demoLine(platform, /^demo: ready in /, 200_000);
    expect(ready).toMatch(/demo-google shares 2/);
    const mailboxLine = new RegExp(`mailbox 127\\.0\\.0\\.1:${smtpPort} received ([\\d,]+)`).exec(ready);
    expect(mailboxLine, ready).not.toBeNull();
    const received = Number(mailboxLine?.[1]?.replace(/,/g, ''));

    const stats = await ask(EVENTS_STATS, {});
    const demo = stats.sources.find((s) => s.name === 'demo');
    expect(demo?.stored).toBeGreaterThan(50_000);
    expect(demo?.byType['page']).toBeGreaterThan(10_000);

    const features = (await ask(SEGMENTS_MODELS_LIST, { source: 'features' })).models;
    // Trained before the last week's events arrived, then retrained on the whole history.
    expect(features).toHaveLength(2);
    expect(features.filter((m) => m.active)).toHaveLength(1);
    expect(features[0]?.k).toBeGreaterThanOrEqual(2);
    expect(features[0]?.rows).toBeGreaterThan(300);
    const ads = (await ask(SEGMENTS_MODELS_LIST, { source: 'ads-csv' })).models;
    expect(ads).toHaveLength(1);
    expect(ads[0]?.k).toBeGreaterThanOrEqual(2);
    expect(ads[0]?.rows).toBe(1_000);

    const churn = (await ask(MODELS_LIST, { target: 'churn' })).models;
    const active = churn.find((m) => m.active);
    expect(active?.auc).toBeGreaterThan(0.6);
    expect(active?.trainRows).toBeGreaterThan(1_000);

    // Sizes settle as activation takes in the segment and score events: wait for members, not a number.
    for (const name of ['Engaged readers', 'Churn risk']) {
      await waitFor(
        async () => (await ask(AUDIENCE_MEMBERS, { audience: name, limit: 10 })).members.length > 0,
        30_000,
        `members of ${name}`,
        500,
      );
    }
    const audiences = (await ask(AUDIENCES_LIST, {})).audiences;
    expect(audiences.map((a) => a.name).sort()).toEqual(['Churn risk', 'Engaged readers']);
    for (const audience of audiences) expect(audience.size).toBeGreaterThan(0);

    const partner = (await ask(PARTNERS_LIST, {})).partners.find((p) => p.name === 'demo-google');
    expect(partner?.platform).toBe('google');
    expect(partner?.shares.map((s) => s.audienceName).sort()).toEqual(['Churn risk', 'Engaged readers']);

    // The recent events arrived after the behaviour segmentation: profiles moved between tiers.
    const moves = await ask(SEGMENT_TRANSITIONS, { source: 'features', days: 30 });
    expect(moves.transitions.length).toBeGreaterThan(0);
    expect(moves.transitions.every((t) => t.count > 0 && t.from !== t.to)).toBe(true);
    const moved = moves.transitions.reduce((n, t) => n + t.count, 0);
    // The ready line counted them too (a late reassignment may add one since, never take one away).
    const reported = Number(/segment transitions ([\d,]+)/.exec(ready)?.[1]?.replace(/,/g, ''));
    expect(reported).toBeGreaterThan(0);
    expect(moved).toBeGreaterThanOrEqual(reported);

    // An email campaign to the demo mailbox, with a holdout, run once, its deliveries sent.
    const campaigns = (await ask(CAMPAIGNS_LIST, {})).campaigns;
    expect(campaigns.map((c) => c.name)).toEqual(['Weekly picks (demo)']);
    const campaign = campaigns[0];
    expect(campaign?.channel).toBe('email');
    expect(campaign?.audienceName).toBe('Engaged readers');
    expect(campaign?.lastRunAt).not.toBeNull();
    const destination = (await ask(DESTINATIONS_LIST, {})).destinations.find(
      (d) => d.name === 'demo-mailbox',
    );
    expect(destination?.config['smtp']).toMatchObject({ host: '127.0.0.1', port: smtpPort });
    const report = await ask(CAMPAIGN_REPORT, { campaign: campaign?.id ?? '', confidence: 0.95 });
    expect(report.treatment.size).toBeGreaterThan(0);
    expect(report.holdout.size).toBeGreaterThan(0);
    expect(report.holdout.size).toBeLessThan(report.treatment.size);
    const deliveries = await ask(DELIVERIES_LIST, { campaign: campaign?.id ?? '', limit: 10 });
    const sent = sentOf(deliveries.counts);
    expect(sent).toBeGreaterThan(0);
    expect(deliveries.counts['pending'] ?? 0).toBe(0);
    expect(deliveries.counts['held_out']).toBe(report.holdout.size);
    // Every sent delivery is a message the demo mailbox accepted, and only those.
    expect(received).toBe(sent);

    loaded = {
      deliveries: deliveries.counts,
      events: demo?.stored ?? 0,
      features: features.length,
      ads: ads.length,
      churn: churn.length,
      audiences: audiences.length,
    };
  }, 330_000);

  // The console's browser tests run on this first start's data (one demo load serves both).
  describeConsole(() => {
    if (!platform) throw new Error('the first start did not run');
    return platform.urls.gateway;
  });

  it('on the next start says the demo is loaded and creates nothing', async () => {
    if (!loaded || !platform) throw new Error('the first start did not load the demo');
    // The console tests may have saved an audience: count what is there when the first start stops.
    loaded.audiences = (await ask(AUDIENCES_LIST, {})).audiences.length;
    expect(await platform.stop('SIGINT')).toBe(0);
    platform = await spawnPlatform({ root: ROOT, dataDir, env });
    await platform.waitReady(120_000);
    const line = await demoLine(platform, /^demo: already loaded/, 60_000);
    expect(line).toContain(`${loaded.events.toLocaleString('en-US')} events`);
    expect(line).toContain(`mailbox 127.0.0.1:${smtpPort} received 0`);
    expect(platform.output()).not.toMatch(/demo: 1\/9/);
    expect(platform.output()).toContain(`demo: the demo mailbox listens on 127.0.0.1:${smtpPort}`);

    const sources = (await ask(SOURCE_LIST, {})).sources;
    expect(sources.map((s) => s.name)).toEqual(['demo']);
    const stats = await ask(EVENTS_STATS, {});
    expect(stats.sources.find((s) => s.name === 'demo')?.stored).toBe(loaded.events);
    expect((await ask(SEGMENTS_MODELS_LIST, { source: 'features' })).models).toHaveLength(loaded.features);
    expect((await ask(SEGMENTS_MODELS_LIST, { source: 'ads-csv' })).models).toHaveLength(loaded.ads);
    expect((await ask(MODELS_LIST, { target: 'churn' })).models).toHaveLength(loaded.churn);
    expect((await ask(AUDIENCES_LIST, {})).audiences).toHaveLength(loaded.audiences);
    // No second campaign, no second run: the deliveries are those of the first start.
    const campaigns = (await ask(CAMPAIGNS_LIST, {})).campaigns;
    expect(campaigns).toHaveLength(1);
    const deliveries = await ask(DELIVERIES_LIST, { campaign: campaigns[0]?.id ?? '', limit: 10 });
    expect(deliveries.counts).toEqual(loaded.deliveries);
  }, 200_000);
});
