import { FEATURE_CATALOG } from '@cdp/feature-store/domain';
import { describe, expect, it } from 'vitest';
import { cellOf, columnsPage } from './training-export.service.js';

const definitions = FEATURE_CATALOG.filter((d) =>
  ['intent.clicks_7d', 'traits.plan', 'ads.ctr_30d'].includes(d.name),
);
const ids = Array.from({ length: 10 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const vectors = ids.map((_, i) => ({
  'intent.clicks_7d': i,
  'traits.plan': i % 2 ? 'pro' : null,
  'ads.ctr_30d': 1 / (i + 3),
}));

describe('columnsPage', () => {
  it('gives one column per definition, aligned with the ids, and the cursor when more may follow', () => {
    const page = columnsPage(definitions, ids.slice(0, 4), vectors.slice(0, 4), true, 1_000_000);
    expect(page.names).toEqual(definitions.map((d) => d.name));
    expect(page.profileIds).toEqual(ids.slice(0, 4));
    const clicks = page.names.indexOf('intent.clicks_7d');
    const plan = page.names.indexOf('traits.plan');
    expect(page.columns[clicks]).toEqual([0, 1, 2, 3]);
    expect(page.columns[plan]).toEqual([null, 'pro', null, 'pro']);
    expect(page.next).toBe(ids[3]);
    expect(columnsPage(definitions, ids.slice(0, 4), vectors.slice(0, 4), false, 1_000_000).next).toBeNull();
  });

  it('stops at the profiles that fit in maxBytes of JSON, and the cursor resumes after the last one kept', () => {
    const whole = columnsPage(definitions, ids, vectors, false, 1_000_000);
    const bytes = Buffer.byteLength(JSON.stringify(whole));
    const cut = columnsPage(definitions, ids, vectors, false, Math.floor(bytes * 0.6));
    expect(cut.profileIds.length).toBeGreaterThan(3);
    expect(cut.profileIds.length).toBeLessThan(10);
    expect(Buffer.byteLength(JSON.stringify(cut))).toBeLessThanOrEqual(Math.floor(bytes * 0.6));
    expect(cut.next).toBe(cut.profileIds.at(-1));
    expect(cut.columns.every((c) => c.length === cut.profileIds.length)).toBe(true);
    // The size is counted from the values (a few bytes of commas and cursor over, never under).
    expect(columnsPage(definitions, ids, vectors, false, bytes + 64).profileIds).toHaveLength(10);
    expect(columnsPage(definitions, ids, vectors, false, bytes - 1).profileIds).toHaveLength(9);
    // One profile always goes, however small the budget, so an export never stalls.
    expect(columnsPage(definitions, ids, vectors, false, 10).profileIds).toEqual([ids[0]]);
  });

  it('answers an empty page as the last one', () => {
    expect(columnsPage(definitions, [], [], false, 1_000)).toMatchObject({ profileIds: [], next: null });
  });
});

describe('cellOf', () => {
  it('keeps each column to its type', () => {
    expect(cellOf('number', 2.5)).toBe(2.5);
    expect(cellOf('number', 'x')).toBeNull();
    expect(cellOf('number', undefined)).toBeNull();
    expect(cellOf('category', 3)).toBe('3');
    expect(cellOf('category', null)).toBeNull();
  });
});
