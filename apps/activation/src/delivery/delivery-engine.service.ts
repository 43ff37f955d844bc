import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { destinationConfigSchema, type DestinationConfig } from '@cdp/activation/contracts';
import {
  AudiencesRepository,
  DeliveriesRepository,
  MembershipRepository,
  type DeliveryResult,
  type StoredDelivery,
  type StoredDestination,
  type StoredPushSubscription,
} from '@cdp/activation/data-access-db';
import {
  checkFrequencyCap,
  consentAllows,
  quietHours,
  type CampaignChannel,
  type ConsentState,
} from '@cdp/activation/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import { Catalog, type LiveCampaign } from '../audiences/catalog.service.js';
import type { ActivationEnv } from '../config/env.schema.js';
import type {
  DestinationAdapter,
  OutboundMessage,
  PushSubscription,
  SendOutcome,
} from '../destinations/destination.js';
import { LinkSigner } from '../http/links.js';
import { createAdapter, limitsOf, type SendingLimits } from './adapters.js';
import { RateLimiter } from './rate-limiter.js';
import { DeliveryWakeups } from './wakeups.js';

const WEEK_MS = 7 * 86_400_000;
/** Channels that reach a person: caps and quiet hours apply to them, not to webhooks or Segment. */
const PERSONAL: ReadonlySet<string> = new Set(['email', 'sms', 'push']);

/** Everything a batch of claimed deliveries needs, loaded in a few queries. */
interface BatchContext {
  facts: Map<
    string,
    {
      userId: string | null;
      traits: Record<string, unknown>;
      features: Record<string, unknown>;
      scores: Record<string, unknown>;
    }
  >;
  consents: Map<string, ConsentState>;
  suppressed: Set<string>;
  sentTimes: Map<string, number[]>;
  subscriptions: Map<string, PushSubscription[]>;
}

/**
 * Sends queued deliveries: one worker per destination (a failing provider stalls only its own
 * queue), each claiming due deliveries from PostgreSQL with a lease, checking consent, frequency
 * caps and quiet hours right before the send, pacing sends with the provider's rate limit, and
 * recording the outcome: retried with backoff on 429/5xx, failed on other 4xx, dead letters after
 * the last attempt.
 */
@Injectable()
export class DeliveryEngine implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers = new Map<string, DestinationWorker>();
  private readonly syncer: Periodic;
  private stopped = false;
  readonly links: LinkSigner;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly audiences: AudiencesRepository,
    private readonly membership: MembershipRepository,
    private readonly catalog: Catalog,
    private readonly wakeups: DeliveryWakeups,
    private readonly http: HttpAdapterHost,
    @Inject(SERVICE_ENV) private readonly env: ActivationEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.links = new LinkSigner(env.ACTIVATION_LINK_SECRET);
    this.syncer = new Periodic(
      Math.max(1_000, env.ACTIVATION_POLL_MS * 4),
      () => this.sync(),
      (error) => logger.error({ err: error }, 'delivery workers could not be synced'),
    );
  }

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    if (!this.env.ACTIVATION_SEND) return;
    this.wakeups.listen((ids) => {
      for (const id of ids) {
        const worker = this.workers.get(id);
        if (worker) worker.wake();
        else void this.syncer.run();
      }
    });
    this.syncer.start();
    void this.syncer.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.syncer.stop();
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    this.workers.clear();
  }

  /** Starts a worker for each enabled destination, stops those of disabled or changed ones. */
  private async sync(): Promise<void> {
    for (const d of await this.deliveries.destinations()) {
      if (this.stopped) return;
      const worker = this.workers.get(d.id);
      if (worker && (!d.enabled || worker.version !== JSON.stringify(d.config))) {
        this.workers.delete(d.id);
        await worker.stop();
      }
      if (d.enabled && !this.workers.has(d.id)) {
        const started = this.startWorker(d);
        if (started) this.workers.set(d.id, started);
      }
    }
  }

  private startWorker(d: StoredDestination): DestinationWorker | undefined {
    const parsed = destinationConfigSchema.safeParse(d.config);
    if (!parsed.success) {
      this.logger.error({ destination: d.name }, 'destination config no longer valid; not sending');
      return undefined;
    }
    const worker = new DestinationWorker(d, parsed.data, this);
    worker.start();
    return worker;
  }

  /** The public base URL for links in messages. */
  publicUrl(): string {
    if (this.env.ACTIVATION_PUBLIC_URL) return this.env.ACTIVATION_PUBLIC_URL.replace(/\/$/, '');
    const address = this.http.httpAdapter.getHttpServer().address() as { port: number } | string | null;
    const port = typeof address === 'object' && address !== null ? address.port : this.env.PORT;
    const host = this.env.HOST === '0.0.0.0' || this.env.HOST === '::' ? '127.0.0.1' : this.env.HOST;
    return `http://${host}:${port}`;
  }

  // The worker reaches the service's collaborators through these.
  get repo(): DeliveriesRepository {
    return this.deliveries;
  }
  get config(): ActivationEnv {
    return this.env;
  }
  get log(): Logger {
    return this.logger;
  }

  async context(batch: readonly StoredDelivery[], channel: string): Promise<BatchContext> {
    const ids = [...new Set(batch.map((d) => d.profileId))];
    const [facts, consents, sentTimes, subscriptions] = await Promise.all([
      this.membership.facts(ids),
      this.audiences.consents(ids),
      PERSONAL.has(channel)
        ? this.deliveries.sentTimes(ids, channel, new Date(Date.now() - WEEK_MS - 86_400_000))
        : Promise.resolve(new Map<string, number[]>()),
      channel === 'push'
        ? this.audiences.pushSubscriptions(ids)
        : Promise.resolve(new Map<string, StoredPushSubscription[]>()),
    ]);
    const factMap = new Map(facts.map((f) => [f.profileId, f]));
    const addresses = facts.map((f) => addressOf(channel, f.traits)).filter((a) => a !== undefined);
    const suppressed =
      addresses.length > 0 ? await this.audiences.suppressedAddresses(channel, addresses) : new Set<string>();
    return {
      facts: factMap,
      consents,
      suppressed,
      sentTimes,
      subscriptions: new Map(
        [...subscriptions].map(([profileId, subs]) => [profileId, subs.map(toPushSubscription)]),
      ),
    };
  }

  async campaignOf(
    id: string,
  ): Promise<{ campaign: LiveCampaign; audience: { id: string; name: string; key: string } } | undefined> {
    let { campaigns, audiences } = await this.catalog.current();
    let campaign = campaigns.find((c) => c.id === id);
    if (!campaign) {
      await this.catalog.reload();
      ({ campaigns, audiences } = await this.catalog.current());
      campaign = campaigns.find((c) => c.id === id);
    }
    const audience = audiences.find((a) => a.id === campaign?.audienceId);
    return campaign && audience
      ? { campaign, audience: { id: audience.id, name: audience.name, key: audience.key } }
      : undefined;
  }

  async suppressAddress(channel: string, address: string, reason: string): Promise<void> {
    await this.audiences.suppressAddress(channel, address, reason);
  }

  async removeSubscriptions(ids: readonly string[], reason: string): Promise<void> {
    await this.audiences.removePushSubscriptions(ids, reason);
  }

  disabled(destinationId: string): void {
    const worker = this.workers.get(destinationId);
    this.workers.delete(destinationId);
    void worker?.stop();
  }
}

/** One destination's queue: claims, checks, paces, sends, records. */
class DestinationWorker {
  readonly version: string;
  private readonly adapter: DestinationAdapter;
  private readonly limits: SendingLimits;
  private readonly limiter: RateLimiter;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private failuresInRow: number;
  private disabledNow = false;

  constructor(
    private readonly destination: StoredDestination,
    private readonly config: DestinationConfig,
    private readonly engine: DeliveryEngine,
  ) {
    this.version = JSON.stringify(destination.config);
    this.adapter = createAdapter(config);
    this.limits = limitsOf(config);
    this.limiter = new RateLimiter(this.limits.ratePerSecond);
    this.failuresInRow = destination.consecutiveFailures;
  }

  start(): void {
    this.loop = this.run().catch((error: unknown) =>
      this.engine.log.error({ err: error, destination: this.destination.name }, 'delivery worker stopped'),
    );
  }

  wake(): void {
    this.wakeUp?.();
  }

  /** Finishes the sends in flight (their outcomes are recorded), then closes the provider client. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await this.adapter.close().catch(() => undefined);
  }

  private async run(): Promise<void> {
    const env = this.engine.config;
    while (!this.stopping) {
      let batch: StoredDelivery[] = [];
      try {
        batch = await this.engine.repo.claim(
          this.destination.id,
          this.limits.concurrency * 4,
          env.ACTIVATION_LEASE_MS,
        );
      } catch (error) {
        this.engine.log.error(
          { err: error, destination: this.destination.name },
          'claiming deliveries failed',
        );
      }
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, env.ACTIVATION_POLL_MS);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.wakeUp = undefined;
        continue;
      }
      await this.process(batch);
    }
  }

  private async process(batch: StoredDelivery[]): Promise<void> {
    const context = await this.engine.context(batch, this.destination.kind);
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const delivery = batch[next++] as StoredDelivery;
        try {
          await this.deliver(delivery, context);
        } catch (error) {
          // A database error after the send: the claim's lease runs out and the delivery is retried
          // with the same key (receivers dedupe on it); nothing is lost.
          this.engine.log.error({ err: error, delivery: delivery.id }, 'delivery outcome not recorded');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.limits.concurrency, batch.length) }, lane));
  }

  private async deliver(delivery: StoredDelivery, context: BatchContext): Promise<void> {
    const repo = this.engine.repo;
    const found = await this.engine.campaignOf(delivery.campaignId);
    if (!found) {
      await repo.complete(delivery.id, {
        status: 'failed',
        error: 'the campaign or its audience no longer exists',
      });
      return;
    }
    const { campaign, audience } = found;
    if (this.disabledNow) {
      await repo.complete(delivery.id, {
        status: 'pending',
        nextAttemptAt: new Date(),
        error: 'destination disabled; waits until it is enabled again',
        countAttempt: false,
      });
      return;
    }
    const fact = context.facts.get(delivery.profileId);
    if (!fact) {
      await repo.complete(delivery.id, { status: 'skipped', error: 'the profile no longer exists' });
      return;
    }
    if (campaign.status === 'paused') {
      await repo.complete(delivery.id, {
        status: 'pending',
        nextAttemptAt: new Date(Date.now() + 60_000),
        error: 'campaign paused',
        countAttempt: false,
      });
      return;
    }
    const blocked = this.policyBlock(delivery, campaign, fact.traits, context);
    if (blocked) {
      await repo.complete(delivery.id, blocked);
      return;
    }
    const message: OutboundMessage = {
      key: delivery.key,
      deliveryId: String(delivery.id),
      campaign: { id: campaign.id, name: campaign.name },
      audience,
      trigger: delivery.trigger,
      recipient: {
        profileId: delivery.profileId,
        userId: fact.userId,
        traits: fact.traits,
        features: fact.features,
        scores: fact.scores,
      },
      template: campaign.template,
      subscriptions: context.subscriptions.get(delivery.profileId),
      links: this.links(delivery.id),
    };
    await this.limiter.take();
    let outcome: SendOutcome;
    try {
      outcome = await this.adapter.send(message);
    } catch (error) {
      outcome = {
        kind: 'retry',
        error: `the ${this.destination.kind} adapter failed: ${(error as Error).message}`,
      };
    }
    if (outcome.kind === 'sent' && PERSONAL.has(campaign.channel)) {
      context.sentTimes.set(delivery.profileId, [
        ...(context.sentTimes.get(delivery.profileId) ?? []),
        Date.now(),
      ]);
    }
    await this.record(delivery, outcome, fact.traits);
  }

  /** Consent, suppression, caps and quiet hours, checked right before the send. */
  private policyBlock(
    delivery: StoredDelivery,
    campaign: LiveCampaign,
    traits: Record<string, unknown>,
    context: BatchContext,
  ): DeliveryResult | undefined {
    const channel = campaign.channel as CampaignChannel;
    const consent = context.consents.get(delivery.profileId) ?? { optIns: {} };
    const allowed = consentAllows(channel, consent);
    if (!allowed.allowed) return { status: 'suppressed', error: allowed.reason };
    const address = addressOf(channel, traits);
    if (address !== undefined && context.suppressed.has(address.toLowerCase())) {
      return { status: 'suppressed', error: `${address} is on the ${channel} suppression list` };
    }
    if (!PERSONAL.has(channel)) return undefined;
    const timeZone = timeZoneOf(traits, campaign.policy.defaultTimeZone);
    const now = Date.now();
    const caps = campaign.policy.caps;
    if (caps.perDay !== undefined || caps.perWeek !== undefined) {
      const cap = checkFrequencyCap(context.sentTimes.get(delivery.profileId) ?? [], now, caps, timeZone);
      if (!cap.allowed) return { status: 'capped', error: cap.reason };
    }
    if (campaign.policy.quietHours) {
      const quiet = quietHours(now, campaign.policy.quietHours, timeZone);
      if (quiet.quiet) {
        return {
          status: 'pending',
          nextAttemptAt: new Date(quiet.until),
          error: `quiet hours in ${timeZone} until ${new Date(quiet.until).toISOString()}`,
          countAttempt: false,
        };
      }
    }
    return undefined;
  }

  private async record(
    delivery: StoredDelivery,
    outcome: SendOutcome,
    traits: Record<string, unknown>,
  ): Promise<void> {
    const repo = this.engine.repo;
    const env = this.engine.config;
    switch (outcome.kind) {
      case 'sent':
        await repo.complete(delivery.id, { status: 'sent', providerId: outcome.providerId ?? null });
        if (outcome.goneSubscriptionIds?.length) {
          await this.engine.removeSubscriptions(
            outcome.goneSubscriptionIds,
            'the push service answered gone',
          );
        }
        if (this.failuresInRow > 0) {
          this.failuresInRow = 0;
          await repo.countFailure(this.destination.id, false);
        }
        return;
      case 'skipped':
        await repo.complete(delivery.id, { status: 'skipped', error: outcome.reason });
        return;
      case 'retry': {
        if (delivery.attempts >= this.limits.maxAttempts) {
          await repo.complete(delivery.id, {
            status: 'dead',
            error: `gave up after ${delivery.attempts} attempts: ${outcome.error}`,
          });
          await this.failed();
          return;
        }
        const backoff = Math.min(
          env.ACTIVATION_RETRY_MAX_MS,
          env.ACTIVATION_RETRY_BASE_MS * 2 ** (delivery.attempts - 1) * (0.75 + Math.random() * 0.5),
        );
        const wait = Math.max(backoff, outcome.retryAfterMs ?? 0);
        await repo.complete(delivery.id, {
          status: 'pending',
          nextAttemptAt: new Date(Date.now() + wait),
          error: outcome.error,
          countAttempt: true,
        });
        return;
      }
      case 'failed': {
        const address = addressOf(this.destination.kind, traits);
        if (outcome.bounced && address !== undefined) {
          await this.engine.suppressAddress(this.destination.kind, address, outcome.error);
        }
        await repo.complete(delivery.id, {
          status: outcome.bounced ? 'bounced' : 'failed',
          error: outcome.error,
        });
        await this.failed();
        return;
      }
      case 'gone':
        if (outcome.disableDestination) {
          // The endpoint is gone, not this message: it waits for the destination to be enabled again.
          await repo.complete(delivery.id, {
            status: 'pending',
            nextAttemptAt: new Date(),
            error: outcome.error,
            countAttempt: false,
          });
          await this.disable(`the endpoint answered 410 Gone: ${outcome.error}`);
          return;
        }
        if (outcome.subscriptionIds?.length)
          await this.engine.removeSubscriptions(outcome.subscriptionIds, outcome.error);
        await repo.complete(delivery.id, { status: 'failed', error: outcome.error });
        return;
    }
  }

  /** Counts a delivery that ended in failure; a webhook failing persistently is disabled. */
  private async failed(): Promise<void> {
    this.failuresInRow = await this.engine.repo.countFailure(this.destination.id, true);
    if (this.config.kind === 'webhook' && this.failuresInRow >= this.config.disableAfterFailures) {
      await this.disable(`${this.failuresInRow} deliveries in a row failed`);
    }
  }

  private async disable(reason: string): Promise<void> {
    if (this.disabledNow) return;
    this.disabledNow = true;
    await this.engine.repo.setDestinationEnabled(this.destination.id, false, reason);
    this.engine.log.warn({ destination: this.destination.name, reason }, 'destination disabled');
    this.stopping = true;
    this.engine.disabled(this.destination.id);
  }

  private links(deliveryId: number): OutboundMessage['links'] {
    const base = this.engine.publicUrl();
    const token = this.engine.links.token(deliveryId);
    return {
      unsubscribe: `${base}/v1/unsubscribe/${token}`,
      openPixel: `${base}/v1/t/open/${token}.gif`,
      click: `${base}/v1/t/click/${token}`,
      statusCallback: `${base}/v1/callbacks/twilio/${this.destination.id}`,
    };
  }
}

/** The address a channel sends to (`traits.email`, `traits.phone`); other channels have none. */
function addressOf(channel: string, traits: Record<string, unknown>): string | undefined {
  const address = channel === 'email' ? traits['email'] : channel === 'sms' ? traits['phone'] : undefined;
  return typeof address === 'string' ? address : undefined;
}

function toPushSubscription(s: StoredPushSubscription): PushSubscription {
  return s.kind === 'webpush'
    ? { id: s.id, kind: 'webpush', endpoint: s.address, keys: s.keys ?? { p256dh: '', auth: '' } }
    : { id: s.id, kind: 'fcm', token: s.address };
}

function timeZoneOf(traits: Record<string, unknown>, fallback: string): string {
  const tz = traits['timezone'] ?? traits['time_zone'];
  if (typeof tz === 'string') {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz;
    } catch {
      // An unknown zone in a trait falls back to the campaign's.
    }
  }
  return fallback;
}
