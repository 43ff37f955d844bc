import { randomUUID } from 'node:crypto';
import {
  FEATURES_EXPORT,
  FEATURES_LIST,
  FEATURES_TRAINING_SET,
  type FeaturesExportRequest,
  type FeaturesTrainingSetRequest,
} from '@cdp/feature-store/contracts';
import { MODELS_TRAIN, MODELS_TRAIN_STATUS, SCORES_UPDATED } from '@cdp/prediction/contracts';
import { CHURN_LABEL_FEATURE, CONVERSION_LABEL_FEATURE, DAY_MS } from '@cdp/prediction/domain';
import { gaussian, seededRandom } from '@cdp/shared/testing';
import {
  answerRequests,
  busConfigFor,
  consumeEvents,
  createBus,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { benchDatabase } from './bench-database.js';
import { newProfileEnvelopes, publishFeatureUpdates, withinTimeout } from './feature-updates.js';
import { benchTransport, startServiceChild, type ServiceProcess } from './service-child.js';

/** Profiles of the stand-in feature store's history the service trains on. */
const TRAIN_PROFILES = 4_000;
const HISTORY_DAYS = 120;
const FEATURES = 8;
const TIMEOUT_MS = 300_000;

export interface ServiceScoring {
  /** New profiles scored per second, first publish to the last `scores.updated` received. */
  perSecond: number;
  profiles: number;
  seconds: number;
  trainSeconds: number;
  /** Profiles the promotion rescored (the export's). */
  rescored: number;
  transport: string;
}

/**
 * The real-time path through the prediction service as its own process. The bench stands in for
 * the feature store: a history where each profile stops visiting at its own time and its features
 * carry a noisy hint of when, served point-in-time (FEATURES_TRAINING_SET) and as the current export.
 * The service trains a churn model on it, then the bench publishes `features.updated` for
 * `profiles` new profiles and counts the `scores.updated` that come back, one per profile: each is
 * read, scored with its top contributing features and intent, written and published.
 */
export async function measureServiceScoring(
  root: string,
  profiles: number,
  progress: (line: string) => void,
): Promise<ServiceScoring> {
  const now = Date.now();
  const start = now - HISTORY_DAYS * DAY_MS;
  const next = seededRandom(5);
  const normal = gaussian(next);
  const names = Array.from({ length: FEATURES }, (_, c) => `bench.f${c}`);
  const trainIds: string[] = Array.from({ length: TRAIN_PROFILES }, () => randomUUID()).sort();
  const people = new Map(
    trainIds.map((id) => {
      const stopsAt = start + next() * (now - start) * 1.6; // some never stop within the history
      return [id, { stopsAt, hints: names.map(() => normal()) }] as const;
    }),
  );
  /** A value as of `at`: days since last seen, no orders, and features hinting at the stop time. */
  const valueAt = (id: string, at: number, name: string): number | null => {
    const person = people.get(id);
    if (!person || at < start) return null;
    if (name === CHURN_LABEL_FEATURE)
      return at <= person.stopsAt ? 0 : Math.floor((at - person.stopsAt) / DAY_MS);
    if (name === CONVERSION_LABEL_FEATURE) return 0;
    const c = names.indexOf(name);
    if (c < 0) return null; // e.g. the intent features: this history has none
    const daysLeft = (person.stopsAt - at) / DAY_MS;
    return Math.tanh(daysLeft / 30) * (c + 1) + (person.hints[c] as number);
  };

  const transport = await benchTransport('prediction');
  const database = await benchDatabase();
  let service: ServiceProcess | undefined;
  let bus: Bus | undefined;
  try {
    const env = { DATABASE_URL: database.url, ...transport.env };
    service = await startServiceChild(root, 'prediction', env);
    bus = await createBus(busConfigFor('bench', env));
    const catalog = [...names, CHURN_LABEL_FEATURE, CONVERSION_LABEL_FEATURE];
    await answerRequests(bus, FEATURES_LIST, 'feature-store', async () => ({
      features: catalog.map((name) => ({
        name,
        description: name,
        group: name.slice(0, name.indexOf('.')),
        type: 'number' as const,
        window: 'lifetime',
        version: 1,
      })),
    }));
    await answerRequests(bus, FEATURES_EXPORT, 'feature-store', async (request: FeaturesExportRequest) => {
      const from = request.after === undefined ? 0 : trainIds.indexOf(request.after) + 1;
      const to = Math.min(trainIds.length, from + Math.min(request.limit ?? 1_000, 1_500));
      const ids = trainIds.slice(from, to);
      const columns = request.names ?? catalog;
      return {
        names: columns,
        types: columns.map(() => 'number' as const),
        profileIds: ids,
        columns: columns.map((name) => ids.map((id) => valueAt(id, now, name))),
        next: to < trainIds.length ? (ids.at(-1) ?? null) : null,
      };
    });
    await answerRequests(
      bus,
      FEATURES_TRAINING_SET,
      'feature-store',
      async (request: FeaturesTrainingSetRequest) => {
        const columns = request.names ?? catalog;
        return {
          names: columns,
          types: columns.map(() => 'number' as const),
          rows: request.rows.map((row) => ({
            ...row,
            values: columns.map((name) => valueAt(row.profileId, Date.parse(row.at), name)),
          })),
        };
      },
    );

    progress(`service: training churn on ${TRAIN_PROFILES} profiles over ${HISTORY_DAYS} days`);
    const training = performance.now();
    const { jobId } = await sendRequest(
      bus,
      MODELS_TRAIN,
      { target: 'churn', features: names, historyDays: HISTORY_DAYS, everyDays: 7, rounds: 100 },
      30_000,
    );
    let rescored = 0;
    for (;;) {
      const status = await sendRequest(bus, MODELS_TRAIN_STATUS, { jobId }, 30_000);
      if (status.state === 'failed') throw new Error(`the service's training failed: ${status.error}`);
      if (status.state === 'done') {
        if (!status.promoted) throw new Error(`the trained model was not promoted: ${status.decision}`);
        rescored = status.scored ?? 0;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const trainSeconds = (performance.now() - training) / 1000;

    const { envelopes, profileIds: expected } = newProfileEnvelopes(profiles, () =>
      Object.fromEntries(names.map((name, c) => [name, (c + 1) * (next() * 2 - 1) + normal()])),
    );
    let scored = 0;
    let allScored: () => void = () => undefined;
    await consumeEvents(bus, SCORES_UPDATED, { durable: 'bench-scores' }, async (message) => {
      for (const score of message.data.events) {
        if (!expected.has(score.profileId) || score.churn === undefined) continue;
        expected.delete(score.profileId);
        scored++;
      }
      if (expected.size === 0) allScored();
    });
    progress(`service: features.updated for ${profiles} new profiles`);
    const done = new Promise<void>((resolve) => (allScored = resolve));
    const started = performance.now();
    await publishFeatureUpdates(bus, envelopes);
    await withinTimeout(done, TIMEOUT_MS, () => `only ${scored} of ${profiles} profiles scored`);
    const seconds = (performance.now() - started) / 1000;
    return {
      perSecond: profiles / seconds,
      profiles,
      seconds,
      trainSeconds,
      rescored,
      transport: transport.description,
    };
  } finally {
    await bus?.close();
    await service?.stop();
    await database.release();
    await transport.release();
  }
}
