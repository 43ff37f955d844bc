import { Injectable } from '@nestjs/common';
import { parseIabTaxonomy } from '@cdp/ad-feeds/domain';
import { IAB_AUDIENCE_TAXONOMY_1_1_TSV } from './iab-audience-taxonomy.data.js';

/** IAB Audience Taxonomy 1.1 names by id, for shares and bid responses (segtax 4). */
@Injectable()
export class IabTaxonomy {
  private readonly nodes = parseIabTaxonomy(IAB_AUDIENCE_TAXONOMY_1_1_TSV);

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  name(id: string): string | undefined {
    return this.nodes.get(id)?.name;
  }
}
