import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIabTaxonomy } from './iab-taxonomy.js';

// libs/ad-feeds/domain/src → the repository root → its sibling shared/data.
const TSV_PATH = resolve(import.meta.dirname, '../../../../../shared/data/iab-audience-taxonomy-1.1.tsv');

describe('parseIabTaxonomy on the published Audience Taxonomy 1.1', () => {
  const taxonomy = parseIabTaxonomy(readFileSync(TSV_PATH, 'utf8'));

  it('reads all 1,558 nodes', () => {
    expect(taxonomy.size).toBe(1558);
  });

  it('reads a top-tier node', () => {
    expect(taxonomy.get('1')).toEqual({
      id: '1',
      parentId: null,
      name: 'Demographic',
      tiers: ['Demographic'],
    });
  });

  it('reads a leaf, dropping the trailing separator from its condensed name', () => {
    expect(taxonomy.get('3')).toEqual({
      id: '3',
      parentId: '2',
      name: 'Demographic | Age Range | 18-20',
      tiers: ['Demographic', 'Age Range', '18-20'],
    });
    expect(taxonomy.get('50')).toEqual({
      id: '50',
      parentId: '48',
      name: 'Demographic | Gender | Male',
      tiers: ['Demographic', 'Gender', 'Male'],
    });
  });

  it('keeps every tier of a deep node, up to Tier 6', () => {
    expect(taxonomy.get('1000')).toEqual({
      id: '1000',
      parentId: '999',
      name: 'Purchase Intent* | Consumer Packaged Goods | Bottled Water',
      tiers: ['Purchase Intent*', 'Consumer Packaged Goods', 'Edible', 'Beverages', 'Water', 'Bottled Water'],
    });
  });

  it('links every node to a parent in the file', () => {
    for (const node of taxonomy.values()) {
      if (node.parentId !== null) expect(taxonomy.has(node.parentId)).toBe(true);
    }
  });
});

describe('parseIabTaxonomy on broken input', () => {
  const header =
    '\tUnique ID\tParent ID\tCondensed Name (1st, 2nd, Last Tier)\tTier 1\tTier 2\t*Extension Notes';

  it('rejects a file without the expected columns', () => {
    expect(() => parseIabTaxonomy('id\tname\n1\tx')).toThrow(/not an IAB Audience Taxonomy TSV/);
  });

  it('rejects duplicate ids and dangling parents', () => {
    expect(() => parseIabTaxonomy(`${header}\n\t1\t\tA\tA\t\t\n\t1\t\tB\tB\t\t`)).toThrow(/duplicate/);
    expect(() => parseIabTaxonomy(`${header}\n\t2\t9\tA | B\tA\tB\t`)).toThrow(/parent 9/);
  });

  it('accepts LF line endings and a trailing blank line', () => {
    const taxonomy = parseIabTaxonomy(`${header}\n\t1\t\tA\tA\t\t\n\t2\t1\tA | B |\tA\tB\t\n`);
    expect(taxonomy.get('2')).toEqual({ id: '2', parentId: '1', name: 'A | B', tiers: ['A', 'B'] });
  });
});
