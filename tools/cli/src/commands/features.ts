import type { FeatureInfo, ProfileFeatures } from '@cdp/feature-store/contracts';
import { formatTable } from './table.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A profile id as is; anything else is an identifier (`email:ann@example.com`) to look up first. */
export function isProfileId(ref: string): boolean {
  return UUID.test(ref);
}

export function formatFeatures(profile: ProfileFeatures): string {
  const rows = Object.entries(profile.features).map(([name, value]) => [
    name,
    value === null ? '—' : typeof value === 'number' ? formatNumber(value) : value,
  ]);
  return [
    `profile ${profile.profileId}, as of ${profile.asOf}`,
    '',
    formatTable(['feature', 'value'], rows),
  ].join('\n');
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

export function formatCatalog(features: readonly FeatureInfo[]): string {
  return formatTable(
    ['feature', 'group', 'type', 'window', 'version', 'description'],
    features.map((f) => [f.name, f.group, f.type, f.window, String(f.version), f.description]),
  );
}
