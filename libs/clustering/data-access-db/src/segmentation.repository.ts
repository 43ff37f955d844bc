import { withTransaction } from '@cdp/shared/util-db';
import type pg from 'pg';

/** A model as stored, without its segments. */
export interface StoredModel {
  id: string;
  source: string;
  version: number;
  name: string;
  algorithm: string;
  naming: string;
  k: number;
  active: boolean;
  rows: number;
  features: string[];
  params: Record<string, unknown>;
  quality: Record<string, unknown>;
  detail: Record<string, unknown>;
  dataFrom: Date | null;
  dataTo: Date | null;
  codeVersion: string;
  createdAt: Date;
}

export interface StoredSegment {
  id: string;
  /** Cluster index in the model's parameters. */
  position: number;
  name: string;
  nameEdited: boolean;
  rank: number | null;
  size: number;
  share: number;
  traits: unknown[];
  summary: Record<string, unknown>;
}

export type NewModel = Omit<StoredModel, 'id' | 'version' | 'active' | 'createdAt'>;

export interface AssignmentChange {
  subjectId: string;
  segmentId: string;
  /** null: the subject had no segment of this source before. */
  previousSegmentId: string | null;
}

export interface StoredAssignment {
  subjectId: string;
  source: string;
  modelId: string;
  segmentId: string;
  since: Date;
  until: Date | null;
}

const MODEL_COLUMNS = `id, source, version, name, algorithm, naming, k, active, rows, features, params,
  quality, detail, data_from AS "dataFrom", data_to AS "dataTo", code_version AS "codeVersion",
  created_at AS "createdAt"`;

/** Summary columns: everything but the (possibly large) fitted parameters. */
const SUMMARY_COLUMNS = MODEL_COLUMNS.replace('params,', `'{}'::jsonb AS params,`);

const SEGMENT_COLUMNS = `id, position, name, name_edited AS "nameEdited", rank, size, share, traits, summary`;

/** The clustering schema's data: models with their segments, assignments and their history. */
export class SegmentationStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * Stores a model as the next version of its source and makes it the active one, with its
   * segments, in one transaction.
   */
  async insertActiveModel(model: NewModel, segments: readonly StoredSegment[]): Promise<StoredModel> {
    return withTransaction(this.pool, async (client) => {
      // One trainer at a time per source gets the next version number.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`clustering:model:${model.source}`]);
      await client.query(
        `UPDATE clustering.segmentation_models SET active = false WHERE source = $1 AND active`,
        [model.source],
      );
      const inserted = await client.query<StoredModel>(
        `INSERT INTO clustering.segmentation_models
           (source, version, name, algorithm, naming, k, active, rows, features, params, quality, detail,
            data_from, data_to, code_version)
         SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, true, $6, $7, $8, $9, $10, $11, $12, $13
           FROM clustering.segmentation_models WHERE source = $1
         RETURNING ${MODEL_COLUMNS}`,
        [
          model.source,
          model.name,
          model.algorithm,
          model.naming,
          model.k,
          model.rows,
          JSON.stringify(model.features),
          JSON.stringify(model.params),
          JSON.stringify(model.quality),
          JSON.stringify(model.detail),
          model.dataFrom,
          model.dataTo,
          model.codeVersion,
        ],
      );
      const stored = inserted.rows[0] as StoredModel;
      await client.query(
        `INSERT INTO clustering.segments (model_id, id, position, name, name_edited, rank, size, share, traits, summary)
         SELECT $1, s.id, s.position, s.name, s.name_edited, s.rank, s.size, s.share, s.traits, s.summary
           FROM jsonb_to_recordset($2::jsonb) AS s(id text, position int, name text, name_edited boolean,
             rank int, size int, share float8, traits jsonb, summary jsonb)`,
        [
          stored.id,
          JSON.stringify(
            segments.map((s) => ({
              id: s.id,
              position: s.position,
              name: s.name,
              name_edited: s.nameEdited,
              rank: s.rank,
              size: s.size,
              share: s.share,
              traits: s.traits,
              summary: s.summary,
            })),
          ),
        ],
      );
      return stored;
    });
  }

  async activeModel(source: string): Promise<StoredModel | undefined> {
    const result = await this.pool.query<StoredModel>(
      `SELECT ${MODEL_COLUMNS} FROM clustering.segmentation_models WHERE source = $1 AND active`,
      [source],
    );
    return result.rows[0];
  }

  /** The id of the active model of `source`: a cheap check for a newer model. */
  async activeModelId(source: string): Promise<string | undefined> {
    const result = await this.pool.query<{ id: string }>(
      `SELECT id FROM clustering.segmentation_models WHERE source = $1 AND active`,
      [source],
    );
    return result.rows[0]?.id;
  }

  async model(id: string): Promise<StoredModel | undefined> {
    const result = await this.pool.query<StoredModel>(
      `SELECT ${MODEL_COLUMNS} FROM clustering.segmentation_models WHERE id = $1`,
      [id],
    );
    return result.rows[0];
  }

  /** Every model (newest first), without fitted parameters. */
  async models(source?: string): Promise<StoredModel[]> {
    const result = await this.pool.query<StoredModel>(
      `SELECT ${SUMMARY_COLUMNS} FROM clustering.segmentation_models
        WHERE $1::text IS NULL OR source = $1 ORDER BY created_at DESC, version DESC`,
      [source ?? null],
    );
    return result.rows;
  }

  async segments(modelId: string): Promise<StoredSegment[]> {
    const result = await this.pool.query<StoredSegment>(
      `SELECT ${SEGMENT_COLUMNS} FROM clustering.segments WHERE model_id = $1 ORDER BY position`,
      [modelId],
    );
    return result.rows;
  }

  /**
   * Renames segment `segmentId` in every model version that has it (the id is the same group), so
   * the next retrain that keeps the group keeps the name. Returns how many rows were renamed.
   */
  async renameSegment(segmentId: string, name: string): Promise<number> {
    const result = await this.pool.query(
      `UPDATE clustering.segments SET name = $2, name_edited = true WHERE id = $1`,
      [segmentId, name],
    );
    return result.rowCount ?? 0;
  }

  /**
   * Records where each subject is now (model and segment) for `source`, and returns the subjects
   * whose segment changed (or who had none), closing their history rows and opening new ones, in
   * one statement. Subjects whose segment stayed the same only move to the new model.
   * `beforeCommit` runs inside the transaction with the changes (to publish them): when it throws,
   * nothing is written, so a redelivered message finds the same changes again.
   */
  async assign(
    source: string,
    modelId: string,
    subjectIds: readonly string[],
    segmentIds: readonly string[],
    at: Date,
    beforeCommit?: (changes: AssignmentChange[]) => Promise<void>,
  ): Promise<AssignmentChange[]> {
    if (subjectIds.length !== segmentIds.length)
      throw new RangeError(`${subjectIds.length} subjects but ${segmentIds.length} segments`);
    if (subjectIds.length === 0) return [];
    return withTransaction(this.pool, async (client) => {
      const changes = await this.assignIn(client, source, modelId, subjectIds, segmentIds, at);
      await beforeCommit?.(changes);
      return changes;
    });
  }

  private async assignIn(
    client: pg.PoolClient,
    source: string,
    modelId: string,
    subjectIds: readonly string[],
    segmentIds: readonly string[],
    at: Date,
  ): Promise<AssignmentChange[]> {
    const result = await client.query<AssignmentChange>(
      `WITH input AS (
         SELECT DISTINCT ON (subject_id) subject_id, segment_id
           FROM unnest($3::text[], $4::text[]) WITH ORDINALITY AS i(subject_id, segment_id, n)
          ORDER BY subject_id, n DESC),
       previous AS (
         SELECT i.subject_id, i.segment_id, a.segment_id AS previous, a.model_id AS previous_model
           FROM input i LEFT JOIN clustering.segment_assignments a
             ON a.subject_id = i.subject_id AND a.source = $1),
       changed AS (SELECT * FROM previous WHERE previous IS DISTINCT FROM segment_id),
       -- Only rows that move (segment or model) are written: most updates leave a profile where it is.
       upserted AS (
         INSERT INTO clustering.segment_assignments AS a (subject_id, source, model_id, segment_id, since)
         SELECT subject_id, $1, $2, segment_id, $5 FROM previous
          WHERE previous IS DISTINCT FROM segment_id OR previous_model IS DISTINCT FROM $2::uuid
         ON CONFLICT (subject_id, source) DO UPDATE SET model_id = excluded.model_id,
           segment_id = excluded.segment_id,
           since = CASE WHEN a.segment_id = excluded.segment_id THEN a.since ELSE excluded.since END),
       closed AS (
         -- ANY(array) rather than a join on the CTE: its row estimate (10) made the planner scan
         -- the whole history once per changed subject (20 s for 2,000 subjects over 40,000 rows).
         UPDATE clustering.segment_history h SET until = $5
          WHERE h.source = $1 AND h.until IS NULL
            AND h.subject_id = ANY(ARRAY(SELECT subject_id FROM changed))),
       opened AS (
         INSERT INTO clustering.segment_history (subject_id, source, model_id, segment_id, since)
         SELECT subject_id, $1, $2, segment_id, $5 FROM changed)
       SELECT subject_id AS "subjectId", segment_id AS "segmentId", previous AS "previousSegmentId"
         FROM changed`,
      [source, modelId, subjectIds, segmentIds, at],
    );
    return result.rows;
  }

  /** Current assignments (one per source) and the history, newest first, of one subject. */
  async assignments(
    subjectId: string,
  ): Promise<{ current: StoredAssignment[]; history: StoredAssignment[] }> {
    const current = await this.pool.query<StoredAssignment>(
      `SELECT subject_id AS "subjectId", source, model_id AS "modelId", segment_id AS "segmentId", since,
              NULL::timestamptz AS until
         FROM clustering.segment_assignments WHERE subject_id = $1 ORDER BY source`,
      [subjectId],
    );
    const history = await this.pool.query<StoredAssignment>(
      `SELECT subject_id AS "subjectId", source, model_id AS "modelId", segment_id AS "segmentId", since, until
         FROM clustering.segment_history WHERE subject_id = $1 ORDER BY since DESC LIMIT 1000`,
      [subjectId],
    );
    return { current: current.rows, history: history.rows };
  }

  /** Stays in a segment named `segmentName` (in its model) that began within (from, to], oldest first. */
  async entries(
    source: string,
    segmentName: string,
    subjectIds: readonly string[],
    from: Date,
    to: Date,
  ): Promise<Array<{ subjectId: string; at: Date }>> {
    const result = await this.pool.query<{ subjectId: string; at: Date }>(
      `SELECT h.subject_id AS "subjectId", h.since AS at
         FROM clustering.segment_history h
         JOIN clustering.segments s ON s.model_id = h.model_id AND s.id = h.segment_id
        WHERE h.subject_id = ANY($1::text[]) AND h.source = $2 AND s.name = $3
          AND h.since > $4 AND h.since <= $5
        ORDER BY h.since`,
      [subjectIds, source, segmentName, from, to],
    );
    return result.rows;
  }

  /** Segment names by id for the given model ids (for events and answers). */
  async segmentNames(modelIds: readonly string[]): Promise<Map<string, string>> {
    const result = await this.pool.query<{ id: string; name: string; model_id: string }>(
      `SELECT model_id, id, name FROM clustering.segments WHERE model_id = ANY($1::uuid[])`,
      [modelIds],
    );
    return new Map(result.rows.map((row) => [`${row.model_id}/${row.id}`, row.name]));
  }

  /** A profile merged into another: the merged-away id keeps no current segment. */
  async endAssignments(subjectIds: readonly string[], at: Date): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `UPDATE clustering.segment_history SET until = $2 WHERE subject_id = ANY($1::text[]) AND until IS NULL`,
        [subjectIds, at],
      );
      await client.query(`DELETE FROM clustering.segment_assignments WHERE subject_id = ANY($1::text[])`, [
        subjectIds,
      ]);
    });
  }

  /** Erasure: nothing about these subjects stays in the clustering schema. */
  async erase(subjectIds: readonly string[]): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(`DELETE FROM clustering.segment_history WHERE subject_id = ANY($1::text[])`, [
        subjectIds,
      ]);
      await client.query(`DELETE FROM clustering.segment_assignments WHERE subject_id = ANY($1::text[])`, [
        subjectIds,
      ]);
    });
  }

  /**
   * Subjects per segment of `source` at each of `ends` (from the history): a stay counts at a time
   * when it began at or before it and had not ended yet.
   */
  async sizesAt(
    source: string,
    ends: readonly Date[],
  ): Promise<{ at: Date; segmentId: string; size: number }[]> {
    const result = await this.pool.query<{ at: Date; segment_id: string; size: string }>(
      `SELECT e.at, h.segment_id, count(*) AS size
         FROM unnest($2::timestamptz[]) AS e(at)
         JOIN clustering.segment_history h
           ON h.source = $1 AND h.since <= e.at AND (h.until IS NULL OR h.until > e.at)
        GROUP BY e.at, h.segment_id ORDER BY e.at`,
      [source, ends],
    );
    return result.rows.map((row) => ({ at: row.at, segmentId: row.segment_id, size: Number(row.size) }));
  }

  /**
   * Moves between segments of `source` at or after `since`: a stay that began when the subject's
   * previous stay of the source ended, in another segment. Counts subjects per (from, to), most
   * first; a subject that made the same move twice counts once. A stay ended by a merge or an
   * erasure has no next stay and is no move.
   */
  async transitions(
    source: string,
    since: Date,
  ): Promise<Array<{ from: string; to: string; count: number }>> {
    const result = await this.pool.query<{ from: string; to: string; count: number }>(
      `SELECT prev.segment_id AS "from", h.segment_id AS "to", count(DISTINCT h.subject_id)::int AS count
         FROM clustering.segment_history h
         JOIN clustering.segment_history prev
           ON prev.subject_id = h.subject_id AND prev.source = h.source AND prev.until = h.since
        WHERE h.source = $1 AND h.since >= $2 AND prev.segment_id <> h.segment_id
        GROUP BY prev.segment_id, h.segment_id
        ORDER BY count DESC, 1, 2`,
      [source, since],
    );
    return result.rows;
  }
}
