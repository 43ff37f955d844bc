import { randomUUID } from 'node:crypto';
import {
  exportMatrix,
  FEATURES_EXPORT,
  FEATURES_GET,
  FEATURES_TRAINING_SET,
  type FeaturesExportResponse,
  type TrainingRow,
} from '@cdp/feature-store/contracts';
import { FEATURE_CATALOG } from '@cdp/feature-store/domain';
import { EVENTS_RESOLVED, type ResolvedEvent } from '@cdp/identity/contracts';
import type { NormalizedEvent } from '@cdp/ingestion/contracts';
import { createTestDatabase, type TestDatabase, waitFor } from '@cdp/shared/testing';
import { createDbClient, type DbClient } from '@cdp/shared/util-db';
import {
  BusError,
  busConfigFor,
  createBus,
  publishEvent,
  sendRequest,
  type Bus,
} from '@cdp/shared/util-messaging';
import { startService, type RunningService } from '@cdp/shared/util-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../service.js';

let database: TestDatabase;
let running: RunningService;
let bus: Bus;
let client: DbClient;

const DAY = 86_400_000;
/** Noon UTC two days ago: T - 1 ms, T and T + 1 ms are one UTC day. */
const T = Math.floor(Date.now() / DAY) * DAY - 2 * DAY + 12 * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Five profiles; the first has a page view exactly at T and another 1 ms later. */
const profiles = Array.from({ length: 5 }, () => randomUUID());
const [ann] = profiles as [string];

function page(person: number, n: number, at: number): NormalizedEvent {
  return {
    type: 'page',
    name: 'Home',
    properties: { path: `/p/${n % 3}` },
    messageId: `p${person}-e${n}`,
    anonymousId: `anon-${person}`,
    userId: `user-${person}`,
    context: { device: { type: n % 2 ? 'ios' : 'windows' } },
    integrations: {},
    timestamp: iso(at),
    receivedAt: iso(at + 500),
  } as NormalizedEvent;
}

function identify(person: number, at: number, traits: Record<string, unknown>): NormalizedEvent {
  return {
    type: 'identify',
    traits,
    messageId: `p${person}-id`,
    anonymousId: `anon-${person}`,
    userId: `user-${person}`,
    context: {},
    integrations: {},
    timestamp: iso(at),
    receivedAt: iso(at + 500),
  } as NormalizedEvent;
}

const events: ResolvedEvent[] = [
  { profileId: ann, sourceId: 'src', event: page(0, 0, T) },
  { profileId: ann, sourceId: 'src', event: page(0, 1, T + 1) },
  { profileId: ann, sourceId: 'src', event: page(0, 2, T - 3 * DAY) },
  { profileId: ann, sourceId: 'src', event: identify(0, T - DAY, { plan: 'pro, "annual"', age: 31 }) },
  ...profiles.slice(1).flatMap((profileId, p) =>
    Array.from({ length: 3 + p }, (_, n) => ({
      profileId,
      sourceId: 'src',
      event: page(p + 1, n, T - (n + p) * DAY + n * 3_600_000),
    })),
  ),
];

beforeAll(async () => {
  database = await createTestDatabase('feature_store_training');
  running = await startService(service, {
    DATABASE_URL: database.url,
    PORT: '0',
    LOG_LEVEL: 'warn',
    FEATURES_DEBOUNCE_MS: '200',
  });
  bus = await createBus(busConfigFor('feature-store-training-test', { DATABASE_URL: database.url }));
  client = createDbClient({ url: database.url, max: 2 });
  await publishEvent(bus, EVENTS_RESOLVED, { events });
  await waitFor(
    async () =>
      Number(
        (await client.pool.query<{ n: string }>('SELECT count(*) AS n FROM feature_store.events')).rows[0]?.n,
      ) === events.length,
    30_000,
    'every event applied',
  );
}, 60_000);

afterAll(async () => {
  await bus?.close();
  await client?.close();
  await running?.close();
  await database?.drop();
}, 60_000);

const CLICKS = ['intent.clicks_1d', 'intent.clicks_7d', 'traits.plan', 'traits.age_range'];

describe('training sets', () => {
  it('reads each row as of its own time: an event at T counts for a row at T, one at T + 1 ms does not', async () => {
    const rows: TrainingRow[] = [
      { profileId: ann, at: iso(T - 1), label: 0 },
      { profileId: ann, at: iso(T), label: 1 },
      { profileId: ann, at: iso(T + 1), label: 'churned' },
      // T again, written in another offset: the same instant.
      {
        profileId: ann,
        at: new Date(T).toISOString().replace('12:00:00.000Z', '14:00:00.000+02:00'),
        label: null,
      },
      { profileId: ann, at: iso(T - 2 * DAY), label: 2.5 },
    ];
    const reply = await sendRequest(bus, FEATURES_TRAINING_SET, { rows, names: CLICKS });
    expect(reply.names).toEqual(CLICKS);
    expect(reply.types).toEqual(['number', 'number', 'category', 'category']);
    // Labels and times come back as they were sent, in the order sent.
    expect(reply.rows.map(({ profileId, at, label }) => ({ profileId, at, label }))).toEqual(rows);
    expect(reply.rows.map((r) => r.values)).toEqual([
      [0, 1, 'pro, "annual"', '25-34'],
      [1, 2, 'pro, "annual"', '25-34'],
      [2, 3, 'pro, "annual"', '25-34'],
      [1, 2, 'pro, "annual"', '25-34'],
      // Before the identify: no traits yet.
      [0, 1, null, null],
    ]);
  });

  it('gives every feature the value a point-in-time read gives, for each row', async () => {
    const rows: TrainingRow[] = profiles.map((profileId, i) => ({
      profileId,
      at: iso(T - i * 3_600_000),
      label: i,
    }));
    const reply = await sendRequest(bus, FEATURES_TRAINING_SET, { rows });
    expect(reply.names).toEqual(FEATURE_CATALOG.map((d) => d.name));
    for (const [i, row] of reply.rows.entries()) {
      const { profiles: read } = await sendRequest(bus, FEATURES_GET, {
        profileIds: [row.profileId],
        asOf: row.at,
      });
      expect(Object.fromEntries(reply.names.map((name, c) => [name, row.values[c]]))).toEqual(
        read[0]?.features,
      );
      expect(row.label).toBe(i);
    }
  });

  it('refuses a set whose reply would not fit in one message, saying how many rows would', async () => {
    const rows: TrainingRow[] = Array.from({ length: 2_000 }, (_, i) => ({
      profileId: profiles[i % profiles.length] as string,
      at: iso(T + i),
      label: i,
    }));
    const refused = await sendRequest(bus, FEATURES_TRAINING_SET, { rows }, 30_000).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BusError);
    expect(refused).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/send at most \d+ rows/),
      details: { reason: 'reply-too-large' },
    });
    const maxRows = (refused as BusError).details?.['maxRows'] as number;
    expect(maxRows).toBeGreaterThan(100);
    expect(maxRows).toBeLessThan(2_000);
    const fits = await sendRequest(bus, FEATURES_TRAINING_SET, { rows: rows.slice(0, maxRows) }, 30_000);
    expect(fits.rows).toHaveLength(maxRows);
  });
});

describe('export', () => {
  async function pages(request: { limit: number; asOf?: string }): Promise<FeaturesExportResponse[]> {
    const result: FeaturesExportResponse[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await sendRequest(bus, FEATURES_EXPORT, { ...request, ...(after ? { after } : {}) });
      result.push(page);
      if (page.next === null) return result;
      after = page.next;
    }
  }

  for (const asOf of [undefined, iso(T)]) {
    it(`pages through every profile once, in id order, with the values FEATURES_GET gives (${asOf ? 'as of T' : 'online'})`, async () => {
      const read = await pages({ limit: 2, ...(asOf ? { asOf } : {}) });
      expect(read.map((p) => p.profileIds.length)).toEqual([2, 2, 1]);
      const ids = read.flatMap((p) => p.profileIds);
      expect(ids).toEqual([...profiles].sort());
      const { profiles: expected } = await sendRequest(bus, FEATURES_GET, {
        profileIds: ids,
        ...(asOf ? { asOf } : {}),
      });
      for (const page of read) {
        expect(page.names).toEqual(FEATURE_CATALOG.map((d) => d.name));
        for (const [row, profileId] of page.profileIds.entries()) {
          const vector = Object.fromEntries(page.names.map((name, c) => [name, page.columns[c]?.[row]]));
          expect(vector).toEqual(expected.find((p) => p.profileId === profileId)?.features);
        }
      }
    });
  }

  it('reads as typed arrays through exportMatrix: null is NaN, categories stay strings', async () => {
    const chunks = [];
    for await (const chunk of exportMatrix((request) => sendRequest(bus, FEATURES_EXPORT, request), {
      names: CLICKS,
      asOf: iso(T),
      limit: 3,
    })) {
      chunks.push(chunk);
    }
    expect(chunks.map((c) => c.profileIds.length)).toEqual([3, 2]);
    const annChunk = chunks.find((c) => c.profileIds.includes(ann));
    const row = annChunk?.profileIds.indexOf(ann) ?? -1;
    expect(annChunk?.numeric.get('intent.clicks_1d')?.[row]).toBe(1);
    expect(annChunk?.categorical.get('traits.plan')?.[row]).toBe('pro, "annual"');
    const other = chunks[0]?.profileIds.findIndex((id) => id !== ann) ?? -1;
    expect(chunks[0]?.categorical.get('traits.plan')?.[other]).toBeNull();
  });
});

describe('unknown features', () => {
  it('are refused by name, by both requests', async () => {
    const names = ['intent.clicks_7d', 'intent.nope', 'ads.nothing'];
    const named = { code: 'VALIDATION_FAILED', message: expect.stringMatching(/intent\.nope, ads\.nothing/) };
    await expect(
      sendRequest(bus, FEATURES_TRAINING_SET, { rows: [{ profileId: ann, at: iso(T), label: 1 }], names }),
    ).rejects.toMatchObject(named);
    await expect(sendRequest(bus, FEATURES_EXPORT, { names })).rejects.toMatchObject(named);
  });
});
