import { useTestDatabase } from '@cdp/shared/testing';
import { createDbClient, runMigrations, type DbClient } from '@cdp/shared/util-db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictionMigrations } from './migrations.js';
import {
  ModelNotFoundError,
  PredictionStore,
  type LabelledRows,
  type NewPredictionModel,
  type ScoreRow,
  type StoredTrainingRow,
} from './prediction.repository.js';

const database = useTestDatabase('prediction_store');
let client: DbClient;
let store: PredictionStore;

beforeAll(async () => {
  client = createDbClient({ url: database.url });
  await runMigrations(client, predictionMigrations);
  store = new PredictionStore(client.pool);
});

afterAll(async () => {
  await client?.close();
});

const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const UNKNOWN = uuid(0xdead);
const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 22, 12, minute));
const NO_ROWS: LabelledRows = { profileIds: [], at: [], labels: [], validation: [] };

function newModel(target: string, overrides: Partial<NewPredictionModel> = {}): NewPredictionModel {
  return {
    target,
    features: ['recency_days', 'frequency_30d', 'monetary_90d'],
    params: { eta: 0.1, max_depth: 6, objective: 'binary:logistic' },
    rounds: 120,
    metrics: { auc: 0.81, logloss: 0.42 },
    detail: { importance: { recency_days: 0.5 }, thresholds: [0.2, 0.6] },
    horizonDays: 30,
    trainRows: 800,
    validationRows: 200,
    dataFrom: new Date('2026-08-01T00:00:00.000Z'),
    dataTo: new Date('2026-10-31T23:59:59.999Z'),
    codeVersion: 'abc1234',
    booster: new Uint8Array([1, 2, 3]),
    ...overrides,
  };
}

describe('the model registry', () => {
  it('numbers versions per target and gives back what was stored, booster bytes included', async () => {
    // Every byte value, as a view into the middle of a larger buffer, so offsets must be honoured.
    const backing = new Uint8Array(300).fill(0xff);
    for (let i = 0; i < 256; i++) backing[20 + i] = i;
    const booster = backing.subarray(20, 276);

    const churn1 = await store.insertModel(newModel('churn', { booster }), NO_ROWS);
    const churn2 = await store.insertModel(
      newModel('churn', {
        features: ['recency_days'],
        params: { eta: 0.05 },
        metrics: { auc: 0.84 },
        detail: { note: 'retrained' },
      }),
      NO_ROWS,
    );
    const engagement1 = await store.insertModel(newModel('engagement', { horizonDays: 14 }), NO_ROWS);

    expect([churn1.version, churn2.version, engagement1.version]).toEqual([1, 2, 1]);
    // `active` has a test of its own below.
    expect(churn1).toMatchObject({
      id: expect.any(String),
      target: 'churn',
      version: 1,
      features: ['recency_days', 'frequency_30d', 'monetary_90d'],
      params: { eta: 0.1, max_depth: 6, objective: 'binary:logistic' },
      rounds: 120,
      metrics: { auc: 0.81, logloss: 0.42 },
      detail: { importance: { recency_days: 0.5 }, thresholds: [0.2, 0.6] },
      horizonDays: 30,
      trainRows: 800,
      validationRows: 200,
      dataFrom: new Date('2026-08-01T00:00:00.000Z'),
      dataTo: new Date('2026-10-31T23:59:59.999Z'),
      codeVersion: 'abc1234',
      createdAt: expect.any(Date),
      promotedAt: null,
    });
    expect(churn2).toMatchObject({
      features: ['recency_days'],
      params: { eta: 0.05 },
      metrics: { auc: 0.84 },
      detail: { note: 'retrained' },
    });
    expect(engagement1.horizonDays).toBe(14);

    expect(await store.booster(churn1.id)).toEqual(new Uint8Array(Array.from({ length: 256 }, (_, i) => i)));
    expect(await store.booster(churn2.id)).toEqual(new Uint8Array([1, 2, 3]));
    expect(await store.booster(UNKNOWN)).toBeUndefined();

    expect(await store.model(churn1.id)).toEqual(churn1);
    expect(await store.model(UNKNOWN)).toBeUndefined();
    expect((await store.models('churn')).map((m) => [m.version, m.id])).toEqual([
      [2, churn2.id],
      [1, churn1.id],
    ]);
    expect((await store.models()).map((m) => [m.target, m.version])).toEqual([
      ['churn', 2],
      ['churn', 1],
      ['engagement', 1],
    ]);
  });

  it('reports a new model as not active until it is promoted', async () => {
    expect(await store.activeModelId('churn')).toBeUndefined();
    const [churn2] = await store.models('churn');
    expect(churn2?.active).toBe(false);
    expect((await store.model(churn2!.id))?.active).toBe(false);
    expect((await store.models()).map((m) => m.active)).toEqual([false, false, false]);
  });
});

describe('promotion and rollback', () => {
  const activeFlags = async (target: string): Promise<[number, boolean][]> =>
    (await store.models(target)).map((m) => [m.version, m.active]);

  it('makes the promoted model the only active one of its target and remembers the one before', async () => {
    const v1 = await store.insertModel(newModel('retention'), NO_ROWS);
    const v2 = await store.insertModel(newModel('retention'), NO_ROWS);
    const other = await store.insertModel(newModel('winback'), NO_ROWS);

    expect(await store.promote(v1.id, 'first model')).toEqual({
      activeModelId: v1.id,
      activeVersion: 1,
      previousModelId: null,
    });
    expect(await store.activeModelId('retention')).toBe(v1.id);
    expect(await activeFlags('retention')).toEqual([
      [2, false],
      [1, true],
    ]);
    const promotedV1 = await store.model(v1.id);
    expect(promotedV1?.active).toBe(true);
    expect(promotedV1?.promotedAt).toBeInstanceOf(Date);
    expect((await store.model(v2.id))?.promotedAt).toBeNull();

    expect(await store.promote(v2.id, 'better auc')).toEqual({
      activeModelId: v2.id,
      activeVersion: 2,
      previousModelId: v1.id,
    });
    expect(await store.activeModelId('retention')).toBe(v2.id);
    expect(await activeFlags('retention')).toEqual([
      [2, true],
      [1, false],
    ]);
    const promotedV2 = (await store.model(v2.id))!;
    expect(promotedV2.promotedAt!.getTime()).toBeGreaterThanOrEqual(promotedV1!.promotedAt!.getTime());

    // Another target is untouched.
    expect(await store.activeModelId('winback')).toBeUndefined();
    expect((await store.model(other.id))?.promotedAt).toBeNull();
  });

  it('rolls back to the model active before, and no further than the first promotion', async () => {
    const [v2, v1] = await store.models('retention');
    expect(await store.rollback('retention')).toEqual({
      activeModelId: v1!.id,
      activeVersion: 1,
      previousModelId: v2!.id,
    });
    expect(await store.activeModelId('retention')).toBe(v1!.id);
    expect(await activeFlags('retention')).toEqual([
      [2, false],
      [1, true],
    ]);

    // Only one live promotion left: nothing to go back to, and nothing changes.
    expect(await store.rollback('retention')).toBeUndefined();
    expect(await store.activeModelId('retention')).toBe(v1!.id);
    // A target never promoted has nothing to roll back.
    expect(await store.rollback('winback')).toBeUndefined();
    expect(await store.rollback('no-such-target')).toBeUndefined();
  });

  it('refuses to promote a model that does not exist, leaving the active one', async () => {
    await expect(store.promote(UNKNOWN, 'typo')).rejects.toBeInstanceOf(ModelNotFoundError);
    const [, v1] = await store.models('retention');
    expect(await store.activeModelId('retention')).toBe(v1!.id);
  });

  it('rolls back past a model promoted twice in a row to the one before it', async () => {
    const v1 = await store.insertModel(newModel('upsell'), NO_ROWS);
    const v2 = await store.insertModel(newModel('upsell'), NO_ROWS);
    await store.promote(v1.id, 'first');
    await store.promote(v2.id, 'second');
    await store.promote(v2.id, 'promoted again by a retried request');

    // "Goes back to the model that was active before the current one": that is v1.
    expect(await store.rollback('upsell')).toEqual({
      activeModelId: v1.id,
      activeVersion: 1,
      previousModelId: v2.id,
    });
    expect(await store.activeModelId('upsell')).toBe(v1.id);
  });
});

describe('training rows', () => {
  const ROWS = 25_000; // more than one 20,000-row insert batch
  const PROFILES = 1_000;
  const T0 = Date.UTC(2026, 0, 1);
  const expected: StoredTrainingRow[] = [];
  for (let i = 0; i < ROWS; i++) {
    expected.push({
      profileId: uuid(0x100000 + (i % PROFILES)),
      // Odd milliseconds, so a lost millisecond shows.
      at: new Date(T0 + i * 60_001 + 7),
      label: i % 3 === 0 ? 1 : 0,
      validation: i % 5 === 0,
    });
  }
  let modelId: string;

  const allRows = async (id: string, pageSize: number): Promise<StoredTrainingRow[]> => {
    const result: StoredTrainingRow[] = [];
    for (let offset = 0; ; offset += pageSize) {
      const page = await store.trainingRows(id, offset, pageSize);
      result.push(...page);
      if (page.length < pageSize) return result;
    }
  };

  it('keeps every row in training order across insert batches, page by page', async () => {
    const model = await store.insertModel(newModel('churn-rows'), {
      profileIds: expected.map((r) => r.profileId),
      at: Float64Array.from(expected, (r) => r.at.getTime()),
      labels: Uint8Array.from(expected, (r) => r.label),
      validation: Uint8Array.from(expected, (r) => (r.validation ? 1 : 0)),
    });
    modelId = model.id;

    expect(await store.trainingRowCount(modelId)).toBe(ROWS);
    // A page across the boundary between the first and the second insert batch.
    expect(await store.trainingRows(modelId, 19_995, 10)).toEqual(expected.slice(19_995, 20_005));
    expect(await store.trainingRows(modelId, 24_990, 100)).toEqual(expected.slice(24_990));
    expect(await store.trainingRows(modelId, ROWS, 10)).toEqual([]);
    expect(await allRows(modelId, 7_000)).toEqual(expected);

    // Another model's rows are its own.
    const small = await store.insertModel(newModel('churn-rows'), {
      profileIds: [uuid(0x100003), uuid(0x200000)],
      at: [T0, T0 + 1],
      labels: [1, 0],
      validation: [0, 1],
    });
    expect(await store.trainingRowCount(small.id)).toBe(2);
    expect(await store.trainingRows(small.id, 0, 10)).toEqual([
      { profileId: uuid(0x100003), at: new Date(T0), label: 1, validation: false },
      { profileId: uuid(0x200000), at: new Date(T0 + 1), label: 0, validation: true },
    ]);
    expect(await store.trainingRowCount(UNKNOWN)).toBe(0);
  });

  it('erases the named profiles’ scores and training rows from every model, and nothing else', async () => {
    const erased = [uuid(0x100003), uuid(0x100007)];
    const kept = uuid(0x100004);
    const score = (profileId: string): ScoreRow => ({
      profileId,
      asOf: at(0),
      churnRisk: 0.5,
      churnBand: 'medium',
      engagementScore: 0.25,
      intentScore: 0.75,
      scores: {},
    });
    await store.saveScores([score(erased[0]!), score(erased[1]!), score(kept)]);

    await store.erase(erased);

    const remaining = expected.filter((r) => !erased.includes(r.profileId));
    expect(remaining).toHaveLength(ROWS - 2 * (ROWS / PROFILES));
    expect(await store.trainingRowCount(modelId)).toBe(remaining.length);
    expect(await allRows(modelId, 7_000)).toEqual(remaining);
    const [small] = await store.models('churn-rows');
    expect(await store.trainingRows(small!.id, 0, 10)).toEqual([
      { profileId: uuid(0x200000), at: new Date(T0 + 1), label: 0, validation: true },
    ]);

    expect(await store.scores(erased[0]!)).toBeUndefined();
    expect(await store.scores(erased[1]!)).toBeUndefined();
    expect(await store.scores(kept)).toMatchObject({ profileId: kept, churnBand: 'medium' });
  });
});

describe('profile scores', () => {
  const ANN = uuid(0x300001);
  const BOB = uuid(0x300002);
  const CAT = uuid(0x300003);
  const row = (profileId: string, asOf: Date, churnRisk: number, band: string): ScoreRow => ({
    profileId,
    asOf,
    churnRisk,
    churnBand: band,
    engagementScore: 62.5,
    intentScore: 0.125,
    scores: { churn: { risk: churnRisk, band }, modelVersion: 1 },
  });

  it('upserts each profile’s latest scores and never lets an older run overwrite a newer one', async () => {
    let published = 0;
    await store.saveScores([row(ANN, at(10), 0.25, 'low'), row(BOB, at(10), 0.75, 'high')], async () => {
      published++;
    });
    expect(published).toBe(1);
    const first = await store.scores(ANN);
    expect(first).toEqual({ ...row(ANN, at(10), 0.25, 'low'), updatedAt: expect.any(Date) });

    // Newer: replaces.
    await store.saveScores([{ ...row(ANN, at(20), 0.5, 'medium'), churnRisk: null, engagementScore: null }]);
    const second = await store.scores(ANN);
    expect(second).toEqual({
      ...row(ANN, at(20), 0.5, 'medium'),
      churnRisk: null,
      engagementScore: null,
      updatedAt: expect.any(Date),
    });
    expect(second!.updatedAt.getTime()).toBeGreaterThanOrEqual(first!.updatedAt.getTime());

    // Older: ignored, updatedAt included; Bob, in the same batch, is still updated.
    await store.saveScores([row(ANN, at(15), 0.875, 'high'), row(BOB, at(15), 0.5, 'medium')]);
    expect(await store.scores(ANN)).toEqual(second);
    expect(await store.scores(BOB)).toMatchObject({ asOf: at(15), churnRisk: 0.5, churnBand: 'medium' });
    expect(await store.scores(CAT)).toBeUndefined();
  });

  it('keeps the old scores when publishing fails', async () => {
    const before = await store.scores(ANN);
    await expect(
      store.saveScores([row(ANN, at(30), 0.125, 'low'), row(CAT, at(30), 0.25, 'low')], async () => {
        throw new Error('bus down');
      }),
    ).rejects.toThrow('bus down');
    expect(await store.scores(ANN)).toEqual(before);
    expect(await store.scores(CAT)).toBeUndefined();
  });

  it('drops only the named profiles’ scores', async () => {
    await store.saveScores([row(CAT, at(30), 0.25, 'low')]);
    await store.dropScores([ANN, CAT]);
    expect(await store.scores(ANN)).toBeUndefined();
    expect(await store.scores(CAT)).toBeUndefined();
    expect(await store.scores(BOB)).toMatchObject({ profileId: BOB, asOf: at(15) });
  });
});
