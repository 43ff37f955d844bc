import { isUuid } from '@cdp/shared/util-db';
import { createHash, randomBytes } from 'node:crypto';
import { asc, eq, or } from 'drizzle-orm';
import type { Database } from '@cdp/shared/util-db';
import type { SourceKind } from '@cdp/ingestion/contracts';
import { sources, type SourceRow } from './sources.table.js';

/** A source as the API shows it: never the key itself, nor its hash. */
export interface SourceView {
  id: string;
  name: string;
  kind: SourceKind;
  enabled: boolean;
  writeKeyHint: string;
  createdAt: Date;
  keyRotatedAt: Date | null;
  disabledAt: Date | null;
}

/** A source the tracking API accepted a write key for, with what the webhooks need to verify. */
export interface AuthenticatedSource extends SourceView {
  signingSecret: string | null;
}

export interface CreatedSource extends SourceView {
  /** Shown once: only its hash is stored. */
  writeKey: string;
  /** Webhook sources only: the shared secret the sender signs with. */
  signingSecret: string | null;
}

/** A create or rename that would give two sources one name. */
export class SourceNameTakenError extends Error {
  override name = 'SourceNameTakenError';
}

const UNIQUE_VIOLATION = '23505';

/** Write keys are 192 random bits, so a fast hash is enough: there is nothing to brute-force. */
export function hashWriteKey(writeKey: string): string {
  return createHash('sha256').update(writeKey, 'utf8').digest('hex');
}

function newWriteKey(): string {
  return randomBytes(24).toString('base64url');
}

function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function view(row: SourceRow): SourceView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    writeKeyHint: row.writeKeyHint,
    createdAt: row.createdAt,
    keyRotatedAt: row.keyRotatedAt,
    disabledAt: row.disabledAt,
  };
}

/** Sources and their write keys. `ref` arguments take a source's id or its name. */
export class SourcesRepository {
  constructor(private readonly db: Database) {}

  async create(name: string, kind: SourceKind): Promise<CreatedSource> {
    const writeKey = newWriteKey();
    const signingSecret = kind === 'webhook' ? newSigningSecret() : null;
    try {
      const [row] = await this.db
        .insert(sources)
        .values({
          name,
          kind,
          writeKeyHash: hashWriteKey(writeKey),
          writeKeyHint: writeKey.slice(-4),
          signingSecret,
        })
        .returning();
      if (!row) throw new Error('insert returned no row');
      return { ...view(row), writeKey, signingSecret };
    } catch (error) {
      if (isUniqueViolation(error)) throw new SourceNameTakenError(`a source named "${name}" already exists`);
      throw error;
    }
  }

  async list(): Promise<SourceView[]> {
    const rows = await this.db.select().from(sources).orderBy(asc(sources.createdAt), asc(sources.name));
    return rows.map(view);
  }

  async find(ref: string): Promise<SourceView | undefined> {
    const row = await this.findRow(ref);
    return row ? view(row) : undefined;
  }

  /** The source a write key belongs to, enabled or not (the caller tells "revoked" from "unknown"). */
  async findByWriteKey(writeKey: string): Promise<AuthenticatedSource | undefined> {
    const [row] = await this.db
      .select()
      .from(sources)
      .where(eq(sources.writeKeyHash, hashWriteKey(writeKey)))
      .limit(1);
    return row ? { ...view(row), signingSecret: row.signingSecret } : undefined;
  }

  /** By id only: the generic webhook names its source in the URL. */
  async findForWebhook(id: string): Promise<AuthenticatedSource | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.db.select().from(sources).where(eq(sources.id, id)).limit(1);
    return row ? { ...view(row), signingSecret: row.signingSecret } : undefined;
  }

  /** A new write key; the old one stops working at once. */
  async rotateKey(ref: string): Promise<(SourceView & { writeKey: string }) | undefined> {
    const found = await this.findRow(ref);
    if (!found) return undefined;
    const writeKey = newWriteKey();
    const [row] = await this.db
      .update(sources)
      .set({
        writeKeyHash: hashWriteKey(writeKey),
        writeKeyHint: writeKey.slice(-4),
        keyRotatedAt: new Date(),
      })
      .where(eq(sources.id, found.id))
      .returning();
    return row ? { ...view(row), writeKey } : undefined;
  }

  /** Its write key is refused from now on; stored events stay. Disabling twice keeps the first time. */
  async disable(ref: string): Promise<SourceView | undefined> {
    const found = await this.findRow(ref);
    if (!found) return undefined;
    if (!found.enabled) return view(found);
    const [row] = await this.db
      .update(sources)
      .set({ enabled: false, disabledAt: new Date() })
      .where(eq(sources.id, found.id))
      .returning();
    return row ? view(row) : undefined;
  }

  private async findRow(ref: string): Promise<SourceRow | undefined> {
    const where = isUuid(ref) ? or(eq(sources.id, ref), eq(sources.name, ref)) : eq(sources.name, ref);
    const [row] = await this.db.select().from(sources).where(where).limit(1);
    return row;
  }
}

function isUniqueViolation(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION || cause?.code === UNIQUE_VIOLATION;
}
