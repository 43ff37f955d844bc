import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RAW_EVENTS_RECEIVED } from '@cdp/ingestion/contracts';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { JsonText, publishEvent, type DeadLetter } from '@cdp/shared/util-messaging';
import {
  countIds,
  expectedFeatures,
  FEATURE_EVENTS_SQL,
  featureDifferences,
  RAW_EVENTS_SQL,
  generateEvents,
  identityProfiles,
  onlineFeatures,
  postBatch,
  useConsumersSuite,
} from './consumers-support.js';
import { startService, waitDrained } from './service-process.js';
import { describeReconciliation, Ledger } from './ledger.js';
import { createSource } from '../support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const USERS = 80;
const PER_USER = 6;
const REQUEST_SIZE = 20;
/** The consumers' default MaxDeliver (CONSUMER_DEFAULTS): identity's handler does not change it. */
const MAX_DELIVER = 5;
/**
 * The consumers of the raw-events subject: identity resolves the events, and ingestion's raw
 * store keeps them. Each dead-letters a poison message on its own.
 */
const CONSUMERS = ['identity', 'ingestion'] as const;
/** Header the bus carries a message id in (JetStream's dedup header). */
const MSG_ID = 'Nats-Msg-Id';

type Poison = { msgId: string; kind: 'not JSON' | 'invalid' | 'failing' };

/**
 * Malformed messages on the raw-events subject identity consumes, between good events sent
 * through ingestion: each poison message ends in the dead letters with its error and delivery
 * count, and every good event still reaches the feature store, counted once.
 */
describe.skipIf(natsMissing)('poison messages on a consumed subject', () => {
  const suite = useConsumersSuite('poison', natsUrl);

  it('dead-letters each poison message with its error while every good event arrives', async () => {
    const { run, namespace, env, pool, bus } = suite;
    const services = suite.processes;
    const started = Date.now();
    for (const name of ['ingestion', 'identity', 'feature-store'] as const) {
      services.push(await startService(name, env));
    }
    const [ingestion] = services;
    const writeKey = await createSource(`web-${run}`, env);

    const ledger = new Ledger(run);
    const poisonLedger = new Ledger(`${run}p`);
    const events = generateEvents(ledger, USERS, PER_USER);
    const poisons: Poison[] = [];
    const subject = RAW_EVENTS_RECEIVED.subject;
    const now = new Date().toISOString();

    /**
     * Three kinds, each promised something different by the bus:
     * - not JSON, and valid JSON that fails the contract: a PermanentError, dead-lettered on the
     *   first delivery (no retry can fix it);
     * - valid by the contract, but failing in identity's handler (a NUL character in an identify
     *   trait, which PostgreSQL's jsonb refuses): an ordinary error, so retried with backoff and
     *   dead-lettered on delivery MAX_DELIVER.
     */
    async function publishPoison(kind: Poison['kind']): Promise<void> {
      const msgId = poisonLedger.next();
      const base = { sourceId: randomUUID(), requestId: msgId, receivedAt: now };
      if (kind === 'not JSON') {
        await bus.publish(subject, new JsonText('{"events": [{"messageId": '), { msgId });
      } else if (kind === 'invalid') {
        await bus.publish(subject, { ...base, events: [{ messageId: msgId, type: 'shout' }] }, { msgId });
      } else {
        await publishEvent(
          bus,
          RAW_EVENTS_RECEIVED,
          {
            ...base,
            events: [
              {
                messageId: msgId,
                type: 'identify',
                userId: `${msgId}-user`,
                traits: { plan: 'nul\u0000byte' },
                context: {},
                integrations: {},
                timestamp: now,
                receivedAt: now,
              },
            ],
          },
          { msgId },
        );
      }
      poisonLedger.acknowledge(msgId);
      poisons.push({ msgId, kind });
    }

    // Good requests one after another, a poison message after every fourth.
    const kinds: Array<Poison['kind']> = ['failing', 'invalid', 'not JSON'];
    for (let i = 0, n = 0; i < events.length; i += REQUEST_SIZE, n++) {
      await postBatch(ingestion?.url ?? '', writeKey, ledger, events.slice(i, i + REQUEST_SIZE));
      if (n % 4 === 1) await publishPoison(kinds[poisons.length % kinds.length] ?? 'invalid');
    }

    const letters = async (): Promise<DeadLetter[]> => bus.deadLetters.list(1_000);
    const poisonIds = new Set(poisons.map((p) => p.msgId));
    // When the good events are all applied is recorded: they should not wait for the retries.
    let goodDoneMs: number | undefined;
    // The failing ones are dead-lettered after 1 + 5 + 15 + 30 s of backoff.
    await waitFor(
      async () => {
        if (
          goodDoneMs === undefined &&
          (await countIds(pool, FEATURE_EVENTS_SQL, run)).size >= ledger.acknowledged
        )
          goodDoneMs = Date.now() - started;
        const dead = (await letters()).filter((l) => poisonIds.has(l.headers[MSG_ID] ?? ''));
        return dead.length >= poisons.length * CONSUMERS.length;
      },
      120_000,
      'every poison message dead-lettered',
      500,
    );
    await waitDrained(natsUrl, namespace, 60_000);

    const dead = await letters();
    // Per consumer: each poison message is dead-lettered once by every consumer of the subject.
    const reconciledBy = new Map(
      CONSUMERS.map((consumer) => {
        const counts = new Map<string, number>();
        for (const l of dead.filter((d) => d.consumer === consumer)) {
          const id = l.headers[MSG_ID] ?? '';
          counts.set(id, (counts.get(id) ?? 0) + 1);
        }
        return [consumer, poisonLedger.reconcile(counts)];
      }),
    );
    // Anything else dead-lettered, by consumer, delivery count, error and the event ids it carried.
    const others = dead
      .filter((l) => !poisonIds.has(l.headers[MSG_ID] ?? ''))
      .map((l) => ({
        consumer: l.consumer,
        deliveryCount: l.deliveryCount,
        error: l.error.slice(0, 80),
        events: ((l.data as { events?: Array<{ messageId?: string }> } | null)?.events ?? []).map(
          (e) => e.messageId,
        ),
      }));
    const raw = ledger.reconcile(await countIds(pool, RAW_EVENTS_SQL, run));
    const stored = ledger.reconcile(await countIds(pool, FEATURE_EVENTS_SQL, run));
    const poisonStored = await countIds(pool, FEATURE_EVENTS_SQL, poisonLedger.run);
    const { byUser } = await identityProfiles(pool, run);
    const expected = expectedFeatures(events);
    const online = await onlineFeatures(bus, [...byUser.values()]);
    const differ = featureDifferences(
      expected,
      new Map([...expected.keys()].map((user) => [user, online.get(byUser.get(user) ?? '')])),
    );

    const letterOf = (p: Poison, consumer: string): DeadLetter | undefined =>
      dead.find((l) => l.headers[MSG_ID] === p.msgId && l.consumer === consumer);
    process.stderr.write(
      `consumers poison e2e: ${poisons.length} poison messages among ${Math.ceil(events.length / REQUEST_SIZE)} ` +
        `good requests; good events all applied after ${goodDoneMs === undefined ? 'never' : `${Math.round(goodDoneMs / 1000)} s`}, ` +
        `${Math.round((Date.now() - started) / 1000)} s in all\n` +
        `  ${describeReconciliation('good events in the feature store', stored)}\n` +
        CONSUMERS.map(
          (c) =>
            `  ${describeReconciliation(`poison messages dead-lettered by ${c}`, reconciledBy.get(c)!)}\n`,
        ).join('') +
        poisons
          .flatMap((p) =>
            CONSUMERS.map((c) => {
              const l = letterOf(p, c);
              return `  ${p.msgId} ${p.kind}: ${c} delivered it ${l?.deliveryCount}×: ${l?.error.slice(0, 110)}\n`;
            }),
          )
          .join('') +
        `  ${describeReconciliation('good events in the raw store', raw)}\n` +
        `  other dead letters: ${others.length}\n` +
        others
          .map(
            (o) =>
              `    ${o.consumer} delivered ${o.deliveryCount}×, ${o.error}: ${o.events.length} good events ` +
              `${o.events[0]}…${o.events.at(-1)}\n`,
          )
          .join('') +
        `  ` +
        `features: ${differ.length} of ${expected.size} people differ from the client's recompute\n`,
    );

    // Every poison message dead-lettered once by each consumer, with its error and delivery count.
    for (const consumer of CONSUMERS) {
      const reconciled = reconciledBy.get(consumer);
      expect(reconciled?.lost).toEqual([]);
      expect(reconciled?.duplicated).toEqual([]);
      for (const p of poisons) {
        const l = letterOf(p, consumer);
        expect(l?.subject).toBe(subject);
        if (p.kind === 'failing') {
          expect(l?.deliveryCount).toBe(MAX_DELIVER);
          expect(l?.error).toMatch(/unicode|\\u0000|0x00/i);
        } else {
          expect(l?.deliveryCount).toBe(1);
          expect(l?.error).toContain(p.kind === 'invalid' ? 'invalid' : 'not JSON');
        }
      }
    }
    // Nothing else dead-lettered (a failing message must not take the good messages of its batch
    // with it), nothing of the poison applied.
    expect(others).toEqual([]);
    expect(poisonStored.size).toBe(0);
    // Every good event reached the raw store and the end of the pipeline, once.
    expect(raw.lost).toEqual([]);
    expect(stored.lost).toEqual([]);
    expect(stored.duplicated).toEqual([]);
    expect(stored.unexpected).toEqual([]);
    expect(stored.stored).toBe(ledger.acknowledged);
    expect(differ).toEqual([]);
  }, 240_000);
});
