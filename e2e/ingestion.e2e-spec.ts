import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { Analytics } from '@segment/analytics-node';
import RudderAnalytics from '@rudderstack/rudder-sdk-node';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canConnectToNats,
  createTestDatabase,
  deleteBusNamespace,
  type TestDatabase,
  waitFor,
} from '@cdp/shared/testing';
import { freePort } from '@cdp/shared/util-process';
import { cli, ROOT, startAlone, waitReady } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));
const ADS_CSV = resolve(ROOT, 'data/user_profiles_for_ads.csv');

// The ingestion service and the CLI as real processes, on JetStream in a namespace of this run.
describe.skipIf(natsMissing)('ingestion with real SDKs, the CLI and the raw store', () => {
  const namespace = `e2e-ingest-${randomBytes(3).toString('hex')}`;
  let database: TestDatabase;
  let env: Record<string, string>;
  let service: ReturnType<typeof startAlone>;
  let url: string;
  let pool: pg.Pool;
  let flaky: Server;
  let flakyUrl: string;
  let refused = 0;

  const cdp = (args: string[]) => cli(args, env);

  async function rows(sourceId: string): Promise<Array<Record<string, unknown>>> {
    const result = await pool.query<{ payload: Record<string, unknown> }>(
      'SELECT payload FROM ingestion.raw_events WHERE source_id = $1',
      [sourceId],
    );
    return result.rows.map((r) => r.payload);
  }

  async function settle(sourceId: string, expected: number): Promise<Array<Record<string, unknown>>> {
    await waitFor(
      async () => {
        const r = await pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM ingestion.raw_events WHERE source_id = $1',
          [sourceId],
        );
        return Number(r.rows[0]?.n) >= expected;
      },
      60_000,
      `${expected} stored events`,
    );
    // A moment more: a late duplicate would show up now.
    await new Promise((r) => setTimeout(r, 300));
    return rows(sourceId);
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e_ingestion');
    env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
    const port = await freePort();
    service = startAlone('ingestion', { ...env, PORT: String(port), LOG_LEVEL: 'warn' });
    url = `http://127.0.0.1:${port}`;
    await waitReady(url, service.exited);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });

    // Between the SDKs and the service: every fifth request is refused with a 503 before it
    // reaches the service, so the SDKs' retries are exercised.
    let seen = 0;
    flaky = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen += 1;
        if (seen % 5 === 0) {
          refused += 1;
          res.writeHead(503, { 'content-type': 'application/json' }).end('{"code":"UNAVAILABLE"}');
          return;
        }
        const headers = Object.fromEntries(
          Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
        ) as Record<string, string>;
        fetch(`${url}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) })
          .then(async (upstream) => {
            res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(await upstream.text());
          })
          .catch(() => res.writeHead(502).end());
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const address = flaky.address();
    flakyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    flaky?.close();
    await pool?.end();
    service?.child.kill('SIGTERM');
    await service?.exited;
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);

  it('stores 10,000 events from @segment/analytics-node exactly once, fields intact, through refused requests', async () => {
    const created = JSON.parse(await cdp(['sources', 'create', 'segment-node', '--json'])) as {
      id: string;
      writeKey: string;
    };
    expect(created.writeKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const analytics = new Analytics({
      writeKey: created.writeKey,
      host: flakyUrl,
      flushAt: 250,
      flushInterval: 200,
      maxRetries: 10,
    });
    const failures: unknown[] = [];
    analytics.on('error', (error) => failures.push(error));
    for (let i = 0; i < 10_000; i++) {
      const userId = `user-${i % 500}`;
      if (i % 10 === 0)
        analytics.identify({ userId, traits: { seq: i, plan: i % 20 === 0 ? 'pro' : 'free' } });
      else if (i % 10 === 1)
        analytics.page({ userId, name: 'Article', properties: { seq: i, path: `/a/${i}` } });
      else
        analytics.track({
          userId,
          event: 'Ad Clicked',
          properties: { seq: i, campaign: `c${i % 7}`, cost: i / 100 },
        });
    }
    await analytics.closeAndFlush({ timeout: 60_000 });
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(0);

    const stored = await settle(created.id, 10_000);
    expect(stored).toHaveLength(10_000);
    const seqs = stored
      .map((e) => ((e['properties'] ?? e['traits']) as { seq: number }).seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    const sample = stored.find((e) => (e['properties'] as { seq?: number } | undefined)?.seq === 4_242);
    expect(sample).toMatchObject({
      type: 'track',
      event: 'Ad Clicked',
      userId: 'user-242',
      properties: { seq: 4_242, campaign: 'c0', cost: 42.42 },
      context: { library: { name: '@segment/analytics-node' } },
    });
    expect(stored.filter((e) => e['type'] === 'identify')).toHaveLength(1_000);
    expect(stored.filter((e) => e['type'] === 'page')).toHaveLength(1_000);
  }, 180_000);

  it('stores 1,000 events from @rudderstack/rudder-sdk-node exactly once', async () => {
    const created = JSON.parse(await cdp(['sources', 'create', 'rudder-node', '--json'])) as {
      id: string;
      writeKey: string;
    };
    const client = new RudderAnalytics(created.writeKey, {
      dataPlaneUrl: flakyUrl,
      flushAt: 100,
      flushInterval: 200,
      retryCount: 10,
      logLevel: 'error',
    });
    for (let i = 0; i < 1_000; i++) {
      client.track({
        userId: `r-${i % 50}`,
        event: 'Product Viewed',
        properties: { seq: i, sku: `sku-${i}` },
      });
    }
    await client.flush();
    const stored = await settle(created.id, 1_000);
    expect(stored).toHaveLength(1_000);
    expect(new Set(stored.map((e) => (e['properties'] as { seq: number }).seq)).size).toBe(1_000);
    expect(stored[0]).toMatchObject({
      type: 'track',
      event: 'Product Viewed',
      context: { library: { name: 'analytics-node' } }, // what rudder-sdk-node calls itself
    });
  }, 120_000);

  it('imports user_profiles_for_ads.csv with the CLI: 1,000 identified users with their 15 traits', async () => {
    await cdp(['sources', 'create', 'ads-profiles', '--kind', 'import']);
    const report = JSON.parse(
      await cdp(['import', ADS_CSV, '--source', 'ads-profiles', '--kind', 'profiles', '--json']),
    ) as { sourceId: string; rows: number; imported: number; rejected: number };
    expect(report).toMatchObject({ rows: 1_000, imported: 1_000, rejected: 0 });
    const stored = await settle(report.sourceId, 1_000);
    expect(new Set(stored.map((e) => e['userId'])).size).toBe(1_000);
    expect(
      stored.every((e) => e['type'] === 'identify' && Object.keys(e['traits'] as object).length === 15),
    ).toBe(true);
    expect(stored.find((e) => e['userId'] === '2')?.['traits']).toMatchObject({
      age: '65+',
      likesAndReactions: 9501,
      clickThroughRatesCtr: 0.114,
      incomeLevel: '0-20k',
      topInterests: ['Data Science'],
    });

    // The same file again: every row is a duplicate, nothing new is stored.
    const again = JSON.parse(
      await cdp(['import', ADS_CSV, '--source', 'ads-profiles', '--kind', 'profiles', '--json']),
    ) as { imported: number; duplicates: number };
    expect(again).toMatchObject({ imported: 1_000, duplicates: 1_000 });
    const stats = JSON.parse(await cdp(['events', 'stats', '--json'])) as {
      sources: Array<{ name: string; stored: number; duplicates: number; byType: Record<string, number> }>;
    };
    expect((await rows(report.sourceId)).length).toBe(1_000);
    expect(stats.sources.find((s) => s.name === 'segment-node')).toMatchObject({
      stored: 10_000,
      byType: { identify: 1_000, page: 1_000, track: 8_000 },
    });
  }, 120_000);

  it('lists, rotates and disables sources from the CLI; a disabled source gets 401', async () => {
    const created = JSON.parse(await cdp(['sources', 'create', 'short-lived', '--json'])) as {
      writeKey: string;
    };
    const rotated = JSON.parse(await cdp(['sources', 'rotate-key', 'short-lived', '--json'])) as {
      writeKey: string;
    };
    const send = (key: string) =>
      fetch(`${url}/v1/track`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
        },
        body: JSON.stringify({ userId: 'u', event: 'Ping' }),
      }).then((r) => r.status);
    expect(await send(created.writeKey)).toBe(401);
    expect(await send(rotated.writeKey)).toBe(200);
    await cdp(['sources', 'disable', 'short-lived']);
    expect(await send(rotated.writeKey)).toBe(401);
    const listed = JSON.parse(await cdp(['sources', 'list', '--json'])) as {
      sources: Array<{ name: string; enabled: boolean; writeKeyHint: string }>;
    };
    expect(listed.sources.find((s) => s.name === 'short-lived')).toMatchObject({
      enabled: false,
      writeKeyHint: rotated.writeKey.slice(-4),
    });
    expect(JSON.stringify(listed)).not.toContain(rotated.writeKey);
  }, 60_000);
});
