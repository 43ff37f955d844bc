import { createHash } from 'node:crypto';
import type { Compute, EventFilter, FeatureDefinition, Measure } from './definition.js';

/** A filter with its lists sorted: equal filters, equal text. */
export function canonicalFilter(filter: EventFilter): string {
  const sorted = (list: readonly string[] | undefined) => (list ? [...list].sort() : undefined);
  return JSON.stringify({
    type: sorted(filter.type),
    event: sorted(filter.event),
    name: sorted(filter.name),
  });
}

/** The measure with its filter's lists sorted and keys in a fixed order: equal measures, equal text. */
function canonical(measure: Measure): string {
  return `{"kind":${JSON.stringify(measure.kind)},${
    'value' in measure ? `"value":${JSON.stringify(measure.value)},` : ''
  }"filter":${canonicalFilter(measure.filter)}}`;
}

/**
 * A measure's stable key (`m_` + 16 hex of SHA-256 over its canonical form): what the online state
 * and the offline SQL name it by. Two features reading the same measure share it.
 */
export function measureKey(measure: Measure): string {
  return `m_${createHash('sha256').update(canonical(measure)).digest('hex').slice(0, 16)}`;
}

/** The measures a compute reads. */
export function measuresOfCompute(compute: Compute): Measure[] {
  switch (compute.op) {
    case 'value':
      return [compute.measure];
    case 'ratio':
      return [compute.numerator, compute.denominator];
    case 'mean':
      return [compute.sum, compute.count];
    case 'recencyDays':
      return [compute.latest];
    case 'top':
    case 'share':
      return [compute.countBy];
    case 'category':
      return [compute.last];
    case 'rfm':
      return [compute.latest, compute.orders, compute.revenue];
  }
}

/** Every measure the definitions read, by key, each once. */
export function measuresOf(definitions: readonly FeatureDefinition[]): Map<string, Measure> {
  const measures = new Map<string, Measure>();
  for (const definition of definitions) {
    for (const measure of measuresOfCompute(definition.compute)) measures.set(measureKey(measure), measure);
  }
  return measures;
}
