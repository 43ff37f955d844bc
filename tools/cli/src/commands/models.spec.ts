import type { PredictionJob, PredictionModelDetail, PredictionModelSummary } from '@cdp/prediction/contracts';
import { describe, expect, it } from 'vitest';
import {
  formatActiveChange,
  formatModelDetail,
  formatPredictionModels,
  formatScores,
  parseModelId,
  parseProfileId,
  parseTarget,
  parseTrainRequest,
  TRAINING_ROWS_HEADER,
  trainingRowsCsv,
  trainResult,
  writeTrainingRows,
  type ScoresReply,
  type TrainingRowsReply,
  type TrainingRowsRequest,
} from './models.js';

const MODEL_ID = '6f1c1f9e-2a51-4c57-9d1c-0a6e2b8f4c11';
const OTHER_ID = '0b8a3c2d-1e4f-4a5b-8c6d-7e8f9a0b1c2d';
const PROFILE_ID = '3d6f0a52-8b1e-4c7a-9f2d-5e6b7c8d9e0f';
const JOB_ID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

function summary(overrides: Partial<PredictionModelSummary> = {}): PredictionModelSummary {
  return {
    id: MODEL_ID,
    target: 'churn',
    version: 4,
    active: true,
    auc: 0.8123,
    trainRows: 12000,
    validationRows: 4000,
    features: ['orders_30d', 'sessions_7d', 'days_since_last_order'],
    horizonDays: 30,
    dataFrom: '2024-01-07T00:00:00.000Z',
    dataTo: '2024-06-30T00:00:00.000Z',
    codeVersion: '1.2.0',
    createdAt: '2024-07-01T09:15:30.000Z',
    promotedAt: '2024-07-01T09:20:00.000Z',
    ...overrides,
  };
}

function detail(overrides: Partial<PredictionModelDetail> = {}): PredictionModelDetail {
  return {
    ...summary(),
    metrics: {
      auc: 0.8123,
      prAuc: 0.4031,
      logLoss: 0.3874,
      liftAtTopDecile: 3.1,
      positiveRate: 0.12,
      roc: [
        { x: 0, y: 0 },
        { x: 0.5, y: 0.9 },
        { x: 1, y: 1 },
      ],
      pr: [{ x: 1, y: 0.12 }],
      calibration: [
        { predicted: 0.05, observed: 0.04, count: 2500 },
        { predicted: 0.55, observed: 0.61, count: 300 },
      ],
    },
    params: { eta: 0.1, max_depth: 6, tree_method: 'hist' },
    rounds: 200,
    importance: Array.from({ length: 12 }, (_, i) => ({
      feature: `feature_${i + 1}`,
      gain: 100 - i,
      share: i === 0 ? 0.315 : 0.05,
    })),
    cutoffs: {
      train: ['2024-01-07T00:00:00.000Z', '2024-04-28T00:00:00.000Z'],
      validation: ['2024-05-05T00:00:00.000Z', '2024-06-30T00:00:00.000Z'],
    },
    classBalance: { positives: 1440, negatives: 10560, scalePosWeight: 7.33 },
    comparison: { modelId: OTHER_ID, auc: 0.79, candidateAuc: 0.8123 },
    timings: { train: 1200 },
    labels: 'churn: active by the cut-off, then no activity in the next 30 days',
    ...overrides,
  };
}

function job(overrides: Partial<PredictionJob> = {}): PredictionJob {
  return {
    jobId: JOB_ID,
    kind: 'train',
    target: 'churn',
    state: 'done',
    phase: 'done',
    progress: 1,
    startedAt: '2024-07-01T09:00:00.000Z',
    finishedAt: '2024-07-01T09:20:00.000Z',
    modelId: MODEL_ID,
    promoted: true,
    decision: 'AUC 0.812 beats the active model (0.790) on the same validation rows',
    scored: 5321,
    ...overrides,
  };
}

describe('parseTarget', () => {
  it('accepts churn and engagement', () => {
    expect(parseTarget('churn')).toBe('churn');
    expect(parseTarget('engagement')).toBe('engagement');
  });

  it('refuses anything else, naming the valid targets', () => {
    expect(() => parseTarget('ltv')).toThrow('unknown target "ltv": the targets are churn, engagement');
  });
});

describe('parseTrainRequest', () => {
  it('turns the flags into a request with numbers and a feature list', () => {
    expect(
      parseTrainRequest('engagement', {
        horizonDays: '14',
        everyDays: '7',
        historyDays: '365',
        rounds: '300',
        validationShare: '0.2',
        features: 'orders_30d, sessions_7d,',
        promote: 'never',
      }),
    ).toEqual({
      target: 'engagement',
      horizonDays: 14,
      everyDays: 7,
      historyDays: 365,
      rounds: 300,
      validationShare: 0.2,
      features: ['orders_30d', 'sessions_7d'],
      promote: 'never',
    });
  });

  it('sends only the target when no flag is given (the service keeps its defaults)', () => {
    expect(parseTrainRequest('churn', {})).toEqual({ target: 'churn' });
  });

  it('refuses an unknown target before looking at the flags', () => {
    expect(() => parseTrainRequest('revenue', { rounds: '10' })).toThrow(
      'unknown target "revenue": the targets are churn, engagement',
    );
  });

  it('names the flag whose value is out of the contract bounds', () => {
    expect(() => parseTrainRequest('churn', { horizonDays: '400' })).toThrow(/^--horizon-days "400": /);
    expect(() => parseTrainRequest('churn', { everyDays: '0' })).toThrow(/^--every-days "0": /);
    expect(() => parseTrainRequest('churn', { historyDays: '1' })).toThrow(/^--history-days "1": /);
    expect(() => parseTrainRequest('churn', { rounds: '6000' })).toThrow(/^--rounds "6000": /);
    expect(() => parseTrainRequest('churn', { validationShare: '1' })).toThrow(/^--validation-share "1": /);
  });

  it('names the flag whose value is not a number of the right kind', () => {
    expect(() => parseTrainRequest('churn', { rounds: 'many' })).toThrow(
      '--rounds must be a whole number, not "many"',
    );
    expect(() => parseTrainRequest('churn', { horizonDays: '1.5' })).toThrow(
      '--horizon-days must be a whole number, not "1.5"',
    );
    expect(() => parseTrainRequest('churn', { validationShare: 'half' })).toThrow(
      '--validation-share must be a number, not "half"',
    );
  });

  it('refuses an unknown --promote and an empty --features', () => {
    expect(() => parseTrainRequest('churn', { promote: 'sometimes' })).toThrow(/^--promote "sometimes": /);
    expect(() => parseTrainRequest('churn', { features: ' , ' })).toThrow(/^--features needs at least one/);
  });
});

describe('ids', () => {
  it('accepts UUIDs and refuses anything else with where to find one', () => {
    expect(parseModelId(MODEL_ID)).toBe(MODEL_ID);
    expect(() => parseModelId('v4')).toThrow('a model id is a UUID (see `cdp models list`), not "v4"');
    expect(parseProfileId(PROFILE_ID)).toBe(PROFILE_ID);
    expect(() => parseProfileId('email:ann@example.com')).toThrow(
      /^a profile id is a UUID .*not "email:ann@example.com"$/,
    );
  });
});

describe('formatPredictionModels', () => {
  it('lists each model with its AUC and rows, the active one marked', () => {
    const text = formatPredictionModels([
      summary(),
      summary({ id: OTHER_ID, version: 3, active: false, auc: 0.79, trainRows: 9000, validationRows: 3000 }),
    ]);
    const [header, active, inactive] = text.split('\n');
    expect(header).toMatch(/^id\s+target\s+version\s+active\s+AUC\s+train rows\s+validation rows\s+created$/);
    expect(active).toMatch(
      new RegExp(`^${MODEL_ID}\\s+churn\\s+4\\s+yes\\s+0\\.812\\s+12000\\s+4000\\s+2024-07-01 09:15Z$`),
    );
    expect(inactive).toMatch(new RegExp(`^${OTHER_ID}\\s+churn\\s+3\\s+0\\.790\\s+9000\\s+3000\\s+`));
    expect(inactive).not.toContain('yes');
  });

  it('says how to train one when there is none', () => {
    expect(formatPredictionModels([])).toContain('cdp models train');
  });
});

describe('formatModelDetail', () => {
  it("shows the validation metrics, rows, class balance and the training's promotion decision", () => {
    const text = formatModelDetail(detail(), {
      outcome: { promoted: true, decision: 'AUC 0.812 beats the active model (0.790)' },
    });
    expect(text).toContain('churn model v4 (active)');
    expect(text).toContain('AUC 0.812, PR AUC 0.403, log loss 0.387, lift at top decile 3.10×');
    expect(text).toContain('rows: 12000 train, 4000 validation');
    expect(text).toContain('1440 positives, 10560 negatives, scale_pos_weight 7.33');
    expect(text).toContain('promoted: yes (AUC 0.812 beats the active model (0.790))');
  });

  it('says when the training did not promote the model', () => {
    const text = formatModelDetail(detail({ active: false, promotedAt: null }), {
      outcome: { promoted: false, decision: 'AUC 0.780 does not beat the active model (0.790)' },
    });
    expect(text).toContain('promoted: no (AUC 0.780 does not beat the active model (0.790))');
    expect(text).not.toContain('(active)');
  });

  it('lists the top 10 features by gain share and every calibration bin', () => {
    const text = formatModelDetail(detail());
    expect(text).toContain('top features by gain (10 of 12)');
    expect(text).toMatch(/feature_1\s+31\.5%/);
    expect(text).toMatch(/feature_10\s+5\.0%/);
    expect(text).not.toContain('feature_11');
    expect(text).toMatch(/0\.050\s+0\.040\s+2500/);
    expect(text).toMatch(/0\.550\s+0\.610\s+300/);
  });

  it('adds ROC points, cut-off ranges and params in full', () => {
    const brief = formatModelDetail(detail());
    const full = formatModelDetail(detail(), { full: true });
    expect(brief).not.toContain('ROC');
    expect(full).toContain('ROC: 3 points');
    expect(full).toContain(
      'cut-offs: train 2 from 2024-01-07 to 2024-04-28; validation 2 from 2024-05-05 to 2024-06-30',
    );
    expect(full).toContain('params: eta=0.1, max_depth=6, tree_method=hist, rounds=200');
  });
});

describe('trainResult', () => {
  it("is the model plus the job's id, promotion decision and profiles scored", () => {
    const result = trainResult(detail(), job());
    expect(result).toMatchObject({
      id: MODEL_ID,
      version: 4,
      jobId: JOB_ID,
      promoted: true,
      decision: 'AUC 0.812 beats the active model (0.790) on the same validation rows',
      scored: 5321,
    });
    expect(result.metrics.auc).toBe(0.8123);
  });
});

describe('formatActiveChange', () => {
  it('says which model is active now, which was before, and the rescoring job', () => {
    const text = formatActiveChange({
      target: 'churn',
      activeModelId: OTHER_ID,
      activeVersion: 3,
      previousModelId: MODEL_ID,
      jobId: JOB_ID,
    });
    expect(text).toContain(`churn: model ${OTHER_ID} (v3) is now active`);
    expect(text).toContain(`before: ${MODEL_ID}`);
    expect(text).toContain(`job ${JOB_ID}`);
  });
});

describe('formatScores', () => {
  const scores: ScoresReply = {
    profileId: PROFILE_ID,
    asOf: '2024-07-02T00:00:00.000Z',
    updatedAt: '2024-07-02T08:30:00.000Z',
    churn: {
      modelId: MODEL_ID,
      score: 0.734,
      band: 'high',
      top: [
        { feature: 'days_since_last_order', contribution: 0.8123 },
        { feature: 'sessions_7d', contribution: -0.25 },
      ],
    },
    engagement: {
      modelId: OTHER_ID,
      score: 0.21,
      band: 'low',
      top: [{ feature: 'orders_30d', contribution: 0.3 }],
    },
    intent: 0.05,
    traits: { churn_risk: 0.734, churn_risk_band: 'high', engagement_score: 0.21, intent_score: 0.05 },
  };

  it('shows churn risk with its band, engagement and intent, and what drove each model', () => {
    const text = formatScores(scores);
    expect(text).toMatch(/churn risk\s+0\.734 \(high\)/);
    expect(text).toMatch(/engagement score\s+0\.210/);
    expect(text).toMatch(/intent score\s+0\.050/);
    expect(text).toMatch(/days_since_last_order\s+\+0\.812/);
    expect(text).toMatch(/sessions_7d\s+-0\.250/);
    expect(text).toMatch(/orders_30d\s+\+0\.300/);
  });

  it('says so when a model has not scored the profile', () => {
    expect(formatScores({ ...scores, churn: undefined })).toContain(
      'churn risk        — (no churn model has scored it)',
    );
  });
});

describe('training rows CSV', () => {
  const row = (i: number, set: 'train' | 'validation'): TrainingRowsReply['rows'][number] => ({
    profileId: PROFILE_ID,
    at: `2024-0${i}-01T00:00:00.000Z`,
    label: i % 2,
    set,
  });

  it('has the header features training-set --rows reads, and one line per row', () => {
    expect(TRAINING_ROWS_HEADER).toBe('profile,timestamp,label,set\n');
    expect(trainingRowsCsv([row(1, 'train'), row(2, 'validation')])).toBe(
      `${PROFILE_ID},2024-01-01T00:00:00.000Z,1,train\n${PROFILE_ID},2024-02-01T00:00:00.000Z,0,validation\n`,
    );
  });

  it('pages through the rows, writing each page as it comes', async () => {
    const all = [
      row(1, 'train'),
      row(2, 'train'),
      row(3, 'train'),
      row(4, 'validation'),
      row(5, 'validation'),
    ];
    const requests: TrainingRowsRequest[] = [];
    const pieces: string[] = [];
    const written = await writeTrainingRows({
      modelId: MODEL_ID,
      limit: 2,
      write: async (text) => {
        pieces.push(text);
      },
      send: async (request) => {
        requests.push(request);
        const offset = request.offset ?? 0;
        return { total: all.length, rows: all.slice(offset, offset + (request.limit ?? 2)) };
      },
    });
    expect(written).toBe(5);
    expect(requests.map((r) => r.offset)).toEqual([0, 2, 4]);
    const lines = pieces.join('').trimEnd().split('\n');
    expect(lines[0]).toBe('profile,timestamp,label,set');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe(`${PROFILE_ID},2024-05-01T00:00:00.000Z,1,validation`);
  });

  it('writes only the header for a model without rows', async () => {
    const pieces: string[] = [];
    const written = await writeTrainingRows({
      modelId: MODEL_ID,
      limit: 100,
      write: async (text) => {
        pieces.push(text);
      },
      send: async () => ({ total: 0, rows: [] }),
    });
    expect(written).toBe(0);
    expect(pieces.join('')).toBe('profile,timestamp,label,set\n');
  });
});
