import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';

/** A model as stored, without its booster. */
export interface StoredPredictionModel {
  id: string;
  target: string;
  version: number;
  active: boolean;
  features: string[];
  params: Record<string, unknown>;
  rounds: number;
  metrics: Record<string, unknown>;
  detail: Record<string, unknown>;
  horizonDays: number;
  trainRows: number;
  validationRows: number;
  dataFrom: Date;
  dataTo: Date;
  codeVersion: string;
  createdAt: Date;
  /** When it was last promoted (null: never; a rollback back to it keeps the time it was promoted). */
  promotedAt: Date | null;
}

export type NewPredictionModel = Omit<
  StoredPredictionModel,
  'id' | 'version' | 'active' | 'createdAt' | 'promotedAt'
> & { booster: Uint8Array };

/** Labelled rows in column form, in training order. */
export interface LabelledRows {
  profileIds: readonly string[];
  /** ms since the epoch. */
  at: Float64Array | readonly number[];
  labels: Uint8Array | readonly number[];
  validation: Uint8Array | readonly number[];
}

export interface StoredTrainingRow {
  profileId: string;
  at: Date;
  label: number;
  validation: boolean;
}

export interface ActiveChange {
  activeModelId: string;
  activeVersion: number;
  previousModelId: string | null;
}

export interface ScoreRow {
  profileId: string;
  asOf: Date;
  churnRisk: number | null;
  churnBand: string | null;
  engagementScore: number | null;
  intentScore: number;
  scores: Record<string, unknown>;
}

const MODEL_COLUMNS = `m.id, m.target, m.version, m.features, m.params, m.rounds, m.metrics, m.detail,
  m.horizon_days AS "horizonDays", m.train_rows AS "trainRows", m.validation_rows AS "validationRows",
  m.data_from AS "dataFrom", m.data_to AS "dataTo", m.code_version AS "codeVersion", m.created_at AS "createdAt",
  (SELECT max(p.promoted_at) FROM prediction.model_promotions p WHERE p.model_id = m.id) AS "promotedAt",
  coalesce(m.id = (SELECT p.model_id FROM prediction.model_promotions p
          WHERE p.target = m.target AND p.rolled_back_at IS NULL ORDER BY p.id DESC LIMIT 1), false) AS active`;

/** Rows written per statement when storing a model's training rows. */
const ROWS_PER_INSERT = 20_000;

/** The prediction schema's data: the model registry with its promotions, training rows and scores. */
export class PredictionStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Stores a model as its target's next version, with the rows it learnt from, in one transaction. */
  async insertModel(model: NewPredictionModel, rows: LabelledRows): Promise<StoredPredictionModel> {
    const id = await withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`prediction:model:${model.target}`]);
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO prediction.prediction_models
           (target, version, features, params, rounds, booster, metrics, detail, horizon_days,
            train_rows, validation_rows, data_from, data_to, code_version)
         SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13
         FROM prediction.prediction_models WHERE target = $1
         RETURNING id`,
        [
          model.target,
          JSON.stringify(model.features),
          JSON.stringify(model.params),
          model.rounds,
          Buffer.from(model.booster.buffer, model.booster.byteOffset, model.booster.byteLength),
          JSON.stringify(model.metrics),
          JSON.stringify(model.detail),
          model.horizonDays,
          model.trainRows,
          model.validationRows,
          model.dataFrom,
          model.dataTo,
          model.codeVersion,
        ],
      );
      const modelId = inserted.rows[0]!.id;
      for (let from = 0; from < rows.profileIds.length; from += ROWS_PER_INSERT) {
        const to = Math.min(rows.profileIds.length, from + ROWS_PER_INSERT);
        const at: string[] = [];
        const labels: number[] = [];
        const validation: boolean[] = [];
        for (let i = from; i < to; i++) {
          at.push(new Date(rows.at[i] as number).toISOString());
          labels.push(rows.labels[i] as number);
          validation.push(rows.validation[i] === 1);
        }
        await client.query(
          `INSERT INTO prediction.training_rows (model_id, position, profile_id, at, label, validation)
           SELECT $1, $2 + r.n - 1, r.profile_id, r.at, r.label, r.validation
           FROM unnest($3::uuid[], $4::timestamptz[], $5::smallint[], $6::boolean[])
             WITH ORDINALITY AS r(profile_id, at, label, validation, n)`,
          [modelId, from, rows.profileIds.slice(from, to), at, labels, validation],
        );
      }
      return modelId;
    });
    return (await this.model(id))!;
  }

  async model(id: string): Promise<StoredPredictionModel | undefined> {
    const result = await this.pool.query<StoredPredictionModel>(
      `SELECT ${MODEL_COLUMNS} FROM prediction.prediction_models m WHERE m.id = $1`,
      [id],
    );
    return result.rows[0];
  }

  /** Newest first. */
  async models(target?: string): Promise<StoredPredictionModel[]> {
    const result = await this.pool.query<StoredPredictionModel>(
      `SELECT ${MODEL_COLUMNS} FROM prediction.prediction_models m
       WHERE $1::text IS NULL OR m.target = $1 ORDER BY m.target, m.version DESC`,
      [target ?? null],
    );
    return result.rows;
  }

  async booster(id: string): Promise<Uint8Array | undefined> {
    const result = await this.pool.query<{ booster: Buffer }>(
      'SELECT booster FROM prediction.prediction_models WHERE id = $1',
      [id],
    );
    const bytes = result.rows[0]?.booster;
    return bytes ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : undefined;
  }

  async activeModelId(target: string): Promise<string | undefined> {
    return liveModel(this.pool, target);
  }

  /** Makes `modelId` its target's active model. */
  async promote(modelId: string, reason: string): Promise<ActiveChange> {
    return withTransaction(this.pool, async (client) => {
      const model = await client.query<{ target: string; version: number }>(
        'SELECT target, version FROM prediction.prediction_models WHERE id = $1',
        [modelId],
      );
      const row = model.rows[0];
      if (!row) throw new ModelNotFoundError(`no model ${modelId}`);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`prediction:active:${row.target}`]);
      const previous = await liveModel(client, row.target);
      await client.query(
        'INSERT INTO prediction.model_promotions (target, model_id, reason) VALUES ($1, $2, $3)',
        [row.target, modelId, reason],
      );
      return { activeModelId: modelId, activeVersion: row.version, previousModelId: previous ?? null };
    });
  }

  /**
   * Goes back to the model that was active before the current one. Undefined when there is none
   * to go back to (nothing promoted, or only one promotion left).
   */
  async rollback(target: string): Promise<ActiveChange | undefined> {
    return withTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`prediction:active:${target}`]);
      const live = await client.query<{ id: string; modelId: string }>(
        `SELECT id, model_id AS "modelId" FROM prediction.model_promotions
         WHERE target = $1 AND rolled_back_at IS NULL ORDER BY id DESC LIMIT 1000`,
        [target],
      );
      const current = live.rows[0];
      // The current model may have been promoted several times in a row: go back past all of them.
      const run = live.rows.findIndex((p) => p.modelId !== current?.modelId);
      const before = run < 0 ? undefined : live.rows[run];
      if (!current || !before) return undefined;
      await client.query(
        'UPDATE prediction.model_promotions SET rolled_back_at = now() WHERE id = ANY($1::bigint[])',
        [live.rows.slice(0, run).map((p) => p.id)],
      );
      const version = await client.query<{ version: number }>(
        'SELECT version FROM prediction.prediction_models WHERE id = $1',
        [before.modelId],
      );
      return {
        activeModelId: before.modelId,
        activeVersion: version.rows[0]!.version,
        previousModelId: current.modelId,
      };
    });
  }

  async trainingRowCount(modelId: string): Promise<number> {
    const result = await this.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM prediction.training_rows WHERE model_id = $1',
      [modelId],
    );
    return result.rows[0]?.n ?? 0;
  }

  /** Rows in training order, a page at a time. */
  async trainingRows(modelId: string, offset: number, limit: number): Promise<StoredTrainingRow[]> {
    const result = await this.pool.query<StoredTrainingRow>(
      `SELECT profile_id AS "profileId", at, label, validation FROM prediction.training_rows
       WHERE model_id = $1 ORDER BY position OFFSET $2 LIMIT $3`,
      [modelId, offset, limit],
    );
    return result.rows;
  }

  /**
   * Upserts scores and runs `beforeCommit` (the publish) inside the transaction, so a failed
   * publish leaves the old scores and the message is retried.
   */
  async saveScores(rows: readonly ScoreRow[], beforeCommit?: () => Promise<void>): Promise<void> {
    if (rows.length === 0) return;
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO prediction.profile_scores
           (profile_id, as_of, churn_risk, churn_band, engagement_score, intent_score, scores, updated_at)
         SELECT r.profile_id, r.as_of, r.churn_risk, r.churn_band, r.engagement_score, r.intent_score, r.scores, now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::real[], $4::text[], $5::real[], $6::real[], $7::jsonb[])
           AS r(profile_id, as_of, churn_risk, churn_band, engagement_score, intent_score, scores)
         ON CONFLICT (profile_id) DO UPDATE SET as_of = excluded.as_of, churn_risk = excluded.churn_risk,
           churn_band = excluded.churn_band, engagement_score = excluded.engagement_score,
           intent_score = excluded.intent_score, scores = excluded.scores, updated_at = excluded.updated_at
         WHERE prediction.profile_scores.as_of <= excluded.as_of`,
        [
          rows.map((r) => r.profileId),
          rows.map((r) => r.asOf.toISOString()),
          rows.map((r) => r.churnRisk),
          rows.map((r) => r.churnBand),
          rows.map((r) => r.engagementScore),
          rows.map((r) => r.intentScore),
          rows.map((r) => JSON.stringify(r.scores)),
        ],
      );
      await beforeCommit?.();
    });
  }

  async scores(profileId: string): Promise<(ScoreRow & { updatedAt: Date }) | undefined> {
    const result = await this.pool.query<ScoreRow & { updatedAt: Date }>(
      `SELECT profile_id AS "profileId", as_of AS "asOf", churn_risk AS "churnRisk", churn_band AS "churnBand",
         engagement_score AS "engagementScore", intent_score AS "intentScore", scores, updated_at AS "updatedAt"
       FROM prediction.profile_scores WHERE profile_id = $1`,
      [profileId],
    );
    return result.rows[0];
  }

  /** A merged-away profile keeps no scores of its own; the survivor is rescored on its next update. */
  async dropScores(profileIds: readonly string[]): Promise<void> {
    await this.pool.query('DELETE FROM prediction.profile_scores WHERE profile_id = ANY($1::uuid[])', [
      profileIds,
    ]);
  }

  /** Erasure: the profiles' scores and every training row that names them. */
  async erase(profileIds: readonly string[]): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query('DELETE FROM prediction.profile_scores WHERE profile_id = ANY($1::uuid[])', [
        profileIds,
      ]);
      await client.query('DELETE FROM prediction.training_rows WHERE profile_id = ANY($1::uuid[])', [
        profileIds,
      ]);
    });
  }
}

/** The active model of `target`: the newest promotion not rolled back. */
async function liveModel(db: pg.Pool | pg.PoolClient, target: string): Promise<string | undefined> {
  const result = await db.query<{ modelId: string }>(
    `SELECT model_id AS "modelId" FROM prediction.model_promotions
     WHERE target = $1 AND rolled_back_at IS NULL ORDER BY id DESC LIMIT 1`,
    [target],
  );
  return result.rows[0]?.modelId;
}

/** The model asked for does not exist. */
export class ModelNotFoundError extends Error {
  override name = 'ModelNotFoundError';
}
