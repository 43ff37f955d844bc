import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type pg from 'pg';
import { SEGMENTS_CHANGED, type ModelDetail, type SegmentChange } from '@cdp/clustering/contracts';
import type { ResolvedEvent } from '@cdp/identity/contracts';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { canConnectToNats, seededRandom, waitFor } from '@cdp/shared/testing';
import { consumeEvents, type Bus } from '@cdp/shared/util-messaging';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { featureProfiles, publishResolved, startStack, type Stack } from './stack.js';
import { cli, eraseAndWait, ROOT, runCli } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));
const ADS_CSV = resolve(ROOT, '../shared/data/user_profiles_for_ads.csv');

let stack: Stack;
let env: Record<string, string>;
let bus: Bus;
let pool: pg.Pool;
const changes: SegmentChange[] = [];

const cdp = async <T>(args: string[]): Promise<T> => JSON.parse(await cli([...args, '--json'], env)) as T;

beforeAll(async () => {
  if (natsMissing) return;
  stack = await startStack('clustering', natsUrl, {
    'feature-store': { FEATURES_DEBOUNCE_MS: '100' },
    clustering: { SEGMENTS_RETRAIN_MINUTES: '0' },
  });
  ({ env, bus, pool } = stack);
  await consumeEvents(bus, SEGMENTS_CHANGED, { durable: 'e2e-changes' }, async (m) => {
    changes.push(...m.data.events);
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

const NOW = Date.now();
const DAY = 86_400_000;

/**
 * One person's last 30 days at an engagement level (0 low, 1 moderate, 2 high): more page views,
 * more articles read for longer, more days active the higher the level.
 */
function personEvents(next: () => number, person: number, level: number, tag = ''): NormalizedEvent[] {
  const views = [3, 25, 120][level] as number;
  const articles = [1, 8, 40][level] as number;
  const seconds = [15, 60, 240][level] as number;
  const days = [2, 8, 25][level] as number;
  const events: NormalizedEvent[] = [];
  const at = (): number => NOW - Math.floor(next() * days) * DAY - Math.floor(next() * DAY * 0.9);
  const base = (n: number, time: number) => ({
    messageId: `c${tag}${person}-${n}`,
    anonymousId: `anon-${person}`,
    userId: `user-${person}`,
    context: {},
    integrations: {},
    timestamp: new Date(time).toISOString(),
    receivedAt: new Date(time + 100).toISOString(),
  });
  for (let n = 0; n < views; n++)
    events.push({
      ...base(n, at()),
      type: 'page',
      name: 'Article',
      properties: { path: `/a/${n % 9}` },
    } as NormalizedEvent);
  for (let n = 0; n < articles; n++)
    events.push({
      ...base(views + n, at()),
      type: 'track',
      event: 'Article Viewed',
      properties: { seconds: Math.round(seconds * (0.7 + 0.6 * next())) },
    } as NormalizedEvent);
  return events;
}

/** `cdp segments train ... --json`: the model detail of the finished job. */
async function train(args: string[]): Promise<ModelDetail> {
  return cdp<ModelDetail>(['segments', 'train', ...args]);
}

const next = seededRandom(11);
const people = Array.from({ length: 90 }, (_, i) => ({ profileId: randomUUID(), level: i % 3, person: i }));

describe.skipIf(natsMissing)('the clustering service, as its own process, driven by the CLI', () => {
  let first: ModelDetail;

  it('segments the feature store’s profiles into engagement tiers ordered by clicks and time on articles', async () => {
    const events: ResolvedEvent[] = people.flatMap(({ profileId, level, person }) =>
      personEvents(next, person, level).map((event) => ({ profileId, sourceId: 'src', event })),
    );
    await publishResolved(bus, events);
    await waitFor(
      async () => (await featureProfiles(pool)) === people.length,
      60_000,
      'features of every profile',
    );

    first = await train(['--k', '3', '--seed', '1', '--stability-runs', '3']);
    expect(first).toMatchObject({
      source: 'features',
      algorithm: 'kmeans',
      naming: 'tiers',
      k: 3,
      version: 1,
    });
    expect(first.rows).toBe(people.length);
    expect(first.quality.weak).toBe(false);
    const byTier = Object.fromEntries(first.segments.map((s) => [s.name, s]));
    const tiers = ['Low Engagement', 'Moderately Engaged', 'Highly Engaged'];
    expect(Object.keys(byTier).sort()).toEqual([...tiers].sort());
    const mean = (name: string, feature: string): number => byTier[name]?.numbers[feature]?.mean as number;
    for (const feature of ['intent.clicks_30d', 'intent.avg_article_seconds_30d'])
      expect(tiers.map((t) => mean(t, feature))).toEqual(
        tiers.map((t) => mean(t, feature)).sort((a, b) => a - b),
      );
    // Each tier is one planted level of 30 people, give or take a borderline profile.
    for (const segment of first.segments) expect(Math.abs(segment.size - 30)).toBeLessThanOrEqual(2);
    expect(first.projection.segments).toHaveLength(people.length);
    expect(first.kSelection).toEqual([expect.objectContaining({ k: 3 })]);

    // Everyone was assigned, and told: one segments.changed per profile.
    await waitFor(
      async () => new Set(changes.map((c) => c.subjectId)).size === people.length,
      20_000,
      'changes',
    );
    const high = people.find((p) => p.level === 2) as (typeof people)[0];
    const got = await cdp<{ current: unknown[] }>(['segments', 'get', high.profileId]);
    expect(got.current).toEqual([
      expect.objectContaining({ source: 'features', segmentName: 'Highly Engaged' }),
    ]);
  });

  it('moves a profile to its new tier in real time when its features change, and publishes it', async () => {
    const low = people.find((p) => p.level === 0) as (typeof people)[0];
    const before = changes.length;
    // Two busy weeks later the low profile reads like the most engaged.
    const burst = personEvents(next, low.person, 2, 'burst').map((event) => ({
      profileId: low.profileId,
      sourceId: 'src',
      event,
    }));
    await publishResolved(bus, burst);
    await waitFor(
      async () => changes.slice(before).some((c) => c.subjectId === low.profileId),
      30_000,
      'the low profile moved',
    );
    const moved = changes.slice(before).find((c) => c.subjectId === low.profileId) as SegmentChange;
    const segments = new Map(first.segments.map((s) => [s.id, s.name]));
    expect(segments.get(moved.previousSegmentId as string)).toBe('Low Engagement');
    expect(moved.segmentName).toBe('Highly Engaged');
    const history = await cdp<{ history: { segmentName: string; until: string | null }[] }>([
      'segments',
      'get',
      low.profileId,
    ]);
    expect(history.history.map((h) => [h.segmentName, h.until === null])).toEqual([
      ['Highly Engaged', true],
      ['Low Engagement', false],
    ]);
    // Sizes over time: everyone joined today, so only today's point holds them.
    const sizes = await cdp<{ points: { sizes: Record<string, number> }[] }>([
      'segments',
      'sizes',
      '--days',
      '7',
    ]);
    const total = (point?: { sizes: Record<string, number> }): number =>
      Object.values(point?.sizes ?? {}).reduce((a, b) => a + b, 0);
    expect(sizes.points.map(total)).toEqual([0, 0, 0, 0, 0, 0, people.length]);
  });

  it('keeps segment ids and edited names across a retrain that finds the same groups', async () => {
    const top = first.segments.find((s) => s.name === 'Highly Engaged') as ModelDetail['segments'][0];
    await cdp(['segments', 'rename', top.id, 'Power readers']);
    const second = await train(['--k', '3', '--seed', '99', '--stability-runs', '0']);
    expect(second.version).toBe(2);
    expect(new Set(second.segments.map((s) => s.id))).toEqual(new Set(first.segments.map((s) => s.id)));
    expect(second.segments.find((s) => s.id === top.id)).toMatchObject({
      name: 'Power readers',
      nameEdited: true,
    });
    expect(second.matchedFrom[top.id]).toBe(top.id);
    const { models } = await cdp<{ models: { version: number; active: boolean }[] }>([
      'segments',
      'list',
      '--source',
      'features',
    ]);
    expect(models.map((m) => [m.version, m.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('segments the 1,000 ad profiles of a CSV into named personas, with the weak-structure warning', async () => {
    const detail = await train([
      '--csv',
      ADS_CSV,
      '--id-column',
      'User ID',
      '--source',
      'ads-csv',
      '--seed',
      '42',
    ]);
    expect(detail).toMatchObject({ source: 'ads-csv', naming: 'personas', rows: 1_000 });
    expect(detail.kSelection.map((row) => row.k)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(detail.segments.map((s) => s.name)).size).toBe(detail.k);
    expect(detail.quality.weak).toBe(true);
    expect(detail.quality.warnings[0]).toMatch(/^Silhouette 0\.\d\d is below 0\.15/);
    // The text output puts the warning before the segments.
    const text = await cli(['segments', 'show', detail.id], env);
    expect(text.indexOf('Weak structure')).toBeGreaterThan(-1);
    expect(text.indexOf('Weak structure')).toBeLessThan(text.indexOf(detail.segments[0]?.name as string));
    const got = await cdp<{ current: { source: string; modelId: string }[] }>([
      'segments',
      'get',
      'ads-csv:17',
    ]);
    expect(got.current).toEqual([expect.objectContaining({ source: 'ads-csv', modelId: detail.id })]);
    // The behaviour model stays the active one of its own source.
    expect((await cdp<ModelDetail>(['segments', 'show'])).version).toBe(2);
  });

  it('answers bad requests and erasures plainly', async () => {
    const missing = await runCli(['segments', 'show', '--source', 'nothing'], env);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      expect.stringMatching(/no segmentation of 'nothing' yet/),
    ]);
    const rename = await runCli(['segments', 'rename', 'seg_missing', 'x'], env);
    expect([rename.code, rename.stderr]).toEqual([1, expect.stringMatching(/no segment seg_missing/)]);
    const dbscanK = await runCli(['segments', 'train', '--algorithm', 'dbscan', '--k', '3'], env);
    expect([dbscanK.code, dbscanK.stderr]).toEqual([
      1,
      expect.stringMatching(/DBSCAN finds its own number of segments/),
    ]);

    const gone = people[0] as (typeof people)[0];
    await eraseAndWait(
      bus,
      pool,
      gone.profileId,
      `SELECT (SELECT count(*) FROM clustering.segment_assignments WHERE subject_id = $1)
                + (SELECT count(*) FROM clustering.segment_history WHERE subject_id = $1) AS n`,
    );
  });
});
