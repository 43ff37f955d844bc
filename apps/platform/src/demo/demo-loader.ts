import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestContract } from '@cdp/shared/contracts';
import type { EnvSource } from '@cdp/shared/util-config';
import { createBus, sendRequest, type Bus, type BusConfig } from '@cdp/shared/util-messaging';
import {
  EVENTS_STATS,
  SOURCE_CREATE,
  SOURCE_LIST,
  SOURCE_ROTATE_KEY,
  type SourceViewPayload,
} from '@cdp/ingestion/contracts';
import { EXPORT_MAX_LIMIT, FEATURES_EXPORT } from '@cdp/feature-store/contracts';
import {
  modelDetailSchema,
  SEGMENTS_MODEL_GET,
  SEGMENT_TRANSITIONS,
  SEGMENTS_MODELS_LIST,
  SEGMENTS_TRAIN,
  SEGMENTS_TRAIN_STATUS,
} from '@cdp/clustering/contracts';
import {
  MODEL_GET,
  MODEL_PROMOTE,
  MODELS_LIST,
  MODELS_TRAIN,
  MODELS_TRAIN_STATUS,
} from '@cdp/prediction/contracts';
import {
  AUDIENCE_CREATE,
  AUDIENCE_MEMBERS,
  AUDIENCES_LIST,
  CAMPAIGN_CREATE,
  CAMPAIGN_REPORT,
  CAMPAIGN_RUN,
  CAMPAIGNS_LIST,
  CONSENT_SET,
  DESTINATION_CREATE,
  DESTINATIONS_LIST,
  type AudienceView,
  type DestinationView,
} from '@cdp/activation/contracts';
import { PARTNER_CREATE, PARTNER_SHARE, PARTNERS_LIST } from '@cdp/ad-feeds/contracts';
import {
  CHURN_RISK,
  CHURN_RISK_RULE,
  churnTraining,
  count,
  DEFAULT_DEMO_SIZE,
  deliveriesInFlight,
  DEMO_ADS_SOURCE,
  DEMO_CAMPAIGN,
  DEMO_DESTINATION,
  DEMO_EMAIL_TEMPLATE,
  DEMO_PARTNER,
  DEMO_SOURCE,
  ENGAGED_READERS,
  engagedReadersRule,
  engagedSegments,
  historyStart,
  RECENT_DAYS,
  recentCutoff,
  sentDeliveries,
  stepLabel,
  transitionCount,
  waveOf,
  type DemoSize,
  type DemoStep,
} from './demo-plan.js';
import { MailboxKeeper, type DemoMailbox } from './demo-mailbox.js';
import { sendEventsFile } from './event-sender.js';
import { runTool } from './run-tool.js';

export interface DemoSummary {
  /** loaded: this run loaded (or finished) it; already-loaded: an earlier start did; skipped: not a first start. */
  outcome: 'loaded' | 'already-loaded' | 'skipped';
  seconds: number;
  /** Raw events stored for the demo source. */
  events: number;
  /** Profiles the feature store holds. */
  profiles: number;
  /** Segmentation models by source (`features`, `ads-csv`) with their k. */
  segmentations: Array<{ source: string; k: number }>;
  /** Validation AUC of the active churn model. */
  churnAuc: number | null;
  audiences: Array<{ name: string; size: number }>;
  /** Audiences shared with the demo partner. */
  partnerShares: number;
  /** Profiles that moved between behaviour segments in the last 30 days (SEGMENT_TRANSITIONS). */
  transitions: number;
  /** The demo email campaign: its groups and the deliveries that reached the mailbox. */
  campaign: { name: string; treatment: number; holdout: number; sent: number } | null;
  /** The demo mailbox this platform runs: its port and the messages it got since this start. */
  mailbox: { port: number; received: number } | null;
}

export interface DemoTimeouts {
  /** Every service answering /health/ready. */
  readyMs: number;
  /** The feature store counting every demo page view. */
  featuresMs: number;
  /** One training or rescoring job. */
  jobMs: number;
  /** New audiences getting their first members (activation learns segments and scores by events). */
  audiencesMs: number;
  /** The demo campaign's deliveries all being sent (or skipped). */
  campaignMs: number;
}

export const DEFAULT_DEMO_TIMEOUTS: DemoTimeouts = {
  readyMs: 120_000,
  featuresMs: 300_000,
  jobMs: 300_000,
  audiencesMs: 60_000,
  campaignMs: 120_000,
};

export interface DemoDeps {
  bus: Bus;
  /** Each running service's base URL (readiness; ingestion's tracking API). */
  services: ReadonlyArray<{ name: string; url: string }>;
  /** The built tools it runs: the event generator and the operator CLI. */
  tools: { datagen: URL; cli: URL };
  /** Environment of those tools: PATH, and the platform's DATABASE_URL / NATS_URL / NATS_NAMESPACE. */
  toolEnv: EnvSource;
  /** The ad-profiles CSV; a missing file skips that step. */
  adsCsv: string;
  /** The port the demo mailbox listens on when the demo creates its email destination. */
  smtpPort: number;
  /** Holds the demo mailbox beyond the load (the platform's stop closes it). */
  mailboxes: MailboxKeeper;
  print: (line: string) => void;
  signal?: AbortSignal;
  size?: DemoSize;
  timeouts?: Partial<DemoTimeouts>;
}

/** A failed step: printed as `demo: <step> failed: <message>`. */
export class DemoStepError extends Error {
  override name = 'DemoStepError';
  constructor(
    readonly step: DemoStep,
    message: string,
  ) {
    super(message);
  }
}

const PROGRESS_EVERY_MS = 5_000;
const PAGE_VIEWS_FEATURE = 'intent.clicks_90d';

/**
 * Loads the demo data set on a first start, idempotently: a source `demo`, datagen's events sent
 * through the tracking API (all but the last RECENT_DAYS days), the ad-profiles CSV segmented, the
 * behaviour segmentation trained once the features are in, then the recent events (profiles move
 * segment) and a retrain, a churn model, two audiences, an ad partner they are shared with, and
 * an email campaign to a mailbox the platform runs. A start that finds the campaign run and the
 * partner sharing audiences says the demo is loaded (and reopens the mailbox); one that finds the
 * source without them resumes, skipping whatever already exists (re-sent events are the same
 * messageIds, refused as duplicates; a campaign that ran is not run again). A platform holding
 * other sources and no demo is not a first start: nothing is loaded. Resolves with what the
 * platform then holds; a failed step is printed and rejects with a DemoStepError.
 */
export async function loadDemo(deps: DemoDeps): Promise<DemoSummary> {
  try {
    return await new DemoRun(deps).run();
  } catch (error) {
    // Steps print their own failure; this is what fails between them (reading the summary).
    if (!(error instanceof DemoStepError) && !deps.signal?.aborted)
      deps.print(`demo: failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
}

class DemoRun {
  private readonly size: DemoSize;
  private readonly timeouts: DemoTimeouts;
  private readonly started = performance.now();
  private lastProgress = { at: 0, text: '' };
  /** The demo source's write key, once this run has one. */
  private writeKey: string | undefined;
  /** datagen's events for this run (generated once, removed when the run ends). */
  private eventsDir: string | undefined;
  private eventsFile: string | undefined;

  constructor(private readonly deps: DemoDeps) {
    this.size = deps.size ?? DEFAULT_DEMO_SIZE;
    this.timeouts = { ...DEFAULT_DEMO_TIMEOUTS, ...deps.timeouts };
  }

  async run(): Promise<DemoSummary> {
    try {
      return await this.load();
    } finally {
      if (this.eventsDir) await rm(this.eventsDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  private async load(): Promise<DemoSummary> {
    await this.step('events', () => this.waitForServices());
    const sources = await this.step('events', () => this.ask(SOURCE_LIST, {}));
    const existing = sources.sources.find((s) => s.name === DEMO_SOURCE);
    if (!existing && sources.sources.length > 0) {
      this.print(
        `skipped: the platform already holds data (source${sources.sources.length > 1 ? 's' : ''} ` +
          `${sources.sources.map((s) => s.name).join(', ')}); the demo loads only into an empty platform`,
      );
      return this.summary('skipped');
    }
    if (existing) {
      // The campaign is the last step: a demo whose campaign ran and whose partner reads its
      // audiences is loaded.
      const [partner, campaign] = await this.step('ad partner', () =>
        Promise.all([this.findPartner(), this.findCampaign()]),
      );
      if (partner && partner.shares.length > 0 && campaign?.lastRunAt) {
        await this.reopenMailbox();
        const summary = await this.summary('already-loaded');
        this.print(`already loaded (${this.describe(summary)}); nothing to do`);
        return summary;
      }
      this.print('resuming an unfinished demo load');
    } else {
      this.print(
        `loading a demo data set in the background (${count(this.size.users)} users over ${this.size.days} days); ` +
          '`npm start -- --no-demo` or CDP_DEMO=false skips it',
      );
    }

    const sent = await this.step('events', async () =>
      existing && (await this.laterStepsStarted()) ? this.eventsSent() : this.sendHistory(existing),
    );
    await this.step('ads-csv segments', () => this.trainAdsCsv());
    const profiles = await this.step('features', () => this.waitForFeatures('features', sent.pageViews));
    await this.step('behaviour segments', () => this.trainBehaviour(profiles));
    await this.step('recent events', () => this.sendRecent());
    await this.step('churn model', () => this.trainChurn());
    const audiences = await this.step('audiences', () => this.createAudiences());
    await this.step('ad partner', () => this.shareWithPartner(audiences));
    await this.step('campaign', () => this.runCampaign());

    const summary = await this.summary('loaded');
    this.print(`ready in ${summary.seconds.toFixed(0)} s (${this.describe(summary)})`);
    return summary;
  }

  // ---- steps -------------------------------------------------------------------------------------

  private async waitForServices(): Promise<void> {
    const deadline = Date.now() + this.timeouts.readyMs;
    for (;;) {
      const states = await Promise.all(
        this.deps.services.map(async (s) =>
          fetch(`${s.url}/health/ready`, { signal: AbortSignal.timeout(2_000) }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      if (states.every(Boolean)) return;
      if (Date.now() > deadline) {
        const down = this.deps.services.filter((_, i) => !states[i]).map((s) => s.name);
        throw new Error(
          `not every service is ready after ${this.timeouts.readyMs / 1000} s: ${down.join(', ')}`,
        );
      }
      await this.pause(1_000);
    }
  }

  /**
   * Creates the source (or takes a new key for the existing one) and sends datagen's events up to
   * the last RECENT_DAYS days to it; those come after the behaviour segmentation (sendRecent).
   */
  private async sendHistory(existing: SourceViewPayload | undefined): Promise<{ pageViews?: number }> {
    let source: SourceViewPayload;
    if (existing) {
      source = existing;
    } else {
      const { writeKey, ...created } = await this.ask(SOURCE_CREATE, { name: DEMO_SOURCE, kind: 'http' });
      source = created;
      this.writeKey = writeKey;
    }
    const sent = await this.sendWave('events', source, 'history');
    return sent.byType['page'] === undefined ? {} : { pageViews: sent.byType['page'] };
  }

  /** Sends one wave of the demo's events (generating them first) and says how it went. */
  private async sendWave(step: DemoStep, source: SourceViewPayload, wave: 'history' | 'recent') {
    if (!source.enabled) throw new Error(`source "${DEMO_SOURCE}" is disabled`);
    const ingestion = this.deps.services.find((s) => s.name === 'ingestion');
    if (!ingestion) throw new Error('the ingestion service is not running');
    // The key was shown once, to the run that created the source: a new one (the demo source has
    // no other sender).
    this.writeKey ??= (await this.ask(SOURCE_ROTATE_KEY, { source: source.id })).writeKey;
    const start = historyStart(source.createdAt, this.size.days);
    const file = await this.generateEvents(start);
    const cutoff = recentCutoff(start, this.size.days);
    const started = performance.now();
    const sent = await sendEventsFile(file, {
      baseUrl: ingestion.url,
      writeKey: this.writeKey,
      include: (event) => waveOf(event.timestamp, cutoff) === wave,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      onProgress: (events) => this.progress(step, `sending events ${count(events)}`),
    });
    const what =
      wave === 'history'
        ? `sent ${count(sent.events)} events of ${count(this.size.users)} users up to ${RECENT_DAYS} days ago`
        : `sent ${count(sent.events)} events of the last ${RECENT_DAYS} days`;
    this.print(`${stepLabel(step)}: ${what} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return sent;
  }

  /**
   * datagen's whole history as NDJSON in a temporary file (once per run): seeded and windowed by
   * the source's creation day, so a resumed load sends the very same events (same messageIds).
   */
  private async generateEvents(start: string): Promise<string> {
    if (this.eventsFile) return this.eventsFile;
    this.eventsDir = await mkdtemp(join(tmpdir(), 'cdp-demo-'));
    const file = join(this.eventsDir, 'events.ndjson');
    const { users, days, seed } = this.size;
    const args = [
      ...['--users', String(users), '--days', String(days), '--seed', seed],
      ...['--start', start, '--out', file, '--quiet'],
    ];
    await runTool(this.deps.tools.datagen, args, {
      env: this.deps.toolEnv,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
    });
    this.eventsFile = file;
    return file;
  }

  /**
   * Whether an earlier run got past sending events (a model of a later step exists), so a resumed
   * load need not send them all again only to have them refused as duplicates.
   */
  private async laterStepsStarted(): Promise<boolean> {
    const [ads, features, churn] = await Promise.all([
      this.ask(SEGMENTS_MODELS_LIST, { source: DEMO_ADS_SOURCE }),
      this.ask(SEGMENTS_MODELS_LIST, { source: 'features' }),
      this.ask(MODELS_LIST, { target: 'churn' }),
    ]);
    return ads.models.length + features.models.length + churn.models.length > 0;
  }

  private async eventsSent(): Promise<{ pageViews?: number }> {
    const stats = await this.ask(EVENTS_STATS, {});
    const stored = stats.sources.find((s) => s.name === DEMO_SOURCE)?.stored ?? 0;
    this.print(`${stepLabel('events')}: already sent (${count(stored)} stored)`);
    return {};
  }

  /** The ad-profiles CSV as segmentation `ads-csv`, through the CLI's `segments train --csv`. */
  private async trainAdsCsv(): Promise<void> {
    const label = stepLabel('ads-csv segments');
    const models = (await this.ask(SEGMENTS_MODELS_LIST, { source: DEMO_ADS_SOURCE })).models;
    if (models.length > 0) {
      this.print(`${label}: already trained (k=${models[0]?.k})`);
      return;
    }
    const file = this.deps.adsCsv;
    if (!existsSync(file)) {
      this.print(`${label}: skipped, there is no ${file} (CDP_DEMO_ADS_CSV names another file)`);
      return;
    }
    this.print(`${label}: training on ${file}`);
    // The CLI reads the CSV into the inline rows SEGMENTS_TRAIN takes (column kinds, lists, skew)
    // and follows the job: the same path as `npm run cdp -- segments train --csv`.
    const args = ['segments', 'train', '--csv', file, '--source', DEMO_ADS_SOURCE, '--seed', '42', '--json'];
    const run = await runTool(this.deps.tools.cli, args, {
      env: this.deps.toolEnv,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
    });
    const model = modelDetailSchema.parse(JSON.parse(run.stdout));
    this.print(
      `${label}: ${count(model.rows)} profiles in ${model.k} segments ` +
        `(silhouette ${model.quality.silhouette.toFixed(2)}${model.quality.weak ? ', weak structure' : ''})`,
    );
  }

  /**
   * Waits until the feature store has counted every demo page view (each is one event through
   * ingestion, identity and the feature store), so training reads the whole history.
   */
  private async waitForFeatures(step: DemoStep, sentPageViews: number | undefined): Promise<number> {
    const label = stepLabel(step);
    const deadline = Date.now() + this.timeouts.featuresMs;
    let last = { pageViews: -1, at: Date.now() };
    for (;;) {
      const stats = await this.ask(EVENTS_STATS, {});
      const stored = stats.sources.find((s) => s.name === DEMO_SOURCE)?.byType['page'] ?? 0;
      const target = Math.max(sentPageViews ?? 0, stored);
      const { profiles, pageViews } = await this.countPageViews();
      if (target > 0 && pageViews >= target) {
        this.print(`${label}: computed for ${count(profiles)} profiles`);
        return profiles;
      }
      // Events whose every identifier is refused never reach a profile: a count that stopped just
      // short of the target for a while is as far as it goes.
      if (pageViews !== last.pageViews) last = { pageViews, at: Date.now() };
      else if (target > 0 && pageViews >= 0.99 * target && Date.now() - last.at > 20_000) {
        this.print(
          `${label}: computed for ${count(profiles)} profiles (${count(pageViews)}/${count(target)} page views)`,
        );
        return profiles;
      }
      if (Date.now() > deadline)
        throw new Error(
          `after ${this.timeouts.featuresMs / 1000} s the feature store has counted ${count(pageViews)} of ` +
            `${count(target)} page views: identity or the feature store is behind or failing (npm run cdp -- dlq list)`,
        );
      this.progress(step, `waiting for features: ${count(pageViews)}/${count(target)} page views counted`);
      await this.pause(2_000);
    }
  }

  private async countPageViews(): Promise<{ profiles: number; pageViews: number }> {
    let profiles = 0;
    let pageViews = 0;
    let after: string | undefined;
    do {
      const page = await this.ask(
        FEATURES_EXPORT,
        { names: [PAGE_VIEWS_FEATURE], limit: EXPORT_MAX_LIMIT, ...(after ? { after } : {}) },
        60_000,
      );
      profiles += page.profileIds.length;
      for (const value of page.columns[0] ?? []) if (typeof value === 'number') pageViews += value;
      after = page.next ?? undefined;
    } while (after);
    return { profiles, pageViews };
  }

  private async trainBehaviour(profiles: number): Promise<void> {
    const label = stepLabel('behaviour segments');
    const models = (await this.ask(SEGMENTS_MODELS_LIST, { source: 'features' })).models;
    if (models.length > 0) {
      this.print(`${label}: already trained (k=${models[0]?.k})`);
      return;
    }
    const { jobId } = await this.ask(SEGMENTS_TRAIN, { seed: 42 });
    const status = await this.followJob('behaviour segments', (id) =>
      this.ask(SEGMENTS_TRAIN_STATUS, { jobId: id }),
    )(jobId);
    if (!status.modelId) throw new Error(`training job ${jobId} finished without a model`);
    const model = await this.ask(SEGMENTS_MODEL_GET, { modelId: status.modelId });
    this.print(
      `${label}: ${count(profiles)} profiles in ${model.k} tiers (${model.segments
        .slice()
        .sort((a, b) => (b.rank ?? 0) - (a.rank ?? 0))
        .map((s) => `${s.name} ${count(s.size)}`)
        .join(', ')})`,
    );
  }

  /**
   * The last RECENT_DAYS days of events, after the behaviour segmentation was trained without
   * them: clustering reassigns each profile whose features they change, and those whose tier
   * changes are the console's segment transitions. Then the segmentation is retrained (same k) on
   * the whole history, so its tiers describe the data the rest of the demo uses.
   */
  private async sendRecent(): Promise<void> {
    const label = stepLabel('recent events');
    const [features, churn] = await Promise.all([
      this.ask(SEGMENTS_MODELS_LIST, { source: 'features' }),
      this.ask(MODELS_LIST, { target: 'churn' }),
    ]);
    if (features.models.length >= 2 || churn.models.length > 0) {
      this.print(`${label}: already sent (${count(await this.transitions())} segment transitions)`);
      return;
    }
    const source = (await this.ask(SOURCE_LIST, {})).sources.find((s) => s.name === DEMO_SOURCE);
    if (!source) throw new Error(`source "${DEMO_SOURCE}" is gone`);
    await this.sendWave('recent events', source, 'recent');
    await this.waitForFeatures('recent events', undefined);
    const moved = await this.waitForTransitions();
    this.print(`${label}: ${count(moved)} profiles changed behaviour segment`);

    const active = features.models.find((m) => m.active);
    const { jobId } = await this.ask(SEGMENTS_TRAIN, { seed: 42, ...(active ? { k: active.k } : {}) });
    const status = await this.followJob('recent events', (id) =>
      this.ask(SEGMENTS_TRAIN_STATUS, { jobId: id }),
    )(jobId);
    if (!status.modelId) throw new Error(`training job ${jobId} finished without a model`);
    const model = await this.ask(SEGMENTS_MODEL_GET, { modelId: status.modelId });
    this.print(
      `${label}: behaviour segments retrained on the whole history: v${model.version}, ` +
        `${count(model.rows)} profiles, ${count(await this.transitions())} segment transitions`,
    );
  }

  /**
   * Clustering reassigns profiles as the feature store publishes their updates, a moment after
   * it counted their events: waits (bounded) until the transitions stop growing.
   */
  private async waitForTransitions(): Promise<number> {
    const deadline = Date.now() + 30_000;
    let previous = -1;
    for (;;) {
      const moved = await this.transitions();
      if ((moved > 0 && moved === previous) || Date.now() > deadline) return moved;
      previous = moved;
      this.progress('recent events', `waiting for reassignments: ${count(moved)} profiles moved`);
      await this.pause(2_000);
    }
  }

  private async transitions(): Promise<number> {
    const answer = await this.ask(SEGMENT_TRANSITIONS, { source: 'features', days: 30 });
    return transitionCount(answer.transitions);
  }

  private async trainChurn(): Promise<void> {
    const label = stepLabel('churn model');
    const models = (await this.ask(MODELS_LIST, { target: 'churn' })).models;
    const active = models.find((m) => m.active);
    if (active) {
      this.print(`${label}: already trained (v${active.version}, AUC ${active.auc.toFixed(2)})`);
      return;
    }
    const { jobId } = await this.ask(MODELS_TRAIN, churnTraining(this.size.days));
    const follow = this.followJob('churn model', (id) => this.ask(MODELS_TRAIN_STATUS, { jobId: id }));
    const job = await follow(jobId);
    if (!job.modelId) throw new Error(`training job ${jobId} finished without a model`);
    const model = await this.ask(MODEL_GET, { modelId: job.modelId });
    if (!model.active) {
      // The first churn model has nothing to beat; one that lost to an earlier (half-loaded) model
      // is promoted anyway, so the demo's audiences score with the model it describes.
      const change = await this.ask(MODEL_PROMOTE, { modelId: model.id });
      await follow(change.jobId);
    }
    this.print(
      `${label}: v${model.version} trained on ${count(model.trainRows)} rows, ` +
        `validation AUC ${model.metrics.auc.toFixed(2)} on ${count(model.validationRows)} rows; active`,
    );
  }

  private async createAudiences(): Promise<AudienceView[]> {
    const label = stepLabel('audiences');
    const have = new Map((await this.ask(AUDIENCES_LIST, {})).audiences.map((a) => [a.name, a]));
    if (!have.has(ENGAGED_READERS)) {
      const model = await this.ask(SEGMENTS_MODEL_GET, { source: 'features' });
      const engaged = engagedSegments(model.segments);
      const created = await this.ask(
        AUDIENCE_CREATE,
        {
          name: ENGAGED_READERS,
          description: `Read 2+ articles in 30 days and in the ${engaged.map((s) => s.name).join(' or ')} tier (demo)`,
          rule: engagedReadersRule(engaged.map((s) => s.id)),
        },
        60_000,
      );
      have.set(created.name, created);
    }
    if (!have.has(CHURN_RISK)) {
      const created = await this.ask(
        AUDIENCE_CREATE,
        { name: CHURN_RISK, description: 'High churn risk by the churn model (demo)', rule: CHURN_RISK_RULE },
        60_000,
      );
      have.set(created.name, created);
    }
    // Activation learns segments and scores from events: sizes grow for a moment after creation.
    const names = [ENGAGED_READERS, CHURN_RISK];
    const deadline = Date.now() + this.timeouts.audiencesMs;
    let audiences: AudienceView[] = [];
    let previous = '';
    for (;;) {
      const listed = (await this.ask(AUDIENCES_LIST, {})).audiences;
      audiences = names.flatMap((name) => listed.filter((a) => a.name === name));
      const sizes = audiences.map((a) => a.size).join(',');
      if ((audiences.every((a) => a.size > 0) && sizes === previous) || Date.now() > deadline) break;
      previous = sizes;
      await this.pause(2_000);
    }
    this.print(`${label}: ${audiences.map((a) => `${a.name} ${count(a.size)}`).join(', ')}`);
    return audiences;
  }

  private async shareWithPartner(audiences: readonly AudienceView[]): Promise<void> {
    const label = stepLabel('ad partner');
    let partner = await this.findPartner();
    let key: string | undefined;
    if (!partner) {
      // A lower floor than the default 100: the demo's audiences are a few hundred people at most.
      const created = await this.ask(PARTNER_CREATE, {
        name: DEMO_PARTNER,
        platform: 'google',
        deviceIds: 'raw',
        minAudienceSize: 10,
        dpEpsilon: null,
        ratePerSecond: 100,
      });
      partner = created.partner;
      key = created.key;
    }
    for (const audience of audiences) {
      if (partner.shares.some((s) => s.audienceId === audience.id)) continue;
      partner = await this.ask(PARTNER_SHARE, {
        partner: partner.id,
        audience: audience.id,
        iab: [],
        remove: false,
      });
    }
    // The partner pulls a snapshot once, as a platform would, so its "last pulls" are not empty.
    const first = partner.shares[0];
    if (key && first) await this.pullSnapshot(key, first.audienceId);
    this.print(
      `${label}: ${DEMO_PARTNER} (google) reads ${partner.shares.map((s) => s.audienceName).join(', ')}; ` +
        `\`npm run cdp -- partners keys ${DEMO_PARTNER} --rotate\` prints a feed key`,
    );
  }

  /** One bulk snapshot of `audienceId` through the feeds API, with the partner's key. */
  private async pullSnapshot(key: string, audienceId: string): Promise<void> {
    const adFeeds = this.deps.services.find((s) => s.name === 'ad-feeds');
    if (!adFeeds) return;
    const response = await fetch(`${adFeeds.url}/feeds/v1/audiences/${audienceId}/members`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = await response.text();
    if (!response.ok) throw new Error(`the partner's snapshot pull answered ${response.status}: ${body}`);
  }

  /**
   * An email campaign to "Engaged readers" (the audience where most people have an email trait)
   * through the demo mailbox: a 10% holdout, members opted in to email (it requires an opt-in),
   * run once by hand and followed until every delivery is sent or skipped.
   */
  private async runCampaign(): Promise<void> {
    const label = stepLabel('campaign');
    const { destination, mailbox } = await this.demoDestination();
    let campaign = await this.findCampaign();
    if (!campaign) {
      campaign = await this.ask(CAMPAIGN_CREATE, {
        name: DEMO_CAMPAIGN,
        audience: ENGAGED_READERS,
        destination: destination.id,
        template: DEMO_EMAIL_TEMPLATE,
        // Neither a start nor a period: it runs only when asked, here once.
        trigger: { type: 'schedule' },
        policy: { holdoutShare: 0.1, conversionEvent: 'Article Viewed', conversionWindowDays: 7 },
      });
    }
    // A campaign that ran (or queued anything) is not run again: a second run would mail everyone twice.
    if (campaign.lastRunAt === null && Object.keys(campaign.deliveries).length === 0) {
      const members = await this.optInMembers(ENGAGED_READERS);
      const run = await this.ask(CAMPAIGN_RUN, { campaign: campaign.id }, 60_000);
      this.print(
        `${label}: "${DEMO_CAMPAIGN}" to ${ENGAGED_READERS} (${count(members)} opted in to email): ` +
          `${count(run.queued)} queued, ${count(run.heldOut)} held out`,
      );
    }
    const deadline = Date.now() + this.timeouts.campaignMs;
    for (;;) {
      const report = await this.ask(CAMPAIGN_REPORT, { campaign: campaign.id, confidence: 0.95 });
      const waiting = deliveriesInFlight(report.deliveries);
      if (waiting === 0) {
        const skipped = report.deliveries['skipped'] ?? 0;
        this.print(
          `${label}: ${count(sentDeliveries(report.deliveries))} emails sent` +
            `${skipped > 0 ? ` (${count(skipped)} skipped, no email address)` : ''}; treatment ` +
            `${count(report.treatment.size)}, holdout ${count(report.holdout.size)}; the demo mailbox on ` +
            `127.0.0.1:${mailbox.port} received ${count(mailbox.received)}`,
        );
        return;
      }
      if (Date.now() > deadline)
        throw new Error(
          `after ${this.timeouts.campaignMs / 1000} s ${count(waiting)} deliveries are still queued ` +
            `(npm run cdp -- deliveries list --campaign "${DEMO_CAMPAIGN}")`,
        );
      this.progress(
        'campaign',
        `sending: ${count(sentDeliveries(report.deliveries))} sent, ${count(waiting)} queued`,
      );
      await this.pause(1_000);
    }
  }

  /**
   * The demo's email destination and its mailbox. The mailbox listens on the port the destination
   * was created with (CDP_DEMO_SMTP_PORT then): a destination's config cannot change, so a later
   * start reopens the mailbox where the destination points.
   */
  private async demoDestination(): Promise<{ destination: DestinationView; mailbox: DemoMailbox }> {
    const found = await this.findDestination();
    const port = found ? destinationPort(found) : this.deps.smtpPort;
    const mailbox = await this.deps.mailboxes.open(port).catch((error: unknown) => {
      throw new Error(
        `the demo mailbox cannot listen on 127.0.0.1:${port}: ` +
          `${error instanceof Error ? error.message : String(error)}` +
          (found ? '' : ' (CDP_DEMO_SMTP_PORT chooses another port)'),
      );
    });
    const destination =
      found ??
      (await this.ask(DESTINATION_CREATE, {
        name: DEMO_DESTINATION,
        config: {
          kind: 'email',
          smtp: { host: mailbox.host, port: mailbox.port, secure: false },
          from: 'CDP News <news@cdp-demo.news>',
        },
      }));
    return { destination, mailbox };
  }

  /** On a start that finds the demo loaded: the mailbox its destination sends to, if it can. */
  private async reopenMailbox(): Promise<void> {
    const destination = await this.findDestination();
    if (!destination) return;
    try {
      const mailbox = await this.deps.mailboxes.open(destinationPort(destination));
      this.print(`the demo mailbox listens on 127.0.0.1:${mailbox.port} (destination ${DEMO_DESTINATION})`);
    } catch (error) {
      this.print(
        `the demo mailbox cannot listen on 127.0.0.1:${destinationPort(destination)}: ` +
          `${error instanceof Error ? error.message : String(error)}; sends to ${DEMO_DESTINATION} retry until it can`,
      );
    }
  }

  /** Opts every member of `audience` in to email (an explicit opt-in is what email requires). */
  private async optInMembers(audience: string): Promise<number> {
    let opted = 0;
    let after: string | undefined;
    do {
      const page = await this.ask(AUDIENCE_MEMBERS, {
        audience,
        limit: 1_000,
        ...(after ? { after } : {}),
      });
      const ids = page.members.map((m) => m.profileId);
      for (let i = 0; i < ids.length; i += 10) {
        await Promise.all(
          ids
            .slice(i, i + 10)
            .map((profileId) => this.ask(CONSENT_SET, { profileId, action: 'opt_in', channel: 'email' })),
        );
      }
      opted += ids.length;
      after = page.next ?? undefined;
    } while (after);
    return opted;
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async findPartner() {
    return (await this.ask(PARTNERS_LIST, {})).partners.find((p) => p.name === DEMO_PARTNER);
  }

  private async findCampaign() {
    return (await this.ask(CAMPAIGNS_LIST, {})).campaigns.find((c) => c.name === DEMO_CAMPAIGN);
  }

  private async findDestination() {
    return (await this.ask(DESTINATIONS_LIST, {})).destinations.find((d) => d.name === DEMO_DESTINATION);
  }

  /** Polls a job until it ends, its phase printed now and then; a failed or stuck job throws. */
  private followJob<J extends { state: string; phase: string; progress: number; error?: string }>(
    step: DemoStep,
    status: (jobId: string) => Promise<J>,
  ): (jobId: string) => Promise<J> {
    return async (jobId) => {
      const deadline = Date.now() + this.timeouts.jobMs;
      for (;;) {
        const job = await status(jobId);
        if (job.state === 'done') return job;
        if (job.state === 'failed') throw new Error(job.error ?? `job ${jobId} failed`);
        if (Date.now() > deadline)
          throw new Error(`job ${jobId} still ${job.phase} after ${this.timeouts.jobMs / 1000} s`);
        this.progress(step, `${job.phase} (${Math.round(job.progress * 100)}%)`);
        await this.pause(1_000);
      }
    };
  }

  private async summary(outcome: DemoSummary['outcome']): Promise<DemoSummary> {
    const [stats, features, ads, churn, audiences, partner, campaign] = await Promise.all([
      this.ask(EVENTS_STATS, {}),
      this.ask(SEGMENTS_MODELS_LIST, { source: 'features' }),
      this.ask(SEGMENTS_MODELS_LIST, { source: DEMO_ADS_SOURCE }),
      this.ask(MODELS_LIST, { target: 'churn' }),
      this.ask(AUDIENCES_LIST, {}),
      this.findPartner(),
      this.findCampaign(),
    ]);
    const report = campaign
      ? await this.ask(CAMPAIGN_REPORT, { campaign: campaign.id, confidence: 0.95 })
      : undefined;
    // No behaviour segmentation, no transitions (the request answers NOT_FOUND).
    const transitions = features.models.length > 0 ? await this.transitions() : 0;
    const mailbox = this.deps.mailboxes.current;
    const profiles = outcome === 'skipped' ? 0 : (await this.countPageViews()).profiles;
    const active = (models: ReadonlyArray<{ active: boolean; k: number; source: string }>) =>
      models.filter((m) => m.active).map((m) => ({ source: m.source, k: m.k }));
    return {
      outcome,
      seconds: (performance.now() - this.started) / 1000,
      events: stats.sources.find((s) => s.name === DEMO_SOURCE)?.stored ?? 0,
      profiles,
      segmentations: [...active(features.models), ...active(ads.models)],
      churnAuc: churn.models.find((m) => m.active)?.auc ?? null,
      audiences: audiences.audiences
        .filter((a) => a.name === ENGAGED_READERS || a.name === CHURN_RISK)
        .map((a) => ({ name: a.name, size: a.size })),
      partnerShares: partner?.shares.length ?? 0,
      transitions,
      campaign: report
        ? {
            name: DEMO_CAMPAIGN,
            treatment: report.treatment.size,
            holdout: report.holdout.size,
            sent: sentDeliveries(report.deliveries),
          }
        : null,
      mailbox: mailbox ? { port: mailbox.port, received: mailbox.received } : null,
    };
  }

  private describe(summary: DemoSummary): string {
    return [
      `${count(summary.events)} events, ${count(summary.profiles)} profiles`,
      `segments ${summary.segmentations.map((s) => `${s.source} k=${s.k}`).join(', ') || 'none'}`,
      `churn AUC ${summary.churnAuc === null ? 'none' : summary.churnAuc.toFixed(2)}`,
      `audiences ${summary.audiences.map((a) => `${a.name} ${count(a.size)}`).join(', ') || 'none'}`,
      `${DEMO_PARTNER} shares ${summary.partnerShares}`,
      `segment transitions ${count(summary.transitions)}`,
      summary.campaign
        ? `campaign ${summary.campaign.name}: treatment ${count(summary.campaign.treatment)}, ` +
          `holdout ${count(summary.campaign.holdout)}, sent ${count(summary.campaign.sent)}`
        : 'no campaign',
      summary.mailbox
        ? `mailbox 127.0.0.1:${summary.mailbox.port} received ${count(summary.mailbox.received)}`
        : 'no mailbox',
    ].join('; ');
  }

  /** Runs a step; its failure is printed once and rethrown as a DemoStepError (an abort as it is). */
  private async step<T>(step: DemoStep, work: () => Promise<T>): Promise<T> {
    this.deps.signal?.throwIfAborted();
    try {
      return await work();
    } catch (error) {
      if (this.deps.signal?.aborted || error instanceof DemoStepError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.deps.print(`demo: ${step} failed: ${message}`);
      throw new DemoStepError(step, message);
    }
  }

  private ask<Req, Res>(contract: RequestContract<Req, Res>, payload: Req, timeoutMs = 10_000): Promise<Res> {
    this.deps.signal?.throwIfAborted();
    return sendRequest(this.deps.bus, contract, payload, timeoutMs);
  }

  private pause(ms: number): Promise<void> {
    return sleep(ms, undefined, this.deps.signal ? { signal: this.deps.signal } : {});
  }

  private print(text: string): void {
    this.deps.print(`demo: ${text}`);
  }

  /** A progress line of `step`, at most one every few seconds. */
  private progress(step: DemoStep, text: string): void {
    const line = `${stepLabel(step)}: ${text}`;
    if (line === this.lastProgress.text || performance.now() - this.lastProgress.at < PROGRESS_EVERY_MS)
      return;
    this.lastProgress = { at: performance.now(), text: line };
    this.print(line);
  }
}

export interface DemoConfig extends Omit<DemoDeps, 'bus' | 'signal' | 'mailboxes'> {
  busConfig: BusConfig;
}

export interface RunningDemo {
  /** Settles when the demo is loaded (or found loaded, or skipped); rejects when a step failed. */
  done: Promise<DemoSummary>;
  /**
   * Stops a load in progress (its tools are killed) and closes its bus, the next start resuming
   * it; and closes the demo mailbox.
   */
  stop(): Promise<void>;
}

/** Starts `loadDemo` in the background on a bus of its own. */
export function startDemo(config: DemoConfig): RunningDemo {
  const controller = new AbortController();
  const mailboxes = new MailboxKeeper();
  let bus: Bus | undefined;
  let settled = false;
  let closing: Promise<void> | undefined;
  const closeBus = (): Promise<void> => (bus ? (closing ??= bus.close()) : Promise.resolve());
  const done = (async () => {
    try {
      bus = await createBus(config.busConfig);
    } catch (error) {
      config.print(`demo: failed: no bus: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
    if (controller.signal.aborted) {
      await closeBus();
      throw controller.signal.reason;
    }
    try {
      return await loadDemo({ ...config, bus, mailboxes, signal: controller.signal });
    } finally {
      // Stopped: `stop` closes it once the requests in flight had their moment.
      if (!controller.signal.aborted) await closeBus();
    }
  })();
  // Whoever awaits `done` sees a failure; nobody awaiting it must not crash the platform.
  done.then(
    () => (settled = true),
    () => (settled = true),
  );
  return {
    done,
    async stop() {
      if (!settled && !controller.signal.aborted) {
        controller.abort(new Error('the platform is stopping'));
        config.print('demo: interrupted; the next start finishes loading it');
        // Requests in flight cannot be aborted: give them a moment, then close the bus under them.
        await Promise.race([done.catch(() => undefined), sleep(3_000)]);
        await closeBus().catch(() => undefined);
      }
      await mailboxes.close();
    },
  };
}

/** The SMTP port an email destination's config names. */
function destinationPort(destination: DestinationView): number {
  const smtp = destination.config['smtp'] as { port?: unknown } | undefined;
  if (typeof smtp?.port !== 'number') throw new Error(`destination ${destination.name} has no SMTP port`);
  return smtp.port;
}
