import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canConnectToNats,
  createTestDatabase,
  deleteBusNamespace,
  type TestDatabase,
  waitFor,
} from '@cdp/shared/testing';
import { freePorts } from '@cdp/shared/util-process';
import { runCli, startAlone, waitReady } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

// Ingestion, identity and the feature store as their own processes on JetStream, driven by HTTP and the CLI.
describe.skipIf(natsMissing)('identity with ingestion: lookup, unmerge and erasure from the CLI', () => {
  const namespace = `e2e-identity-${randomBytes(3).toString('hex')}`;
  let database: TestDatabase;
  let env: Record<string, string>;
  let services: Array<ReturnType<typeof startAlone>> = [];
  let ingestionUrl: string;
  let writeKey: string;
  let pool: pg.Pool;

  const cdp = (args: string[]) => runCli(args, env);

  async function send(batch: Array<Record<string, unknown>>): Promise<void> {
    const response = await fetch(`${ingestionUrl}/v1/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
      },
      body: JSON.stringify({ batch }),
    });
    expect(response.status).toBe(200);
  }

  async function profile(identifier: string): Promise<
    | {
        profileId: string;
        identifiers: Array<{ type: string; value: string }>;
        merges: Array<{ mergeId: string; mergedProfileId: string }>;
      }
    | undefined
  > {
    const result = await cdp(['profiles', 'get', identifier, '--json']);
    return result.code === 0 ? JSON.parse(result.stdout) : undefined;
  }

  /** Rows of the platform's own schemas whose text mentions any of `values`. */
  async function rowsMentioning(values: string[]): Promise<string[]> {
    const tables = await pool.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
       WHERE table_schema IN ('ingestion', 'identity', 'feature_store') AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_\\_%'`,
    );
    const found: string[] = [];
    for (const { table_schema, table_name } of tables.rows) {
      const rows = await pool.query<{ row: string }>(
        `SELECT t::text AS row FROM ${table_schema}."${table_name}" t`,
      );
      for (const r of rows.rows)
        if (values.some((v) => r.row.toLowerCase().includes(v.toLowerCase())))
          found.push(`${table_schema}.${table_name}`);
    }
    return found;
  }

  beforeAll(async () => {
    database = await createTestDatabase('e2e_identity');
    env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_NAMESPACE: namespace };
    const [ingestionPort, identityPort, featuresPort] = await freePorts(3);
    services = [
      startAlone('ingestion', { ...env, PORT: String(ingestionPort), LOG_LEVEL: 'warn' }),
      startAlone('identity', { ...env, PORT: String(identityPort), LOG_LEVEL: 'warn' }),
      startAlone('feature-store', { ...env, PORT: String(featuresPort), LOG_LEVEL: 'warn' }),
    ];
    ingestionUrl = `http://127.0.0.1:${ingestionPort}`;
    await Promise.all([
      waitReady(ingestionUrl, services[0]!.exited),
      waitReady(`http://127.0.0.1:${identityPort}`, services[1]!.exited),
      waitReady(`http://127.0.0.1:${featuresPort}`, services[2]!.exited),
    ]);
    pool = new pg.Pool({ connectionString: database.url, max: 2 });
    const created = await cdp(['sources', 'create', 'web', '--json']);
    writeKey = (JSON.parse(created.stdout) as { writeKey: string }).writeKey;
  }, 120_000);

  afterAll(async () => {
    for (const service of services) service.child.kill('SIGTERM');
    await Promise.all(services.map((s) => s.exited));
    await pool?.end();
    await database?.drop();
    await deleteBusNamespace(natsUrl, namespace);
  }, 60_000);

  it('resolves a person across devices, undoes a wrong merge, then erases them everywhere', async () => {
    await send([
      { type: 'page', anonymousId: 'zoe-phone', name: 'Home' },
      { type: 'identify', anonymousId: 'zoe-phone', userId: 'zoe', traits: { email: 'Zoe@Example.com' } },
      { type: 'track', anonymousId: 'zoe-laptop', event: 'Search', properties: { query: 'boots' } },
      { type: 'identify', anonymousId: 'zoe-laptop', userId: 'zoe' },
      { type: 'identify', userId: 'yan', anonymousId: 'yan-phone', traits: { email: 'yan@example.com' } },
    ]);
    await waitFor(
      async () => (await profile('anonymous_id:zoe-laptop'))?.identifiers.length === 4,
      30_000,
      'zoe resolved',
    );
    const zoe = await profile('email:zoe@example.com');
    expect(zoe?.identifiers.map((i) => `${i.type}:${i.value}`).sort()).toEqual([
      'anonymous_id:zoe-laptop',
      'anonymous_id:zoe-phone',
      'email:zoe@example.com',
      'user_id:zoe',
    ]);

    // Her features, by any of her identifiers: one page view (Home), on one day.
    const features = async (): Promise<Record<string, number | string | null> | undefined> => {
      const result = await cdp(['features', 'get', 'email:zoe@example.com', '--json']);
      return result.code === 0
        ? (JSON.parse(result.stdout) as { features: Record<string, number> }).features
        : undefined;
    };
    await waitFor(async () => (await features())?.['intent.clicks_7d'] === 1, 30_000, "zoe's features");
    expect((await features())?.['engagement.active_days_7d']).toBe(1);
    const verified = await cdp(['features', 'backfill', '--verify', '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ state: 'done', mismatches: 0 });

    // A training set by identifier, each row as of its own time, and the matrix export.
    const rowsFile = join(mkdtempSync(join(tmpdir(), 'cdp-e2e-')), 'rows.csv');
    writeFileSync(
      rowsFile,
      `profile,timestamp,label\nemail:zoe@example.com,${new Date(Date.now() + 60_000).toISOString()},1\n` +
        'email:zoe@example.com,2000-01-01T00:00:00Z,0\n',
    );
    const trainingSet = await cdp([
      'features',
      'training-set',
      '--rows',
      rowsFile,
      '--out',
      '-',
      '--names',
      'intent.clicks_7d,engagement.active_days_7d',
    ]);
    expect(trainingSet.code, trainingSet.stderr).toBe(0);
    expect(trainingSet.stdout.trim().split('\n').slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${zoe?.profileId},[^,]+,1,1,1$`)),
      `${zoe?.profileId},2000-01-01T00:00:00Z,0,0,0`,
    ]);
    const exported = await cdp(['features', 'export', '--out', '-', '--names', 'intent.clicks_7d']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout.split('\n')[0]).toBe('profile_id,intent.clicks_7d');
    expect(exported.stdout).toContain(`${zoe?.profileId},1\n`);

    // A kiosk wrongly aliased to zoe, then split again.
    await send([{ type: 'track', anonymousId: 'kiosk-7', event: 'Viewed' }]);
    await waitFor(
      async () => (await profile('anonymous_id:kiosk-7')) !== undefined,
      30_000,
      'kiosk resolved',
    );
    const kiosk = await profile('anonymous_id:kiosk-7');
    await send([{ type: 'alias', previousId: 'kiosk-7', userId: 'zoe' }]);
    await waitFor(
      async () => (await profile('anonymous_id:kiosk-7'))?.profileId === zoe?.profileId,
      30_000,
      'kiosk merged into zoe',
    );
    const merge = (await profile('user_id:zoe'))?.merges.find((m) => m.mergedProfileId === kiosk?.profileId);
    expect(merge).toBeDefined();
    const split = await cdp([
      'profiles',
      'unmerge',
      zoe?.profileId ?? '',
      '--link',
      merge?.mergeId ?? '',
      '--json',
    ]);
    expect(split.code, split.stderr).toBe(0);
    expect((await profile('anonymous_id:kiosk-7'))?.profileId).toBe(kiosk?.profileId);

    // Erase zoe: nothing of hers is left in any table of ingestion, identity or the feature store.
    const erased = await cdp(['profiles', 'delete', 'user_id:zoe', '--actor', 'dpo@example.com', '--json']);
    expect(erased.code, erased.stderr).toBe(0);
    const zoeValues = ['zoe-phone', 'zoe-laptop', 'zoe@example.com', '"zoe"'];
    await waitFor(
      async () => (await rowsMentioning(zoeValues)).length === 0,
      30_000,
      'zoe erased everywhere',
    );
    expect(await profile('user_id:zoe')).toBeUndefined();
    expect((await cdp(['profiles', 'get', 'user_id:zoe'])).stderr).toMatch(/no profile has user_id:zoe/);
    expect((await profile('email:yan@example.com'))?.identifiers).toHaveLength(3);

    // Her later events are answered 200 and dropped at ingestion.
    await send([
      { type: 'track', userId: 'zoe', event: 'Came Back' },
      { type: 'track', anonymousId: 'yan-phone', event: 'Marker' },
    ]);
    await waitFor(
      async () =>
        (await pool.query("SELECT 1 FROM ingestion.raw_events WHERE payload->>'event' = 'Marker'"))
          .rowCount === 1,
      30_000,
      'the marker stored',
    );
    expect(
      (await pool.query("SELECT 1 FROM ingestion.raw_events WHERE payload->>'event' = 'Came Back'")).rowCount,
    ).toBe(0);
    expect(await rowsMentioning(zoeValues)).toEqual([]);
  }, 180_000);
});
