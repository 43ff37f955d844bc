import { readFileSync } from 'node:fs';
import type { AUDIENCE_ESTIMATE, AUDIENCE_MEMBERS, AudienceView } from '@cdp/activation/contracts';
import { csvRow } from '@cdp/feature-store/contracts';
import type { RequestContract } from '@cdp/shared/contracts';
import { formatTable } from './table.js';
import { minute, percent } from './format.js';

export type EstimateReply =
  typeof AUDIENCE_ESTIMATE extends RequestContract<unknown, infer Reply> ? Reply : never;

export type MembersRequest =
  typeof AUDIENCE_MEMBERS extends RequestContract<infer Request, unknown> ? Request : never;

export type MembersReply =
  typeof AUDIENCE_MEMBERS extends RequestContract<unknown, infer Reply> ? Reply : never;

export type AudienceMember = MembersReply['members'][number];

/**
 * A JSON flag (`--rule`, `--config`, `--template`): inline JSON, or `@file.json` for a file's. Every
 * error names the flag, so a typo fails here, before anything is sent.
 */
export function readJsonArgument(
  flag: string,
  text: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): unknown {
  if (!text.startsWith('@'))
    return parseJson(text, `${flag} is not valid JSON`, '; give JSON in quotes or @file.json');
  const file = text.slice(1);
  if (!file) throw new Error(`${flag} @<file>: the file name is missing after @`);
  let json: string;
  try {
    json = readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new Error(`${flag} ${text}: cannot read ${file}: ${why}`, { cause: error });
  }
  return parseJson(json, `${flag} ${text}: ${file} is not valid JSON`, '');
}

function parseJson(json: string, what: string, hint: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch (error) {
    throw new Error(`${what} (${error instanceof Error ? error.message : String(error)})${hint}`, {
      cause: error,
    });
  }
}

/** A JSON flag whose value must be an object (`--config`, `--template`). */
export function readJsonObject(
  flag: string,
  text: string,
  readFile?: (path: string) => string,
): Record<string, unknown> {
  const value = readJsonArgument(flag, text, readFile);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(
      `${flag} must be a JSON object ({ ... }), not ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}`,
    );
  return value as Record<string, unknown>;
}

/** `--limit`, `--cap-day`, ...: a whole number from `min` to `max`, or an error naming the flag. */
export function parseWhole(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\s*-?\d+\s*$/.test(text)) throw new Error(`${flag} must be a whole number, not "${text}"`);
  const n = Number(text);
  if (n < min || n > max)
    throw new Error(
      `${flag} must be ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`}, not ${n}`,
    );
  return n;
}

/** `--holdout`, `--confidence`: a decimal number, or an error naming the flag. */
export function parseDecimal(flag: string, text: string): number {
  if (!/^\s*-?(\d+\.?\d*|\.\d+)\s*$/.test(text)) throw new Error(`${flag} must be a number, not "${text}"`);
  return Number(text);
}

interface PathMessage {
  path: string | Array<string | number>;
  message: string;
}

function isPathMessage(value: unknown): value is PathMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { path, message } = value as Record<string, unknown>;
  return (typeof path === 'string' || Array.isArray(path)) && typeof message === 'string';
}

/**
 * The lines of an error's `details` worth printing: every `{ path, message }` in a list (the rule
 * errors VALIDATION_FAILED carries), one per line; `''` is the rule itself. Other details print nothing.
 */
export function errorDetailLines(details: Record<string, unknown> | undefined): string[] {
  if (!details) return [];
  const lines: string[] = [];
  for (const value of Object.values(details)) {
    if (!Array.isArray(value)) continue;
    for (const item of value) {
      if (!isPathMessage(item)) continue;
      const path = Array.isArray(item.path) ? item.path.join('.') : item.path;
      lines.push(`${path === '' ? '(rule)' : path}: ${item.message}`);
    }
  }
  return lines;
}

/** The list column: long rules are cut, `audiences list --json` has them whole. */
export const RULE_TEXT_WIDTH = 60;

export function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function computed(audience: AudienceView): string {
  return audience.computedAt === null ? 'computing…' : minute(audience.computedAt);
}

/** After `audiences create` and `update`. */
export function formatAudience(audience: AudienceView, verb: 'created' | 'updated'): string {
  return [
    `audience "${audience.name}" ${verb}: ${audience.size} profiles`,
    `id ${audience.id}, key ${audience.key}, rule version ${audience.ruleVersion}`,
    `rule: ${audience.ruleText}`,
    ...(audience.description ? [`description: ${audience.description}`] : []),
    audience.computedAt === null
      ? 'membership is being computed (see `audiences list`)'
      : `membership computed ${minute(audience.computedAt)}`,
  ].join('\n');
}

export function formatAudiences(audiences: readonly AudienceView[]): string {
  if (audiences.length === 0)
    return 'no audiences yet (create one with `cdp audiences create <name> --rule <json>`)';
  return formatTable(
    ['name', 'size', 'rule', 'version', 'computed'],
    audiences.map((a) => [
      a.name,
      String(a.size),
      truncate(a.ruleText, RULE_TEXT_WIDTH),
      String(a.ruleVersion),
      computed(a),
    ]),
  );
}

export function formatEstimate(estimate: EstimateReply): string {
  return [
    `${estimate.size} of ${estimate.profiles} profiles (${percent(estimate.share)})`,
    `rule: ${estimate.ruleText}`,
    `estimated in ${Math.round(estimate.ms)} ms`,
  ].join('\n');
}

/** Members per AUDIENCE_MEMBERS request: a member is ~80 bytes of JSON, well within one reply. */
export const MEMBERS_PAGE = 2_000;

export interface MembersOptions {
  audience: string;
  /** At most this many members; undefined for every one. */
  limit?: number;
  /** Members per request (at most the contract's 10,000). */
  pageSize: number;
  send(request: MembersRequest): Promise<MembersReply>;
  /** Each page as it comes (written out, or kept). */
  onPage(members: AudienceMember[]): Promise<void> | void;
}

export interface MembersSummary {
  audienceId: string;
  size: number;
  fetched: number;
}

/**
 * Pages through an audience's members (`after` = the previous page's `next`) until the last page or
 * `limit`; each page is handed to `onPage` and dropped, so `--all --out` holds one page in memory.
 */
export async function pageMembers(options: MembersOptions): Promise<MembersSummary> {
  let after: string | undefined;
  let fetched = 0;
  for (;;) {
    const want =
      options.limit === undefined ? options.pageSize : Math.min(options.pageSize, options.limit - fetched);
    const page = await options.send({ audience: options.audience, limit: want, ...(after ? { after } : {}) });
    const members =
      options.limit === undefined ? page.members : page.members.slice(0, options.limit - fetched);
    if (members.length > 0) await options.onPage(members);
    fetched += members.length;
    const done =
      page.next === null || members.length === 0 || (options.limit !== undefined && fetched >= options.limit);
    if (done) return { audienceId: page.audienceId, size: page.size, fetched };
    after = page.next ?? undefined;
  }
}

export const MEMBERS_CSV_HEADER = csvRow(['profile_id', 'entered_at']);

export function membersCsv(members: readonly AudienceMember[]): string {
  let text = '';
  for (const m of members) text += csvRow([m.profileId, m.enteredAt]);
  return text;
}

export function formatMembers(summary: MembersSummary, members: readonly AudienceMember[]): string {
  if (members.length === 0) return `audience ${summary.audienceId} has no members`;
  const table = formatTable(
    ['profile id', 'entered'],
    members.map((m) => [m.profileId, minute(m.enteredAt)]),
  );
  const footer =
    members.length < summary.size
      ? `${members.length} of ${summary.size} members, oldest entry first (--limit N or --all for more)`
      : `${summary.size} members`;
  return `${table}\n${footer}`;
}
