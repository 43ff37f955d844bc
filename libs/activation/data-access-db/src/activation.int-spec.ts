import { setTimeout as sleep } from 'node:timers/promises';
import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, withTransaction, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudiencesRepository } from './audiences.repository.js';
import { DeliveriesRepository, type StoredDelivery } from './deliveries.repository.js';
import {
  MembershipRepository,
  MembershipTx,
  type MembershipStep,
  type NewDelivery,
  type ProfileFactsRow,
  type RecordedMembershipChange,
} from './membership.repository.js';
import { activationMigrations } from './migrations.js';

const database = useTestDatabase('activation_store');
let client: DbClient;
let membership: MembershipRepository;
let audiences: AudiencesRepository;
let deliveries: DeliveriesRepository;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, activationMigrations);
  membership = new MembershipRepository(client.pool);
  audiences = new AudiencesRepository(client.pool);
  deliveries = new DeliveriesRepository(client.pool);
});

afterAll(async () => {
  await client?.close();
});

// Every test uses profile ids of its own (its `block`), so tests sharing the database never see
// each other's profiles. Block 0xffffffff is kept for the recompute test, which pages to the end.
const id = (block: number, n: number): string =>
  `${block.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const DAY = 86_400_000;
const T0 = new Date('2026-11-01T12:00:00.000Z');
const at = (ms: number): Date => new Date(T0.getTime() + ms);

const noop: MembershipStep = async () => {};

/** A step that remembers the rows it was handed. */
function recorder(): { step: MembershipStep; seen: ProfileFactsRow[][] } {
  const seen: ProfileFactsRow[][] = [];
  return {
    seen,
    step: async (_tx, facts) => {
      seen.push(facts);
    },
  };
}

async function factsOf(profileId: string): Promise<ProfileFactsRow | undefined> {
  return (await membership.facts([profileId]))[0];
}

/** Whether another transaction would have to wait for the profile's row. */
async function isLockedElsewhere(profileId: string): Promise<boolean> {
  try {
    await withTransaction(client.pool, (other) =>
      other.query('SELECT 1 FROM activation.profiles WHERE profile_id = $1 FOR UPDATE NOWAIT', [profileId]),
    );
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return true;
    throw error;
  }
}

async function inTx<T>(fn: (tx: MembershipTx) => Promise<T>): Promise<T> {
  return withTransaction(client.pool, (c) => fn(new MembershipTx(c)));
}

let names = 0;
const unique = (prefix: string): string => `${prefix} ${++names}`;

async function newAudience(): Promise<string> {
  const created = await audiences.create({
    name: unique('audience'),
    key: 'audience',
    description: null,
    rule: { field: 'traits.plan', op: 'exists' },
  });
  if (!created) throw new Error('audience not created');
  return created.id;
}

async function newCampaign(
  options: { channel?: string; nextRunAt?: Date | null; audienceId?: string } = {},
): Promise<{ campaignId: string; destinationId: string; audienceId: string; channel: string }> {
  const audienceId = options.audienceId ?? (await newAudience());
  const channel = options.channel ?? 'email';
  const destination = await deliveries.createDestination({
    name: unique('destination'),
    kind: channel,
    config: { from: 'news@example.com' },
  });
  if (!destination) throw new Error('destination not created');
  const campaign = await deliveries.createCampaign({
    name: unique('campaign'),
    audienceId,
    destinationId: destination.id,
    channel,
    template: { subject: 'Hi' },
    trigger: { type: 'entry' },
    policy: {},
    nextRunAt: options.nextRunAt ?? null,
  });
  if (!campaign) throw new Error('campaign not created');
  return { campaignId: campaign.id, destinationId: destination.id, audienceId, channel };
}

function delivery(
  campaign: { campaignId: string; destinationId: string; channel: string },
  profileId: string,
  trigger: string,
  status: NewDelivery['status'] = 'pending',
): NewDelivery {
  return {
    key: `${campaign.campaignId}:${profileId}:${trigger}`,
    campaignId: campaign.campaignId,
    destinationId: campaign.destinationId,
    channel: campaign.channel,
    profileId,
    trigger,
    status,
  };
}

async function deliveryOf(deliveryId: number): Promise<StoredDelivery> {
  const found = await deliveries.delivery(deliveryId);
  if (!found) throw new Error(`delivery ${deliveryId} not found`);
  return found;
}

async function changesOf(profileId: string): Promise<Array<{ audienceId: string; change: string }>> {
  const result = await client.pool.query<{ audienceId: string; change: string }>(
    `SELECT audience_id AS "audienceId", change FROM activation.membership_changes WHERE profile_id = $1 ORDER BY seq`,
    [profileId],
  );
  return result.rows;
}

async function rowCount(table: string, profileIds: readonly string[]): Promise<number> {
  const result = await client.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM activation.${table} WHERE profile_id = ANY($1::uuid[])`,
    [profileIds],
  );
  return result.rows[0]?.n ?? 0;
}

async function memberIds(audienceId: string): Promise<string[]> {
  return (await audiences.members(audienceId, 1000)).map((m) => m.profileId).sort();
}

describe('profile facts', () => {
  it('stores a newer feature vector, hands the step the updated row locked, and ignores an older one', async () => {
    const p = id(1, 1);
    await membership.applyFeatures([{ profileId: p, asOf: at(0), features: { orders: 1 } }], noop);

    let lockedDuringStep: boolean | undefined;
    const newer = recorder();
    await membership.applyFeatures(
      [{ profileId: p, asOf: at(DAY), features: { orders: 2 } }],
      async (tx, facts) => {
        lockedDuringStep = await isLockedElsewhere(p);
        await newer.step(tx, facts);
      },
    );
    expect(lockedDuringStep).toBe(true);
    expect(newer.seen).toEqual([[expect.objectContaining({ profileId: p, features: { orders: 2 } })]]);

    const older = recorder();
    await membership.applyFeatures([{ profileId: p, asOf: at(0), features: { orders: 99 } }], older.step);
    expect(older.seen).toEqual([[]]);
    expect((await factsOf(p))?.features).toEqual({ orders: 2 });
  });

  it('re-applies a feature vector as old as the stored one, so a redelivered message re-runs its step', async () => {
    const p = id(2, 1);
    await membership.applyFeatures([{ profileId: p, asOf: at(0), features: { orders: 1 } }], noop);
    const again = recorder();
    await membership.applyFeatures([{ profileId: p, asOf: at(0), features: { orders: 1 } }], again.step);
    expect(again.seen).toEqual([[expect.objectContaining({ profileId: p, features: { orders: 1 } })]]);
  });

  it('keeps the latest feature vector of a batch whatever its order', async () => {
    const p = id(3, 1);
    const seen = recorder();
    await membership.applyFeatures(
      [
        { profileId: p, asOf: at(2 * DAY), features: { orders: 3 } },
        { profileId: p, asOf: at(DAY), features: { orders: 2 } },
      ],
      seen.step,
    );
    expect(seen.seen[0]?.map((f) => f.features)).toEqual([{ orders: 3 }]);
    expect((await factsOf(p))?.features).toEqual({ orders: 3 });
  });

  it('applies scores by as-of time the same way', async () => {
    const p = id(4, 1);
    const q = id(4, 2);
    await membership.applyScores([{ profileId: p, asOf: at(DAY), scores: { churn_risk: 0.2 } }], noop);
    const seen = recorder();
    await membership.applyScores(
      [
        { profileId: p, asOf: at(0), scores: { churn_risk: 0.9 } },
        { profileId: q, asOf: at(0), scores: { churn_risk: 0.5 } },
      ],
      seen.step,
    );
    expect(seen.seen[0]?.map((f) => f.profileId)).toEqual([q]);
    expect((await factsOf(p))?.scores).toEqual({ churn_risk: 0.2 });

    const equal = recorder();
    await membership.applyScores([{ profileId: p, asOf: at(DAY), scores: { churn_risk: 0.3 } }], equal.step);
    expect(equal.seen[0]?.map((f) => f.scores)).toEqual([{ churn_risk: 0.3 }]);
    expect((await factsOf(p))?.scores).toEqual({ churn_risk: 0.3 });
  });

  it('keeps one segment per source, the last one published winning', async () => {
    const p = id(5, 1);
    await membership.applySegments([{ profileId: p, source: 'rfm', segmentId: 'new' }], noop);
    const seen = recorder();
    await membership.applySegments(
      [
        { profileId: p, source: 'lifecycle', segmentId: 'active' },
        { profileId: p, source: 'rfm', segmentId: 'loyal' },
        { profileId: p, source: 'rfm', segmentId: 'champions' },
      ],
      seen.step,
    );
    expect(seen.seen).toEqual([
      [expect.objectContaining({ profileId: p, segments: { rfm: 'champions', lifecycle: 'active' } })],
    ]);
    expect((await factsOf(p))?.segments).toEqual({ rfm: 'champions', lifecycle: 'active' });
  });

  it('merges traits key by key and keeps the user id when a later update has none', async () => {
    const p = id(6, 1);
    await membership.applyTraitsAndEvents(
      [{ profileId: p, userId: 'user-6', traits: { name: 'Ana', plan: 'free' } }],
      [],
      noop,
    );
    const seen = recorder();
    await membership.applyTraitsAndEvents(
      [
        { profileId: p, userId: null, traits: { plan: 'pro' } },
        { profileId: p, userId: null, traits: { city: 'Lisbon' } },
      ],
      [],
      seen.step,
    );
    const expected = { profileId: p, userId: 'user-6', traits: { name: 'Ana', plan: 'pro', city: 'Lisbon' } };
    expect(seen.seen).toEqual([[expect.objectContaining(expected)]]);
    expect(await factsOf(p)).toMatchObject(expected);
  });

  it('records each track event once per message id and hands the step every touched profile in id order', async () => {
    const p = id(7, 2);
    const q = id(7, 1);
    const order = { profileId: p, messageId: 'm-1', event: 'Order Completed', at: at(0) };
    // Both exist already, so another transaction could see (and would wait for) their rows.
    await membership.applyTraitsAndEvents(
      [p, q].map((profileId) => ({ profileId, userId: null, traits: {} })),
      [],
      noop,
    );
    let locked: boolean[] = [];
    const seen = recorder();
    await membership.applyTraitsAndEvents(
      [{ profileId: q, userId: null, traits: { plan: 'pro' } }],
      [order, { ...order }, { ...order, messageId: 'm-2', at: at(1000) }],
      async (tx, facts) => {
        locked = [await isLockedElsewhere(p), await isLockedElsewhere(q)];
        await seen.step(tx, facts);
      },
    );
    // A redelivery of the first message adds nothing.
    await membership.applyTraitsAndEvents([], [order], noop);

    expect(seen.seen[0]?.map((f) => f.profileId)).toEqual([q, p]);
    expect(locked).toEqual([true, true]);
    const history = await membership.eventHistory([p], ['Order Completed'], at(-DAY));
    expect(history.get(p)).toEqual([
      { event: 'Order Completed', timestamp: at(0).getTime() },
      { event: 'Order Completed', timestamp: at(1000).getTime() },
    ]);
  });

  it('rolls the facts back when the step fails, so nothing is half applied', async () => {
    const p = id(8, 1);
    const audienceId = await newAudience();
    await membership.applyTraitsAndEvents(
      [{ profileId: p, userId: null, traits: { plan: 'free' } }],
      [],
      noop,
    );
    await membership.applyFeatures([{ profileId: p, asOf: at(0), features: { orders: 1 } }], noop);

    const failing: MembershipStep = async (tx, facts) => {
      await tx.applyChanges(
        facts.map((f) => ({ audienceId, profileId: f.profileId, change: 'entered' as const })),
        at(0),
      );
      throw new Error('publish failed');
    };
    await expect(
      membership.applyTraitsAndEvents(
        [{ profileId: p, userId: 'user-8', traits: { plan: 'pro' } }],
        [{ profileId: p, messageId: 'm-8', event: 'Signed Up', at: at(0) }],
        failing,
      ),
    ).rejects.toThrow('publish failed');
    await expect(
      membership.applyFeatures([{ profileId: p, asOf: at(DAY), features: { orders: 5 } }], failing),
    ).rejects.toThrow('publish failed');
    await expect(
      membership.applySegments([{ profileId: p, source: 'rfm', segmentId: 'loyal' }], failing),
    ).rejects.toThrow('publish failed');

    expect(await factsOf(p)).toMatchObject({
      userId: null,
      traits: { plan: 'free' },
      features: { orders: 1 },
      segments: {},
    });
    expect(await rowCount('profile_events', [p])).toBe(0);
    expect(await memberIds(audienceId)).toEqual([]);
    expect(await changesOf(p)).toEqual([]);
  });
});

describe('membership changes', () => {
  it('logs real entries and exits in order and drops changes that are already true', async () => {
    const audienceId = await newAudience();
    const [p, q] = [id(10, 1), id(10, 2)];

    const entered = await inTx((tx) =>
      tx.applyChanges(
        [
          { audienceId, profileId: p, change: 'entered' },
          { audienceId, profileId: q, change: 'entered' },
        ],
        at(0),
      ),
    );
    expect(entered.map((c) => [c.profileId, c.change])).toEqual([
      [p, 'entered'],
      [q, 'entered'],
    ]);
    expect(entered[1]?.seq).toBeGreaterThan(entered[0]?.seq ?? Infinity);
    expect(await audiences.members(audienceId, 10)).toEqual([
      { profileId: p, enteredAt: at(0) },
      { profileId: q, enteredAt: at(0) },
    ]);

    const nothing = await inTx((tx) =>
      tx.applyChanges(
        [
          { audienceId, profileId: p, change: 'entered' },
          { audienceId, profileId: id(10, 3), change: 'exited' },
        ],
        at(1000),
      ),
    );
    expect(nothing).toEqual([]);
    expect(await changesOf(id(10, 3))).toEqual([]);
    expect(await changesOf(p)).toEqual([{ audienceId, change: 'entered' }]);
    // Entering again did not move the entry time.
    expect((await audiences.members(audienceId, 10))[0]).toEqual({ profileId: p, enteredAt: at(0) });

    const exited = await inTx((tx) =>
      tx.applyChanges([{ audienceId, profileId: p, change: 'exited' }], at(2000)),
    );
    expect(exited).toEqual([
      { audienceId, profileId: p, change: 'exited', seq: expect.any(Number), at: at(2000) },
    ]);
    expect(exited[0]?.seq).toBeGreaterThan(entered[1]?.seq ?? Infinity);
    expect(await memberIds(audienceId)).toEqual([q]);
    expect(await changesOf(p)).toEqual([
      { audienceId, change: 'entered' },
      { audienceId, change: 'exited' },
    ]);
  });

  it('enqueues a delivery once per key', async () => {
    const campaign = await newCampaign();
    const p = id(11, 1);
    const first = [delivery(campaign, p, 'entry:1'), delivery(campaign, p, 'entry:2', 'held_out')];
    expect(await inTx((tx) => tx.enqueueDeliveries(first))).toBe(2);
    expect(await inTx((tx) => tx.enqueueDeliveries([...first, delivery(campaign, p, 'entry:3')]))).toBe(1);
    const stored = await deliveries.list({ campaignId: campaign.campaignId, limit: 10 });
    expect(stored.map((d) => [d.trigger, d.status]).sort()).toEqual([
      ['entry:1', 'pending'],
      ['entry:2', 'held_out'],
      ['entry:3', 'pending'],
    ]);
  });
});

describe('recompute', () => {
  it('pages through profiles in id order, locking each page, and ends with a null cursor', async () => {
    const block = 0xffffffff;
    const ids = [1, 2, 3, 4].map((n) => id(block, n));
    // Created out of order, so the id order is the repository's doing.
    await membership.applyTraitsAndEvents(
      [3, 1, 4, 2].map((n) => ({ profileId: id(block, n), userId: null, traits: {} })),
      [],
      noop,
    );
    const start = 'fffffffe-ffff-ffff-ffff-ffffffffffff';

    const pages: string[][] = [];
    const locked: boolean[] = [];
    const step: MembershipStep = async (_tx, facts) => {
      pages.push(facts.map((f) => f.profileId));
      locked.push(await isLockedElsewhere(facts[0]?.profileId ?? ''));
    };
    const first = await membership.recomputePage(start, 2, step);
    expect(first).toBe(ids[1]);
    const second = await membership.recomputePage(first, 2, step);
    expect(second).toBe(ids[3]);
    expect(await membership.recomputePage(second, 2, step)).toBeNull();
    expect(pages).toEqual([ids.slice(0, 2), ids.slice(2)]);
    expect(locked).toEqual([true, true]);

    pages.length = 0;
    const short = await membership.recomputePage(start, 3, step);
    expect(short).toBe(ids[2]);
    expect(await membership.recomputePage(short, 3, step)).toBeNull();
    expect(pages).toEqual([ids.slice(0, 3), ids.slice(3)]);
  });
});

describe('merging two profiles', () => {
  it('gives the survivor what it lacked, the stricter consent, and takes the merged profile out of its audiences', async () => {
    const [survivor, merged, other] = [id(20, 1), id(20, 2), id(20, 3)];
    const [shared, mergedOnly] = [await newAudience(), await newAudience()];
    await membership.applyTraitsAndEvents(
      [
        { profileId: survivor, userId: null, traits: { name: 'Sam', plan: 'pro' } },
        { profileId: merged, userId: 'user-m', traits: { plan: 'free', city: 'Lisbon' } },
      ],
      [
        { profileId: survivor, messageId: 's-1', event: 'Order Completed', at: at(0) },
        { profileId: merged, messageId: 'm-1', event: 'Order Completed', at: at(1000) },
      ],
      noop,
    );
    await inTx((tx) =>
      tx.applyChanges(
        [
          { audienceId: shared, profileId: survivor, change: 'entered' },
          { audienceId: shared, profileId: merged, change: 'entered' },
          { audienceId: mergedOnly, profileId: merged, change: 'entered' },
          { audienceId: mergedOnly, profileId: other, change: 'entered' },
        ],
        at(0),
      ),
    );
    await audiences.setConsent(survivor, 'opt_in', 'email');
    await audiences.setConsent(merged, 'unsubscribe', 'email');
    await audiences.setConsent(merged, 'suppress');
    const push = await audiences.addPushSubscription({
      profileId: merged,
      kind: 'fcm',
      address: 'token-20',
      keys: null,
    });

    const seen = recorder();
    const exits = await membership.merge(survivor, merged, seen.step, at(5000));

    expect(exits.map((e) => [e.audienceId, e.profileId, e.change]).sort()).toEqual(
      [
        [shared, merged, 'exited'],
        [mergedOnly, merged, 'exited'],
      ].sort(),
    );
    expect(seen.seen).toEqual([
      [
        expect.objectContaining({
          profileId: survivor,
          userId: 'user-m',
          traits: { name: 'Sam', plan: 'pro', city: 'Lisbon' },
        }),
      ],
    ]);
    expect(await membership.facts([merged])).toEqual([]);
    expect(await memberIds(shared)).toEqual([survivor]);
    expect(await memberIds(mergedOnly)).toEqual([other]);

    const history = await membership.eventHistory([survivor, merged], ['Order Completed'], at(-DAY));
    expect(history.get(survivor)?.map((e) => e.timestamp)).toEqual([at(0).getTime(), at(1000).getTime()]);
    expect(history.has(merged)).toBe(false);

    const subscriptions = await audiences.pushSubscriptions([survivor, merged]);
    expect(subscriptions.get(survivor)?.map((s) => s.id)).toEqual([push.id]);
    expect(subscriptions.has(merged)).toBe(false);

    const consent = await audiences.consent(survivor);
    expect(consent.unsubscribed['email']).toEqual(expect.any(String));
    expect(consent.globallySuppressed).toBe(true);
    expect((await audiences.consents([merged])).size).toBe(0);
  });

  it('keeps its own traits, features and segments over the merged profile', async () => {
    const [survivor, merged] = [id(21, 1), id(21, 2)];
    await membership.applyTraitsAndEvents(
      [
        { profileId: survivor, userId: 'user-s', traits: { plan: 'pro' } },
        { profileId: merged, userId: 'user-m', traits: { plan: 'free' } },
      ],
      [],
      noop,
    );
    await membership.applyFeatures(
      [
        { profileId: survivor, asOf: at(0), features: { orders: 5 } },
        { profileId: merged, asOf: at(DAY), features: { orders: 1 } },
      ],
      noop,
    );
    await membership.applySegments(
      [
        { profileId: survivor, source: 'rfm', segmentId: 'champions' },
        { profileId: merged, source: 'rfm', segmentId: 'new' },
        { profileId: merged, source: 'lifecycle', segmentId: 'active' },
      ],
      noop,
    );
    await membership.merge(survivor, merged, noop, at(0));
    expect(await factsOf(survivor)).toMatchObject({
      userId: 'user-s',
      traits: { plan: 'pro' },
      features: { orders: 5 },
      segments: { rfm: 'champions', lifecycle: 'active' },
    });
  });

  it("takes the merged profile's features and scores when it has none, with their as-of times", async () => {
    const [survivor, merged] = [id(23, 1), id(23, 2)];
    await membership.applyFeatures([{ profileId: merged, asOf: at(DAY), features: { orders: 4 } }], noop);
    await membership.applyScores([{ profileId: merged, asOf: at(DAY), scores: { churn_risk: 0.4 } }], noop);
    await membership.merge(survivor, merged, noop, at(0));
    expect(await factsOf(survivor)).toMatchObject({ features: { orders: 4 }, scores: { churn_risk: 0.4 } });

    // An update older than the merged vector is ignored on the survivor too.
    const older = recorder();
    await membership.applyFeatures(
      [{ profileId: survivor, asOf: at(0), features: { orders: 1 } }],
      older.step,
    );
    expect(older.seen).toEqual([[]]);
    expect((await factsOf(survivor))?.features).toEqual({ orders: 4 });
  });

  it('gives the survivor an identify and an event of the merged profile that arrive after the merge, until an unmerge', async () => {
    const [survivor, merged, earlier] = [id(24, 1), id(24, 2), id(24, 3)];
    await membership.applyTraitsAndEvents(
      [{ profileId: survivor, userId: null, traits: { plan: 'pro' } }],
      [],
      noop,
    );
    // `earlier` had merged into `merged` before: its late events follow the chain to the survivor.
    await membership.merge(merged, earlier, noop, at(0));
    await membership.merge(survivor, merged, noop, at(0));
    const late = recorder();
    await membership.applyTraitsAndEvents(
      [
        { profileId: merged, userId: 'user-24', traits: { email: 'late@example.com' } },
        { profileId: earlier, userId: null, traits: { first_name: 'Ada' } },
      ],
      [{ profileId: merged, messageId: 'm-24', event: 'Order Completed', at: at(0) }],
      late.step,
    );
    expect(await factsOf(survivor)).toMatchObject({
      userId: 'user-24',
      traits: { plan: 'pro', email: 'late@example.com', first_name: 'Ada' },
    });
    expect(await factsOf(merged)).toBeUndefined();
    expect(await factsOf(earlier)).toBeUndefined();
    expect(late.seen.flat().map((f) => f.profileId)).toEqual([survivor]);
    // The consent those identifies carried too, both on the survivor in one statement.
    await audiences.recordOptIns([
      { profileId: merged, optIns: { email: true } },
      { profileId: earlier, optIns: { sms: true } },
    ]);
    expect((await audiences.consent(survivor)).optIns).toMatchObject({ email: true, sms: true });

    // Identity split `merged` off again: its events are its own once more.
    await membership.clearRedirects([merged]);
    await membership.applyTraitsAndEvents(
      [{ profileId: merged, userId: null, traits: { plan: 'free' } }],
      [],
      noop,
    );
    expect((await factsOf(merged))?.traits).toEqual({ plan: 'free' });
    expect((await factsOf(survivor))?.traits).toMatchObject({ plan: 'pro' });
  });

  it('keeps a channel the merged profile declined as declined', async () => {
    const [survivor, merged] = [id(22, 1), id(22, 2)];
    await audiences.setConsent(survivor, 'opt_in', 'sms');
    await audiences.setConsent(merged, 'opt_out', 'sms');
    await membership.merge(survivor, merged, noop, at(0));
    expect((await audiences.consent(survivor)).optIns['sms']).toBe(false);
  });
});

describe('erasure', () => {
  async function profileWithEverything(block: number): Promise<{
    profileId: string;
    audienceId: string;
    leftAudienceId: string;
    deliveryId: number;
  }> {
    const profileId = id(block, 1);
    const [audienceId, leftAudienceId] = [await newAudience(), await newAudience()];
    await membership.applyTraitsAndEvents(
      [{ profileId, userId: `user-${block}`, traits: { email: 'e@example.com' } }],
      [{ profileId, messageId: `m-${block}`, event: 'Order Completed', at: at(0) }],
      noop,
    );
    await inTx(async (tx) => {
      await tx.applyChanges(
        [
          { audienceId, profileId, change: 'entered' },
          { audienceId: leftAudienceId, profileId, change: 'entered' },
        ],
        at(0),
      );
      await tx.applyChanges([{ audienceId: leftAudienceId, profileId, change: 'exited' }], at(1000));
    });
    await audiences.setConsent(profileId, 'opt_in', 'email');
    await audiences.addPushSubscription({ profileId, kind: 'fcm', address: `token-${block}`, keys: null });
    const campaign = await newCampaign({ audienceId });
    await deliveries.enqueue([delivery(campaign, profileId, 'entry:1')]);
    const [claimed] = await deliveries.claim(campaign.destinationId, 10, 60_000);
    if (!claimed) throw new Error('nothing claimed');
    await deliveries.complete(claimed.id, { status: 'sent', providerId: `provider-${block}` });
    await deliveries.recordEvent({ deliveryId: claimed.id }, 'delivered', {});
    return { profileId, audienceId, leftAudienceId, deliveryId: claimed.id };
  }

  async function deliveryEventCount(deliveryId: number): Promise<number> {
    const result = await client.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM activation.delivery_events WHERE delivery_id = $1',
      [deliveryId],
    );
    return result.rows[0]?.n ?? 0;
  }

  it('removes everything held on the profiles and ends their memberships with an exit', async () => {
    const erased = await profileWithEverything(30);
    const kept = await profileWithEverything(31);
    const neverSeen = id(30, 2);

    let published: RecordedMembershipChange[] = [];
    await membership.erase([erased.profileId, neverSeen], at(5000), async (exits) => {
      published = exits;
    });

    expect(published).toEqual([
      {
        audienceId: erased.audienceId,
        profileId: erased.profileId,
        change: 'exited',
        seq: expect.any(Number),
        at: at(5000),
      },
    ]);
    expect(await membership.facts([erased.profileId])).toEqual([]);
    expect(await memberIds(erased.audienceId)).toEqual([]);
    expect(await membership.eventHistory([erased.profileId], ['Order Completed'], at(-DAY))).toEqual(
      new Map(),
    );
    expect((await audiences.consents([erased.profileId])).size).toBe(0);
    expect(await rowCount('push_subscriptions', [erased.profileId])).toBe(0);
    expect(await deliveries.list({ profileId: erased.profileId, limit: 10 })).toEqual([]);
    expect(await deliveryEventCount(erased.deliveryId)).toBe(0);
    // The history before the erasure is gone; only the exit that feeds need remains.
    expect(await changesOf(erased.profileId)).toEqual([{ audienceId: erased.audienceId, change: 'exited' }]);

    // The other profile is untouched.
    expect(await membership.facts([kept.profileId])).toHaveLength(1);
    expect(await memberIds(kept.audienceId)).toEqual([kept.profileId]);
    expect(await changesOf(kept.profileId)).toHaveLength(3);
    expect(await deliveries.list({ profileId: kept.profileId, limit: 10 })).toHaveLength(1);
    expect(await deliveryEventCount(kept.deliveryId)).toBe(1);
    expect((await audiences.pushSubscriptions([kept.profileId])).get(kept.profileId)).toHaveLength(1);
  });

  it('erases nothing when publishing the exits fails', async () => {
    const profile = await profileWithEverything(32);
    await expect(
      membership.erase([profile.profileId], at(5000), async () => {
        throw new Error('bus down');
      }),
    ).rejects.toThrow('bus down');

    expect(await membership.facts([profile.profileId])).toHaveLength(1);
    expect(await memberIds(profile.audienceId)).toEqual([profile.profileId]);
    expect(await changesOf(profile.profileId)).toHaveLength(3);
    expect(await rowCount('profile_events', [profile.profileId])).toBe(1);
    expect((await audiences.consent(profile.profileId)).optIns).toEqual({ email: true });
    expect((await audiences.pushSubscriptions([profile.profileId])).get(profile.profileId)).toHaveLength(1);
    expect(await deliveries.list({ profileId: profile.profileId, limit: 10 })).toHaveLength(1);
    expect(await deliveryEventCount(profile.deliveryId)).toBe(1);
  });
});

describe('audiences', () => {
  it('creates an audience once per name and finds it by id or name', async () => {
    const name = unique('Loyal customers');
    const rule = { field: 'segments.rfm', op: 'eq', value: 'champions' };
    const created = await audiences.create({
      name,
      key: 'loyal_customers',
      description: 'RFM champions',
      rule,
    });
    expect(created).toMatchObject({
      name,
      key: 'loyal_customers',
      description: 'RFM champions',
      rule,
      ruleVersion: 1,
      computedAt: null,
      size: 0,
    });
    expect(await audiences.create({ name, key: 'other', description: null, rule: {} })).toBeUndefined();
    expect(await audiences.get(created?.id ?? '')).toEqual(created);
    expect(await audiences.get(name)).toEqual(created);
    expect(await audiences.get(unique('nobody'))).toBeUndefined();
    expect(await audiences.get(id(40, 404))).toBeUndefined();
  });

  it('pages members by entry time then id, without duplicates or gaps', async () => {
    const audienceId = await newAudience();
    const early = [5, 1, 3].map((n) => id(41, n));
    const late = [4, 2, 6, 7].map((n) => id(41, n));
    await inTx(async (tx) => {
      await tx.applyChanges(
        late.map((profileId) => ({ audienceId, profileId, change: 'entered' as const })),
        at(1000),
      );
      await tx.applyChanges(
        early.map((profileId) => ({ audienceId, profileId, change: 'entered' as const })),
        at(0),
      );
    });
    const expected = [
      ...[...early].sort().map((profileId) => ({ profileId, enteredAt: at(0) })),
      ...[...late].sort().map((profileId) => ({ profileId, enteredAt: at(1000) })),
    ];

    const pages: Array<Array<{ profileId: string; enteredAt: Date }>> = [];
    let after: { enteredAt: Date; profileId: string } | undefined;
    for (;;) {
      const page = await audiences.members(audienceId, 2, after);
      if (page.length === 0) break;
      pages.push(page);
      after = page.at(-1);
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat()).toEqual(expected);
    expect((await audiences.get(audienceId))?.size).toBe(7);
  });

  it('records consent: opt-ins, unsubscribes and suppression', async () => {
    const p = id(42, 1);
    expect(await audiences.consent(p)).toEqual({
      profileId: p,
      optIns: {},
      unsubscribed: {},
      globallySuppressed: false,
    });

    expect((await audiences.setConsent(p, 'opt_in', 'email')).optIns).toEqual({ email: true });

    const before = Date.now();
    const unsubscribed = await audiences.setConsent(p, 'unsubscribe', 'email');
    const when = Date.parse(unsubscribed.unsubscribed['email'] ?? '');
    expect(unsubscribed.optIns).toEqual({ email: false });
    expect(when).toBeGreaterThanOrEqual(before);
    expect(when).toBeLessThanOrEqual(Date.now());

    // Opting in elsewhere leaves the email unsubscribe; opting in to email again clears it.
    const sms = await audiences.setConsent(p, 'opt_in', 'sms');
    expect(sms.optIns).toEqual({ email: false, sms: true });
    expect(Object.keys(sms.unsubscribed)).toEqual(['email']);
    const back = await audiences.setConsent(p, 'opt_in', 'email');
    expect(back).toMatchObject({ optIns: { email: true, sms: true }, unsubscribed: {} });

    const optedOut = await audiences.setConsent(p, 'opt_out', 'sms');
    expect(optedOut).toMatchObject({ optIns: { email: true, sms: false }, unsubscribed: {} });

    const suppressed = await audiences.setConsent(p, 'suppress');
    expect(suppressed).toMatchObject({ optIns: { email: true, sms: false }, globallySuppressed: true });
    expect((await audiences.setConsent(p, 'opt_in', 'push')).globallySuppressed).toBe(true);
    expect((await audiences.setConsent(p, 'unsuppress')).globallySuppressed).toBe(false);

    const suppressedFirst = await audiences.setConsent(id(42, 2), 'suppress');
    expect(suppressedFirst).toMatchObject({ optIns: {}, unsubscribed: {}, globallySuppressed: true });
  });

  it('finds suppressed addresses whatever their case, per channel', async () => {
    await audiences.suppressAddress('email', 'Bounced@Example.COM', 'hard bounce');
    await audiences.suppressAddress('email', 'bounced@example.com', 'complaint');
    const found = await audiences.suppressedAddresses('email', ['BOUNCED@example.com', 'fine@example.com']);
    expect(found).toEqual(new Set(['bounced@example.com']));
    expect(await audiences.suppressedAddresses('sms', ['bounced@example.com'])).toEqual(new Set());
    expect(await audiences.suppressedAddresses('email', [])).toEqual(new Set());
  });

  it('moves a re-added push address to its new profile and revives a removed one', async () => {
    const [p, q] = [id(43, 1), id(43, 2)];
    const keys = { p256dh: 'key', auth: 'auth' };
    const first = await audiences.addPushSubscription({
      profileId: p,
      kind: 'webpush',
      address: 'https://push.example/43',
      keys,
    });
    const token = await audiences.addPushSubscription({
      profileId: p,
      kind: 'fcm',
      address: 'token-43',
      keys: null,
    });
    expect(first).toEqual({
      id: expect.any(String),
      profileId: p,
      kind: 'webpush',
      address: 'https://push.example/43',
      keys,
    });
    expect((await audiences.pushSubscriptions([p])).get(p)?.map((s) => s.id)).toEqual([first.id, token.id]);

    const moved = await audiences.addPushSubscription({
      profileId: q,
      kind: 'webpush',
      address: 'https://push.example/43',
      keys: { p256dh: 'new-key', auth: 'new-auth' },
    });
    expect(moved).toMatchObject({
      id: first.id,
      profileId: q,
      keys: { p256dh: 'new-key', auth: 'new-auth' },
    });
    let subscriptions = await audiences.pushSubscriptions([p, q]);
    expect(subscriptions.get(p)?.map((s) => s.id)).toEqual([token.id]);
    expect(subscriptions.get(q)?.map((s) => s.id)).toEqual([first.id]);

    await audiences.removePushSubscriptions([first.id, token.id], 'gone');
    expect((await audiences.pushSubscriptions([p, q])).size).toBe(0);

    const revived = await audiences.addPushSubscription({
      profileId: p,
      kind: 'fcm',
      address: 'token-43',
      keys: null,
    });
    expect(revived.id).toBe(token.id);
    subscriptions = await audiences.pushSubscriptions([p, q]);
    expect(subscriptions.get(p)?.map((s) => s.id)).toEqual([token.id]);
    expect(subscriptions.has(q)).toBe(false);
  });

  it('counts a conversion only inside the window after the send', async () => {
    const since = at(0);
    const [atSend, inside, windowEnd, afterWindow, beforeSend, otherEvent] = [1, 2, 3, 4, 5, 6].map((n) =>
      id(44, n),
    );
    const event = (profileId: string, when: number, name = 'Order Completed') => ({
      profileId,
      messageId: `conv-${profileId}`,
      event: name,
      at: at(when),
    });
    await membership.applyTraitsAndEvents(
      [],
      [
        event(atSend, 0),
        event(inside, DAY),
        event(windowEnd, 7 * DAY),
        event(afterWindow, 7 * DAY + 1000),
        event(beforeSend, -1000),
        event(otherEvent, DAY, 'Page Viewed'),
      ],
      noop,
    );
    const converted = await audiences.converted(
      [atSend, inside, windowEnd, afterWindow, beforeSend, otherEvent].map((profileId) => ({
        profileId,
        since,
      })),
      'Order Completed',
      7,
    );
    expect(converted).toEqual(new Set([inside, windowEnd]));
  });
});

describe('the delivery queue', () => {
  async function enqueueFor(
    campaign: Awaited<ReturnType<typeof newCampaign>>,
    count: number,
    block: number,
  ): Promise<void> {
    const rows = Array.from({ length: count }, (_, i) => delivery(campaign, id(block, i + 1), 'entry:1'));
    expect(await deliveries.enqueue(rows)).toBe(count);
  }

  it('claims the due pending deliveries of one destination and leases them', async () => {
    const campaign = await newCampaign();
    const elsewhere = await newCampaign();
    await enqueueFor(campaign, 3, 50);
    await deliveries.enqueue([
      delivery(campaign, id(50, 9), 'entry:1', 'held_out'),
      delivery(elsewhere, id(50, 1), 'entry:1'),
    ]);

    const claimed = await deliveries.claim(campaign.destinationId, 10, 60_000);
    expect(claimed.map((d) => d.profileId)).toEqual([id(50, 1), id(50, 2), id(50, 3)]);
    for (const d of claimed) expect(d).toMatchObject({ status: 'sending', attempts: 1 });
    expect(await deliveries.claim(campaign.destinationId, 10, 60_000)).toEqual([]);

    const untouched = await deliveries.list({ campaignId: elsewhere.campaignId, limit: 10 });
    expect(untouched).toEqual([expect.objectContaining({ status: 'pending', attempts: 0 })]);
    expect(await deliveries.counts({ campaignId: campaign.campaignId })).toEqual({ sending: 3, held_out: 1 });
  });

  it('claims at most the limit, oldest first', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 5, 51);
    const first = await deliveries.claim(campaign.destinationId, 2, 60_000);
    const rest = await deliveries.claim(campaign.destinationId, 10, 60_000);
    expect(first).toHaveLength(2);
    expect(rest).toHaveLength(3);
    expect(Math.max(...first.map((d) => d.id))).toBeLessThan(Math.min(...rest.map((d) => d.id)));
  });

  it('lets another worker take a delivery over once its lease ran out', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 1, 52);
    const [claimed] = await deliveries.claim(campaign.destinationId, 10, 200);
    expect(await deliveries.claim(campaign.destinationId, 10, 200)).toEqual([]);
    await sleep(500);
    const takenOver = await deliveries.claim(campaign.destinationId, 10, 60_000);
    expect(takenOver).toEqual([expect.objectContaining({ id: claimed?.id, status: 'sending', attempts: 2 })]);
  });

  it('never hands the same delivery to two concurrent claims', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 40, 53);
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => deliveries.claim(campaign.destinationId, 10, 60_000)),
    );
    const ids = claims.flat().map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of claims.flat()) expect(d.attempts).toBe(1);
    // Whatever the claims skipped is still there for the next one.
    const remaining = await deliveries.claim(campaign.destinationId, 100, 60_000);
    expect(ids.length + remaining.length).toBe(40);
    const rows = await deliveries.list({ campaignId: campaign.campaignId, limit: 100 });
    expect(rows.every((d) => d.attempts === 1 && d.status === 'sending')).toBe(true);
  });

  it('records how a send went', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 4, 54);
    const [sent, retryLater, retryNow, failed] = await deliveries.claim(campaign.destinationId, 10, 60_000);
    if (!sent || !retryLater || !retryNow || !failed) throw new Error('expected four claims');

    await deliveries.complete(sent.id, { status: 'sent', providerId: 'msg-54' });
    await deliveries.complete(retryLater.id, {
      status: 'pending',
      nextAttemptAt: new Date(Date.now() + 60 * 60_000),
      error: 'rate limited',
      countAttempt: false,
    });
    await deliveries.complete(retryNow.id, {
      status: 'pending',
      nextAttemptAt: new Date(Date.now() - 1000),
      error: '503 from provider',
      countAttempt: true,
    });
    await deliveries.complete(failed.id, { status: 'failed', error: 'invalid address' });

    expect(await deliveryOf(sent.id)).toMatchObject({
      status: 'sent',
      providerId: 'msg-54',
      sentAt: expect.any(Date),
      nextAttemptAt: null,
      lastError: null,
    });
    expect(await deliveryOf(retryLater.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      lastError: 'rate limited',
    });
    expect(await deliveryOf(failed.id)).toMatchObject({ status: 'failed', lastError: 'invalid address' });

    // Only the retry that is due comes back, with its attempt counted.
    const again = await deliveries.claim(campaign.destinationId, 10, 60_000);
    expect(again).toEqual([
      expect.objectContaining({ id: retryNow.id, attempts: 2, lastError: '503 from provider' }),
    ]);
  });

  it('moves a delivery forward only on later reports, logging every report', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 1, 55);
    const [claimed] = await deliveries.claim(campaign.destinationId, 10, 60_000);
    if (!claimed) throw new Error('nothing claimed');
    const providerId = `provider-55-${claimed.id}`;
    await deliveries.complete(claimed.id, { status: 'sent', providerId });

    expect((await deliveries.recordEvent({ deliveryId: claimed.id }, 'delivered', {}))?.status).toBe(
      'delivered',
    );
    expect((await deliveries.recordEvent({ providerId }, 'opened', { ip: 'x' }))?.status).toBe('opened');
    expect((await deliveries.recordEvent({ providerId }, 'delivered', {}))?.status).toBe('opened');
    expect((await deliveries.recordEvent({ deliveryId: claimed.id }, 'delivered', {}))?.status).toBe(
      'opened',
    );
    expect(
      (await deliveries.recordEvent({ providerId }, 'clicked', { url: 'https://example.com' }))?.status,
    ).toBe('clicked');
    expect((await deliveryOf(claimed.id)).status).toBe('clicked');

    const log = await client.pool.query<{ status: string }>(
      'SELECT status FROM activation.delivery_events WHERE delivery_id = $1 ORDER BY id',
      [claimed.id],
    );
    expect(log.rows.map((r) => r.status)).toEqual([
      'delivered',
      'opened',
      'delivered',
      'delivered',
      'clicked',
    ]);
    expect(await deliveries.recordEvent({ providerId: 'no-such-message' }, 'opened', {})).toBeUndefined();
    expect(await deliveries.recordEvent({ deliveryId: 999_999_999 }, 'opened', {})).toBeUndefined();
  });

  it('replays dead deliveries, and failed ones when asked, with fresh attempts', async () => {
    const campaign = await newCampaign();
    await enqueueFor(campaign, 4, 56);
    const [dead, failed, sent, pending] = await deliveries.claim(campaign.destinationId, 10, 60_000);
    if (!dead || !failed || !sent || !pending) throw new Error('expected four claims');
    await deliveries.complete(dead.id, { status: 'dead', error: 'gave up' });
    await deliveries.complete(failed.id, { status: 'failed', error: 'rejected' });
    await deliveries.complete(sent.id, { status: 'sent', providerId: null });
    await deliveries.complete(pending.id, {
      status: 'pending',
      nextAttemptAt: new Date(Date.now() + 60 * 60_000),
      error: 'later',
      countAttempt: true,
    });

    expect(await deliveries.replay({ campaignId: campaign.campaignId, includeFailed: false })).toBe(1);
    expect(await deliveryOf(dead.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await deliveryOf(failed.id)).status).toBe('failed');

    expect(await deliveries.replay({ destinationId: campaign.destinationId, includeFailed: true })).toBe(1);
    expect(await deliveryOf(failed.id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect((await deliveryOf(sent.id)).status).toBe('sent');

    const reclaimed = await deliveries.claim(campaign.destinationId, 10, 60_000);
    expect(reclaimed.map((d) => d.id)).toEqual([dead.id, failed.id]);
    expect(reclaimed.map((d) => d.attempts)).toEqual([1, 1]);
  });

  it('reports send times per profile on one channel across campaigns', async () => {
    const [p, q] = [id(57, 1), id(57, 2)];
    const emailA = await newCampaign();
    const emailB = await newCampaign();
    const sms = await newCampaign({ channel: 'sms' });
    await deliveries.enqueue([
      delivery(emailA, p, 'entry:1'),
      delivery(emailA, q, 'entry:1'),
      delivery(emailB, p, 'entry:1'),
      delivery(sms, p, 'entry:1'),
    ]);
    const before = Date.now() - 5_000;
    for (const campaign of [emailA, emailB, sms]) {
      for (const d of await deliveries.claim(campaign.destinationId, 10, 60_000)) {
        await deliveries.complete(d.id, { status: 'sent', providerId: null });
      }
    }
    const pending = await newCampaign();
    await deliveries.enqueue([delivery(pending, q, 'entry:1')]);

    const times = await deliveries.sentTimes([p, q], 'email', new Date(before));
    expect(times.get(p)).toHaveLength(2);
    expect(times.get(q)).toHaveLength(1);
    for (const t of [...(times.get(p) ?? []), ...(times.get(q) ?? [])]) {
      expect(t).toBeGreaterThanOrEqual(before);
    }
    expect((await deliveries.sentTimes([p], 'sms', new Date(before))).get(p)).toHaveLength(1);
    expect((await deliveries.sentTimes([p, q], 'email', new Date(Date.now() + 60_000))).size).toBe(0);
  });

  it('lets one of several replicas claim a scheduled run', async () => {
    const due = new Date('2026-11-22T12:00:00.000Z');
    const next = new Date('2026-11-22T13:00:00.000Z');
    const { campaignId } = await newCampaign({ nextRunAt: due });

    const results = await Promise.all([
      deliveries.claimRun(campaignId, due, next),
      deliveries.claimRun(campaignId, due, next),
      deliveries.claimRun(campaignId, due, next),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await deliveries.campaign(campaignId)).toMatchObject({
      nextRunAt: next,
      lastRunAt: expect.any(Date),
    });
    expect(await deliveries.claimRun(campaignId, due, next)).toBe(false);
    expect(await deliveries.claimRun(campaignId, next, null)).toBe(true);
    expect((await deliveries.campaign(campaignId))?.nextRunAt).toBeNull();
  });

  it('counts deliveries by status per campaign and destination', async () => {
    const campaign = await newCampaign();
    const other = await newCampaign();
    await deliveries.enqueue([
      delivery(campaign, id(58, 1), 'entry:1'),
      delivery(campaign, id(58, 2), 'entry:1'),
      delivery(campaign, id(58, 3), 'entry:1'),
      delivery(campaign, id(58, 4), 'entry:1', 'held_out'),
      delivery(other, id(58, 1), 'entry:1'),
    ]);
    const [first] = await deliveries.claim(campaign.destinationId, 1, 60_000);
    if (!first) throw new Error('nothing claimed');
    await deliveries.complete(first.id, { status: 'sent', providerId: null });

    const expected = { pending: 2, held_out: 1, sent: 1 };
    expect(await deliveries.counts({ campaignId: campaign.campaignId })).toEqual(expected);
    expect(await deliveries.counts({ destinationId: campaign.destinationId })).toEqual(expected);
    const byCampaign = await deliveries.countsByCampaign();
    expect(byCampaign.get(campaign.campaignId)).toEqual(expected);
    expect(byCampaign.get(other.campaignId)).toEqual({ pending: 1 });
    const all = await deliveries.counts();
    expect(all['pending']).toBeGreaterThanOrEqual(3);
  });
});
