// The IAB Tech Lab Audience Taxonomy 1.1, read from its published TSV (issue #10), so our audiences
// can be mapped to IAB node ids and sent with `segtax: 4` in OpenRTB `user.data`.

export interface IabTaxonomyNode {
  id: string;
  /** null for a top-tier node. */
  parentId: string | null;
  /** The condensed name, e.g. `Demographic | Age Range | 18-20`. */
  name: string;
  /** Tier 1 to Tier 6, empty tiers left out. */
  tiers: string[];
}

const ID_HEADER = 'Unique ID';
const PARENT_HEADER = 'Parent ID';
const NAME_HEADER_PREFIX = 'Condensed Name';
const TIER_HEADER = /^Tier (\d)$/;

/**
 * Parses the taxonomy TSV (header row: an empty first column, then Unique ID, Parent ID, Condensed Name,
 * Tier 1..6, Extension Notes). Columns are found by header name, so a reordered export still parses.
 * Throws on a missing column, a duplicate id or a parent that is not in the file: a broken taxonomy
 * should fail the deploy that ships it, not map audiences to nodes that do not exist.
 */
export function parseIabTaxonomy(tsvText: string): Map<string, IabTaxonomyNode> {
  const lines = tsvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t').map((cell) => cell.trim());
  const idAt = header.indexOf(ID_HEADER);
  const parentAt = header.indexOf(PARENT_HEADER);
  const nameAt = header.findIndex((cell) => cell.startsWith(NAME_HEADER_PREFIX));
  const tierAt = header
    .map((cell, at) => ({ tier: Number(TIER_HEADER.exec(cell)?.[1]), at }))
    .filter(({ tier }) => Number.isInteger(tier))
    .sort((a, b) => a.tier - b.tier)
    .map(({ at }) => at);
  if (idAt < 0 || parentAt < 0 || nameAt < 0 || tierAt.length === 0) {
    throw new Error(`not an IAB Audience Taxonomy TSV: header is ${JSON.stringify(header)}`);
  }

  const nodes = new Map<string, IabTaxonomyNode>();
  for (let row = 1; row < lines.length; row++) {
    const line = lines[row] ?? '';
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const cell = (at: number): string => (cells[at] ?? '').trim();
    const id = cell(idAt);
    if (id === '') throw new Error(`row ${row + 1}: no Unique ID`);
    if (nodes.has(id)) throw new Error(`row ${row + 1}: duplicate Unique ID ${id}`);
    const parent = cell(parentAt);
    nodes.set(id, {
      id,
      parentId: parent === '' ? null : parent,
      // The export ends deeper names with a stray " |"; it is not part of the name.
      name: cell(nameAt).replace(/\s*\|\s*$/, ''),
      tiers: tierAt.map(cell).filter((tier) => tier !== ''),
    });
  }

  for (const node of nodes.values()) {
    if (node.parentId !== null && !nodes.has(node.parentId)) {
      throw new Error(`node ${node.id} names parent ${node.parentId}, which is not in the taxonomy`);
    }
  }
  return nodes;
}
