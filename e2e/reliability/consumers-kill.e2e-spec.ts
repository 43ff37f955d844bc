import { afterAll, describe, expect, it } from 'vitest';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import type { Subscription } from '@cdp/shared/util-messaging';
import {
  auditResolved,
  countIds,
  expectedFeatures,
  FEATURE_EVENTS_SQL,
  featureDifferences,
  generateEvents,
  IDENTIFY_LINKS_SQL,
  identityProfiles,
  onlineFeatures,
  restartAfterFault,
  sendAll,
  verifyOffline,
  useConsumersSuite,
} from './consumers-support.js';
import { startService, waitDrained, type Ending } from './service-process.js';
import { describeReconciliation, Ledger } from './ledger.js';
import { createSource } from '../support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const USERS = 120;
const PER_USER = 10;
/** Events per HTTP request: each request is one envelope on the raw subject. */
const REQUEST_SIZE = 20;
/** Each faulty service dies after handling this many messages of a subscription. */
const KILL_AFTER = 4;

/**
 * Identity and the feature store each SIGKILL themselves after a database commit and before the
 * ack (FAULT_KILL_BEFORE_ACK), are started again without the fault, and get the unacked messages
 * again: every event is applied once, and the online features equal both the client's own
 * recompute from what it sent and the feature store's offline recompute from its event history.
 */
describe.skipIf(natsMissing)('consumers killed between commit and ack', () => {
  const suite = useConsumersSuite('kill', natsUrl, { NATS_ACK_WAIT_MS: '3000' });
  let audit: Subscription | undefined;

  afterAll(async () => {
    await audit?.stop();
  });

  it('applies every event once: features equal the offline recompute and the client’s', async () => {
    const { run, namespace, env, pool, bus } = suite;
    const services = suite.processes;
    const started = Date.now();
    const ingestion = await startService('ingestion', env);
    services.push(ingestion);
    // Started one after the other: each runs its migrations on the shared database.
    const identity = await startService('identity', env, { FAULT_KILL_BEFORE_ACK: `identity:${KILL_AFTER}` });
    services.push(identity);
    const features = await startService('feature-store', env, {
      FAULT_KILL_BEFORE_ACK: `feature-store:${KILL_AFTER}`,
    });
    services.push(features);
    const audited = await auditResolved(bus, 'consumers-kill-audit');
    audit = audited.subscription;
    const writeKey = await createSource(`web-${run}`, env);

    const deaths: Array<Promise<Ending>> = [
      restartAfterFault(identity, 120_000),
      restartAfterFault(features, 120_000),
    ];
    const ledger = new Ledger(run);
    const events = generateEvents(ledger, USERS, PER_USER);
    await sendAll(ingestion.url, writeKey, ledger, events, REQUEST_SIZE, 3);
    const [identityEnd, featuresEnd] = await Promise.all(deaths);
    expect(identityEnd?.signal).toBe('SIGKILL');
    expect(featuresEnd?.signal).toBe('SIGKILL');

    await waitFor(
      async () => (await countIds(pool, FEATURE_EVENTS_SQL, run)).size >= ledger.acknowledged,
      90_000,
      'every event in the feature store',
      250,
    );
    // The redelivered copies of what the killed processes held are handled too (they change nothing).
    await waitDrained(natsUrl, namespace, 60_000);

    const stored = ledger.reconcile(await countIds(pool, FEATURE_EVENTS_SQL, run));
    const identifies = events.filter((e) => e.type === 'identify');
    const identifyLinks = await countIds(pool, IDENTIFY_LINKS_SQL, run);
    const { byUser, liveProfiles } = await identityProfiles(pool, run);
    const resolved = ledger.reconcile(audited.counts);
    const expected = expectedFeatures(events);
    const profileIds = [...expected.keys()].map((user) => byUser.get(user) ?? '');
    const online = await onlineFeatures(bus, profileIds.filter(Boolean));
    const differ = featureDifferences(
      expected,
      new Map([...expected.keys()].map((user) => [user, online.get(byUser.get(user) ?? '')])),
    );
    const offline = await verifyOffline(env);

    process.stderr.write(
      `consumers kill e2e: identity ${identityEnd?.signal}, feature-store ${featuresEnd?.signal} after ` +
        `${KILL_AFTER} messages each, restarted; ${Math.round((Date.now() - started) / 1000)} s\n` +
        `  ${describeReconciliation('feature store event log', stored)}\n` +
        `  ${describeReconciliation('resolved stream (deliveries to an auditor)', resolved)}\n` +
        `  identity: ${byUser.size} user ids owned, ${liveProfiles} live profiles for ${USERS} people; ` +
        `identify links ${identifyLinks.size} for ${identifies.length} identify calls\n` +
        `  features: ${differ.length} of ${expected.size} people differ from the client's recompute; ` +
        `offline recompute (backfill --verify): ${offline.state}, ${offline.mismatches} mismatched profile-days ` +
        `over ${offline.events} events\n`,
    );
    if (differ.length) process.stderr.write(`  first differences: ${JSON.stringify(differ.slice(0, 3))}\n`);

    expect(ledger.acknowledged).toBe(USERS * PER_USER);
    // The feature store's event log: each event applied exactly once.
    expect(stored.lost).toEqual([]);
    expect(stored.duplicated).toEqual([]);
    expect(stored.unexpected).toEqual([]);
    expect(stored.stored).toBe(ledger.acknowledged);
    // Identity: nothing lost on its way out. A batch resolved again after the kill may be published
    // again under other envelope ids (at least once): copies on the stream are allowed, and the
    // feature store's event log absorbs them (checked above and by the features below).
    expect(resolved.lost).toEqual([]);
    expect(resolved.unexpected).toEqual([]);
    // One profile per person, however often their events were resolved; every identify call
    // recorded once.
    expect(byUser.size).toBe(USERS);
    expect(new Set(byUser.values()).size).toBe(USERS);
    expect(liveProfiles).toBe(USERS);
    expect(identifyLinks.size).toBe(identifies.length);
    expect([...identifyLinks.values()].every((n) => n === 1)).toBe(true);
    // Nothing counted twice or missed: the client's recompute and the store's offline one.
    expect(differ).toEqual([]);
    expect(offline.state).toBe('done');
    expect(offline.mismatches).toBe(0);
  }, 240_000);
});
