import { Readable } from 'node:stream';
import {
  REPLY_TOO_LARGE,
  type FeaturesTrainingSetRequest,
  type FeaturesTrainingSetResponse,
} from '@cdp/feature-store/contracts';
import { BusError } from '@cdp/shared/util-messaging';
import { describe, expect, it } from 'vitest';
import {
  readTrainingRows,
  TrainingInputError,
  writeTrainingSet,
  type TrainingInputRow,
} from './features-training-set.js';

const A = '0b6f8a1e-3c1d-4e2a-9f00-000000000001';
const B = '0b6f8a1e-3c1d-4e2a-9f00-000000000002';

async function read(text: string): Promise<TrainingInputRow[]> {
  const rows: TrainingInputRow[] = [];
  for await (const row of readTrainingRows(Readable.from([text]), 'rows.csv')) rows.push(row);
  return rows;
}

describe('readTrainingRows', () => {
  it('reads profile, timestamp and label by header name, with the line each row starts on', async () => {
    const rows = await read(
      [
        '\uFEFFlabel,Timestamp,profile,extra',
        `1,2024-05-01T12:00:00Z,${A},x`,
        '',
        `"churned, late",2024-05-01T14:00:00.123+02:00,${B.toUpperCase()},y`,
        `"two`,
        `lines",2024-05-02T00:00:00Z,email:ann@example.com,z`,
        `,2024-05-03T00:00:00Z,${A},`,
      ].join('\n'),
    );
    expect(rows).toEqual([
      { line: 2, profile: A, at: '2024-05-01T12:00:00Z', label: '1' },
      { line: 4, profile: B, at: '2024-05-01T14:00:00.123+02:00', label: 'churned, late' },
      { line: 5, profile: 'email:ann@example.com', at: '2024-05-02T00:00:00Z', label: 'two\nlines' },
      { line: 7, profile: A, at: '2024-05-03T00:00:00Z', label: null },
    ]);
  });

  it('reads CRLF files', async () => {
    const rows = await read(
      `profile,timestamp,label\r\n${A},2024-05-01T12:00:00Z,1\r\n\r\n${B},2024-05-01T12:00:00Z,0\r\n`,
    );
    expect(rows.map((r) => [r.line, r.profile, r.label])).toEqual([
      [2, A, '1'],
      [4, B, '0'],
    ]);
  });

  it.each([
    ['profile,label\n', /rows\.csv line 1: the header has no "timestamp" column/],
    ['', /rows\.csv is empty/],
    [
      `profile,timestamp,label\n${A},2024-05-01T12:00:00Z,1\nnot-a-uuid,2024-05-01T12:00:00Z,1\n`,
      /rows\.csv line 3: profile "not-a-uuid" is neither a profile id \(a UUID\) nor an identifier/,
    ],
    [
      `profile,timestamp,label\n${A},2024-05-01 12:00,1\n`,
      /rows\.csv line 2: timestamp "2024-05-01 12:00" is not an ISO 8601 time with an offset/,
    ],
    [
      `profile,timestamp,label\n${A},2024-05-01T12:00:00,1\n`,
      /line 2: timestamp "2024-05-01T12:00:00" is not/,
    ],
    [
      `profile,timestamp,label\n${A},2024-02-30T12:00:00Z,1\n`,
      /line 2: timestamp "2024-02-30T12:00:00Z" is not/,
    ],
    [`profile,timestamp,label\n${A},,1\n`, /line 2: no timestamp/],
    [`profile,timestamp,label\n\n${A},2024-05-01T12:00:00Z\n`, /line 3: 2 fields where the header has 3/],
    [`profile,timestamp,label\n${A},2024-05-01T12:00:00Z,"open\n`, /rows\.csv is not valid CSV/],
  ])('refuses bad input naming the line and what is wrong (%#)', async (text, message) => {
    const failed = await read(text).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TrainingInputError);
    expect((failed as Error).message).toMatch(message);
  });
});

/** A feature store answering training-set requests: clicks = the row's index in the file, the label echoed. */
function store(options: { maxRows?: number } = {}) {
  const requests: FeaturesTrainingSetRequest[] = [];
  const send = async (request: FeaturesTrainingSetRequest): Promise<FeaturesTrainingSetResponse> => {
    requests.push(request);
    if (options.maxRows !== undefined && request.rows.length > options.maxRows) {
      throw new BusError('VALIDATION_FAILED', 'too large', {
        reason: REPLY_TOO_LARGE,
        maxRows: options.maxRows,
      });
    }
    return {
      names: ['intent.clicks_7d', 'traits.plan'],
      types: ['number', 'category'],
      rows: request.rows.map((r) => ({
        ...r,
        values: [Date.parse(r.at) % 1000, r.profileId === A ? 'pro, "x"' : null],
      })),
    };
  };
  return { requests, send };
}

async function* generated(count: number, reads: { n: number }): AsyncGenerator<TrainingInputRow> {
  for (let i = 0; i < count; i++) {
    reads.n += 1;
    yield {
      line: i + 2,
      profile: i % 2 ? B : A,
      at: new Date(Date.UTC(2024, 4, 1) + i).toISOString(),
      label: String(i % 3),
    };
  }
}

describe('writeTrainingSet', () => {
  it('sends chunks of at most `chunk` rows and writes each as it returns, before reading further', async () => {
    const { requests, send } = store();
    const reads = { n: 0 };
    const writes: Array<{ text: string; readSoFar: number }> = [];
    const summary = await writeTrainingSet({
      rows: generated(25, reads),
      file: 'rows.csv',
      write: async (text) => void writes.push({ text, readSoFar: reads.n }),
      send,
      chunk: 10,
    });
    expect(summary).toEqual({ rows: 25, names: ['intent.clicks_7d', 'traits.plan'] });
    expect(requests.map((r) => r.rows.length)).toEqual([10, 10, 5]);
    // The header, then one piece per chunk, each written while later rows were still unread.
    expect(writes.map((w) => w.readSoFar)).toEqual([10, 10, 20, 25]);
    const csv = writes.map((w) => w.text).join('');
    const lines = csv.split('\n');
    expect(lines[0]).toBe('profile_id,timestamp,label,intent.clicks_7d,traits.plan');
    expect(lines[1]).toBe(`${A},2024-05-01T00:00:00.000Z,0,0,"pro, ""x"""`);
    expect(lines[2]).toBe(`${B},2024-05-01T00:00:00.001Z,1,1,`);
    expect(lines).toHaveLength(27);
  });

  it('splits a chunk whose reply would not fit and sends the rest smaller, losing and repeating no row', async () => {
    const { requests, send } = store({ maxRows: 7 });
    let csv = '';
    const summary = await writeTrainingSet({
      rows: generated(30, { n: 0 }),
      file: 'rows.csv',
      write: async (text) => void (csv += text),
      send,
      chunk: 20,
    });
    expect(summary.rows).toBe(30);
    const sent = requests.filter((r) => r.rows.length <= 7);
    expect(sent.flatMap((r) => r.rows.map((row) => row.at))).toEqual(
      Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2024, 4, 1) + i).toISOString()),
    );
    expect(csv.trim().split('\n')).toHaveLength(31);
  });

  it('looks identifiers up once per chunk, and names the line of one nobody has', async () => {
    const { requests, send } = store();
    const lookups: string[] = [];
    const resolve = async (identifier: string) => {
      lookups.push(identifier);
      return identifier === 'email:ann@example.com' ? A : null;
    };
    const rows = (profiles: string[]) =>
      (async function* () {
        for (const [i, profile] of profiles.entries())
          yield { line: i + 2, profile, at: '2024-05-01T00:00:00Z', label: null };
      })();
    await writeTrainingSet({
      rows: rows(['email:ann@example.com', B, 'email:ann@example.com']),
      file: 'rows.csv',
      write: async () => undefined,
      send,
      resolve,
      chunk: 10,
    });
    expect(lookups).toEqual(['email:ann@example.com']);
    expect(requests[0]?.rows.map((r) => r.profileId)).toEqual([A, B, A]);
    await expect(
      writeTrainingSet({
        rows: rows([A, 'email:nobody@example.com']),
        file: 'rows.csv',
        write: async () => undefined,
        send,
        resolve,
        chunk: 10,
      }),
    ).rejects.toThrow('rows.csv line 3: no profile has the identifier email:nobody@example.com');
  });

  it('passes a service error on and refuses a file with no rows', async () => {
    const failing = async () => {
      throw new BusError('VALIDATION_FAILED', 'unknown feature: intent.nope');
    };
    await expect(
      writeTrainingSet({
        rows: generated(3, { n: 0 }),
        file: 'rows.csv',
        write: async () => undefined,
        send: failing,
        chunk: 10,
      }),
    ).rejects.toThrow('unknown feature: intent.nope');
    await expect(
      writeTrainingSet({
        rows: generated(0, { n: 0 }),
        file: 'rows.csv',
        write: async () => undefined,
        send: store().send,
        chunk: 10,
      }),
    ).rejects.toThrow('rows.csv has a header but no rows');
  });
});
