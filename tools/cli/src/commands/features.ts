import cliProgress from 'cli-progress';
import type { BackfillStatus, FeatureInfo, ProfileFeatures } from '@cdp/feature-store/contracts';
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

export interface BackfillProgressReporter {
  update(status: BackfillStatus): void;
  stop(): void;
}

/** A bar on a terminal, a line every 10% otherwise (logs, CI). */
export function backfillProgress(tty: boolean): BackfillProgressReporter {
  if (tty) {
    const bar = new cliProgress.SingleBar(
      {
        format:
          '{what} [{bar}] {percentage}% | {value}/{total} profiles, {events} events, {mismatches} mismatches',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(s) {
        const payload = {
          what: s.verifyOnly ? 'verifying' : 'backfilling',
          events: s.events,
          mismatches: s.mismatches,
        };
        if (!started) {
          bar.start(Math.max(1, s.profilesTotal), s.profilesDone, payload);
          started = true;
        }
        bar.setTotal(Math.max(1, s.profilesTotal));
        bar.update(s.profilesDone, payload);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let reported = -1;
  return {
    update(s) {
      const tenth = s.profilesTotal > 0 ? Math.floor((10 * s.profilesDone) / s.profilesTotal) : 0;
      if (tenth === reported) return;
      reported = tenth;
      process.stderr.write(
        `${s.verifyOnly ? 'verified' : 'backfilled'} ${s.profilesDone}/${s.profilesTotal} profiles\n`,
      );
    },
    stop() {},
  };
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
