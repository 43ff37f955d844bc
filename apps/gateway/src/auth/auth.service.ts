import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { GatewayRepository, type Principal, type StoredApiKey } from '@cdp/gateway/data-access-db';
import type { Role } from '@cdp/gateway/domain';
import type { Logger } from '@cdp/shared/util-logging';
import { firstBootstrap, LOGGER, SERVICE_ENV } from '@cdp/shared/util-service';
import type { GatewayEnv } from '../config/env.schema.js';
import { hashPassword, newSecret, sha256, verifyPassword } from './secrets.js';

export const SESSION_COOKIE = 'cdp_session';

/** The value of `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** The API key of a request: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function apiKeyOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers['authorization'];
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) {
    return authorization.replace(/^bearer\s+/i, '').trim() || undefined;
  }
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.trim() ? key.trim() : undefined;
}

/**
 * Who is calling: an admin API key or a console session. Keys and session tokens are 256 random
 * bits kept as their SHA-256; console passwords as scrypt hashes.
 */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  constructor(
    private readonly repository: GatewayRepository,
    @Inject(SERVICE_ENV) private readonly env: GatewayEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The first admin (when there is no user yet) and the bootstrap API key, if configured. */
  async onApplicationBootstrap(): Promise<void> {
    if (!firstBootstrap(this)) return;
    if ((await this.repository.userCount()) === 0) {
      const password = this.env.GATEWAY_ADMIN_PASSWORD ?? newSecret('').slice(0, 20);
      const created = await this.repository.createUser(
        this.env.GATEWAY_ADMIN_EMAIL.toLowerCase(),
        await hashPassword(password),
        'admin',
      );
      if (created && !this.env.GATEWAY_ADMIN_PASSWORD) {
        // Shown once, on purpose: there is no other way to learn a generated password.
        this.logger.warn(
          { email: created.email },
          `console login created: ${created.email} / ${password} (set GATEWAY_ADMIN_PASSWORD to choose it)`,
        );
      }
    }
    const key = this.env.GATEWAY_BOOTSTRAP_API_KEY;
    if (key && !(await this.repository.apiKeyByHash(sha256(key)))) {
      await this.repository.createApiKey(`bootstrap-${sha256(key).slice(0, 8)}`, sha256(key), 'admin');
    }
  }

  async principal(headers: Record<string, string | string[] | undefined>): Promise<Principal | undefined> {
    const key = apiKeyOf(headers);
    if (key) {
      const stored = await this.repository.apiKeyByHash(sha256(key));
      return stored ? { actor: `key:${stored.name}`, role: stored.role, id: `key:${stored.id}` } : undefined;
    }
    const token = cookieValue(headers['cookie'] as string | undefined, SESSION_COOKIE);
    if (!token) return undefined;
    const user = await this.repository.sessionUser(sha256(token));
    return user ? { actor: `user:${user.email}`, role: user.role, id: `user:${user.id}` } : undefined;
  }

  /** A new session's token and when it ends, or undefined for a wrong email or password. */
  async login(
    email: string,
    password: string,
  ): Promise<{ token: string; expiresAt: Date; user: { email: string; role: Role } } | undefined> {
    const user = await this.repository.userByEmail(email.trim().toLowerCase());
    // A missing user still costs one scrypt, so timing does not tell which emails exist.
    const ok = await verifyPassword(password, user?.passwordHash ?? 'scrypt$AAAAAAAAAAAAAAAAAAAAAA==$AAAA');
    if (!user || !ok) return undefined;
    const token = newSecret('');
    const expiresAt = new Date(Date.now() + this.env.GATEWAY_SESSION_HOURS * 3_600_000);
    await this.repository.createSession(sha256(token), user.id, expiresAt);
    return { token, expiresAt, user: { email: user.email, role: user.role } };
  }

  async logout(cookieHeader: string | undefined): Promise<void> {
    const token = cookieValue(cookieHeader, SESSION_COOKIE);
    if (token) await this.repository.deleteSession(sha256(token));
  }

  sessionCookie(token: string, expiresAt: Date): string {
    const secure = this.env.GATEWAY_SECURE_COOKIES ? '; Secure' : '';
    return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}${secure}`;
  }

  clearedCookie(): string {
    return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }

  /** A new API key: the secret is returned this once. undefined when a live key has the name. */
  async createApiKey(name: string, role: Role): Promise<{ key: string; apiKey: StoredApiKey } | undefined> {
    const key = newSecret(`cdp_${role}_`);
    const apiKey = await this.repository.createApiKey(name, sha256(key), role);
    return apiKey ? { key, apiKey } : undefined;
  }

  async createUser(email: string, password: string, role: Role) {
    return this.repository.createUser(email.trim().toLowerCase(), await hashPassword(password), role);
  }
}
