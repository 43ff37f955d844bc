import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { IDENTITY_STATS } from '@cdp/identity/contracts';
import { EVENTS_STATS } from '@cdp/ingestion/contracts';
import { SERVICES, type ServiceName } from '@cdp/shared/util-config';
import { probeReady } from '@cdp/shared/util-health';
import type { Logger } from '@cdp/shared/util-logging';
import { BUS, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { firstBootstrap, LOGGER, Periodic, SERVICE_ENV } from '@cdp/shared/util-service';
import type { GatewayEnv } from '../config/env.schema.js';

const SAMPLE_MS = 5_000;
/** Ten minutes of 5-second samples. */
const SAMPLES = 120;

export interface ServiceHealth {
  url: string;
  ready: boolean;
  problem?: string;
}

export interface Overview {
  services: Record<string, ServiceHealth>;
  events: { stored: number; perSecond: number; series: Array<{ at: string; perSecond: number }> };
  profiles: { profiles: number; identifiers: number; merges: number; unmerges: number } | null;
  lag: Array<{ stage: string; consumer: string; subject: string; pending: number }>;
  deadLetters: number;
  /** What could not be read, by part (the rest of the overview still answers). */
  problems: Record<string, string>;
}

/** `name=url,...` over the default of each service on 127.0.0.1 at its default port. */
export function serviceUrls(setting: string | undefined): Record<ServiceName, string> {
  const urls = Object.fromEntries(
    SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.defaultPort}`]),
  ) as Record<ServiceName, string>;
  for (const pair of setting?.split(',') ?? []) {
    const at = pair.indexOf('=');
    const name = pair.slice(0, at) as ServiceName;
    if (name in urls) urls[name] = pair.slice(at + 1).replace(/\/$/, '');
  }
  return urls;
}

/** Events per second between consecutive samples of the stored-event total. */
export function rates(samples: ReadonlyArray<{ at: number; stored: number }>) {
  const series: Array<{ at: string; perSecond: number }> = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1] as { at: number; stored: number };
    const b = samples[i] as { at: number; stored: number };
    const seconds = (b.at - a.at) / 1000;
    if (seconds > 0) {
      series.push({
        at: new Date(b.at).toISOString(),
        perSecond: Math.max(0, Math.round(((b.stored - a.stored) / seconds) * 10) / 10),
      });
    }
  }
  return series;
}

/**
 * The console's first page: events/s (sampled every 5 s from ingestion's stored total), profiles
 * and merges, each consumer's backlog, dead letters, and every service's readiness.
 */
@Injectable()
export class OverviewService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly samples: Array<{ at: number; stored: number }> = [];
  private readonly sampler: Periodic;
  private readonly urls: Record<ServiceName, string>;

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SERVICE_ENV) env: GatewayEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.urls = serviceUrls(env.GATEWAY_SERVICE_URLS);
    this.urls.gateway = `http://127.0.0.1:${env.PORT}`;
    this.sampler = new Periodic(
      SAMPLE_MS,
      () => this.sample(),
      (error) => this.logger.debug({ error }, 'events sample failed'),
    );
  }

  onApplicationBootstrap(): void {
    if (!firstBootstrap(this)) return;
    this.sampler.start();
    void this.sampler.run();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sampler.stop();
  }

  /** The stored-event total: the timer's last sample while it is fresh, else a new one. */
  private async stored(): Promise<number> {
    const last = this.samples.at(-1);
    if (last && Date.now() - last.at < SAMPLE_MS) return last.stored;
    await this.sampler.run();
    const fresh = this.samples.at(-1);
    if (!fresh || Date.now() - fresh.at >= SAMPLE_MS) {
      throw new Error('the ingestion service did not answer with the stored-event count');
    }
    return fresh.stored;
  }

  private async sample(): Promise<void> {
    const stats = await sendRequest(this.bus, EVENTS_STATS, {}, 3_000);
    this.samples.push({ at: Date.now(), stored: stats.totals.stored });
    if (this.samples.length > SAMPLES) this.samples.shift();
  }

  async overview(): Promise<Overview> {
    const problems: Record<string, string> = {};
    const settle = async <T>(part: string, work: Promise<T>, fallback: T): Promise<T> => {
      try {
        return await work;
      } catch (error) {
        problems[part] = error instanceof Error ? error.message : String(error);
        return fallback;
      }
    };
    const [services, stored, profiles, lag, deadLetters] = await Promise.all([
      this.health(),
      settle('events', this.stored(), this.samples.at(-1)?.stored ?? 0),
      settle('profiles', sendRequest(this.bus, IDENTITY_STATS, {}, 3_000), null),
      settle('lag', this.bus.consumerLag(), []),
      settle('deadLetters', this.bus.deadLetters.list(10_000), []),
    ]);
    const series = rates(this.samples);
    return {
      services,
      events: { stored, perSecond: series.at(-1)?.perSecond ?? 0, series },
      profiles,
      lag: lag.map((l) => ({
        // Each service consumes under its own name (its queue group): that is the stage.
        stage: l.durable,
        consumer: l.durable,
        subject: l.subject,
        pending: l.pending,
      })),
      deadLetters: deadLetters.length,
      problems,
    };
  }

  private async health(): Promise<Record<string, ServiceHealth>> {
    const entries = await Promise.all(
      Object.entries(this.urls).map(async ([name, url]): Promise<[string, ServiceHealth]> => [
        name,
        { url, ...(await probeReady(url, 2_000)) },
      ]),
    );
    return Object.fromEntries(entries);
  }
}
