import type { BackfillStatus, FeatureInfo, ProfileFeatures } from '@cdp/feature-store/contracts';
import { jobProgress, type JobProgress } from './job-progress.js';
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

/** Profiles done of the total, with the events read and the mismatches found so far. */
export function backfillProgress(tty: boolean): JobProgress<BackfillStatus> {
  return jobProgress<BackfillStatus>(tty, {
    format:
      '{what} [{bar}] {percentage}% | {value}/{total} profiles, {events} events, {mismatches} mismatches',
    total: (s) => s.profilesTotal,
    done: (s) => s.profilesDone,
    payload: (s) => ({
      what: s.verifyOnly ? 'verifying' : 'backfilling',
      events: s.events,
      mismatches: s.mismatches,
    }),
    line: (s) => `${s.verifyOnly ? 'verified' : 'backfilled'} ${s.profilesDone}/${s.profilesTotal} profiles`,
  });
}

export function formatBackfill(status: BackfillStatus): string {
  const seconds = status.finishedAt
    ? (Date.parse(status.finishedAt) - Date.parse(status.startedAt)) / 1000
    : 0;
  const rate = seconds > 0 ? `, ${Math.round(status.events / seconds)} events/s` : '';
  const what = status.verifyOnly ? 'verified' : 'backfilled';
  const mismatches = status.verifyOnly
    ? status.mismatches === 0
      ? '; online equals the recompute'
      : `; ${status.mismatches} (profile, day) pairs differ from the recompute (run without --verify to repair)`
    : '';
  return `${what} ${status.profilesDone} profiles (${status.events} events) in ${seconds.toFixed(1)} s${rate}${mismatches}`;
}
