import { randomUUID } from 'node:crypto';
import type { Data } from 'iab-openrtb/v26';
import type { AudienceView } from '@cdp/activation/contracts';
import type { PartnerView } from '@cdp/ad-feeds/contracts';
import { dataSchema, hashEmail, hashPhone, memberKey } from '@cdp/ad-feeds/domain';
import type { ResolvedEvent } from '@cdp/identity/contracts';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishResolved, resolvedEvent, startStack, type Stack } from './stack.js';
import { cli, runCli } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

let stack: Stack;
let env: Record<string, string>;
let feedsUrl: string;
const keys: Record<string, string> = {};

const cdp = async <T>(args: string[]): Promise<T> => JSON.parse(await cli([...args, '--json'], env)) as T;

interface Person {
  profileId: string;
  n: number;
  email: string;
  phone: string;
  maid: string | undefined;
}

const people: Person[] = Array.from({ length: 160 }, (_, n) => ({
  profileId: randomUUID(),
  n,
  // Mixed case and gmail dots: each platform normalises them its own way.
  email: n % 2 === 0 ? ` Jane.Doe${n}@Gmail.com ` : `person${n}@example.test`,
  phone: `+1 (415) 555-${String(1000 + n).padStart(4, '0')}`,
  maid: n % 3 === 0 ? randomUUID().toUpperCase() : undefined,
}));

function identify(p: Person, group: string, vip = false): ResolvedEvent {
  return resolvedEvent(
    p.profileId,
    { type: 'identify', userId: `ads-user-${p.n}`, traits: { email: p.email, phone: p.phone, group, vip } },
    p.maid ? { device: { advertisingId: p.maid, adTrackingEnabled: true } } : {},
  );
}

interface FeedLine {
  op?: 'add' | 'remove';
  seq?: number;
  member: string;
  email: string[];
  phone: string[];
  maid: string[];
}

async function feed(
  path: string,
  key: string,
): Promise<{ status: number; cursor: number; lines: FeedLine[]; text: string }> {
  const response = await fetch(`${feedsUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  const text = await response.text();
  const lines =
    response.ok && !path.includes('format=csv')
      ? text
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => JSON.parse(l) as FeedLine)
      : [];
  return { status: response.status, cursor: Number(response.headers.get('x-cdp-cursor')), lines, text };
}

/** A snapshot with a delta replayed on it: the members a partner holds afterwards. */
function replay(snapshot: readonly string[], delta: readonly FeedLine[]): string[] {
  const members = new Set(snapshot);
  for (const line of delta) {
    if (line.op === 'add') members.add(line.member);
    else members.delete(line.member);
  }
  return [...members].sort();
}

async function lookup(body: unknown, key: string): Promise<{ status: number; data: Data[] }> {
  const response = await fetch(`${feedsUrl}/openrtb/v1/segments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { user?: { data: Data[] } };
  return { status: response.status, data: json.user?.data ?? [] };
}

describe.skipIf(natsMissing)('ad-feeds: partner feeds and OpenRTB lookups over activation audiences', () => {
  let big: AudienceView;
  let small: AudienceView;

  beforeAll(async () => {
    stack = await startStack('adfeeds', natsUrl, {
      activation: { ACTIVATION_SEND: 'false' },
      'ad-feeds': { AD_FEEDS_INDEX_POLL_MS: '100', AD_FEEDS_PARTNERS_REFRESH_MS: '500' },
    });
    env = stack.env;
    feedsUrl = stack.urls['ad-feeds'] as string;
    // 150 in the big audience, 10 VIPs in a small one.
    await publishResolved(
      stack.bus,
      people.slice(0, 150).map((p) => identify(p, 'ads', p.n < 10)),
    );
    await waitFor(
      async () =>
        Number((await stack.pool.query('SELECT count(*) AS n FROM ad_feeds.identifiers')).rows[0].n) >= 450,
      30_000,
      'identifiers stored',
    );
    big = await cdp<AudienceView>([
      'audiences',
      'create',
      'Ad readers',
      '--rule',
      JSON.stringify({ field: 'traits.group', op: 'eq', value: 'ads' }),
    ]);
    small = await cdp<AudienceView>([
      'audiences',
      'create',
      'VIPs',
      '--rule',
      JSON.stringify({ field: 'traits.vip', op: 'eq', value: true }),
    ]);
    expect([big.size, small.size]).toEqual([150, 10]);
    await waitFor(
      async () =>
        Number(
          (await stack.pool.query('SELECT count(*) AS n FROM ad_feeds.memberships WHERE member')).rows[0].n,
        ) === 160,
      30_000,
      'memberships copied',
    );
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('creates partners with feed keys, shares audiences, and keeps each partner to its own', async () => {
    for (const [name, platform] of [
      ['google-ads', 'google'],
      ['meta-ads', 'meta'],
    ] as const) {
      const created = await cdp<{ partner: PartnerView; key: string }>([
        'partners',
        'create',
        name,
        '--platform',
        platform,
      ]);
      keys[name] = created.key;
    }
    await cdp(['partners', 'share', 'google-ads', 'Ad readers', '--iab', '3,7']);
    await cdp(['partners', 'share', 'meta-ads', 'VIPs']);
    const bad = await runCli(['partners', 'share', 'google-ads', 'VIPs', '--iab', '999999'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/999999/);

    const google = keys['google-ads'] as string;
    const meta = keys['meta-ads'] as string;
    const listed = (await (
      await fetch(`${feedsUrl}/feeds/v1/audiences`, { headers: { authorization: `Bearer ${google}` } })
    ).json()) as {
      audiences: Array<{ id: string; size: { count: number | null } }>;
    };
    expect(listed.audiences.map((a) => a.id)).toEqual([big.id]);
    expect(listed.audiences[0]?.size.count).toBe(150);
    // Another partner's audience, and an audience that does not exist, look the same: 404.
    expect((await feed(`/feeds/v1/audiences/${big.id}/members`, meta)).status).toBe(404);
    expect((await feed(`/feeds/v1/audiences/${randomUUID()}/members`, meta)).status).toBe(404);
    expect((await feed(`/feeds/v1/audiences/${big.id}/members`, 'cdpf_not-a-key')).status).toBe(401);
  });

  it('refuses a feed of an audience below the partner minimum (k-anonymity)', async () => {
    const refused = await feed(`/feeds/v1/audiences/${small.id}/members`, keys['meta-ads'] as string);
    expect(refused.status).toBe(403);
    expect(refused.text).toMatch(/minimum of 100/);
  });

  let snapshot: string[] = [];
  let cursor0 = 0;

  it('streams a snapshot with identifiers hashed by the partner platform rules', async () => {
    const google = keys['google-ads'] as string;
    const partner = (
      await stack.pool.query<{ secret: string }>(
        `SELECT member_secret AS secret FROM ad_feeds.partners WHERE name = 'google-ads'`,
      )
    ).rows[0]?.secret as string;
    const result = await feed(`/feeds/v1/audiences/${big.id}/members`, google);
    expect(result.status).toBe(200);
    expect(result.lines).toHaveLength(150);
    cursor0 = result.cursor;
    snapshot = result.lines.map((l) => l.member).sort();
    const byMember = new Map(result.lines.map((l) => [l.member, l]));
    for (const p of people.slice(0, 150)) {
      const line = byMember.get(memberKey(partner, p.profileId));
      expect(line?.email).toEqual([(hashEmail(p.email, 'google') as { value: string }).value]);
      expect(line?.phone).toEqual([(hashPhone(p.phone, 'google') as { value: string }).value]);
      expect(line?.maid).toEqual(p.maid ? [p.maid.toLowerCase()] : expect.any(Array));
    }
    // Gmail dots go for Google: the hash is of janedoe0@gmail.com.
    expect(hashEmail(' Jane.Doe0@Gmail.com ', 'google')).toEqual(hashEmail('janedoe0@gmail.com', 'google'));

    const csv = await feed(`/feeds/v1/audiences/${big.id}/members?format=csv`, google);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toBe('member,email,phone,maid');
    expect(rows).toHaveLength(151);

    // Both pulls are logged, newest first, with their rows and cursor (the console's "last pulls").
    const { partners } = await cdp<{ partners: PartnerView[] }>(['partners', 'list']);
    const pulls = partners.find((p) => p.name === 'google-ads')?.lastPulls ?? [];
    expect(pulls.slice(0, 2)).toEqual([
      expect.objectContaining({
        audienceId: big.id,
        kind: 'snapshot',
        rows: 150,
        cursor: csv.cursor,
        complete: true,
      }),
      expect.objectContaining({
        audienceId: big.id,
        kind: 'snapshot',
        rows: 150,
        cursor: cursor0,
        complete: true,
      }),
    ]);
  });

  it('replays delta feeds from any cursor to the current snapshot', async () => {
    const google = keys['google-ads'] as string;
    // Ten leave the audience, ten new people join.
    await publishResolved(stack.bus, [
      ...people.slice(140, 150).map((p) => identify(p, 'gone')),
      ...people.slice(150, 160).map((p) => identify(p, 'ads')),
    ]);
    const now = async () =>
      (await feed(`/feeds/v1/audiences/${big.id}/members`, google)).lines.map((l) => l.member).sort();
    await waitFor(
      async () => (await now()).length === 150 && (await now()).join() !== snapshot.join(),
      30_000,
      'moved',
    );
    const midway = await feed(`/feeds/v1/audiences/${big.id}/changes?since=${cursor0}`, google);
    const cursor1 = midway.cursor;
    const atCursor1 = replay(snapshot, midway.lines);
    // More moves after the second cursor: five back in.
    await publishResolved(
      stack.bus,
      people.slice(140, 145).map((p) => identify(p, 'ads')),
    );
    await waitFor(async () => (await now()).length === 155, 30_000, 'five back');
    const current = await now();

    const fromZero = await feed(`/feeds/v1/audiences/${big.id}/changes?since=0`, google);
    expect(replay([], fromZero.lines)).toEqual(current);
    const fromFirst = await feed(`/feeds/v1/audiences/${big.id}/changes?since=${cursor0}`, google);
    expect(replay(snapshot, fromFirst.lines)).toEqual(current);
    const fromSecond = await feed(`/feeds/v1/audiences/${big.id}/changes?since=${cursor1}`, google);
    expect(replay(atCursor1, fromSecond.lines)).toEqual(current);
    expect(fromSecond.lines.every((l) => l.op === 'add')).toBe(true);
    expect(fromSecond.cursor).toBeGreaterThan(cursor1);
    expect((await feed(`/feeds/v1/audiences/${big.id}/changes?since=soon`, google)).status).toBe(400);
  }, 90_000);

  it('answers an OpenRTB 2.6 lookup with user.data segments, and IAB ids where mapped', async () => {
    const google = keys['google-ads'] as string;
    const p = people[3] as Person; // a member with a device id
    await waitFor(
      async () => (await lookup({ user: { buyeruid: `ads-user-${p.n}` } }, google)).data.length > 0,
      10_000,
      'indexed',
    );
    const bid = await lookup(
      {
        id: 'auction-1',
        imp: [{ id: '1', banner: { w: 300, h: 250 } }],
        user: { buyeruid: `ads-user-${p.n}` },
        device: { ua: 'x' },
      },
      google,
    );
    expect(bid.status).toBe(200);
    for (const d of bid.data) expect(dataSchema.safeParse(d).success).toBe(true);
    const [own, iab] = bid.data;
    expect(own?.segment).toEqual([{ id: big.id, name: 'Ad readers' }]);
    expect(own?.ext).toEqual({ segtax: 600 });
    expect(iab?.ext).toEqual({ segtax: 4 });
    expect(iab?.segment?.map((s) => s.id)).toEqual(['3', '7']);

    // By device id, by SHA-256 of the email, by user id; an unknown user gets no data.
    const byDevice = await lookup({ device: { ifa: p.maid } }, google);
    expect(byDevice.data[0]?.segment?.[0]?.id).toBe(big.id);
    const limited = await lookup({ device: { ifa: p.maid, lmt: 1 } }, google);
    expect(limited.data).toEqual([]);
    const hashed = (hashEmail(p.email, 'meta') as { value: string }).value;
    const byEmail = (await (
      await fetch(`${feedsUrl}/rtb/v1/users/${hashed}/segments`, {
        headers: { authorization: `Bearer ${google}` },
      })
    ).json()) as {
      user: { data: Data[] };
    };
    expect(byEmail.user.data[0]?.segment?.[0]?.id).toBe(big.id);
    expect((await lookup({ user: { id: 'nobody' } }, google)).data).toEqual([]);
    // Meta sees only what is shared with it: the VIP audience, not Ad readers.
    const vip = people[2] as Person;
    const metaView = await lookup({ user: { buyeruid: `ads-user-${vip.n}` } }, keys['meta-ads'] as string);
    expect(metaView.data.flatMap((d) => d.segment ?? []).map((s) => s.id)).toEqual([small.id]);
    const bad = await fetch(`${feedsUrl}/openrtb/v1/segments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${google}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: { eids: 'nope' } }),
    });
    expect(bad.status).toBe(400);
  });

  it('rate-limits each key and rotates keys', async () => {
    const slow = await cdp<{ key: string }>([
      'partners',
      'create',
      'slow-dsp',
      '--platform',
      'uid2',
      '--rate',
      '2',
    ]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await lookup({ user: { id: 'x' } }, slow.key)).status);
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(statuses.slice(2)).toContain(429);

    const rotated = await cdp<{ key: string | null }>([
      'partners',
      'keys',
      'google-ads',
      '--rotate',
      '--grace-minutes',
      '0',
    ]);
    expect((await lookup({ user: { id: 'x' } }, keys['google-ads'] as string)).status).toBe(401);
    expect((await lookup({ user: { id: 'x' } }, rotated.key as string)).status).toBe(200);
    keys['google-ads'] = rotated.key as string;
  });

  it('reports sizes and overlaps with the k-anonymity floor', async () => {
    await cdp(['partners', 'share', 'meta-ads', 'Ad readers']);
    const report = await cdp<{
      audiences: Array<{ audienceId: string; count: number | null; floored: boolean }>;
      overlaps: Array<{ count: number | null; floored: boolean }>;
    }>(['partners', 'report', 'meta-ads']);
    const sizes = new Map(report.audiences.map((a) => [a.audienceId, a]));
    expect(sizes.get(small.id)).toMatchObject({ count: null, floored: true });
    expect(sizes.get(big.id)?.count).toBe(155);
    expect(report.overlaps).toEqual([expect.objectContaining({ count: null, floored: true })]);
    // The partner reads the same report over HTTP with its key.
    const own = (await (
      await fetch(`${feedsUrl}/feeds/v1/report`, { headers: { authorization: `Bearer ${keys['meta-ads']}` } })
    ).json()) as { audiences: Array<{ audienceId: string; count: number | null }> };
    expect(own.audiences.map((a) => a.count).sort()).toEqual([155, null].sort());
  });
});
