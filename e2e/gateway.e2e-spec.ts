import { randomUUID } from 'node:crypto';
import type { ProfileView } from '@cdp/identity/contracts';
import { canConnectToNats, waitFor } from '@cdp/shared/testing';
import { SERVICE_NAMES } from '@cdp/shared/util-config';
import { freePorts } from '@cdp/shared/util-process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from './stack.js';
import { startAlone, waitReady } from './support.js';

const natsUrl = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
const natsMissing = !process.env['CI'] && !(await canConnectToNats(natsUrl));

const ADMIN = { email: 'ops@example.test', password: 'correct horse battery staple' };
const BOOTSTRAP_KEY = `cdp_admin_${randomUUID()}${randomUUID()}`;

let stack: Stack;
let gateway: ReturnType<typeof startAlone>;
let base: string;

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { error?: { code: string; message: string } };
  headers: Headers;
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  auth: { key?: string; cookie?: string } = { key: BOOTSTRAP_KEY },
  body?: unknown,
): Promise<Answer<T>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth.key ? { authorization: `Bearer ${auth.key}` } : {}),
      ...(auth.cookie ? { cookie: auth.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: (text ? JSON.parse(text) : {}) as Answer<T>['body'],
    headers: response.headers,
  };
}

/** Polls `read` until it gives a value (every 100 ms), or fails naming `what`. */
async function eventually<T>(
  read: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  let value: T | undefined;
  await waitFor(async () => (value = await read()) !== undefined, timeoutMs, what, 100);
  return value as T;
}

beforeAll(async () => {
  if (natsMissing) return;
  stack = await startStack('gateway', natsUrl, { ingestion: {}, identity: {} });
  const [port] = await freePorts(1);
  base = `http://127.0.0.1:${port}`;
  // The services this suite does not run point at a closed port: the overview must say they are down.
  const urls = SERVICE_NAMES.filter((n) => n !== 'gateway')
    .map((n) => `${n}=${stack.urls[n] ?? 'http://127.0.0.1:1'}`)
    .join(',');
  gateway = startAlone('gateway', {
    ...stack.env,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    GATEWAY_ADMIN_EMAIL: ADMIN.email,
    GATEWAY_ADMIN_PASSWORD: ADMIN.password,
    GATEWAY_BOOTSTRAP_API_KEY: BOOTSTRAP_KEY,
    GATEWAY_SERVICE_URLS: urls,
    GATEWAY_REQUEST_TIMEOUT_MS: '3000',
    GATEWAY_RATE_PER_SECOND: '50',
    GATEWAY_RATE_BURST: '100',
    GATEWAY_LOGIN_ATTEMPTS_PER_MINUTE: '5',
  });
  await waitReady(base, gateway.exited);
}, 120_000);

afterAll(async () => {
  gateway?.child.kill('SIGTERM');
  await gateway?.exited;
  await stack?.stop();
});

describe.skipIf(natsMissing)('gateway: the admin API', () => {
  it('documents every route in OpenAPI 3.1 at /api/docs, each of which answers', async () => {
    const doc = await call<{ openapi: string; paths: Record<string, Record<string, { summary: string }>> }>(
      'GET',
      '/api/docs',
      {},
    );
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.body.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    // What the issue asks the admin API to cover, one operation per capability.
    for (const expected of [
      'GET /api/v1/sources',
      'POST /api/v1/sources',
      'POST /api/v1/sources/{source}/rotate-key',
      'GET /api/v1/profiles',
      'GET /api/v1/profiles/{profileId}/timeline',
      'GET /api/v1/profiles/{profileId}/features',
      'GET /api/v1/profiles/{profileId}/segments',
      'GET /api/v1/profiles/{profileId}/scores',
      'POST /api/v1/profiles/{profileId}/unmerge',
      'DELETE /api/v1/profiles',
      'POST /api/v1/segmentation/models',
      'GET /api/v1/segmentation/models',
      'GET /api/v1/segmentation/compare',
      'PATCH /api/v1/segmentation/segments/{segmentId}',
      'POST /api/v1/prediction/models',
      'GET /api/v1/prediction/models/{modelId}',
      'POST /api/v1/prediction/models/{modelId}/promote',
      'POST /api/v1/prediction/rollback',
      'GET /api/v1/audiences',
      'POST /api/v1/audiences',
      'PUT /api/v1/audiences/{audience}',
      'DELETE /api/v1/audiences/{audience}',
      'POST /api/v1/audiences/estimate',
      'GET /api/v1/audiences/{audience}/members',
      'GET /api/v1/campaigns',
      'GET /api/v1/deliveries',
      'GET /api/v1/partners',
      'GET /api/v1/dead-letters',
      'POST /api/v1/dead-letters/{id}/replay',
      'GET /api/v1/overview',
      'POST /api/v1/auth/login',
      'POST /api/v1/api-keys',
      'GET /api/v1/audit',
    ]) {
      expect(operations).toContain(expected);
    }
    // Every documented route is a real one: none answers the gateway's "no route" 404.
    for (const operation of operations) {
      const [method, path] = operation.split(' ') as [string, string];
      const concrete = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      // Only reads are called, so the check changes nothing.
      if (method !== 'GET') continue;
      const answer = await call(method, concrete);
      expect(answer.body.error?.message ?? '', operation).not.toMatch(/^no route/);
    }
    const unknown = await call('GET', '/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.message).toMatch(/no route GET \/api\/v1\/nothing-here/);
  });

  it('refuses callers without a valid key or session, and logs a console user in with a cookie', async () => {
    expect((await call('GET', '/api/v1/sources', {})).status).toBe(401);
    const forged = await call('GET', '/api/v1/sources', { key: 'cdp_admin_forged' });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.message).toMatch(/API key/);

    const wrong = await call('POST', '/api/v1/auth/login', {}, { email: ADMIN.email, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.message).toBe('wrong email or password');

    const login = await call<{ user: { email: string; role: string } }>(
      'POST',
      '/api/v1/auth/login',
      {},
      ADMIN,
    );
    expect(login.status).toBe(200);
    expect(login.body.user).toEqual({ email: ADMIN.email, role: 'admin' });
    const setCookie = login.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/cdp_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0] as string;
    const me = await call<{ user: { role: string; email: string } }>('GET', '/api/v1/auth/me', { cookie });
    expect(me.body.user).toMatchObject({ email: ADMIN.email, role: 'admin' });

    await call('POST', '/api/v1/auth/logout', { cookie });
    expect((await call('GET', '/api/v1/auth/me', { cookie })).status).toBe(401);
  });

  it('lets an analyst key read but never write, and audits every write with its outcome', async () => {
    const created = await call<{ key: string; apiKey: { id: string; role: string } }>(
      'POST',
      '/api/v1/api-keys',
      undefined,
      { name: 'analyst-e2e', role: 'analyst' },
    );
    expect(created.status).toBe(200);
    expect(created.body.key).toMatch(/^cdp_analyst_/);
    const analyst = { key: created.body.key };

    const before = await call<{ sources: unknown[] }>('GET', '/api/v1/sources', analyst);
    expect(before.status).toBe(200);

    const refused = await call('POST', '/api/v1/sources', analyst, { name: 'analyst-made' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(refused.body.error?.message).toMatch(/analyst role is read-only/);
    for (const [method, path, body] of [
      ['POST', '/api/v1/audiences', { name: 'x', rule: {} }],
      ['PATCH', '/api/v1/segmentation/segments/s1', { name: 'x' }],
      ['POST', '/api/v1/prediction/models/00000000-0000-4000-8000-000000000000/promote', {}],
      ['DELETE', '/api/v1/profiles?identifier=user_id:someone', undefined],
      ['POST', '/api/v1/dead-letters/replay', {}],
      ['POST', '/api/v1/api-keys', { name: 'escalate', role: 'admin' }],
    ] as const) {
      expect((await call(method, path, analyst, body)).status, `${method} ${path}`).toBe(403);
    }
    expect((await call('GET', '/api/v1/audit', analyst)).status).toBe(403);
    expect((await call('GET', '/api/v1/api-keys', analyst)).status).toBe(403);
    const after = await call<{ sources: Array<{ name: string }> }>('GET', '/api/v1/sources', analyst);
    expect(after.body.sources.map((s) => s.name)).not.toContain('analyst-made');

    const source = await call<{ name: string; writeKey: string }>('POST', '/api/v1/sources', undefined, {
      name: 'gateway-e2e',
    });
    expect(source.status).toBe(200);
    expect(source.body.writeKey.length).toBeGreaterThan(20);

    const audit = await call<{
      entries: Array<{
        actor: string;
        role: string;
        method: string;
        route: string;
        status: number;
        details: { body: unknown };
      }>;
    }>('GET', '/api/v1/audit?limit=50');
    const entries = audit.body.entries;
    expect(audit.status, JSON.stringify(audit.body)).toBe(200);
    expect(entries.find((e) => e.route === '/api/v1/sources' && e.status === 200)).toMatchObject({
      actor: expect.stringMatching(/^key:bootstrap-/),
      role: 'admin',
      method: 'POST',
      details: { body: { name: 'gateway-e2e' } },
    });
    expect(entries.find((e) => e.route === '/api/v1/sources' && e.status === 403)).toMatchObject({
      actor: 'key:analyst-e2e',
      role: 'analyst',
    });
    // Secrets in a body never reach the log.
    expect(JSON.stringify(entries)).not.toContain(ADMIN.password);

    // A revoked key is refused from then on.
    expect((await call('DELETE', `/api/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(200);
    expect((await call('GET', '/api/v1/sources', analyst)).status).toBe(401);
  });

  it('names the wrong field of a bad request, and says which service is not running (503)', async () => {
    const bad = await call('POST', '/api/v1/sources', undefined, { name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/name: a source needs a name/);

    const down = await call('GET', '/api/v1/segmentation/models');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(down.body.error?.message).toMatch(/the clustering service is not running/);
  });

  it('finds a profile by any identifier, with its timeline from the raw events', async () => {
    const source = await call<{ writeKey: string }>('POST', '/api/v1/sources', undefined, {
      name: 'timeline',
    });
    const userId = `gw-${randomUUID().slice(0, 8)}`;
    const send = (batch: unknown[]) =>
      fetch(`${stack.urls.ingestion}/v1/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Basic ${Buffer.from(`${source.body.writeKey}:`).toString('base64')}`,
        },
        body: JSON.stringify({ batch }),
      });
    const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    const sent = await send([
      { type: 'page', anonymousId: 'gw-anon', name: 'Home', messageId: randomUUID(), timestamp: at(30) },
      {
        type: 'identify',
        anonymousId: 'gw-anon',
        userId,
        traits: { email: `${userId}@example.test` },
        messageId: randomUUID(),
        timestamp: at(20),
      },
      {
        type: 'track',
        userId,
        event: 'Article Viewed',
        properties: { seconds: 42 },
        messageId: randomUUID(),
        timestamp: at(10),
      },
    ]);
    expect(sent.status).toBe(200);

    const found = await eventually(
      async () => {
        const answer = await call<ProfileView>(
          'GET',
          `/api/v1/profiles?identifier=email:${userId}@example.test`,
        );
        return answer.status === 200 && answer.body.identifiers.length === 3 ? answer.body : undefined;
      },
      20_000,
      'the profile resolved',
    );
    const byUser = await call<ProfileView>('GET', `/api/v1/profiles?identifier=user_id:${userId}`);
    expect(byUser.body.profileId).toBe(found.profileId);

    const timeline = await eventually(
      async () => {
        const answer = await call<{
          events: Array<{ type: string; event: string | null; properties: object }>;
        }>('GET', `/api/v1/profiles/${found.profileId}/timeline`);
        return answer.body.events?.length === 3 ? answer.body.events : undefined;
      },
      20_000,
      'the timeline has the three events',
    );
    expect(timeline.map((e) => e.type)).toEqual(['track', 'identify', 'page']);
    expect(timeline[0]).toMatchObject({ event: 'Article Viewed', properties: { seconds: 42 } });

    const missing = await call('GET', '/api/v1/profiles?identifier=email:nobody@example.test');
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toMatch(/no profile has email:nobody@example.test/);
  });

  it('gives an overview: stored events, profiles, each stage backlog, dead letters and who is down', async () => {
    const overview = await eventually(
      async () => {
        const answer = await call<{
          services: Record<string, { ready: boolean; problem?: string }>;
          events: { stored: number };
          profiles: { profiles: number; identifiers: number } | null;
          lag: Array<{ stage: string; subject: string; pending: number }>;
          deadLetters: number;
        }>('GET', '/api/v1/overview');
        return answer.body.events.stored >= 3 && (answer.body.profiles?.profiles ?? 0) >= 1
          ? answer.body
          : undefined;
      },
      20_000,
      'the overview counted the events',
    );
    expect(overview.services['ingestion']).toMatchObject({ ready: true });
    expect(overview.services['identity']).toMatchObject({ ready: true });
    expect(overview.services['gateway']).toMatchObject({ ready: true });
    expect(overview.services['clustering']).toMatchObject({ ready: false, problem: 'not reachable' });
    expect(overview.profiles?.identifiers).toBeGreaterThanOrEqual(3);
    expect(overview.lag.map((l) => l.stage)).toContain('identity');
    expect(overview.lag.every((l) => l.pending >= 0)).toBe(true);
    expect(overview.deadLetters).toBe(0);
  });

  it('serves the console at / and its assets', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<div id="root">/);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const script = await fetch(`${base}${asset}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('rate limits each key: 429 with Retry-After past the burst, and locks out repeated failed logins', async () => {
    const created = await call<{ key: string }>('POST', '/api/v1/api-keys', undefined, {
      name: 'busy-e2e',
      role: 'analyst',
    });
    const answers = await Promise.all(
      Array.from({ length: 250 }, () => call('GET', '/api/v1/auth/me', { key: created.body.key })),
    );
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(100);
    expect(Number(limited[0]?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited[0]?.body.error?.message).toMatch(/more than 50 requests a second/);
    // Another key is not slowed down by that one.
    expect((await call('GET', '/api/v1/auth/me')).status).toBe(200);

    const attempts: number[] = [];
    for (let i = 0; i < 7; i++) {
      const answer = await call(
        'POST',
        '/api/v1/auth/login',
        {},
        { email: ADMIN.email, password: `guess-${i}` },
      );
      attempts.push(answer.status);
    }
    // Five failures a minute per address (one was spent by the login test), then 429...
    expect(attempts.filter((s) => s === 401).length).toBeGreaterThanOrEqual(3);
    expect(attempts.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(attempts.slice(-2)).toEqual([429, 429]);
    // ...even for the right password, until the minute has refilled the bucket.
    expect((await call('POST', '/api/v1/auth/login', {}, ADMIN)).status).toBe(429);
  });
});
