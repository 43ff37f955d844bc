import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NormalizedEvent } from '@cdp/ingestion/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { runImport, type ImportProgress } from './run-import.js';

const dir = mkdtempSync(join(tmpdir(), 'cdp-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADS = resolve(import.meta.dirname, '../../../../data/user_profiles_for_ads.csv');

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function collector(): { slices: NormalizedEvent[][]; publish(events: NormalizedEvent[]): Promise<void> } {
  const slices: NormalizedEvent[][] = [];
  return {
    slices,
    async publish(events) {
      slices.push(events);
    },
  };
}

describe('runImport', () => {
  it('turns user_profiles_for_ads.csv into 1,000 identify calls with 15 typed traits, in slices', async () => {
    const sink = collector();
    const progress: ImportProgress[] = [];
    const report = await runImport({
      file: ADS,
      kind: 'profiles',
      chunkSize: 300,
      publish: (e) => sink.publish(e),
      onProgress: (p) => progress.push(p),
    });
    expect(report).toMatchObject({ rows: 1_000, imported: 1_000, rejected: 0, format: 'csv' });
    expect(sink.slices.map((s) => s.length)).toEqual([300, 300, 300, 100]);
    const events = sink.slices.flat();
    expect(new Set(events.map((e) => e.userId)).size).toBe(1_000);
    expect(events.every((e) => e.type === 'identify' && Object.keys(e.traits ?? {}).length === 15)).toBe(
      true,
    );
    const fourth = events.find((e) => e.userId === '4');
    expect(fourth?.traits).toMatchObject({
      age: '35-44',
      gender: 'Female',
      likesAndReactions: 9182,
      clickThroughRatesCtr: 0.093,
      incomeLevel: '100k+',
      topInterests: ['Gaming', 'DIY Crafts'],
    });
    expect(progress.at(-1)).toMatchObject({ rows: 1_000, imported: 1_000 });
    expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.bytesTotal);
  });

  it('keeps good rows and reports each bad one with its line number', async () => {
    const path = file(
      'profiles.csv',
      [
        'user_id,Age,Top Interests',
        '1,25-34,"Gaming, Travel"',
        ',35-44,Travel', // line 3: no id
        '3,45-54', // line 4: a field short
        '4,"multi',
        'line",x', // a quoted field over two lines: one row, starting on line 5
        '5,65+,Food',
      ].join('\n'),
    );
    const sink = collector();
    const report = await runImport({ file: path, kind: 'profiles', publish: (e) => sink.publish(e) });
    expect(report).toMatchObject({ rows: 5, imported: 3, rejected: 2 });
    expect(report.rejectedRows.map((r) => r.line)).toEqual([3, 4]);
    expect(report.rejectedRows[0]?.errors[0]?.field).toMatch(/user_id/);
    expect(sink.slices.flat().map((e) => e.userId)).toEqual(['1', '4', '5']);
  });

  it('imports NDJSON events, rejecting lines that are not JSON or break the call rules', async () => {
    const path = file(
      'events.ndjson',
      [
        JSON.stringify({ type: 'track', userId: 'u1', event: 'Clicked', timestamp: '2026-01-01T00:00:00Z' }),
        '{"type": "track", ',
        '',
        JSON.stringify({ type: 'track', event: 'Nobody' }),
        JSON.stringify({ type: 'page', anonymousId: 'a1', name: 'Home', messageId: 'm-page' }),
      ].join('\n'),
    );
    const sink = collector();
    const report = await runImport({ file: path, kind: 'events', publish: (e) => sink.publish(e) });
    expect(report).toMatchObject({ rows: 4, imported: 2, rejected: 2, format: 'ndjson' });
    expect(report.rejectedRows.map((r) => r.line)).toEqual([2, 4]);
    expect(report.rejectedRows[0]?.errors[0]?.message).toMatch(/not valid JSON/);
    const [track, page] = sink.slices.flat();
    expect(track).toMatchObject({ event: 'Clicked', timestamp: '2026-01-01T00:00:00.000Z' });
    expect(page).toMatchObject({ messageId: 'm-page', name: 'Home' });
  });

  it('keeps each published slice under the bus message limit, however large the events', async () => {
    const big = 'x'.repeat(30_000);
    const lines = Array.from({ length: 60 }, (_, i) =>
      JSON.stringify({ type: 'track', userId: `u${i}`, event: 'Big', properties: { big } }),
    );
    const sink = collector();
    const report = await runImport({
      file: file('big.ndjson', lines.join('\n')),
      kind: 'events',
      publish: (e) => sink.publish(e),
    });
    expect(report.imported).toBe(60);
    expect(sink.slices.length).toBeGreaterThan(1);
    for (const slice of sink.slices) expect(JSON.stringify(slice).length).toBeLessThan(600 * 1024);
  });

  it('gives the same messageIds when the same file is imported again', async () => {
    const path = file(
      'again.csv',
      'type,userId,event,properties.price\ntrack,u1,Bought,9.5\ntrack,u2,Bought,3\n',
    );
    const ids = async () => {
      const sink = collector();
      await runImport({ file: path, kind: 'events', publish: (e) => sink.publish(e) });
      return sink.slices.flat().map((e) => e.messageId);
    };
    const first = await ids();
    expect(first).toHaveLength(2);
    expect(await ids()).toEqual(first);
  });
});
