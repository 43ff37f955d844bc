import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, exportMatrix, matrixChunkCsv, toMatrixChunk } from './feature-matrix.js';
import {
  FEATURES_EXPORT,
  type FeaturesExportRequest,
  type FeaturesExportResponse,
} from './features-export.schemas.js';

const ids = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`);

function page(profileIds: string[], next: string | null): FeaturesExportResponse {
  return {
    names: ['intent.clicks_7d', 'traits.plan', 'ads.ctr_30d'],
    types: ['number', 'category', 'number'],
    profileIds,
    columns: [
      profileIds.map((_, i) => i),
      profileIds.map((_, i) => (i % 2 ? null : `plan ${i}`)),
      profileIds.map((_, i) => (i % 2 ? 0.1 + 0.2 : null)),
    ],
    next,
  };
}

describe('toMatrixChunk', () => {
  it('turns number columns into Float64Arrays (null is NaN) and keeps categories as strings, aligned with the ids', () => {
    const chunk = toMatrixChunk(page(ids(3), null));
    expect(chunk.profileIds).toEqual(ids(3));
    expect(chunk.names).toEqual(['intent.clicks_7d', 'traits.plan', 'ads.ctr_30d']);
    expect(chunk.numeric.get('intent.clicks_7d')).toEqual(new Float64Array([0, 1, 2]));
    const ctr = chunk.numeric.get('ads.ctr_30d');
    expect(ctr).toBeInstanceOf(Float64Array);
    expect([...(ctr ?? [])].map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(['NaN', 0.1 + 0.2, 'NaN']);
    expect(chunk.categorical.get('traits.plan')).toEqual(['plan 0', null, 'plan 2']);
    expect(chunk.numeric.has('traits.plan')).toBe(false);
  });

  it('refuses a column that is not as long as the ids, or a number column holding a string', () => {
    const short = page(ids(3), null);
    short.columns[0] = [1, 2];
    expect(() => toMatrixChunk(short)).toThrow(/intent\.clicks_7d has 2 values for 3 profiles/);
    const mixed = page(ids(2), null);
    mixed.columns[2] = ['0.5', null];
    expect(() => toMatrixChunk(mixed)).toThrow(/ads\.ctr_30d/);
  });

  it('is what the contract lets through: a misaligned reply fails its schema', () => {
    const bad = page(ids(3), null);
    bad.columns[1] = ['a'];
    expect(FEATURES_EXPORT.response.safeParse(bad).success).toBe(false);
    expect(FEATURES_EXPORT.response.safeParse(page(ids(3), null)).success).toBe(true);
  });
});

describe('exportMatrix', () => {
  /** A store of `total` profiles answering FEATURES_EXPORT pages, recording the requests. */
  function store(total: number) {
    const all = ids(total);
    const requests: FeaturesExportRequest[] = [];
    const send = async (request: FeaturesExportRequest) => {
      requests.push(request);
      const start = request.after ? all.indexOf(request.after) + 1 : 0;
      const limit = request.limit ?? 1_000;
      const slice = all.slice(start, start + limit);
      return page(slice, slice.length === limit ? (slice.at(-1) ?? null) : null);
    };
    return { all, requests, send };
  }

  it('pages until next is null, one chunk per page, each profile once and in order', async () => {
    const { all, requests, send } = store(7);
    const chunks = [];
    for await (const chunk of exportMatrix(send, { limit: 3, names: ['x'], asOf: '2024-01-01T00:00:00Z' })) {
      chunks.push(chunk);
    }
    expect(chunks.map((c) => c.profileIds.length)).toEqual([3, 3, 1]);
    expect(chunks.flatMap((c) => c.profileIds)).toEqual(all);
    expect(requests).toEqual([
      { limit: 3, names: ['x'], asOf: '2024-01-01T00:00:00Z' },
      { after: all[2], limit: 3, names: ['x'], asOf: '2024-01-01T00:00:00Z' },
      { after: all[5], limit: 3, names: ['x'], asOf: '2024-01-01T00:00:00Z' },
    ]);
  });

  it('skips a last empty page, but yields one empty chunk for an empty store (names and types still known)', async () => {
    const six = [];
    for await (const chunk of exportMatrix(store(6).send, { limit: 3 })) six.push(chunk.profileIds.length);
    expect(six).toEqual([3, 3]);
    const none = [];
    for await (const chunk of exportMatrix(store(0).send)) none.push(chunk);
    expect(none).toHaveLength(1);
    expect(none[0]?.profileIds).toEqual([]);
    expect(none[0]?.names).toHaveLength(3);
  });

  it('stops with an error instead of paging forever when the cursor does not move', async () => {
    const stuck = async () => page([], ids(1)[0] ?? null);
    await expect(async () => {
      for await (const chunk of exportMatrix(stuck)) void chunk;
    }).rejects.toThrow(/did not advance/);
  });
});

describe('CSV', () => {
  it('quotes cells with a comma, a quote or a line break (RFC 4180), and only those', () => {
    expect(csvRow(['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r', ' spaced '])).toBe(
      'plain,"a,b","say ""hi""","two\nlines","cr\r", spaced \n',
    );
  });

  it('writes null, undefined and NaN as an empty cell, and the empty string as "" to keep it apart', () => {
    expect(csvRow([null, undefined, NaN, '', 0])).toBe(',,,"",0\n');
  });

  it('writes numbers in full: the text reads back as the same double', () => {
    for (const n of [0.1 + 0.2, 1 / 3, 1e-7, 123456789012345680000, -0.5, 2 ** 53 + 2, Number.MIN_VALUE]) {
      expect(Number(csvCell(n))).toBe(n);
    }
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(Infinity)).toBe('');
  });

  it('writes a chunk one line per profile with its own values, in name order', () => {
    const chunk = toMatrixChunk(page(ids(3), null));
    expect(matrixChunkCsv(chunk)).toBe(
      [`${ids(3)[0]},0,plan 0,`, `${ids(3)[1]},1,,0.30000000000000004`, `${ids(3)[2]},2,plan 2,`, ''].join(
        '\n',
      ),
    );
  });
});
