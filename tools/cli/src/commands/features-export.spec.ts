import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeaturesExportRequest, FeaturesExportResponse } from '@cdp/feature-store/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultChunk, openCsvOutput, parseChunk } from './csv-output.js';
import { writeFeatureExport } from './features-export.js';

const dir = mkdtempSync(join(tmpdir(), 'cdp-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = Array.from({ length: 7 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

/** A feature store of seven profiles answering FEATURES_EXPORT pages. */
function store() {
  const requests: FeaturesExportRequest[] = [];
  const send = async (request: FeaturesExportRequest): Promise<FeaturesExportResponse> => {
    requests.push(request);
    const start = request.after ? ids.indexOf(request.after) + 1 : 0;
    const limit = request.limit ?? 1_000;
    const page = ids.slice(start, start + limit);
    return {
      names: ['intent.clicks_7d', 'traits.country', 'ads.ctr_30d'],
      types: ['number', 'category', 'number'],
      profileIds: page,
      columns: [
        page.map((id) => ids.indexOf(id)),
        page.map((id) => (ids.indexOf(id) % 3 === 0 ? 'Korea, Republic of' : null)),
        page.map((id) => (ids.indexOf(id) % 2 ? 1 / 3 : null)),
      ],
      next: page.length === limit ? (page.at(-1) ?? null) : null,
    };
  };
  return { requests, send };
}

describe('writeFeatureExport', () => {
  it('writes a header and one line per profile, a page at a time, in id order', async () => {
    const { requests, send } = store();
    const pieces: string[] = [];
    const progress: number[] = [];
    const summary = await writeFeatureExport({
      write: async (text) => void pieces.push(text),
      send,
      names: ['intent.clicks_7d', 'traits.country', 'ads.ctr_30d'],
      asOf: '2024-05-01T00:00:00Z',
      chunk: 3,
      onProgress: (n) => progress.push(n),
    });
    expect(summary).toEqual({ profiles: 7, names: ['intent.clicks_7d', 'traits.country', 'ads.ctr_30d'] });
    expect(requests.map((r) => [r.after ?? null, r.limit, r.asOf])).toEqual([
      [null, 3, '2024-05-01T00:00:00Z'],
      [ids[2], 3, '2024-05-01T00:00:00Z'],
      [ids[5], 3, '2024-05-01T00:00:00Z'],
    ]);
    expect(progress).toEqual([3, 6, 7]);
    expect(pieces).toHaveLength(4);
    const lines = pieces.join('').split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'profile_id,intent.clicks_7d,traits.country,ads.ctr_30d',
      `${ids[0]},0,"Korea, Republic of",`,
      `${ids[1]},1,,0.3333333333333333`,
      `${ids[2]},2,,`,
    ]);
    expect(lines.slice(1, -1).map((l) => l.slice(0, 36))).toEqual(ids);
  });
});

describe('openCsvOutput', () => {
  it('writes beside the target and takes its name only when complete', async () => {
    const target = join(dir, 'matrix.csv');
    const output = openCsvOutput(target);
    await output.write('a,b\n');
    expect(existsSync(target)).toBe(false);
    await output.close();
    expect(readFileSync(target, 'utf8')).toBe('a,b\n');
    expect(existsSync(`${target}.partial`)).toBe(false);
  });

  it('leaves nothing behind when aborted', async () => {
    const target = join(dir, 'failed.csv');
    const output = openCsvOutput(target);
    await output.write('a,b\n');
    await output.abort();
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.partial`)).toBe(false);
  });
});

describe('chunk sizes', () => {
  it('fits a reply in one bus message by default, within the contract limit', () => {
    expect(defaultChunk(90, 2_000)).toBeGreaterThan(200);
    expect(defaultChunk(90, 2_000)).toBeLessThan(600);
    expect(defaultChunk(2, 2_000)).toBe(2_000);
    expect(parseChunk('500', 2_000)).toBe(500);
    expect(() => parseChunk('2001', 2_000)).toThrow('--chunk must be a whole number from 1 to 2000');
    expect(() => parseChunk('1.5', 2_000)).toThrow('--chunk');
  });
});
