import { existsSync } from 'node:fs';
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
import { AUDIENCE_CREATE, AUDIENCES_LIST, type AudienceView } from '@cdp/activation/contracts';
import { PARTNER_CREATE, PARTNER_SHARE, PARTNERS_LIST } from '@cdp/ad-feeds/contracts';
import {
  CHURN_RISK,
  CHURN_RISK_RULE,
  churnTraining,
  count,
  DEFAULT_DEMO_SIZE,
  DEMO_ADS_SOURCE,
  DEMO_PARTNER,
  DEMO_SOURCE,
  ENGAGED_READERS,
  engagedReadersRule,
  engagedSegments,
  historyStart,
  parseDatagenProgress,
  parseDatagenSummary,
  stepLabel,
  type DemoSize,
  type DemoStep,
} from './demo-plan.js';
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
}

export const DEFAULT_DEMO_TIMEOUTS: DemoTimeouts = {
  readyMs: 120_000,
  featuresMs: 300_000,
  jobMs: 300_000,
  audiencesMs: 60_000,
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
 * through the tracking API, the ad-profiles CSV segmented, the behaviour segmentation and a churn
 * model trained once the features are in, two audiences and an ad partner they are shared with.
 * A start that finds the demo partner sharing audiences says the demo is loaded and does nothing;
 * one that finds the source without it resumes, skipping whatever already exists (re-sent events
 * are the same messageIds, refused as duplicates). A platform holding other sources and no demo
 * is not a first start: nothing is loaded. Resolves with what the platform then holds; a failed
 * step is printed and rejects with a DemoStepError.
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

  constructor(private readonly deps: DemoDeps) {
    this.size = deps.size ?? DEFAULT_DEMO_SIZE;
    this.timeouts = { ...DEFAULT_DEMO_TIMEOUTS, ...deps.timeouts };
  }

  async run(): Promise<DemoSummary> {
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
      const partner = await this.step('ad partner', () => this.findPartner());
      if (partner && partner.shares.length > 0) {
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
      existing && (await this.laterStepsStarted()) ? this.eventsSent() : this.sendEvents(existing),
    );
    await this.step('ads-csv segments', () => this.trainAdsCsv());
    const profiles = await this.step('features', () => this.waitForFeatures(sent.pageViews));
    await this.step('behaviour segments', () => this.trainBehaviour(profiles));
    await this.step('churn model', () => this.trainChurn());
    const audiences = await this.step('audiences', () => this.createAudiences());
    await this.step('ad partner', () => this.shareWithPartner(audiences));

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

  /** Creates the source (or takes a new key for the existing one) and streams datagen's events to it. */
  private async sendEvents(existing: SourceViewPayload | undefined): Promise<{ pageViews?: number }> {
    let source: SourceViewPayload;
    let writeKey: string;
    if (existing) {
      if (!existing.enabled) throw new Error(`source "${DEMO_SOURCE}" is disabled`);
      // The key was shown once, to the earlier run: a new one (the demo source has no other sender).
      ({ writeKey, ...source } = await this.ask(SOURCE_ROTATE_KEY, { source: existing.id }));
    } else {
      const created = await this.ask(SOURCE_CREATE, { name: DEMO_SOURCE, kind: 'http' });
      ({ writeKey, ...source } = created);
    }
    const ingestion = this.deps.services.find((s) => s.name === 'ingestion');
    if (!ingestion) throw new Error('the ingestion service is not running');
    const { users, days, seed } = this.size;
    const args = [
      ...['--users', String(users), '--days', String(days), '--seed', seed],
      ...['--start', historyStart(source.createdAt, days)],
      ...['--api', ingestion.url, '--write-key', writeKey],
    ];
    const started = performance.now();
    const run = await runTool(this.deps.tools.datagen, args, {
      env: this.deps.toolEnv,
      ...(this.deps.signal ? { signal: this.deps.signal } : {}),
      onStderrLine: (line) => {
        const progress = parseDatagenProgress(line);
        if (progress)
          this.progress(
            'events',
            `sending events ${count(progress.events)} (users ${count(progress.users)}/${count(progress.totalUsers)})`,
          );
      },
    });
    const summary = parseDatagenSummary(run.stderr);
    this.print(
      `${stepLabel('events')}: sent ${count(summary.events ?? 0)} events of ${count(users)} users ` +
        `in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    return summary.byType['page'] === undefined ? {} : { pageViews: summary.byType['page'] };
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
  private async waitForFeatures(sentPageViews: number | undefined): Promise<number> {
    const label = stepLabel('features');
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
      this.progress(
        'features',
        `waiting for features: ${count(pageViews)}/${count(target)} page views counted`,
      );
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
    this.print(
      `${label}: ${DEMO_PARTNER} (google) reads ${partner.shares.map((s) => s.audienceName).join(', ')}; ` +
        `\`npm run cdp -- partners keys ${DEMO_PARTNER} --rotate\` prints a feed key`,
    );
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async findPartner() {
    return (await this.ask(PARTNERS_LIST, {})).partners.find((p) => p.name === DEMO_PARTNER);
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
    const [stats, features, ads, churn, audiences, partner] = await Promise.all([
      this.ask(EVENTS_STATS, {}),
      this.ask(SEGMENTS_MODELS_LIST, { source: 'features' }),
      this.ask(SEGMENTS_MODELS_LIST, { source: DEMO_ADS_SOURCE }),
      this.ask(MODELS_LIST, { target: 'churn' }),
      this.ask(AUDIENCES_LIST, {}),
      this.findPartner(),
    ]);
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
    };
  }

  private describe(summary: DemoSummary): string {
    return [
      `${count(summary.events)} events, ${count(summary.profiles)} profiles`,
      `segments ${summary.segmentations.map((s) => `${s.source} k=${s.k}`).join(', ') || 'none'}`,
      `churn AUC ${summary.churnAuc === null ? 'none' : summary.churnAuc.toFixed(2)}`,
      `audiences ${summary.audiences.map((a) => `${a.name} ${count(a.size)}`).join(', ') || 'none'}`,
      `${DEMO_PARTNER} shares ${summary.partnerShares}`,
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

export interface DemoConfig extends Omit<DemoDeps, 'bus' | 'signal'> {
  busConfig: BusConfig;
}

export interface RunningDemo {
  /** Settles when the demo is loaded (or found loaded, or skipped); rejects when a step failed. */
  done: Promise<DemoSummary>;
  /** Stops a load in progress (its tools are killed) and closes its bus; the next start resumes it. */
  stop(): Promise<void>;
}

/** Starts `loadDemo` in the background on a bus of its own. */
export function startDemo(config: DemoConfig): RunningDemo {
  const controller = new AbortController();
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
      return await loadDemo({ ...config, bus, signal: controller.signal });
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
      if (settled || controller.signal.aborted) return;
      controller.abort(new Error('the platform is stopping'));
      config.print('demo: interrupted; the next start finishes loading it');
      // Requests in flight cannot be aborted: give them a moment, then close the bus under them.
      await Promise.race([done.catch(() => undefined), sleep(3_000)]);
      await closeBus().catch(() => undefined);
    },
  };
}
