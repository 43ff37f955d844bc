import type { EventsStats } from '@cdp/ingestion/contracts';
import { formatTable } from './table.js';

export function formatEventStats(stats: EventsStats): string {
  if (stats.sources.length === 0) return 'no sources yet';
  const rows = stats.sources.map((s) => [
    s.name,
    String(s.stored),
    String(s.duplicates),
    String(s.suppressed),
    Object.entries(s.byType)
      .map(([type, n]) => `${type} ${n}`)
      .join(', ') || '-',
    s.lastReceivedAt ?? '-',
  ]);
  rows.push([
    'total',
    String(stats.totals.stored),
    String(stats.totals.duplicates),
    String(stats.totals.suppressed),
    '',
    stats.totals.lastReceivedAt ?? '-',
  ]);
  // suppressed: events of erased people (profiles delete), answered 200 and dropped.
  return formatTable(['source', 'stored', 'duplicates', 'suppressed', 'by type', 'last received'], rows);
}
