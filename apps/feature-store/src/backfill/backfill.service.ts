import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import type { BackfillStatus } from '@cdp/feature-store/contracts';
import { FeatureStoreDb } from '@cdp/feature-store/data-access-db';
import { measuresOf, type DayMeasures } from '@cdp/feature-store/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { BusError } from '@cdp/shared/util-messaging';
import { LOGGER } from '@cdp/shared/util-service';
import { MEASURES, type Measures } from '../feature-store.providers.js';
import { FeaturesService } from '../serving/features.service.js';

/** Jobs remembered for status requests (the newest). */
const KEEP_JOBS = 20;

/** Keeps only `keys` of a day's measures. */
function pick(day: DayMeasures | undefined, keys: ReadonlySet<string>): DayMeasures {
  return Object.fromEntries(Object.entries(day ?? {}).filter(([key]) => keys.has(key)));
}

/**
 * The offline recompute as a job: every profile's daily measures from the event history, a chunk
 * of profiles at a time (each chunk locked against online writers while it is rewritten). A
 * verify-only job compares instead of writing, and counts the (profile, day) pairs that differ:
 * online == offline is that count being 0. A new definition's history is filled by a backfill:
 * the recompute writes every measure of the catalog, new ones included.
 */
@Injectable()
export class BackfillService {
  private readonly jobs = new Map<string, BackfillStatus>();

  constructor(
    private readonly db: FeatureStoreDb,
    private readonly features: FeaturesService,
    @Inject(MEASURES) private readonly measures: Measures,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  start(options: { features?: readonly string[]; verifyOnly?: boolean }): string {
    // Names are checked now, so a typo is an answer, not a failed job.
    const compared = options.features ? measuresOf(this.features.select(options.features)) : this.measures;
    const jobId = randomUUID();
    const status: BackfillStatus = {
      jobId,
      state: 'running',
      verifyOnly: options.verifyOnly === true,
      profilesDone: 0,
      profilesTotal: 0,
      events: 0,
      mismatches: 0,
      startedAt: new Date().toISOString(),
    };
    this.jobs.set(jobId, status);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEEP_JOBS)))
      this.jobs.delete(old);
    void this.run(status, new Set(compared.keys())).then(
      () => {
        status.state = 'done';
        status.finishedAt = new Date().toISOString();
        this.logger.info({ ...status }, 'backfill done');
      },
      (error: unknown) => {
        status.state = 'failed';
        status.error = error instanceof Error ? error.message : String(error);
        status.finishedAt = new Date().toISOString();
        this.logger.error({ err: error, jobId }, 'backfill failed');
      },
    );
    return jobId;
  }

  status(jobId: string): BackfillStatus {
    const status = this.jobs.get(jobId);
    if (!status)
      throw new BusError('NOT_FOUND', `no backfill job ${jobId} (jobs are kept until a restart)`, { jobId });
    return { ...status };
  }

  private async run(status: BackfillStatus, compared: ReadonlySet<string>): Promise<void> {
    status.profilesTotal = await this.db.offline.profileCount();
    if (!status.verifyOnly) {
      status.events = await this.db.events.count();
      await this.db.offline.backfill(this.measures, {
        onProgress: ({ done, total }) => {
          status.profilesDone = done;
          status.profilesTotal = total;
        },
      });
      return;
    }
    for await (const { profileIds, days } of this.db.offline.stream(this.measures)) {
      const online = await this.db.daily.load(profileIds);
      const offline = new Map<string, Map<string, DayMeasures>>();
      for (const day of days) {
        const byDay = offline.get(day.profileId) ?? new Map<string, DayMeasures>();
        byDay.set(day.day, day.measures);
        offline.set(day.profileId, byDay);
      }
      for (const profileId of profileIds) {
        const a = online.get(profileId) ?? new Map<string, DayMeasures>();
        const b = offline.get(profileId) ?? new Map<string, DayMeasures>();
        for (const day of new Set([...a.keys(), ...b.keys()])) {
          // Key order does not matter to isDeepStrictEqual: measures are compared by value.
          if (!isDeepStrictEqual(pick(a.get(day), compared), pick(b.get(day), compared))) status.mismatches++;
        }
      }
      status.events += await this.db.events.countFor(profileIds);
      status.profilesDone += profileIds.length;
      status.profilesTotal = Math.max(status.profilesTotal, status.profilesDone);
    }
  }
}
