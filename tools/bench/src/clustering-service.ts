import { randomUUID } from 'node:crypto';
import {
  SEGMENTS_CHANGED,
  SEGMENTS_TRAIN,
  SEGMENTS_TRAIN_STATUS,
  type SegmentChange,
} from '@cdp/clustering/contracts';
import type { Matrix } from '@cdp/clustering/domain';
import { FEATURES_EXPORT, type FeaturesExportRequest } from '@cdp/feature-store/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import {
  answerRequests,
  busConfigFor,
  consumeEvents,
  createBus,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import {
  newProfileEnvelopes,
  publishFeatureUpdates,
  withinTimeout,
  type FeatureEnvelope,
} from './feature-updates.js';
import { benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/** Profiles the service trains on, and new ones it then assigns from `features.updated`. */
const TRAIN_PROFILES = 20_000;
const TIMEOUT_MS = 300_000;

export interface ServiceAssignment {
  /** New profiles assigned per second, first publish to last `segments.changed` received. */
  perSecond: number;
  /** The same profiles again, staying in their segments: per second until the service is through. */
  unchangedPerSecond: number;
  unchangedSeconds: number;
  profiles: number;
  seconds: number;
  trainSeconds: number;
  transport: string;
}

/**
 * The real-time path through the clustering service as its own process: the bench stands in for
 * the feature store (it answers FEATURES_EXPORT with planted rows), has the service train on them,
 * then publishes `features.updated` for `profiles` new profiles and counts the `segments.changed`
 * the service publishes, one per profile (each is new, so each gets a segment): the service reads
 * the envelopes, assigns every vector, writes the assignments and history, and publishes.
 */
export async function measureServiceAssignment(
  root: string,
  x: Matrix,
  profiles: number,
  progress: (line: string) => void,
): Promise<ServiceAssignment> {
  const names = Array.from({ length: x.cols }, (_, c) => `bench.feature_${c}`);
  const vectorOf = (row: number): Record<string, number> =>
    Object.fromEntries(names.map((name, c) => [name, x.data[(row % x.rows) * x.cols + c] as number]));
  const transport = await benchTransport('clustering');
  const database = await benchDatabase();
  let service: ServiceProcess | undefined;
  let bus: Bus | undefined;
  try {
    const env = { DATABASE_URL: database.url, ...transport.env };
    service = await startServiceChild(root, 'clustering', { ...env, SEGMENTS_RETRAIN_MINUTES: '0' });
    bus = await createBus(busConfigFor('bench', env));

    // The feature store's export, a page of profiles at a time, over the first TRAIN_PROFILES rows.
    const trainIds: string[] = Array.from({ length: TRAIN_PROFILES }, () => randomUUID()).sort();
    await answerRequests(bus, FEATURES_EXPORT, 'feature-store', async (request: FeaturesExportRequest) => {
      const from = request.after === undefined ? 0 : trainIds.indexOf(request.after) + 1;
      // As the feature store does, fewer than asked when more would not fit in one bus message.
      const to = Math.min(trainIds.length, from + Math.min(request.limit ?? 1_000, 1_500));
      const ids = trainIds.slice(from, to);
      return {
        names,
        types: names.map(() => 'number' as const),
        profileIds: ids,
        columns: names.map((_, c) => ids.map((_, r) => x.data[(from + r) * x.cols + c] as number)),
        next: to < trainIds.length ? (ids.at(-1) ?? null) : null,
      };
    });
    progress(`service: training on ${TRAIN_PROFILES} profiles`);
    const training = performance.now();
    const { jobId } = await sendRequest(
      bus,
      SEGMENTS_TRAIN,
      { features: names, k: 5, naming: 'personas', stabilityRuns: 0, seed: 1 },
      30_000,
    );
    for (;;) {
      const status = await sendRequest(bus, SEGMENTS_TRAIN_STATUS, { jobId }, 30_000);
      if (status.state === 'failed') throw new Error(`the service's training failed: ${status.error}`);
      if (status.state === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const trainSeconds = (performance.now() - training) / 1000;

    // Subjects whose segments.changed the current phase waits for.
    let expected = new Set<string>();
    const seen = new Set<string>();
    let duplicates = 0;
    let allSeen: () => void = () => undefined;
    await consumeEvents(bus, SEGMENTS_CHANGED, { durable: 'bench-changes' }, async (message) => {
      for (const change of message.data.events as SegmentChange[]) {
        if (!expected.has(change.subjectId)) continue;
        if (seen.has(change.subjectId)) duplicates++;
        seen.add(change.subjectId);
      }
      if (expected.size > 0 && seen.size === expected.size) allSeen();
    });
    /** Publishes the envelopes and waits for every subject of `waitFor`. */
    const publishAndWait = async (
      envelopes: readonly FeatureEnvelope[],
      waitFor: Set<string>,
    ): Promise<number> => {
      expected = waitFor;
      seen.clear();
      const done = new Promise<void>((resolve) => (allSeen = resolve));
      const started = performance.now();
      await publishFeatureUpdates(bus as Bus, envelopes);
      await withinTimeout(done, TIMEOUT_MS, () => `only ${seen.size} of ${waitFor.size} profiles announced`);
      if (duplicates > 0) throw new Error(`${duplicates} profiles were announced twice`);
      return (performance.now() - started) / 1000;
    };

    const { envelopes, profileIds: newProfiles } = newProfileEnvelopes(profiles, (r) =>
      vectorOf(TRAIN_PROFILES + r),
    );
    progress(`service: features.updated for ${profiles} new profiles`);
    const elapsed = await publishAndWait(envelopes, newProfiles);

    // The same vectors again: every profile stays where it is (nothing written, nothing published).
    // A last envelope with one new profile tells when the service is through them: batches run one
    // after another, in the order the stream delivers them.
    progress(`service: features.updated again for the same ${profiles} profiles (no change)`);
    const sentinel = randomUUID();
    const again = await publishAndWait(
      [
        ...envelopes,
        {
          key: profileGroupKey(sentinel),
          events: [
            {
              profileId: sentinel,
              asOf: new Date().toISOString(),
              features: vectorOf(TRAIN_PROFILES + profiles),
            },
          ],
        },
      ],
      new Set([sentinel]),
    );
    return {
      perSecond: profiles / elapsed,
      unchangedPerSecond: (profiles + 1) / again,
      unchangedSeconds: again,
      profiles,
      seconds: elapsed,
      trainSeconds,
      transport: transport.description,
    };
  } finally {
    await bus?.close();
    await service?.stop();
    await database.release();
    await transport.release();
  }
}
