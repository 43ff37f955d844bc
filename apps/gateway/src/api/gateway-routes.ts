import { SEGMENTS_MODEL_GET, type ModelDetail } from '@cdp/clustering/contracts';
import { PROFILE_GET } from '@cdp/identity/contracts';
import { EVENTS_TIMELINE } from '@cdp/ingestion/contracts';
import type { GatewayRepository } from '@cdp/gateway/data-access-db';
import { BusError, type Bus } from '@cdp/shared/util-messaging';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { OverviewService } from '../overview/overview.service.js';
import { num, parseInput, type ApiRoute } from './api-route.js';

const role = z.enum(['admin', 'analyst']);
const loginBody = z.object({ email: z.string().trim().min(3), password: z.string().min(1) });
const userView = z.object({ email: z.string(), role });
const apiKeyView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  role,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Model b's segments against model a's: the match the retrain made, and the size each way. */
export function compareModels(a: ModelDetail, b: ModelDetail) {
  const sizeInA = new Map(a.segments.map((s) => [s.id, s]));
  return {
    a: { id: a.id, version: a.version, k: a.k, rows: a.rows, quality: a.quality },
    b: { id: b.id, version: b.version, k: b.k, rows: b.rows, quality: b.quality },
    segments: b.segments.map((segment) => {
      // A segment keeps its id across retrains of the same source when it is the same group.
      const from = b.matchedFrom[segment.id] ?? (sizeInA.has(segment.id) ? segment.id : null);
      const before = from ? sizeInA.get(from) : undefined;
      return {
        id: segment.id,
        name: segment.name,
        size: segment.size,
        share: segment.share,
        matchedFrom: before
          ? { id: before.id, name: before.name, size: before.size, share: before.share }
          : null,
      };
    }),
    removed: a.segments
      .filter((s) => !b.segments.some((n) => (b.matchedFrom[n.id] ?? n.id) === s.id))
      .map((s) => ({ id: s.id, name: s.name, size: s.size })),
  };
}

/** Routes the gateway answers itself: login, API keys, users, audit, overview, dead letters. */
export function gatewayRoutes(deps: {
  auth: AuthService;
  repository: GatewayRepository;
  overview: OverviewService;
  bus: Bus;
}): ApiRoute[] {
  const { auth, repository, overview, bus } = deps;
  return [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      tag: 'auth',
      summary: 'Console login: sets the HttpOnly session cookie',
      public: true,
      write: false,
      body: loginBody,
      response: z.object({ user: userView }),
      async handle(c) {
        const { email, password } = parseInput(loginBody, c.body ?? {}, 'login');
        const session = await auth.login(email, password);
        if (!session) throw new BusError('UNAUTHORIZED', 'wrong email or password');
        void c.reply.header('set-cookie', auth.sessionCookie(session.token, session.expiresAt));
        return { user: session.user };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/auth/logout',
      tag: 'auth',
      summary: 'Ends the console session',
      public: true,
      write: false,
      async handle(c) {
        await auth.logout(c.request.headers.cookie);
        void c.reply.header('set-cookie', auth.clearedCookie());
        return { ok: true };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/auth/me',
      tag: 'auth',
      summary: 'Who is calling, and with which role',
      response: z.object({ user: z.object({ actor: z.string(), email: z.string().nullable(), role }) }),
      async handle(c) {
        const principal = c.principal as NonNullable<typeof c.principal>;
        const email = principal.actor.startsWith('user:') ? principal.actor.slice(5) : null;
        return { user: { actor: principal.actor, email: email ?? principal.actor, role: principal.role } };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/api-keys',
      tag: 'admin',
      summary: 'Admin API keys (never their secrets)',
      adminOnly: true,
      response: z.object({ apiKeys: z.array(apiKeyView) }),
      async handle() {
        const keys = await repository.listApiKeys();
        return {
          apiKeys: keys.map((k) => ({
            ...k,
            createdAt: k.createdAt.toISOString(),
            lastUsedAt: iso(k.lastUsedAt),
            revokedAt: iso(k.revokedAt),
          })),
        };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/api-keys',
      tag: 'admin',
      summary: 'A new API key with a role (admin or analyst); the key is shown this once',
      body: z.object({ name: z.string().trim().min(1).max(100), role }),
      response: z.object({ key: z.string(), apiKey: apiKeyView }),
      async handle(c) {
        const body = parseInput(
          z.object({ name: z.string().trim().min(1).max(100), role }),
          c.body ?? {},
          'API key',
        );
        const created = await auth.createApiKey(body.name, body.role);
        if (!created) throw new BusError('CONFLICT', `a live API key is already named "${body.name}"`);
        const k = created.apiKey;
        return {
          key: created.key,
          apiKey: { ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: null, revokedAt: null },
        };
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/api-keys/:id',
      tag: 'admin',
      summary: 'Revoke an API key (it is refused from now on)',
      response: z.object({ revoked: z.boolean() }),
      async handle(c) {
        const id = parseInput(z.string().uuid(), c.params['id'], 'API key id');
        if (!(await repository.revokeApiKey(id))) throw new BusError('NOT_FOUND', `no live API key ${id}`);
        return { revoked: true };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/users',
      tag: 'admin',
      summary: 'Console users',
      adminOnly: true,
      response: z.object({ users: z.array(z.object({ id: z.string(), email: z.string(), role })) }),
      async handle() {
        const users = await repository.listUsers();
        return { users: users.map((u) => ({ id: u.id, email: u.email, role: u.role })) };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/users',
      tag: 'admin',
      summary: 'A new console user with a role',
      body: z.object({ email: z.string().email(), password: z.string().min(8), role }),
      response: z.object({ user: userView }),
      async handle(c) {
        const body = parseInput(
          z.object({ email: z.string().trim().email(), password: z.string().min(8), role }),
          c.body ?? {},
          'user',
        );
        const user = await auth.createUser(body.email, body.password, body.role);
        if (!user) throw new BusError('CONFLICT', `a user with email ${body.email} exists`);
        return { user: { email: user.email, role: user.role } };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/audit',
      tag: 'admin',
      summary: 'The audit log of writes, newest first',
      adminOnly: true,
      query: z.object({ limit: z.number().int().optional(), before: z.number().int().optional() }),
      async handle(c) {
        const limit = parseInput(
          z.number().int().min(1).max(1000).default(100),
          num(c.query['limit']),
          'limit',
        );
        const before = parseInput(z.number().int().optional(), num(c.query['before']), 'before');
        const entries = await repository.auditLog(limit, before);
        return { entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/overview',
      tag: 'overview',
      summary: 'Events/s, profiles, merges, lag per stage, dead letters and the health of each service',
      handle: () => overview.overview(),
    },
    {
      method: 'GET',
      path: '/api/v1/dead-letters',
      tag: 'dead letters',
      summary: 'Messages a consumer gave up on, with the error (oldest first)',
      query: z.object({ limit: z.number().int().optional() }),
      async handle(c) {
        const limit = parseInput(
          z.number().int().min(1).max(10_000).default(100),
          num(c.query['limit']),
          'limit',
        );
        return { deadLetters: await bus.deadLetters.list(limit) };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/dead-letters/:id/replay',
      tag: 'dead letters',
      summary: 'Publish one dead letter to its consumer again and remove it',
      async handle(c) {
        await bus.deadLetters.replay(c.params['id'] ?? '');
        return { replayed: 1 };
      },
    },
    {
      method: 'POST',
      path: '/api/v1/dead-letters/replay',
      tag: 'dead letters',
      summary: 'Replay every dead letter',
      async handle() {
        return { replayed: await bus.deadLetters.replayAll() };
      },
    },
    {
      method: 'GET',
      path: '/api/v1/profiles/:profileId/timeline',
      tag: 'profiles',
      summary: "A profile's raw events, newest first (by its user ids and anonymous ids)",
      query: z.object({ limit: z.number().int().optional(), before: z.string().optional() }),
      async handle(c) {
        const profile = await c.ask(
          PROFILE_GET,
          { identifier: `profile_id:${c.params['profileId']}` },
          'identity',
        );
        return c.ask(
          EVENTS_TIMELINE,
          {
            identifiers: profile.identifiers.map(({ type, value }) => ({ type, value })).slice(0, 200),
            ...(c.query['limit'] ? { limit: num(c.query['limit']) } : {}),
            ...(c.query['before'] ? { before: c.query['before'] } : {}),
          },
          'ingestion',
        );
      },
    },
    {
      method: 'GET',
      path: '/api/v1/segmentation/compare',
      tag: 'segments',
      summary: "Two segmentation models side by side: b's segments matched to a's, sizes before and after",
      query: z.object({ a: z.string().uuid(), b: z.string().uuid() }),
      async handle(c) {
        const [a, b] = await Promise.all(
          ['a', 'b'].map((side) => c.ask(SEGMENTS_MODEL_GET, { modelId: c.query[side] }, 'clustering')),
        );
        return compareModels(a as ModelDetail, b as ModelDetail);
      },
    },
  ];
}
