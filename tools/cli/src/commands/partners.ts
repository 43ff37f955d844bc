import { PARTNER_CREATE, PARTNER_KEYS, type PARTNER_REPORT, type PartnerView } from '@cdp/ad-feeds/contracts';
import type { RequestContract } from '@cdp/shared/contracts';
import { parseDecimal, parseWhole } from './audiences.js';
import { minute } from './format.js';
import { formatTable } from './table.js';

export type PartnerCreateRequest =
  typeof PARTNER_CREATE extends RequestContract<infer Request, unknown> ? Request : never;

export type PartnerKeysRequest =
  typeof PARTNER_KEYS extends RequestContract<infer Request, unknown> ? Request : never;

export type PartnerKeysReply =
  typeof PARTNER_KEYS extends RequestContract<unknown, infer Reply> ? Reply : never;

export type PartnerReport =
  typeof PARTNER_REPORT extends RequestContract<unknown, infer Reply> ? Reply : never;

export type PartnerKey = PartnerView['keys'][number];

/** The flags of `partners create` as commander hands them over: text, or absent. */
export interface PartnerCreateFlags {
  platform: string;
  deviceIds?: string;
  minSize?: string;
  dpEpsilon?: string;
  rate?: string;
}

/** Which flag sets each part of a request, for the contract's errors. */
const FLAG_OF: Record<string, string> = {
  name: '<name>',
  platform: '--platform',
  deviceIds: '--device-ids',
  minAudienceSize: '--min-size',
  dpEpsilon: '--dp-epsilon',
  ratePerSecond: '--rate',
  keyId: '--revoke',
  graceMinutes: '--grace-minutes',
};

/**
 * `request` as the contract reads it (its defaults filled in, so the request says what the service
 * will do); otherwise every problem, named by its flag.
 */
function checked<T>(contract: RequestContract<T, unknown>, request: unknown, what: string): T {
  const result = contract.request.safeParse(request);
  if (result.success) return result.data;
  throw new Error(
    result.error.issues
      .map((issue) => {
        const path = issue.path.map(String).join('.');
        return `${FLAG_OF[path] ?? (path || what)}: ${issue.message}`;
      })
      .join('; '),
  );
}

/**
 * `partners create <name>` and its flags as a PARTNER_CREATE request: only the options given (the
 * contract fills in the rest). Checked before anything is sent; every error names its flag.
 */
export function parsePartnerCreate(name: string, flags: PartnerCreateFlags): PartnerCreateRequest {
  const request = {
    name,
    platform: flags.platform,
    ...(flags.deviceIds !== undefined ? { deviceIds: flags.deviceIds } : {}),
    ...(flags.minSize !== undefined
      ? { minAudienceSize: parseWhole('--min-size', flags.minSize, 1, 1_000_000) }
      : {}),
    ...(flags.dpEpsilon !== undefined ? { dpEpsilon: parseDecimal('--dp-epsilon', flags.dpEpsilon) } : {}),
    ...(flags.rate !== undefined ? { ratePerSecond: parseWhole('--rate', flags.rate, 1, 1_000_000) } : {}),
  };
  return checked(PARTNER_CREATE, request, 'partner');
}

/** `--iab 123,456`: IAB Audience Taxonomy ids, numbers separated by commas. */
export function parseIab(text: string): string[] {
  const ids = text
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const bad = ids.filter((id) => !/^\d+$/.test(id));
  if (bad.length > 0)
    throw new Error(
      `--iab takes IAB Audience Taxonomy ids, numbers separated by commas (e.g. 123,456), not ${bad.map((b) => `"${b}"`).join(', ')}`,
    );
  return ids;
}

/** The flags of `partners keys` as commander hands them over. */
export interface PartnerKeysFlags {
  rotate?: boolean;
  graceMinutes?: string;
  revoke?: string;
}

/** `partners keys <partner> [--rotate [--grace-minutes N]] [--revoke <keyId>]` as a PARTNER_KEYS request. */
export function parsePartnerKeys(partner: string, flags: PartnerKeysFlags): PartnerKeysRequest {
  if (flags.rotate && flags.revoke !== undefined) throw new Error('give --rotate or --revoke, not both');
  if (flags.graceMinutes !== undefined && !flags.rotate)
    throw new Error('--grace-minutes is for --rotate (how long the old keys keep working)');
  const request = flags.rotate
    ? {
        partner,
        action: 'rotate',
        ...(flags.graceMinutes !== undefined
          ? { graceMinutes: parseWhole('--grace-minutes', flags.graceMinutes, 0, 10_080) }
          : {}),
      }
    : flags.revoke !== undefined
      ? { partner, action: 'revoke', keyId: flags.revoke }
      : { partner, action: 'list' };
  return checked(PARTNER_KEYS, request, 'keys');
}

/** Works at `now`: never revoked, or revoked with a grace period not over yet. */
export function isLive(key: PartnerKey, now: Date): boolean {
  return key.revokedAt === null || Date.parse(key.revokedAt) > now.getTime();
}

function epsilon(partner: PartnerView): string {
  return partner.dpEpsilon === null ? 'exact' : String(partner.dpEpsilon);
}

const KEY_WARNING = 'Keep it now: only its hash is stored, so it is not shown again.';

/** After `partners create`: the partner, and its feed key, the one time it is shown. */
export function formatNewPartner(partner: PartnerView, key: string): string {
  return [
    `partner "${partner.name}" (${partner.platform}), id ${partner.id}`,
    `device ids ${partner.deviceIds}, min audience size ${partner.minAudienceSize}, ` +
      `counts ${partner.dpEpsilon === null ? 'exact' : `noised (ε = ${partner.dpEpsilon})`}, ` +
      `${partner.ratePerSecond} requests/s per key`,
    `feed key: ${key}`,
    KEY_WARNING,
    'Share audiences with `cdp partners share <partner> <audience>`.',
  ].join('\n');
}

/** The list column: a few names, then how many more (`partners list --json` has them all). */
export const SHARED_NAMES_SHOWN = 3;

function sharedNames(partner: PartnerView): string {
  if (partner.shares.length === 0) return '—';
  const names = partner.shares.slice(0, SHARED_NAMES_SHOWN).map((s) => s.audienceName);
  const more = partner.shares.length - names.length;
  return more > 0 ? `${names.join(', ')} +${more} more` : names.join(', ');
}

/** `delta of <audience>, 42 rows, 30 min ago`, or `never`. */
function lastPull(p: PartnerView, now: Date): string {
  const pull = p.lastPulls[0];
  if (!pull) return 'never';
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(pull.at)) / 60_000));
  const ago = minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
  return `${pull.kind} of ${pull.audienceName}, ${pull.rows} rows${pull.complete ? '' : ' (cut short)'}, ${ago}`;
}

export function formatPartners(partners: readonly PartnerView[], now: Date): string {
  if (partners.length === 0)
    return 'no partners yet (create one with `cdp partners create <name> --platform google|meta|uid2`)';
  return formatTable(
    ['name', 'platform', 'min size', 'epsilon', 'rate/s', 'live keys', 'last pull', 'shared audiences'],
    partners.map((p) => [
      p.name,
      p.platform,
      String(p.minAudienceSize),
      epsilon(p),
      String(p.ratePerSecond),
      String(p.keys.filter((k) => isLive(k, now)).length),
      lastPull(p, now),
      sharedNames(p),
    ]),
  );
}

/** After `partners share`: what the partner reads now. */
export function formatShares(partner: PartnerView, audience: string, removed: boolean): string {
  const head = removed
    ? `audience "${audience}" is no longer shared with "${partner.name}"`
    : `audience "${audience}" is shared with "${partner.name}"`;
  if (partner.shares.length === 0) return `${head}\n"${partner.name}" has no shared audiences`;
  return [
    head,
    formatTable(
      ['audience', 'iab ids', 'shared'],
      partner.shares.map((s) => [
        s.audienceName,
        s.iab.length === 0 ? '—' : s.iab.join(','),
        minute(s.sharedAt),
      ]),
    ),
  ].join('\n');
}

function revoked(key: PartnerKey, now: Date): string {
  if (key.revokedAt === null) return '—';
  return Date.parse(key.revokedAt) > now.getTime()
    ? `stops ${minute(key.revokedAt)}`
    : `revoked ${minute(key.revokedAt)}`;
}

/** `partners keys`: one row a key (its prefix only); after a rotation, the new key, once. */
export function formatKeys(reply: PartnerKeysReply, now: Date): string {
  const table =
    reply.keys.length === 0
      ? 'no keys'
      : formatTable(
          ['id', 'prefix', 'created', 'revoked'],
          reply.keys.map((k) => [k.id, `${k.prefix}…`, minute(k.createdAt), revoked(k, now)]),
        );
  return reply.key === null ? table : [table, `new feed key: ${reply.key}`, KEY_WARNING].join('\n');
}

/** A count as the partner sees it: `< min` when floored, `~N` when noised. */
export function reportedCount(
  count: { count: number | null; floored: boolean; noised: boolean },
  minAudienceSize: number,
): string {
  if (count.floored || count.count === null) return `< ${minAudienceSize}`;
  return count.noised ? `~${count.count}` : String(count.count);
}

/** `partners report`: each shared audience's size and each pair's overlap, as the partner would see them. */
export function formatPartnerReport(report: PartnerReport): string {
  if (report.audiences.length === 0) return 'no audiences are shared with this partner';
  const min = report.minAudienceSize;
  const nameOf = new Map(report.audiences.map((a) => [a.audienceId, a.name]));
  const lines = [
    formatTable(
      ['audience', 'members'],
      report.audiences.map((a) => [a.name, reportedCount(a, min)]),
    ),
  ];
  if (report.overlaps.length > 0)
    lines.push(
      '',
      formatTable(
        ['audience', 'and audience', 'both'],
        report.overlaps.map((o) => [nameOf.get(o.a) ?? o.a, nameOf.get(o.b) ?? o.b, reportedCount(o, min)]),
      ),
    );
  const noised = [...report.audiences, ...report.overlaps].some((c) => c.noised && !c.floored);
  const floored = [...report.audiences, ...report.overlaps].some((c) => c.floored || c.count === null);
  if (floored) lines.push(`< ${min}: below the partner's minimum audience size, not reported`);
  if (noised) lines.push('~: noised count (differential privacy), as the partner receives it');
  return lines.join('\n');
}
