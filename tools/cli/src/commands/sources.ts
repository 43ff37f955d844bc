import type { SourceViewPayload } from '@cdp/ingestion/contracts';
import { formatTable } from './table.js';

export function formatSources(sources: SourceViewPayload[]): string {
  if (sources.length === 0) return 'no sources yet: npm run cdp -- sources create <name>';
  const rows = sources.map((s) => [
    s.name,
    s.id,
    s.kind,
    s.enabled ? 'enabled' : 'disabled',
    `…${s.writeKeyHint}`,
    s.createdAt,
  ]);
  return formatTable(['name', 'id', 'kind', 'state', 'write key', 'created'], rows);
}

/** The one time a key (and a webhook secret) is shown: say so. */
export function formatNewKey(source: {
  name: string;
  id: string;
  writeKey: string;
  signingSecret?: string | null;
}): string {
  return [
    `source "${source.name}" (${source.id})`,
    `write key:      ${source.writeKey}`,
    ...(source.signingSecret ? [`signing secret: ${source.signingSecret}`] : []),
    'Keep it now: only its hash is stored, so it cannot be shown again.',
  ].join('\n');
}
