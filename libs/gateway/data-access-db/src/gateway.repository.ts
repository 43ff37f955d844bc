import type { Role } from '@cdp/gateway/domain';
import type pg from 'pg';

export interface Principal {
  /** `user:<email>` or `key:<name>`: how the audit log names who did it. */
  actor: string;
  role: Role;
  /** The rate limiter's bucket: one per user or key. */
  id: string;
}

export interface StoredUser {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  createdAt: Date;
}

export interface StoredApiKey {
  id: string;
  name: string;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditEntry {
  id: number;
  at: Date;
  actor: string;
  role: Role;
  method: string;
  route: string;
  status: number;
  details: Record<string, unknown>;
}

const USER_COLUMNS = `id, email, password_hash AS "passwordHash", role, created_at AS "createdAt"`;
const KEY_COLUMNS = `id, name, role, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Console users and their sessions, admin API keys, and the audit log of writes. */
export class GatewayRepository {
  constructor(private readonly pool: pg.Pool) {}

  async userCount(): Promise<number> {
    const result = await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.users');
    return result.rows[0]?.n ?? 0;
  }

  /** undefined when the email is taken. */
  async createUser(email: string, passwordHash: string, role: Role): Promise<StoredUser | undefined> {
    const result = await this.pool.query<StoredUser>(
      `INSERT INTO gateway.users (email, password_hash, role) VALUES ($1, $2, $3)
       ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
      [email, passwordHash, role],
    );
    return result.rows[0];
  }

  async userByEmail(email: string): Promise<StoredUser | undefined> {
    const result = await this.pool.query<StoredUser>(
      `SELECT ${USER_COLUMNS} FROM gateway.users WHERE email = $1 AND disabled_at IS NULL`,
      [email],
    );
    return result.rows[0];
  }

  async listUsers(): Promise<Array<Omit<StoredUser, 'passwordHash'>>> {
    const result = await this.pool.query<StoredUser>(
      `SELECT ${USER_COLUMNS} FROM gateway.users WHERE disabled_at IS NULL ORDER BY created_at`,
    );
    return result.rows.map(({ passwordHash: _hash, ...user }) => user);
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.pool.query('DELETE FROM gateway.sessions WHERE expires_at < now()');
    await this.pool.query(
      'INSERT INTO gateway.sessions (token_hash, user_id, expires_at) VALUES ($1, $2, $3)',
      [tokenHash, userId, expiresAt],
    );
  }

  async sessionUser(tokenHash: string): Promise<StoredUser | undefined> {
    const result = await this.pool.query<StoredUser>(
      `SELECT u.id, u.email, u.password_hash AS "passwordHash", u.role, u.created_at AS "createdAt"
         FROM gateway.sessions s JOIN gateway.users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    return result.rows[0];
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM gateway.sessions WHERE token_hash = $1', [tokenHash]);
  }

  /** undefined when the name is taken by a key that is not revoked. */
  async createApiKey(name: string, keyHash: string, role: Role): Promise<StoredApiKey | undefined> {
    const result = await this.pool.query<StoredApiKey>(
      `INSERT INTO gateway.api_keys (name, key_hash, role, scopes)
       SELECT $1, $2, $3, ARRAY[$3]
        WHERE NOT EXISTS (SELECT 1 FROM gateway.api_keys WHERE name = $1 AND revoked_at IS NULL)
       RETURNING ${KEY_COLUMNS}`,
      [name, keyHash, role],
    );
    return result.rows[0];
  }

  /** The live key with this hash, its last use noted (at most once a minute, to spare writes). */
  async apiKeyByHash(keyHash: string): Promise<StoredApiKey | undefined> {
    const result = await this.pool.query<StoredApiKey>(
      `SELECT ${KEY_COLUMNS} FROM gateway.api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [keyHash],
    );
    const key = result.rows[0];
    if (key && (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() > 60_000)) {
      await this.pool.query('UPDATE gateway.api_keys SET last_used_at = now() WHERE id = $1', [key.id]);
    }
    return key;
  }

  async listApiKeys(): Promise<StoredApiKey[]> {
    const result = await this.pool.query<StoredApiKey>(
      `SELECT ${KEY_COLUMNS} FROM gateway.api_keys ORDER BY created_at`,
    );
    return result.rows;
  }

  /** false when no live key has this id. */
  async revokeApiKey(id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE gateway.api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
      [id],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async audit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO gateway.audit_log (actor, role, method, route, status, details)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.actor, entry.role, entry.method, entry.route, entry.status, JSON.stringify(entry.details)],
    );
  }

  /** Newest first. */
  async auditLog(limit: number, before?: number): Promise<AuditEntry[]> {
    const result = await this.pool.query<AuditEntry>(
      `SELECT id, at, actor, role, method, route, status, details FROM gateway.audit_log
        WHERE ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $1`,
      [limit, before ?? null],
    );
    return result.rows;
  }
}
